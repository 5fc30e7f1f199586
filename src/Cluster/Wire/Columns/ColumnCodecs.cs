using System.Collections.Concurrent;

namespace AkkaDifferential.Cluster.Wire.Columns;

/// <summary>
/// The column codec of each type, built once per serializer and type: signed integers narrowed to their range, raw
/// bytes for other primitives, one block for strings, nothing for <see cref="Unit"/>, a column per field for value
/// tuples and product times (recursively), and Hyperion for every other type.
/// </summary>
internal sealed class ColumnCodecs(RecordSerializer records)
{
    private static readonly Dictionary<Type, Type[]> FieldsOf = new()
    {
        [typeof(ValueTuple<,>)] = [typeof(Item1Of2<,>), typeof(Item2Of2<,>)],
        [typeof(ValueTuple<,,>)] = [typeof(Item1Of3<,,>), typeof(Item2Of3<,,>), typeof(Item3Of3<,,>)],
        [typeof(ValueTuple<,,,>)] = [typeof(Item1Of4<,,,>), typeof(Item2Of4<,,,>), typeof(Item3Of4<,,,>), typeof(Item4Of4<,,,>)],
        [typeof(Product<,>)] = [typeof(OuterOf<,>), typeof(InnerOf<,>)],
    };

    private readonly ConcurrentDictionary<Type, object> codecs = new();

    /// <summary>The codec of columns of <typeparamref name="T"/>.</summary>
    public ColumnCodec<T> For<T>() => (ColumnCodec<T>)For(typeof(T));

    /// <summary>True when columns of <paramref name="type"/> go through Hyperion (it has no column of its own).</summary>
    public static bool ThroughHyperion(Type type) =>
        !WireTypes.IsPrimitive(type) && type != typeof(string) && type != typeof(Unit) && !(type.IsGenericType && FieldsOf.ContainsKey(type.GetGenericTypeDefinition()));

    private object For(Type type) => codecs.TryGetValue(type, out var codec) ? codec : codecs.GetOrAdd(type, Create(type));

    private object Create(Type type)
    {
        if (type == typeof(long) || type == typeof(int) || type == typeof(short))
            return Activator.CreateInstance(typeof(IntegerColumn<>).MakeGenericType(type))!;
        if (WireTypes.IsPrimitive(type))
            return Activator.CreateInstance(typeof(PrimitiveColumn<>).MakeGenericType(type))!;
        if (type == typeof(string))
            return new StringColumn();
        if (type == typeof(Unit))
            return new UnitColumn();
        if (type.IsGenericType && FieldsOf.TryGetValue(type.GetGenericTypeDefinition(), out var accessors))
        {
            var arguments = type.GetGenericArguments();
            var fieldBase = typeof(FieldColumn<>).MakeGenericType(type);
            var fields = Array.CreateInstance(fieldBase, arguments.Length);
            for (var i = 0; i < arguments.Length; i++)
            {
                var column = typeof(FieldColumn<,,>).MakeGenericType(type, arguments[i], accessors[i].MakeGenericType(arguments));
                fields.SetValue(Activator.CreateInstance(column, For(arguments[i])), i);
            }
            return Activator.CreateInstance(typeof(CompositeColumn<>).MakeGenericType(type), fields)!;
        }
        return Activator.CreateInstance(typeof(RecordColumn<>).MakeGenericType(type), records)!;
    }
}
