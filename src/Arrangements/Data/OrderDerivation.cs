using System.Collections.Immutable;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AkkaDifferential.Arrangements.Data;

/// <summary>
/// Derives the comparison behind <see cref="DataOrder{T}"/>. Leaves are types with their own total order
/// (<see cref="IComparable{T}"/>, enums), except tuples, whose built-in order compares strings by culture; strings
/// are compared ordinally. Sequences compare lexicographically (a proper prefix first), <c>null</c> orders before
/// any value, and structural types compare member by member, each member by the <see cref="DataOrder{T}"/> of its
/// type. The structural comparison is compiled from an expression tree once per type.
/// </summary>
internal sealed class OrderDerivation : StructuralDerivation
{
    /// <summary>The one instance, shared by every <see cref="DataOrder{T}"/>.</summary>
    public static readonly OrderDerivation Instance = new();

    private OrderDerivation() { }

    /// <inheritdoc/>
    protected override string Verb => "ordered";

    /// <inheritdoc/>
    protected override string Remedy(string root, string culprit) =>
        $"Implement IComparable<{root}> on '{root}', or call DataOrder.Register<{root}>(comparer)" +
        (root == culprit ? "" : $" (or DataOrder.Register<{culprit}>(comparer) for the member's type)") +
        " before first use.";

    /// <inheritdoc/>
    protected override bool IsLeaf(Type type) =>
        type.IsEnum
        || (!typeof(ITuple).IsAssignableFrom(type)
            && type.GetInterfaces().Any(i => i.IsGenericType
                && i.GetGenericTypeDefinition() == typeof(IComparable<>)
                && i.GetGenericArguments()[0] == type));

    /// <inheritdoc/>
    protected override Delegate BuildLeaf(Type type) =>
        type == typeof(string)
            ? new Func<string, string, int>(string.CompareOrdinal)
            : GenericHelper(typeof(OrderDerivation), nameof(CompareDefault), type, FuncOf(type));

    /// <inheritdoc/>
    protected override Delegate BuildNullable(Type type, Type underlying) =>
        GenericHelper(typeof(OrderDerivation), nameof(CompareNullable), underlying, FuncOf(type));

    /// <inheritdoc/>
    protected override Delegate BuildSequence(Type type, SequenceKind kind, Type element)
    {
        var helper = kind switch
        {
            SequenceKind.Array => nameof(CompareArrays),
            SequenceKind.ImmutableArray => nameof(CompareImmutableArrays),
            _ => nameof(CompareLists),
        };
        return GenericHelper(typeof(OrderDerivation), helper, element, FuncOf(type));
    }

    /// <summary>
    /// Compiles <c>(a, b) =&gt; { c = DataOrder&lt;M1&gt;.Compare(a.M1, b.M1); if (c != 0) return c; ... }</c>,
    /// with <c>null</c> first for reference types.
    /// </summary>
    protected override Delegate BuildStructural(Type type, IReadOnlyList<StructuralMember> members)
    {
        var a = Expression.Parameter(type, "a");
        var b = Expression.Parameter(type, "b");
        var c = Expression.Variable(typeof(int), "c");
        var done = Expression.Label(typeof(int), "done");
        var body = new List<Expression>();
        if (!type.IsValueType)
        {
            var none = Expression.Constant(null, type);
            body.Add(Expression.IfThen(Expression.ReferenceEqual(a, b), Expression.Return(done, Expression.Constant(0))));
            body.Add(Expression.IfThen(Expression.ReferenceEqual(a, none), Expression.Return(done, Expression.Constant(-1))));
            body.Add(Expression.IfThen(Expression.ReferenceEqual(b, none), Expression.Return(done, Expression.Constant(1))));
        }
        foreach (var member in members)
        {
            var compare = typeof(DataOrder<>).MakeGenericType(member.Type).GetMethod(nameof(DataOrder<int>.Compare))!;
            body.Add(Expression.Assign(c, Expression.Call(compare, member.Read(a), member.Read(b))));
            body.Add(Expression.IfThen(Expression.NotEqual(c, Expression.Constant(0)), Expression.Return(done, c)));
        }
        body.Add(Expression.Label(done, Expression.Constant(0)));
        return Expression.Lambda(FuncOf(type), Expression.Block([c], body), a, b).Compile();
    }

    private static Type FuncOf(Type type) => typeof(Func<,,>).MakeGenericType(type, type, typeof(int));

    private static int CompareDefault<T>(T a, T b) => Comparer<T>.Default.Compare(a, b);

    private static int CompareNullable<T>(T? a, T? b) where T : struct =>
        a.HasValue
            ? b.HasValue ? DataOrder<T>.Compare(a.GetValueOrDefault(), b.GetValueOrDefault()) : 1
            : b.HasValue ? -1 : 0;

    private static int CompareArrays<T>(T[]? a, T[]? b) =>
        a is null || b is null ? NullFirst(a, b) : CompareSpans<T>(a, b);

    private static int CompareImmutableArrays<T>(ImmutableArray<T> a, ImmutableArray<T> b) =>
        a.IsDefault || b.IsDefault
            ? (a.IsDefault ? 0 : 1) - (b.IsDefault ? 0 : 1)
            : CompareSpans(a.AsSpan(), b.AsSpan());

    private static int CompareLists<T>(List<T>? a, List<T>? b) =>
        a is null || b is null
            ? NullFirst(a, b)
            : CompareSpans<T>(CollectionsMarshal.AsSpan(a), CollectionsMarshal.AsSpan(b));

    private static int NullFirst(object? a, object? b) => (a is null ? 0 : 1) - (b is null ? 0 : 1);

    private static int CompareSpans<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
    {
        var common = Math.Min(a.Length, b.Length);
        for (var i = 0; i < common; i++)
        {
            var c = DataOrder<T>.Compare(a[i], b[i]);
            if (c != 0)
                return c;
        }
        return a.Length.CompareTo(b.Length);
    }
}
