using System.Collections.Immutable;
using System.Reflection;

namespace AkkaDifferential.Arrangements.Data;

/// <summary>
/// Derives a function over the values of a type from the type's shape, once per type: the comparison behind
/// <see cref="DataOrder{T}"/> and the hash behind <see cref="StableHash{T}"/>. Both walk types the same way: a
/// registered function wins; a leaf (a primitive, a string, ...) is handled directly; <c>Nullable</c>, arrays,
/// <c>ImmutableArray</c> and <c>List</c> are handled through their element; anything else is structural and is
/// handled member by member (<see cref="StructuralMembers"/>). A type that cannot be handled (object, delegates,
/// interfaces, types without public members) is reported with the path from the root type to the culprit, so a
/// bad record type fails with a message saying what to fix when a dataflow is built, not with a wrong order or hash
/// somewhere at run time.
/// </summary>
internal abstract class StructuralDerivation
{
    private readonly Lock gate = new();
    private readonly Dictionary<Type, Delegate> registered = [];
    private readonly HashSet<Type> used = [];

    /// <summary>The sequence types handled through their element, ordered or hashed element by element.</summary>
    protected enum SequenceKind { Array, ImmutableArray, List }

    /// <summary>What the derivation does to values, for messages: "ordered", "hashed".</summary>
    protected abstract string Verb { get; }

    /// <summary>What a user can do about <paramref name="culprit"/>, met inside <paramref name="root"/>.</summary>
    protected abstract string Remedy(string root, string culprit);

    /// <summary>Whether values of <paramref name="type"/> are handled directly, without looking inside.</summary>
    protected abstract bool IsLeaf(Type type);

    /// <summary>The function for a leaf type.</summary>
    protected abstract Delegate BuildLeaf(Type type);

    /// <summary>The function for <c>Nullable&lt;underlying&gt;</c>.</summary>
    protected abstract Delegate BuildNullable(Type type, Type underlying);

    /// <summary>The function for a sequence of <paramref name="element"/>s.</summary>
    protected abstract Delegate BuildSequence(Type type, SequenceKind kind, Type element);

    /// <summary>The function for a structural type, over its <paramref name="members"/> in order.</summary>
    protected abstract Delegate BuildStructural(Type type, IReadOnlyList<StructuralMember> members);

    /// <summary>Makes <paramref name="function"/> the one for <paramref name="type"/>; only before first use.</summary>
    public void Register(Type type, Delegate function, string registration)
    {
        lock (gate)
        {
            if (used.Contains(type))
                throw new InvalidOperationException(
                    $"{registration} was called after '{TypeNames.Of(type)}' was first {Verb}, alone or as part of " +
                    "another type; register before the type is first used.");
            registered[type] = function;
        }
    }

    /// <summary>
    /// Derives the function for <paramref name="type"/>, or says why there is none. The check walks every type
    /// reachable from <paramref name="type"/> afresh (once per type, so cheap), which makes the reported path the
    /// first one in declaration order whatever was derived before. Every type looked at is from now on in use and
    /// can no longer be registered, so that one type is never handled two ways.
    /// </summary>
    public (Delegate? Function, string? Problem) Resolve(Type type)
    {
        lock (gate)
        {
            var problem = Check(type, []);
            return problem is null ? (Build(type), null) : (null, Describe(type, problem));
        }
    }

    private Problem? Check(Type type, HashSet<Type> visited)
    {
        used.Add(type);
        if (registered.ContainsKey(type) || IsLeaf(type))
            return null;
        // Seen before in this walk: either fully checked (a problem would have ended the walk) or on a cycle
        // through a reference, which is judged where it started.
        if (!visited.Add(type))
            return null;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return Check(underlying, visited);
        if (SequenceOf(type) is { } sequence)
            return Check(sequence.Element, visited)?.Under("[]");
        if (Unsupported(type) is { } reason)
            return new Problem("", type, reason);
        var members = StructuralMembers.Of(type);
        if (members.Count == 0)
            return new Problem("", type, "has no public fields or properties");
        foreach (var member in members)
        {
            if (Check(member.Type, visited) is { } problem)
                return problem.Under("." + member.Name);
        }
        return null;
    }

    private Delegate Build(Type type)
    {
        if (registered.TryGetValue(type, out var function))
            return function;
        if (IsLeaf(type))
            return BuildLeaf(type);
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return BuildNullable(type, underlying);
        if (SequenceOf(type) is { } sequence)
            return BuildSequence(type, sequence.Kind, sequence.Element);
        return BuildStructural(type, StructuralMembers.Of(type));
    }

    private string Describe(Type root, Problem problem)
    {
        var rootName = TypeNames.Of(root);
        var culpritName = TypeNames.Of(problem.Culprit);
        var where = problem.Path.Length == 0 ? "it" : $"member '{rootName}{problem.Path}' of type '{culpritName}'";
        return $"Type '{rootName}' cannot be {Verb}: {where} {problem.Reason}. {Remedy(rootName, culpritName)}";
    }

    private static (SequenceKind Kind, Type Element)? SequenceOf(Type type)
    {
        if (type.IsSZArray)
            return (SequenceKind.Array, type.GetElementType()!);
        if (!type.IsGenericType)
            return null;
        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(ImmutableArray<>))
            return (SequenceKind.ImmutableArray, type.GetGenericArguments()[0]);
        if (definition == typeof(List<>))
            return (SequenceKind.List, type.GetGenericArguments()[0]);
        return null;
    }

    private static string? Unsupported(Type type)
    {
        if (type == typeof(object))
            return "is object, which says nothing about the values it holds";
        if (typeof(Delegate).IsAssignableFrom(type))
            return "is a delegate";
        if (type.IsPointer || type.IsByRef || type.IsByRefLike || type.IsFunctionPointer)
            return "is a pointer or by-ref-like type";
        if (type.IsArray)
            return "is a multi-dimensional array";
        if (type.IsInterface || type.IsAbstract)
            return "is an interface or abstract class, whose values may be of any derived type";
        if (type.ContainsGenericParameters)
            return "is an open generic type";
        return null;
    }

    /// <summary>
    /// A delegate of type <paramref name="delegateType"/> for the generic static method <paramref name="name"/>
    /// of <paramref name="host"/>, instantiated at <paramref name="typeArgument"/>.
    /// </summary>
    protected static Delegate GenericHelper(Type host, string name, Type typeArgument, Type delegateType) =>
        host.GetMethod(name, BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)!
            .MakeGenericMethod(typeArgument)
            .CreateDelegate(delegateType);

    /// <summary>Why a type cannot be handled: the member path below it, the culprit type, the reason.</summary>
    private sealed record Problem(string Path, Type Culprit, string Reason)
    {
        public Problem Under(string step) => this with { Path = step + Path };
    }
}
