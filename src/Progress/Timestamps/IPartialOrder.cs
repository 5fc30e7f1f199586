namespace AkkaDifferential;

/// <summary>
/// A partial order over <typeparamref name="T"/>: some pairs of elements are comparable, others are not.
/// Times in differential dataflow are partially ordered; an update at time <c>a</c> is visible at time
/// <c>b</c> exactly when <c>LessEqual(a, b)</c>.
/// </summary>
/// <remarks>Members are static abstract so that generic code calls them without boxing.</remarks>
public interface IPartialOrder<T> : IEquatable<T> where T : IPartialOrder<T>
{
    /// <summary>True when <paramref name="a"/> is less than or equal to <paramref name="b"/> in the partial order.</summary>
    static abstract bool LessEqual(T a, T b);
}
