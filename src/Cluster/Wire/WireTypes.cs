using Akka.Util;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// The types of a batch's columns as they travel: a byte per primitive type, <see cref="Unit"/>, string, value
/// tuple or product time (followed by its arguments), so that the usual <c>(int, int)</c> records at <c>long</c> times
/// by <c>long</c> differences cost five bytes; any other type by its name (without assembly version), which the
/// receiving member resolves only through its <see cref="AllowedTypes"/>: a name it has not admitted is refused. The
/// receiving member reads the types before the columns and builds its codec for them once.
/// </summary>
internal static class WireTypes
{
    private const byte Named = 0;
    private const byte Product = 1;
    private const byte ValueTuple = 2;
    private const byte String = 3;
    private const byte UnitType = 4;
    private const byte FirstPrimitive = 16;

    /// <summary>How deeply tuples and products may nest: a frame nesting deeper is malformed (and cannot exhaust the stack).</summary>
    private const int MaxDepth = 16;

    /// <summary>The types copied as raw bytes, by code (<see cref="FirstPrimitive"/> + index).</summary>
    private static readonly Type[] Primitives =
    [
        typeof(long), typeof(int), typeof(short), typeof(sbyte), typeof(ulong), typeof(uint), typeof(ushort), typeof(byte),
        typeof(bool), typeof(char), typeof(double), typeof(float), typeof(decimal), typeof(Guid), typeof(DateTime), typeof(TimeSpan),
    ];

    private static readonly Type[] ValueTuples = [typeof(ValueTuple<,>), typeof(ValueTuple<,,>), typeof(ValueTuple<,,,>)];

    /// <summary>True for a type copied as raw bytes.</summary>
    public static bool IsPrimitive(Type type) => Array.IndexOf(Primitives, type) >= 0;

    /// <summary>True for a value tuple of two to four items, whose columns are split by item.</summary>
    public static bool IsValueTuple(Type type) => type.IsGenericType && Array.IndexOf(ValueTuples, type.GetGenericTypeDefinition()) >= 0;

    /// <summary>True for a product time, whose columns are split into outer and inner.</summary>
    public static bool IsProduct(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Product<,>);

    /// <summary>Writes <paramref name="type"/>.</summary>
    public static void Write(WireWriter writer, Type type)
    {
        var primitive = Array.IndexOf(Primitives, type);
        if (primitive >= 0)
            writer.WriteByte((byte)(FirstPrimitive + primitive));
        else if (type == typeof(string))
            writer.WriteByte(String);
        else if (type == typeof(Unit))
            writer.WriteByte(UnitType);
        else if (IsProduct(type) || IsValueTuple(type))
        {
            var arguments = type.GetGenericArguments();
            writer.WriteByte(IsProduct(type) ? Product : ValueTuple);
            if (!IsProduct(type))
                writer.WriteByte((byte)arguments.Length);
            foreach (var argument in arguments)
                Write(writer, argument);
        }
        else
        {
            writer.WriteByte(Named);
            writer.WriteString(AllowedTypes.NameOf(type));
        }
    }

    /// <summary>Reads a type written by <see cref="Write"/>; a name that <paramref name="allowed"/> does not admit is refused.</summary>
    public static Type Read(ref WireReader reader, AllowedTypes allowed, int depth = 0)
    {
        if (depth > MaxDepth)
            throw reader.Malformed($"a type nested at most {MaxDepth} deep");
        var code = reader.ReadByte();
        switch (code)
        {
            case String:
                return typeof(string);
            case UnitType:
                return typeof(Unit);
            case Product:
                return typeof(Product<,>).MakeGenericType(Read(ref reader, allowed, depth + 1), Read(ref reader, allowed, depth + 1));
            case ValueTuple:
                var arity = reader.ReadByte();
                if (arity is < 2 or > 4)
                    throw reader.Malformed($"a value tuple of 2 to 4 items, not {arity}");
                var arguments = new Type[arity];
                for (var i = 0; i < arity; i++)
                    arguments[i] = Read(ref reader, allowed, depth + 1);
                return ValueTuples[arity - 2].MakeGenericType(arguments);
            case Named:
                return allowed.Resolve(reader.ReadRequiredString("a type name"));
            case >= FirstPrimitive when code - FirstPrimitive < Primitives.Length:
                return Primitives[code - FirstPrimitive];
            default:
                throw reader.Malformed($"a type code, not {code}");
        }
    }

    /// <summary>Reads past <paramref name="count"/> types without resolving them.</summary>
    public static void Skip(ref WireReader reader, int count, int depth = 0)
    {
        if (depth > MaxDepth)
            throw reader.Malformed($"a type nested at most {MaxDepth} deep");
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadByte())
            {
                case Product:
                    Skip(ref reader, 2, depth + 1);
                    break;
                case ValueTuple:
                    Skip(ref reader, reader.ReadByte(), depth + 1);
                    break;
                case Named:
                    reader.ReadString();
                    break;
            }
        }
    }
}
