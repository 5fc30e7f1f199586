namespace AkkaDifferential;

/// <summary>An operator instance threw while processing; the message names the operator, bucket and what it was doing.</summary>
public sealed class OperatorFailedException(string message, Exception inner) : Exception(message, inner);
