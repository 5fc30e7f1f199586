namespace AkkaDifferential;

/// <summary>
/// The value of key-only arrangements (<c>ArrangeBySelf</c>, the inputs of <c>Distinct</c>): a type with a single
/// value, so a trace of <c>(key, Unit)</c> pairs is a trace of keys. All units are equal, and they are ordered (every
/// comparison is zero) so that <see cref="DataOrder{T}"/> sorts them without work.
/// </summary>
public readonly record struct Unit : IComparable<Unit>
{
    /// <summary>The only unit.</summary>
    public static Unit Value => default;

    /// <summary>Units are all equal: always zero.</summary>
    public int CompareTo(Unit other) => 0;

    /// <inheritdoc/>
    public override string ToString() => "()";
}
