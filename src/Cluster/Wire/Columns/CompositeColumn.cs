using System.Buffers;
using System.Runtime.CompilerServices;

namespace AkkaDifferential.Cluster.Wire.Columns;

/// <summary>
/// A column of tuples or product times, written as one column per field (<see cref="FieldColumn{TItem}"/>), so that
/// <c>(int, int)</c> edges are two columns of raw integers and <c>Product&lt;long, int&gt;</c> times a column of
/// outer times and one of iterations, each as lean as its data allows (a column of equal items is one item).
/// </summary>
internal sealed class CompositeColumn<TItem>(FieldColumn<TItem>[] fields) : ColumnCodec<TItem>
{
    /// <inheritdoc/>
    public override void Write(WireWriter writer, ReadOnlySpan<TItem> items)
    {
        foreach (var field in fields)
            field.Write(writer, items);
    }

    /// <inheritdoc/>
    public override void Read(ref WireReader reader, Span<TItem> into)
    {
        into.Clear();
        foreach (var field in fields)
            field.Read(ref reader, into);
    }
}

/// <summary>One field of a <see cref="CompositeColumn{TItem}"/>.</summary>
internal abstract class FieldColumn<TItem>
{
    /// <summary>Writes this field of every item as a column.</summary>
    public abstract void Write(WireWriter writer, ReadOnlySpan<TItem> items);

    /// <summary>Reads the column of this field and sets it in every item.</summary>
    public abstract void Read(ref WireReader reader, Span<TItem> into);
}

/// <summary>Reads and sets one field of <typeparamref name="TItem"/>, with no virtual call (a struct's static members).</summary>
internal interface IField<TItem, TField>
{
    /// <summary>The field's value.</summary>
    static abstract TField Get(in TItem item);

    /// <summary>Sets the field in <paramref name="item"/>.</summary>
    static abstract void Set(ref TItem item, TField value);
}

/// <summary>Field <typeparamref name="TAccess"/> of the items, through a pooled scratch column of <typeparamref name="TField"/>.</summary>
internal sealed class FieldColumn<TItem, TField, TAccess>(ColumnCodec<TField> codec) : FieldColumn<TItem>
    where TAccess : struct, IField<TItem, TField>
{
    /// <inheritdoc/>
    public override void Write(WireWriter writer, ReadOnlySpan<TItem> items)
    {
        var scratch = ArrayPool<TField>.Shared.Rent(items.Length);
        try
        {
            for (var i = 0; i < items.Length; i++)
                scratch[i] = TAccess.Get(in items[i]);
            codec.Write(writer, scratch.AsSpan(0, items.Length));
        }
        finally
        {
            ArrayPool<TField>.Shared.Return(scratch, RuntimeHelpers.IsReferenceOrContainsReferences<TField>());
        }
    }

    /// <inheritdoc/>
    public override void Read(ref WireReader reader, Span<TItem> into)
    {
        var scratch = ArrayPool<TField>.Shared.Rent(into.Length);
        try
        {
            codec.Read(ref reader, scratch.AsSpan(0, into.Length));
            for (var i = 0; i < into.Length; i++)
                TAccess.Set(ref into[i], scratch[i]);
        }
        finally
        {
            ArrayPool<TField>.Shared.Return(scratch, RuntimeHelpers.IsReferenceOrContainsReferences<TField>());
        }
    }
}
