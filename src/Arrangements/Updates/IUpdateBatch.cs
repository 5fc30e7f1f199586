namespace AkkaDifferential.Arrangements.Updates;

/// <summary>
/// An <see cref="UpdateBatch{TData, TTime, TDiff}"/>, whatever its types: a batch of updates that owns its columns
/// and can be copied to another node, as opposed to a trace's advance, which shares the trace's batches by reference.
/// </summary>
internal interface IUpdateBatch : IBatch;
