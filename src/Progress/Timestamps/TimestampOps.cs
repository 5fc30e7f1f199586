using System.Numerics;

namespace AkkaDifferential.Progress.Timestamps;

/// <summary>
/// The lattice and timestamp operations of <typeparamref name="T"/>, found once per type. <see cref="Lattice"/> and
/// <see cref="Timestamp"/> call straight into <c>long</c> and <c>int</c> arithmetic and use this table for every
/// other type, whose members are reached through static abstract interface calls (no boxing).
/// </summary>
internal abstract class TimestampOps<T>
{
    /// <summary>The operations for <typeparamref name="T"/>.</summary>
    public static readonly TimestampOps<T> Instance = Create();

    public abstract bool LessEqual(T a, T b);
    public abstract T Join(T a, T b);
    public abstract T Meet(T a, T b);
    public abstract T Minimum { get; }
    public abstract int Compare(T a, T b);
    public abstract int Coordinates { get; }
    public abstract void Encode(T time, Span<long> destination);
    public abstract T Decode(ReadOnlySpan<long> source);

    private static TimestampOps<T> Create()
    {
        var type = typeof(T);
        if (type == typeof(long)) return (TimestampOps<T>)(object)new IntegerOps<long>();
        if (type == typeof(int)) return (TimestampOps<T>)(object)new IntegerOps<int>();
        if (Implements(type, typeof(ITimestamp<>)))
            return (TimestampOps<T>)Activator.CreateInstance(typeof(TimestampInterfaceOps<>).MakeGenericType(type))!;
        if (Implements(type, typeof(ILattice<>)))
            return (TimestampOps<T>)Activator.CreateInstance(typeof(LatticeInterfaceOps<>).MakeGenericType(type))!;
        return new UnsupportedOps();
    }

    private static bool Implements(Type type, Type openInterface) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface && i.GetGenericArguments()[0] == type);

    private sealed class UnsupportedOps : TimestampOps<T>
    {
        private static InvalidOperationException Error() => new(
            $"Type '{typeof(T)}' cannot be used as a timestamp: use long, int, Product<TOuter, TInner>, or implement ITimestamp<{typeof(T).Name}>.");

        public override bool LessEqual(T a, T b) => throw Error();
        public override T Join(T a, T b) => throw Error();
        public override T Meet(T a, T b) => throw Error();
        public override T Minimum => throw Error();
        public override int Compare(T a, T b) => throw Error();
        public override int Coordinates => throw Error();
        public override void Encode(T time, Span<long> destination) => throw Error();
        public override T Decode(ReadOnlySpan<long> source) => throw Error();
    }
}

/// <summary>Totally ordered integers as timestamps: one coordinate, join is max, meet is min.</summary>
internal sealed class IntegerOps<T> : TimestampOps<T> where T : IBinaryInteger<T>, IMinMaxValue<T>
{
    public override bool LessEqual(T a, T b) => a <= b;
    public override T Join(T a, T b) => T.Max(a, b);
    public override T Meet(T a, T b) => T.Min(a, b);
    // Times start at zero, as in differential dataflow; negative times are not used.
    public override T Minimum => T.Zero;
    public override int Compare(T a, T b) => a.CompareTo(b);
    public override int Coordinates => 1;
    public override void Encode(T time, Span<long> destination) => destination[0] = long.CreateChecked(time);
    public override T Decode(ReadOnlySpan<long> source) => T.CreateChecked(source[0]);
}

/// <summary>Operations of a type that implements <see cref="ITimestamp{T}"/> itself.</summary>
internal sealed class TimestampInterfaceOps<T> : TimestampOps<T> where T : ITimestamp<T>
{
    public override bool LessEqual(T a, T b) => T.LessEqual(a, b);
    public override T Join(T a, T b) => T.Join(a, b);
    public override T Meet(T a, T b) => T.Meet(a, b);
    public override T Minimum => T.Minimum;
    public override int Compare(T a, T b) => a.CompareTo(b);
    public override int Coordinates => T.Coordinates;
    public override void Encode(T time, Span<long> destination) => T.Encode(time, destination);
    public override T Decode(ReadOnlySpan<long> source) => T.Decode(source);
}

/// <summary>Operations of a lattice that is not a dataflow timestamp (such as <see cref="Tracking.FlatTime"/>).</summary>
internal sealed class LatticeInterfaceOps<T> : TimestampOps<T> where T : ILattice<T>
{
    private static InvalidOperationException NotATimestamp() =>
        new($"Type '{typeof(T)}' is a lattice but not a timestamp: it has no minimum, total order or flattening.");

    public override bool LessEqual(T a, T b) => T.LessEqual(a, b);
    public override T Join(T a, T b) => T.Join(a, b);
    public override T Meet(T a, T b) => T.Meet(a, b);
    public override T Minimum => throw NotATimestamp();
    public override int Compare(T a, T b) => throw NotATimestamp();
    public override int Coordinates => throw NotATimestamp();
    public override void Encode(T time, Span<long> destination) => throw NotATimestamp();
    public override T Decode(ReadOnlySpan<long> source) => throw NotATimestamp();
}
