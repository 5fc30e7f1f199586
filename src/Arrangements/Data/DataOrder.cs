using System.Runtime.CompilerServices;
using AkkaDifferential.Arrangements.Data;

namespace AkkaDifferential;

/// <summary>
/// The total order in which differential dataflow sorts records of type <typeparamref name="T"/>: batches are
/// sorted by key, value and time, and consolidation merges updates that compare equal. The order must therefore be
/// consistent with equality (<c>Compare(a, b) == 0</c> exactly when <c>a</c> equals <c>b</c>) and the same on every
/// machine, which <see cref="Comparer{T}.Default"/> is not: it compares strings, also inside tuples, by culture, and
/// may call distinct strings equal. Here strings compare ordinally, types with their own
/// <see cref="IComparable{T}"/> use it, and tuples, records, classes and structs compare member by member (public
/// fields, then public properties, in declaration order; see <see cref="StructuralMembers"/>). Arrays,
/// <c>ImmutableArray</c> and <c>List</c> compare lexicographically; <c>null</c> orders first.
/// </summary>
/// <remarks>
/// A plain class without its own equality compares structurally although its <c>Equals</c> is reference
/// equality, and a record with an array member compares the arrays element-wise although record equality compares
/// the references; values of a type derived from <typeparamref name="T"/> compare by the members of
/// <typeparamref name="T"/> only.
/// </remarks>
/// <typeparam name="T">The record type.</typeparam>
public static class DataOrder<T>
{
    /// <summary>This order as an <see cref="IComparer{T}"/>, for sorting APIs.</summary>
    public static IComparer<T> Comparer => OrderComparer.Instance;

    /// <summary>Compares two values: negative if <paramref name="a"/> comes first, zero if equal, else positive.</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> cannot be ordered.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare(T a, T b)
    {
        // Each test is a constant for a value-type T, so the JIT keeps one plain comparison and no boxing.
        if (typeof(T) == typeof(int)) return ((int)(object)a!).CompareTo((int)(object)b!);
        if (typeof(T) == typeof(long)) return ((long)(object)a!).CompareTo((long)(object)b!);
        if (typeof(T) == typeof(uint)) return ((uint)(object)a!).CompareTo((uint)(object)b!);
        if (typeof(T) == typeof(ulong)) return ((ulong)(object)a!).CompareTo((ulong)(object)b!);
        if (typeof(T) == typeof(short)) return ((short)(object)a!).CompareTo((short)(object)b!);
        if (typeof(T) == typeof(ushort)) return ((ushort)(object)a!).CompareTo((ushort)(object)b!);
        if (typeof(T) == typeof(byte)) return ((byte)(object)a!).CompareTo((byte)(object)b!);
        if (typeof(T) == typeof(sbyte)) return ((sbyte)(object)a!).CompareTo((sbyte)(object)b!);
        if (typeof(T) == typeof(char)) return ((char)(object)a!).CompareTo((char)(object)b!);
        if (typeof(T) == typeof(bool)) return ((bool)(object)a!).CompareTo((bool)(object)b!);
        if (typeof(T) == typeof(double)) return ((double)(object)a!).CompareTo((double)(object)b!);
        if (typeof(T) == typeof(float)) return ((float)(object)a!).CompareTo((float)(object)b!);
        if (typeof(T) == typeof(decimal)) return ((decimal)(object)a!).CompareTo((decimal)(object)b!);
        if (typeof(T) == typeof(Guid)) return ((Guid)(object)a!).CompareTo((Guid)(object)b!);
        if (typeof(T) == typeof(DateTime)) return ((DateTime)(object)a!).CompareTo((DateTime)(object)b!);
        if (typeof(T) == typeof(TimeSpan)) return ((TimeSpan)(object)a!).CompareTo((TimeSpan)(object)b!);
        if (typeof(T) == typeof(string)) return string.CompareOrdinal(Unsafe.As<string?>(a), Unsafe.As<string?>(b));
        if (typeof(T) == typeof(Unit)) return 0;
        return Derived.Compare(a, b);
    }

    /// <summary>
    /// Checks that <typeparamref name="T"/> can be ordered, so that a bad record type is reported when a dataflow
    /// is built rather than when its first update arrives.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// <typeparamref name="T"/> cannot be ordered; the message names the offending member and the fix.
    /// </exception>
    public static void Validate()
    {
        if (Derived.Problem is { } problem)
            throw new InvalidOperationException(problem);
    }

    // A nested class with an explicit static constructor: the order is derived on first use, not earlier, so that
    // DataOrder.Register can come first, and the fast paths above never touch it.
    private static class Derived
    {
        internal static readonly Func<T, T, int> Compare;
        internal static readonly string? Problem;

        static Derived()
        {
            var (function, problem) = OrderDerivation.Instance.Resolve(typeof(T));
            Problem = problem;
            Compare = function as Func<T, T, int> ?? ((_, _) => throw new InvalidOperationException(problem));
        }
    }

    private sealed class OrderComparer : IComparer<T>
    {
        internal static readonly OrderComparer Instance = new();

        public int Compare(T? x, T? y) => DataOrder<T>.Compare(x!, y!);
    }
}

/// <summary>Registration of explicit orders for <see cref="DataOrder{T}"/>.</summary>
public static class DataOrder
{
    // The types with a fast path in DataOrder<T>.Compare, which a registered comparer could not replace.
    private static readonly HashSet<Type> BuiltIn =
    [
        typeof(int), typeof(long), typeof(uint), typeof(ulong), typeof(short), typeof(ushort), typeof(byte),
        typeof(sbyte), typeof(char), typeof(bool), typeof(double), typeof(float), typeof(decimal), typeof(Guid),
        typeof(DateTime), typeof(TimeSpan), typeof(string),
    ];

    /// <summary>
    /// Makes <paramref name="comparer"/> the order of <typeparamref name="T"/>, alone and inside other types. The
    /// comparer must be a total order consistent with equality, the same in every process; it receives
    /// <c>null</c>s if <typeparamref name="T"/> is a reference type. Call this at start-up, before
    /// <typeparamref name="T"/> is first ordered.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// <typeparamref name="T"/> was already ordered, alone or inside another type, or has a built-in order.
    /// </exception>
    public static void Register<T>(IComparer<T> comparer)
    {
        ArgumentNullException.ThrowIfNull(comparer);
        if (BuiltIn.Contains(typeof(T)))
            throw new InvalidOperationException($"'{TypeNames.Of(typeof(T))}' has a built-in order, which cannot be replaced.");
        OrderDerivation.Instance.Register(typeof(T), new Func<T, T, int>(comparer.Compare), $"DataOrder.Register<{TypeNames.Of(typeof(T))}>");
    }
}
