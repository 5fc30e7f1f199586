namespace AkkaDifferential;

/// <summary>
/// One update of a collection: at <see cref="Time"/>, the multiplicity of <see cref="Data"/> changes by
/// <see cref="Diff"/>. The collection at time <c>t</c> is the sum of the updates at times ≤ <c>t</c>.
/// </summary>
public readonly record struct Update<TData, TTime, TDiff>(TData Data, TTime Time, TDiff Diff);
