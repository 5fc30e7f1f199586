namespace AkkaDifferential;

/// <summary>
/// The user logic of <c>Reduce</c>: given a key and its accumulated input — the distinct values with non-zero
/// multiplicities, sorted by value — append the output values and their multiplicities to <paramref name="output"/>.
/// Called only for keys whose input is not empty. It must be a function of its arguments alone.
/// </summary>
public delegate void ReduceLogic<in TKey, TVal, TDiff, TOut, TDiffOut>(
    TKey key,
    ReadOnlySpan<(TVal Value, TDiff Diff)> input,
    List<(TOut Value, TDiffOut Diff)> output);
