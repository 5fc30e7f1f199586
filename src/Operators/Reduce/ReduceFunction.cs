namespace AkkaDifferential;

/// <summary>
/// A reduction with one output per key: given a key and its accumulated input — the distinct values with non-zero
/// multiplicities, sorted by value — returns the key's one output value, which the reduction emits with
/// multiplicity one. Called only for keys whose input is not empty. It must be a function of its arguments alone.
/// Because the output is the return value, C# infers its type: <c>prices.Reduce((item, offers) =&gt; offers[0].Value)</c>.
/// </summary>
public delegate TOut ReduceFunction<in TKey, TVal, TDiff, out TOut>(TKey key, ReadOnlySpan<(TVal Value, TDiff Diff)> input);
