namespace AkkaDifferential;

/// <summary>
/// A partial order in which every pair of elements has a least upper bound (<see cref="Join"/>) and a
/// greatest lower bound (<see cref="Meet"/>). Reduce needs joins to find the times at which its output
/// may change; compaction needs meets to advance times to a frontier.
/// </summary>
public interface ILattice<T> : IPartialOrder<T> where T : ILattice<T>
{
    /// <summary>The least upper bound of <paramref name="a"/> and <paramref name="b"/>.</summary>
    static abstract T Join(T a, T b);

    /// <summary>The greatest lower bound of <paramref name="a"/> and <paramref name="b"/>.</summary>
    static abstract T Meet(T a, T b);
}
