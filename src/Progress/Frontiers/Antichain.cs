namespace AkkaDifferential;

/// <summary>
/// A set of mutually incomparable times. As a frontier it stands for every time greater than or equal to one of
/// its elements: the times that may still appear. The empty antichain is the frontier of a finished stream.
/// </summary>
/// <remarks>Frontiers have few elements (one for totally ordered times), so a list with linear scans is fastest.</remarks>
public sealed class Antichain<T> : IEquatable<Antichain<T>>
{
    private readonly List<T> elements;

    /// <summary>An empty antichain.</summary>
    public Antichain() => elements = [];

    /// <summary>The antichain of the minimal elements among <paramref name="times"/>.</summary>
    public Antichain(IEnumerable<T> times) : this()
    {
        foreach (var time in times)
            Insert(time);
    }

    /// <summary>The antichain holding one time.</summary>
    public static Antichain<T> From(T time) => new([time]);

    /// <summary>The elements, in no particular order.</summary>
    public IReadOnlyList<T> Elements => elements;

    /// <summary>True when there is no element: as a frontier, nothing more can happen.</summary>
    public bool IsEmpty => elements.Count == 0;

    /// <summary>
    /// Adds <paramref name="time"/> unless some element is ≤ it, removing the elements it is ≤ of.
    /// Returns true when the antichain changed.
    /// </summary>
    public bool Insert(T time)
    {
        foreach (var element in elements)
            if (Lattice.LessEqual(element, time))
                return false;
        elements.RemoveAll(element => Lattice.LessEqual(time, element));
        elements.Add(time);
        return true;
    }

    /// <summary>True when some element is ≤ <paramref name="time"/>: as a frontier, <paramref name="time"/> may still occur.</summary>
    public bool LessEqual(T time)
    {
        foreach (var element in elements)
            if (Lattice.LessEqual(element, time))
                return true;
        return false;
    }

    /// <summary>True when some element is strictly less than <paramref name="time"/>.</summary>
    public bool LessThan(T time)
    {
        foreach (var element in elements)
            if (Lattice.LessThan(element, time))
                return true;
        return false;
    }

    /// <summary>True when every element of <paramref name="other"/> is ≥ some element of this antichain.</summary>
    public bool Dominates(Antichain<T> other)
    {
        foreach (var time in other.elements)
            if (!LessEqual(time))
                return false;
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(Antichain<T>? other)
    {
        if (other is null || other.elements.Count != elements.Count)
            return false;
        var comparer = EqualityComparer<T>.Default;
        foreach (var element in elements)
            if (!other.elements.Exists(e => comparer.Equals(e, element)))
                return false;
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Antichain<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var element in elements)
            hash ^= EqualityComparer<T>.Default.GetHashCode(element!);
        return hash;
    }

    /// <inheritdoc/>
    public override string ToString() => "{" + string.Join(", ", elements) + "}";
}
