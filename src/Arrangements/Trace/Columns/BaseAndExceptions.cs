using System.Numerics;
using System.Runtime.CompilerServices;

namespace AkkaDifferential.Arrangements.Trace.Columns;

/// <summary>
/// The items of a column that are mostly one value, its <em>base</em>: a bit per item marks the exceptions, which
/// are stored in order in their own array, and a count per 64 items of the exceptions before them finds an
/// exception's place in constant time. This is the least-time layout of a merged batch, answering at the column the
/// seed's question of moving updates between representations at merge time: once a trace's compaction frontier is
/// one time <c>s</c>, the settled history of an arrangement has its times advanced to <c>s</c> and, mostly,
/// multiplicity <c>+1</c>; a merge writes every such update's time and difference to the base (a bit each) and the
/// others — recent times, other multiplicities — to the exceptions. The writer routes each column independently
/// (<see cref="ColumnWriter{T, TEquality}.ToColumn"/>): a column is kept so when at most a quarter of its items
/// differ from its most frequent one.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class BaseAndExceptions<T> : EncodedItems<T>
{
    private readonly ulong[] marks;
    private readonly int[] ranks;
    private readonly T[] exceptions;

    private BaseAndExceptions(T baseItem, ulong[] marks, int[] ranks, T[] exceptions)
    {
        Base = baseItem;
        this.marks = marks;
        this.ranks = ranks;
        this.exceptions = exceptions;
    }

    /// <summary>The value of every item not marked as an exception.</summary>
    public T Base { get; }

    /// <summary>The items that are not the base, in order.</summary>
    public ReadOnlySpan<T> Exceptions => exceptions;

    /// <summary>The bytes the column takes: the base, the marks, the counts and the exceptions.</summary>
    public override long StoredBytes => Unsafe.SizeOf<T>() * (1L + exceptions.Length) + marks.Length * 8L + ranks.Length * 4L;

    /// <inheritdoc/>
    public override T this[int index]
    {
        get
        {
            var word = marks[index >> 6];
            var bit = 1UL << (index & 63);
            return (word & bit) == 0 ? Base : exceptions[ranks[index >> 6] + BitOperations.PopCount(word & (bit - 1))];
        }
    }

    /// <summary>The bytes a column of <paramref name="items"/> items with <paramref name="exceptions"/> exceptions takes.</summary>
    public static long BytesFor(int items, int exceptions) => Unsafe.SizeOf<T>() * (1L + exceptions) + ((items + 63L) >> 6) * 12;

    /// <summary>True when a column of <paramref name="items"/> items with <paramref name="exceptions"/> exceptions is kept so: at least 64 items, at most a quarter exceptions.</summary>
    public static bool Admits(int items, int exceptions) => items >= 64 && exceptions <= items / 4;

    /// <summary>
    /// <paramref name="items"/> as a base and exceptions when at most a quarter of them differ from the most frequent
    /// one (found by majority vote), else <c>null</c>.
    /// </summary>
    public static BaseAndExceptions<T>? TryEncode<TEquality>(ReadOnlySpan<T> items) where TEquality : struct, IColumnEquality<T>
    {
        if (!Admits(items.Length, 0))
            return null;
        // Boyer–Moore majority vote: the only candidate that can cover three quarters.
        var candidate = items[0];
        var votes = 0;
        foreach (var item in items)
        {
            if (votes == 0)
            {
                candidate = item;
                votes = 1;
            }
            else
            {
                votes += default(TEquality).Equal(candidate, item) ? 1 : -1;
            }
        }
        var count = 0;
        foreach (var item in items)
            if (!default(TEquality).Equal(candidate, item))
                count++;
        if (!Admits(items.Length, count))
            return null;
        return Mark(candidate, count, new Differing<TEquality>(items, candidate));
    }

    /// <summary>
    /// The items <c>palette[codes[i]]</c> as a base and exceptions around <c>palette[baseCode]</c>: an item is an
    /// exception when its code's <paramref name="canonical"/> entry (codes of equal items share one) is not
    /// <paramref name="baseCode"/>, and <paramref name="exceptions"/> of them are.
    /// </summary>
    public static BaseAndExceptions<T> FromCodes(ReadOnlySpan<byte> codes, ReadOnlySpan<byte> canonical, ReadOnlySpan<T> palette, byte baseCode, int exceptions) =>
        Mark(palette[baseCode], exceptions, new Coded(codes, canonical, palette, baseCode));

    /// <summary>The items of <paramref name="items"/> around <paramref name="baseItem"/>: a mark and a stored copy for each of its <paramref name="exceptions"/> exceptions.</summary>
    private static BaseAndExceptions<T> Mark<TItems>(T baseItem, int exceptions, TItems items) where TItems : IMarkedItems, allows ref struct
    {
        var marks = new ulong[(items.Length + 63) >> 6];
        var ranks = new int[marks.Length];
        var stored = new T[exceptions];
        var e = 0;
        for (var i = 0; i < items.Length; i++)
        {
            if ((i & 63) == 0)
                ranks[i >> 6] = e;
            if (items.IsException(i))
            {
                marks[i >> 6] |= 1UL << (i & 63);
                stored[e++] = items.Item(i);
            }
        }
        return new BaseAndExceptions<T>(baseItem, marks, ranks, stored);
    }

    /// <inheritdoc/>
    public override ReadOnlySpan<T> Distinct => (T[])[Base, .. exceptions];

    /// <inheritdoc/>
    public override void CopyTo(int start, Span<T> destination)
    {
        for (var i = 0; i < destination.Length; i++)
            destination[i] = this[start + i];
    }

    /// <inheritdoc/>
    public override EncodedItems<TNew> Select<TNew>(Func<T, TNew> map)
    {
        var mapped = new TNew[exceptions.Length];
        for (var i = 0; i < mapped.Length; i++)
            mapped[i] = map(exceptions[i]);
        return new BaseAndExceptions<TNew>(map(Base), marks, ranks, mapped);
    }

    /// <summary>Items to encode, each an exception or the base.</summary>
    private interface IMarkedItems
    {
        /// <summary>The number of items.</summary>
        int Length { get; }

        /// <summary>True when the item at <paramref name="index"/> is not the base.</summary>
        bool IsException(int index);

        /// <summary>The item at <paramref name="index"/>.</summary>
        T Item(int index);
    }

    /// <summary>Items of a span: exceptions where they differ from the base by <typeparamref name="TEquality"/>.</summary>
    private readonly ref struct Differing<TEquality>(ReadOnlySpan<T> items, T baseItem) : IMarkedItems where TEquality : struct, IColumnEquality<T>
    {
        private readonly ReadOnlySpan<T> items = items;

        public int Length => items.Length;

        public bool IsException(int index) => !default(TEquality).Equal(baseItem, items[index]);

        public T Item(int index) => items[index];
    }

    /// <summary>Palette codes: exceptions where a code's canonical entry is not the base's.</summary>
    private readonly ref struct Coded(ReadOnlySpan<byte> codes, ReadOnlySpan<byte> canonical, ReadOnlySpan<T> palette, byte baseCode) : IMarkedItems
    {
        private readonly ReadOnlySpan<byte> codes = codes;
        private readonly ReadOnlySpan<byte> canonical = canonical;
        private readonly ReadOnlySpan<T> palette = palette;

        public int Length => codes.Length;

        public bool IsException(int index) => canonical[codes[index]] != baseCode;

        public T Item(int index) => palette[codes[index]];
    }
}
