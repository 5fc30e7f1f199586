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

    private Antichain(List<T> elements) => this.elements = elements;

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
    public bool Insert(T time) => Insert(elements, time);

    /// <summary>
    /// Inserts <paramref name="time"/> into the antichain held in <paramref name="elements"/>, as <see cref="Insert(T)"/>
    /// does; for structures that keep an antichain in a list of their own.
    /// </summary>
    internal static bool Insert(List<T> elements, T time)
    {
        foreach (var element in elements)
            if (Lattice.LessEqual(element, time))
                return false;
        var kept = 0;
        for (var i = 0; i < elements.Count; i++)
            if (!Lattice.LessEqual(time, elements[i]))
                elements[kept++] = elements[i];
        elements.RemoveRange(kept, elements.Count - kept);
        elements.Add(time);
        return true;
    }

    /// <summary>An antichain holding a copy of <paramref name="antichain"/>, whose elements are already incomparable.</summary>
    internal static Antichain<T> CopyOf(List<T> antichain) => new(new List<T>(antichain));

    /// <summary>A copy of this antichain, which may change without changing this one.</summary>
    internal Antichain<T> Copy() => CopyOf(elements);

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

    /// <summary>
    /// The frontier of the times in advance of both <paramref name="a"/> and <paramref name="b"/>: the minimal lattice
    /// joins of an element of each. Empty when either is empty.
    /// </summary>
    public static Antichain<T> Join(Antichain<T> a, Antichain<T> b)
    {
        var result = new Antichain<T>();
        foreach (var x in a.elements)
            foreach (var y in b.elements)
                result.Insert(Lattice.Join(x, y));
        return result;
    }

    /// <inheritdoc/>
    public bool Equals(Antichain<T>? other)
    {
        if (other is null || other.elements.Count != elements.Count)
            return false;
        foreach (var element in elements)
            if (!other.elements.Contains(element))
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
