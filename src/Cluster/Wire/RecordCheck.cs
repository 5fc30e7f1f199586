using System.Runtime.CompilerServices;
using System.Security;
using Akka.Actor;
using AkkaDifferential.Arrangements.Data;
using AkkaDifferential.Cluster.Wire.Columns;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// Whether values of a type can travel between nodes, decided from the type before a dataflow is deployed: the
/// types the wire writes itself (primitives, strings, <see cref="Unit"/>, tuples and product times of them) can;
/// another type can when nothing in its fields, followed through every field of every class and struct it holds,
/// is code or a process's own state — a delegate (user code never travels: every node runs its own build), a
/// pointer or native handle — and Hyperion accepts each such class (it refuses types it deems unsafe, or types a
/// type filter leaves out). A field declared as an interface, an abstract class or <c>object</c> can hold anything:
/// its values' own types are only known when they are written, and are not checked here.
/// </summary>
internal sealed class RecordCheck(RecordSerializer hyperion)
{
    /// <summary>How deep the fields of fields are followed (a deeper type is accepted as far as it was followed).</summary>
    private const int MaxDepth = 12;

    /// <summary>Why values of <paramref name="type"/> cannot travel, or null when they can.</summary>
    public string? Refusal(Type type) => Refusal(type, TypeNames.Of(type), [], 0);

    private string? Refusal(Type type, string path, HashSet<Type> seen, int depth)
    {
        if (depth > MaxDepth || !seen.Add(type))
            return null;
        if (WireTypes.IsPrimitive(type) || type == typeof(string) || type == typeof(Unit) || typeof(IActorRef).IsAssignableFrom(type) || typeof(Type).IsAssignableFrom(type))
            return null;
        if (typeof(Delegate).IsAssignableFrom(type))
            return $"{path} is a delegate ({TypeNames.Of(type)}): user code never travels between nodes, each builds its own; records that cross nodes hold data, not functions";
        if (type.IsPointer || type.IsFunctionPointer || type == typeof(IntPtr) || type == typeof(UIntPtr))
            return $"{path} is a native address ({TypeNames.Of(type)}), which means nothing in another process";
        if (type.IsArray)
            return Refusal(type.GetElementType()!, path + "[]", seen, depth + 1);
        if (!ColumnCodecs.ThroughHyperion(type))
        {
            // A tuple or product time: a column per item.
            foreach (var argument in type.GetGenericArguments())
                if (Refusal(argument, $"{path} item {TypeNames.Of(argument)}", seen, depth + 1) is { } refusal)
                    return refusal;
            return null;
        }
        if (type.IsInterface || type.IsAbstract || type == typeof(object))
            return null;
        if (HyperionRefuses(type) is { } refused)
            return $"{path} is a {TypeNames.Of(type)}, which Hyperion refuses to carry ({refused})";
        foreach (var field in AllowedTypes.InstanceFields(type))
            if (Refusal(field.FieldType, $"{path}.{Readable(field.Name)}", seen, depth + 1) is { } refusal)
                return refusal;
        return null;
    }

    /// <summary>Hyperion's verdict on an empty instance of <paramref name="type"/>: why it refuses the type, or null.</summary>
    private string? HyperionRefuses(Type type)
    {
        object empty;
        try
        {
            empty = RuntimeHelpers.GetUninitializedObject(type);
        }
        catch (ArgumentException)
        {
            return null;
        }
        try
        {
            var writer = WireWriter.Rent();
            try
            {
                hyperion.Serialize(empty, writer);
                using var stream = new MemoryStream(writer.ToArray());
                hyperion.Deserialize(stream);
            }
            finally
            {
                writer.Return();
            }
        }
        catch (SecurityException ex)
        {
            return ex.Message;
        }
        catch (Exception)
        {
            // An empty instance may break a type's own serialization (a collection without its storage): no verdict.
        }
        return null;
    }

    /// <summary>A property's backing field by the property's name.</summary>
    private static string Readable(string field) =>
        field.StartsWith('<') && field.IndexOf('>') is > 1 and var end ? field[1..end] : field;
}
