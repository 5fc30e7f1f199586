using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Serialization;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Event;
using AkkaDifferential.Operators.Builder;
using Hyperion;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// The closed wire's allowlist of one member: the types that a frame may name and have instantiated here. The
/// engine's own messages need no entry, since their serializers construct them directly and name no type; what a
/// frame names — the record types of a data batch's columns, the values inside them that Hyperion writes by type name,
/// a deployment's arguments — must have been admitted. A type is admitted when a dataflow definition is registered
/// on this member (its time and argument types) and when a plan of a definition is built here (the record, time and
/// difference types of every collection that crosses nodes), together with every type reachable from it through its
/// fields, array elements, generic arguments and collection items: what Hyperion names when it writes a value of it.
/// Any other name is refused before a type is loaded or a value constructed, with a <see cref="SerializationException"/>
/// naming it, and logged. A field declared as an interface, an abstract class or <c>object</c> admits nothing by
/// itself: the values it holds must be of admitted types (docs/security.md). The serializers consult it once per type
/// and not per record (each caches what it resolved). One per actor system (<see cref="Of"/>), as Akka rebuilds its
/// serializers when an extension adds its own.
/// </summary>
internal sealed partial class AllowedTypes : ITypeFilter
{
    private const int MaxDepth = 12;

    private static readonly ConditionalWeakTable<ActorSystem, AllowedTypes> BySystem = [];

    private readonly ConcurrentDictionary<string, Type> byName = new(StringComparer.Ordinal);
    private readonly Lazy<ILoggingAdapter>? log;

    // Serializers ask for it while their actor system starts, before it can make a logger.
    private AllowedTypes(ActorSystem? system) => log = system is null ? null : new(() => Logging.GetLogger(system, typeof(AllowedTypes)));

    /// <summary>
    /// Every type that a loaded assembly defines, for frames read back in place (<see cref="ReadBack"/>), which hold
    /// only values this process had.
    /// </summary>
    public static AllowedTypes Any { get; } = new(null);

    /// <summary>The allowlist of <paramref name="system"/>'s wire.</summary>
    public static AllowedTypes Of(ActorSystem system) => BySystem.GetValue(system, s => new AllowedTypes(s));

    /// <summary>The name a type travels by: its assembly-qualified name without versions, cultures and key tokens.</summary>
    public static string NameOf(Type type) => Normalize(type.AssemblyQualifiedName ?? type.FullName ?? type.Name);

    /// <summary>Admits <paramref name="type"/>, arrays of it and every type reachable from it.</summary>
    public void Admit(Type type)
    {
        if (!type.IsByRef && !type.IsPointer && !type.ContainsGenericParameters && type != typeof(void))
            Walk(type.MakeArrayType(), 0);
    }

    /// <summary>Admits the record, time and difference types of every collection of <paramref name="plan"/> that crosses nodes.</summary>
    public void Admit(DataflowPlan plan)
    {
        foreach (var (_, record, time, diff) in plan.CrossingCollections())
        {
            Admit(record);
            Admit(time);
            Admit(diff);
        }
    }

    /// <summary>True when <paramref name="name"/> is admitted.</summary>
    public bool Admits(string name) => log is null || byName.ContainsKey(name) || byName.ContainsKey(Normalize(name));

    /// <summary>
    /// Hyperion's type filter: true for an admitted name; any other is refused, and logged, by a
    /// <see cref="SerializationException"/> naming it, before Hyperion loads the type.
    /// </summary>
    public bool IsAllowed(string typeName) => Admits(typeName) ? true : throw Refuse(typeName);

    /// <summary>The admitted type named <paramref name="name"/> (as <see cref="NameOf"/> gives it).</summary>
    /// <exception cref="SerializationException">It is not admitted (logged, naming it).</exception>
    public Type Resolve(string name) =>
        byName.TryGetValue(name, out var type) || byName.TryGetValue(Normalize(name), out type) ? type
        : log is null ? byName.GetOrAdd(name, Type.GetType(name) ?? throw new SerializationException($"The frame names type '{name}', which no assembly loaded here defines."))
        : throw Refuse(name);

    private SerializationException Refuse(string name)
    {
        log!.Value.Warning("The wire refused type '{0}': it is neither a message of the engine nor a type of a dataflow definition registered on this member. Nothing of it was instantiated.", Normalize(name));
        return new SerializationException(
            $"Type '{Normalize(name)}' may not cross the wire of this member: only the engine's messages and the record, time, difference and argument types " +
            "of the dataflow definitions registered here (and the types their fields hold) may; nothing of it was instantiated (docs/security.md).");
    }

    private void Walk(Type type, int depth)
    {
        if (depth > MaxDepth || type.ContainsGenericParameters || type.IsPointer || type.IsByRef || typeof(Delegate).IsAssignableFrom(type))
            return;
        if (!byName.TryAdd(NameOf(type), type))
            return;
        if (type.IsArray)
        {
            Walk(type.GetElementType()!, depth + 1);
            return;
        }
        if (type.IsPrimitive || type == typeof(string) || typeof(Type).IsAssignableFrom(type))
            return;
        foreach (var argument in type.GetGenericArguments())
            Walk(argument, depth + 1);
        foreach (var item in type.GetInterfaces())
            if (item.IsGenericType && item.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                Walk(item.GetGenericArguments()[0], depth + 1);
        // Hyperion writes a dictionary as its entries, of the non-generic kind.
        if (typeof(System.Collections.IDictionary).IsAssignableFrom(type))
            Walk(typeof(System.Collections.DictionaryEntry), depth + 1);
        foreach (var field in InstanceFields(type))
            Walk(field.FieldType, depth + 1);
    }

    /// <summary>The instance fields of <paramref name="type"/> and of the classes it derives from.</summary>
    public static IEnumerable<FieldInfo> InstanceFields(Type type)
    {
        for (var declaring = type; declaring is not null && declaring != typeof(object) && declaring != typeof(ValueType); declaring = declaring.BaseType)
            foreach (var field in declaring.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                yield return field;
    }

    /// <summary>Hyperion writes the core library's version as <c>,%core%</c>; Akka and .NET write it in full.</summary>
    private static string Normalize(string name) => Versions().Replace(name, "");

    [GeneratedRegex(@",%core%|, Version=[\d.]+|, Culture=[^,\] \t]+|, PublicKeyToken=(null|[\da-f]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Versions();
}
