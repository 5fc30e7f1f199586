namespace AkkaDifferential.Cluster.Wire.Columns;

/// <summary>A column of <see cref="Unit"/> values (the values of key-only collections): nothing to write.</summary>
internal sealed class UnitColumn : ColumnCodec<Unit>
{
    /// <inheritdoc/>
    public override void Write(WireWriter writer, ReadOnlySpan<Unit> items)
    {
    }

    /// <inheritdoc/>
    public override void Read(ref WireReader reader, Span<Unit> into) => into.Clear();
}
