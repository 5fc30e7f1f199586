namespace AkkaDifferential;

/// <summary>
/// What a collection did at one closed time: the consolidated changes of its updates at exactly
/// <see cref="Time"/> (one entry per record, with a non-zero difference, in <see cref="DataOrder{T}"/>), and, when
/// the <see cref="ChangeStream{TData, TTime, TDiff}"/> accumulates, the collection's contents at that time.
/// </summary>
/// <param name="Time">The time, which the collection's frontier has passed: nothing at it can change any more.</param>
/// <param name="Changes">The changes at exactly <paramref name="Time"/>, consolidated.</param>
/// <param name="Contents">
/// The collection at <paramref name="Time"/> (the sum of every update at a time ≤ it, without zeros) when the stream
/// was created with <c>accumulate: true</c>; otherwise null.
/// </param>
public sealed record TimeChanges<TData, TTime, TDiff>(
    TTime Time,
    IReadOnlyList<(TData Data, TDiff Diff)> Changes,
    IReadOnlyDictionary<TData, TDiff>? Contents)
    where TData : notnull;
