using System.Buffers.Binary;
using System.Reflection;

namespace AkkaDifferential.Arrangements.Data;

/// <summary>
/// The stable hashes of the leaf types of <see cref="StableHash{T}"/>, one overload of <see cref="Of(long)"/> per
/// type; the set of overloads is the set of leaf types. Each hashes a canonical form of the value, so that values
/// that are equal hash equal: integers by value (sign-extended), floating point by bits with <c>-0.0</c> and every
/// NaN made one, decimals with trailing zeros removed (<c>1.0m == 1.00m</c>), times by ticks, Guids by bytes,
/// strings by XXH64 of their UTF-16 code units.
/// </summary>
internal static class ScalarHash
{
    private const ulong CanonicalNaN = 0x7FF8_0000_0000_0000;

    /// <summary>The types with an overload of <c>Of</c>.</summary>
    public static readonly HashSet<Type> Types = [.. Overloads().Select(m => m.GetParameters()[0].ParameterType)];

    /// <summary>The overload for <paramref name="type"/> as a <c>Func&lt;type, ulong&gt;</c>.</summary>
    public static Delegate For(Type type) =>
        Overloads().Single(m => m.GetParameters()[0].ParameterType == type)
            .CreateDelegate(typeof(Func<,>).MakeGenericType(type, typeof(ulong)));

    private static IEnumerable<MethodInfo> Overloads() =>
        typeof(ScalarHash).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == nameof(Of));

    public static ulong Of(bool value) => HashMix.Mix(value ? 1UL : 0UL);
    public static ulong Of(char value) => HashMix.Mix(value);
    public static ulong Of(sbyte value) => HashMix.Mix((ulong)(long)value);
    public static ulong Of(byte value) => HashMix.Mix(value);
    public static ulong Of(short value) => HashMix.Mix((ulong)(long)value);
    public static ulong Of(ushort value) => HashMix.Mix(value);
    public static ulong Of(int value) => HashMix.Mix((ulong)(long)value);
    public static ulong Of(uint value) => HashMix.Mix(value);
    public static ulong Of(long value) => HashMix.Mix((ulong)value);
    public static ulong Of(ulong value) => HashMix.Mix(value);
    public static ulong Of(nint value) => HashMix.Mix((ulong)(long)value);
    public static ulong Of(nuint value) => HashMix.Mix((ulong)value);
    public static ulong Of(Int128 value) => HashMix.Combine(HashMix.Mix((ulong)value), (ulong)(value >> 64));
    public static ulong Of(UInt128 value) => HashMix.Combine(HashMix.Mix((ulong)value), (ulong)(value >> 64));
    public static ulong Of(float value) => Of((double)value);
    public static ulong Of(Half value) => Of((double)value);
    public static ulong Of(DateTime value) => Of(value.Ticks);
    public static ulong Of(DateTimeOffset value) => Of(value.UtcTicks);
    public static ulong Of(TimeSpan value) => Of(value.Ticks);
    public static ulong Of(DateOnly value) => Of(value.DayNumber);
    public static ulong Of(TimeOnly value) => Of(value.Ticks);
    public static ulong Of(string? value) => value is null ? HashMix.Null : XxHash64.Hash(value);

    /// <summary>Hashes the bits, with <c>-0.0</c> as <c>0.0</c> and every NaN as one NaN, as they are equal.</summary>
    public static ulong Of(double value) =>
        HashMix.Mix(value == 0 ? 0 : double.IsNaN(value) ? CanonicalNaN : (ulong)BitConverter.DoubleToInt64Bits(value));

    /// <summary>Hashes the value with trailing zeros removed and zero unsigned, as <c>1.0m</c> equals <c>1.00m</c> and <c>-0m</c> equals <c>0m</c>.</summary>
    public static ulong Of(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }
        if (mantissa == 0)
            negative = false;
        var sign = negative ? 1UL : 0UL;
        return HashMix.Combine(HashMix.Combine(HashMix.Mix((ulong)mantissa), (ulong)(mantissa >> 64)), ((ulong)scale << 1) | sign);
    }

    /// <summary>Hashes the 16 bytes in their fixed, machine-independent layout.</summary>
    public static ulong Of(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        return HashMix.Combine(
            HashMix.Mix(BinaryPrimitives.ReadUInt64LittleEndian(bytes)),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));
    }
}
