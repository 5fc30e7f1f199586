using System.Collections.Immutable;
using System.Linq.Expressions;
using System.Runtime.InteropServices;

namespace AkkaDifferential.Arrangements.Data;

/// <summary>
/// Derives the hash behind <see cref="StableHash{T}"/>. Leaves are the types of <see cref="ScalarHash"/> and enums
/// (by underlying value); <c>null</c> hashes to <see cref="HashMix.Null"/>; sequences and structural types fold the
/// hashes of their elements or members, in order, into <see cref="HashMix.Seed"/> with
/// <see cref="HashMix.Combine"/>, sequences finishing with their length. The structural hash is compiled from an
/// expression tree once per type.
/// </summary>
internal sealed class HashDerivation : StructuralDerivation
{
    /// <summary>The one instance, shared by every <see cref="StableHash{T}"/>.</summary>
    public static readonly HashDerivation Instance = new();

    private static readonly HashSet<Type> Unsigned = [typeof(byte), typeof(ushort), typeof(uint), typeof(ulong), typeof(char)];

    private HashDerivation() { }

    /// <inheritdoc/>
    protected override string Verb => "hashed";

    /// <inheritdoc/>
    protected override string Remedy(string root, string culprit) =>
        $"Call StableHash.Register<{root}>(hasher)" +
        (root == culprit ? "" : $" (or StableHash.Register<{culprit}>(hasher) for the member's type)") +
        " with a hash that is the same in every process, before first use.";

    /// <inheritdoc/>
    protected override bool IsLeaf(Type type) => type.IsEnum || ScalarHash.Types.Contains(type);

    /// <summary>A scalar's overload of <see cref="ScalarHash"/>; an enum's underlying value, widened to 64 bits.</summary>
    protected override Delegate BuildLeaf(Type type)
    {
        if (!type.IsEnum)
            return ScalarHash.For(type);
        var value = Expression.Parameter(type, "value");
        var underlying = Enum.GetUnderlyingType(type);
        var wide = Unsigned.Contains(underlying) ? typeof(ulong) : typeof(long);
        var widened = Expression.Convert(Expression.Convert(value, underlying), wide);
        var hash = Expression.Call(typeof(ScalarHash), nameof(ScalarHash.Of), null, widened);
        return Expression.Lambda(FuncOf(type), hash, value).Compile();
    }

    /// <inheritdoc/>
    protected override Delegate BuildNullable(Type type, Type underlying) =>
        GenericHelper(typeof(HashDerivation), nameof(HashNullable), underlying, FuncOf(type));

    /// <inheritdoc/>
    protected override Delegate BuildSequence(Type type, SequenceKind kind, Type element)
    {
        var helper = kind switch
        {
            SequenceKind.Array => nameof(HashArray),
            SequenceKind.ImmutableArray => nameof(HashImmutableArray),
            _ => nameof(HashList),
        };
        return GenericHelper(typeof(HashDerivation), helper, element, FuncOf(type));
    }

    /// <summary>
    /// Compiles <c>v =&gt; v == null ? Null : Combine(...Combine(Seed, StableHash&lt;M1&gt;.Hash(v.M1))...)</c>.
    /// </summary>
    protected override Delegate BuildStructural(Type type, IReadOnlyList<StructuralMember> members)
    {
        var value = Expression.Parameter(type, "value");
        Expression hash = Expression.Constant(HashMix.Seed);
        foreach (var member in members)
        {
            var memberHash = typeof(StableHash<>).MakeGenericType(member.Type).GetMethod(nameof(StableHash<int>.Hash))!;
            hash = Expression.Call(typeof(HashMix), nameof(HashMix.Combine), null, hash, Expression.Call(memberHash, member.Read(value)));
        }
        if (!type.IsValueType)
            hash = Expression.Condition(Expression.ReferenceEqual(value, Expression.Constant(null, type)), Expression.Constant(HashMix.Null), hash);
        return Expression.Lambda(FuncOf(type), hash, value).Compile();
    }

    private static Type FuncOf(Type type) => typeof(Func<,>).MakeGenericType(type, typeof(ulong));

    private static ulong HashNullable<T>(T? value) where T : struct =>
        value.HasValue ? StableHash<T>.Hash(value.GetValueOrDefault()) : HashMix.Null;

    private static ulong HashArray<T>(T[]? values) => values is null ? HashMix.Null : HashSpan<T>(values);

    private static ulong HashImmutableArray<T>(ImmutableArray<T> values) =>
        values.IsDefault ? HashMix.Null : HashSpan(values.AsSpan());

    private static ulong HashList<T>(List<T>? values) =>
        values is null ? HashMix.Null : HashSpan<T>(CollectionsMarshal.AsSpan(values));

    private static ulong HashSpan<T>(ReadOnlySpan<T> values)
    {
        var hash = HashMix.Seed;
        foreach (var value in values)
            hash = HashMix.Combine(hash, StableHash<T>.Hash(value));
        return HashMix.Combine(hash, (ulong)values.Length);
    }
}
