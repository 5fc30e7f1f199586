namespace AkkaDifferential;

/// <summary>A dataflow stopped because one of its operators failed; the inner exception is the operator's failure.</summary>
public sealed class DataflowFailedException(string message, Exception inner) : Exception(message, inner);
