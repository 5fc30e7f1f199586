namespace AkkaDifferential;

/// <summary>
/// A pair of times ordered coordinate-wise: the time of a nested scope, whose <see cref="Outer"/> part is the
/// enclosing scope's time and whose <see cref="Inner"/> part counts loop iterations. It is a partial order:
/// <c>(1, 2)</c> and <c>(2, 1)</c> are incomparable. Product times may also be used at the top level for
/// bitemporal inputs.
/// </summary>
/// <typeparam name="TOuter">The enclosing scope's time.</typeparam>
/// <typeparam name="TInner">The inner coordinate, usually <c>int</c> iterations.</typeparam>
public readonly record struct Product<TOuter, TInner>(TOuter Outer, TInner Inner) : ITimestamp<Product<TOuter, TInner>>
    where TOuter : notnull
    where TInner : notnull
{
    /// <inheritdoc/>
    public static Product<TOuter, TInner> Minimum => new(Timestamp.Minimum<TOuter>(), Timestamp.Minimum<TInner>());

    /// <inheritdoc/>
    public static int Coordinates => Timestamp.Coordinates<TOuter>() + Timestamp.Coordinates<TInner>();

    /// <inheritdoc/>
    public static bool LessEqual(Product<TOuter, TInner> a, Product<TOuter, TInner> b) =>
        Lattice.LessEqual(a.Outer, b.Outer) && Lattice.LessEqual(a.Inner, b.Inner);

    /// <inheritdoc/>
    public static Product<TOuter, TInner> Join(Product<TOuter, TInner> a, Product<TOuter, TInner> b) =>
        new(Lattice.Join(a.Outer, b.Outer), Lattice.Join(a.Inner, b.Inner));

    /// <inheritdoc/>
    public static Product<TOuter, TInner> Meet(Product<TOuter, TInner> a, Product<TOuter, TInner> b) =>
        new(Lattice.Meet(a.Outer, b.Outer), Lattice.Meet(a.Inner, b.Inner));

    /// <inheritdoc/>
    public static void Encode(Product<TOuter, TInner> time, Span<long> destination)
    {
        var outer = Timestamp.Coordinates<TOuter>();
        Timestamp.Encode(time.Outer, destination[..outer]);
        Timestamp.Encode(time.Inner, destination[outer..]);
    }

    /// <inheritdoc/>
    public static Product<TOuter, TInner> Decode(ReadOnlySpan<long> source)
    {
        var outer = Timestamp.Coordinates<TOuter>();
        return new(Timestamp.Decode<TOuter>(source[..outer]), Timestamp.Decode<TInner>(source[outer..]));
    }

    /// <summary>Lexicographic order (outer first): a total order that extends the product partial order.</summary>
    public int CompareTo(Product<TOuter, TInner> other)
    {
        var outer = Timestamp.Compare(Outer, other.Outer);
        return outer != 0 ? outer : Timestamp.Compare(Inner, other.Inner);
    }

    /// <inheritdoc/>
    public override string ToString() => $"({Outer}, {Inner})";
}
