using System.Runtime.CompilerServices;
using AkkaDifferential.Arrangements.Data;

namespace AkkaDifferential;

/// <summary>
/// A 64-bit hash of records of type <typeparamref name="T"/> that is the same in every process, on every machine
/// and in every run, and equal for equal values. Workers exchange records by this hash, so two processes must agree
/// on it; <see cref="object.GetHashCode()"/> does not (string hashes are randomised per process). Leaves hash a
/// canonical form of their value (<see cref="ScalarHash"/>; strings by XXH64 of their UTF-16 code units), and
/// tuples, records, classes, structs, arrays, <c>ImmutableArray</c> and <c>List</c> fold the hashes of their
/// members or elements in order (the members of <see cref="StructuralMembers"/>, as for <see cref="DataOrder{T}"/>).
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public static class StableHash<T>
{
    /// <summary>The stable hash of <paramref name="value"/>.</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> cannot be hashed.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(T value)
    {
        // Each test is a constant for a value-type T, so the JIT keeps one call and no boxing.
        if (typeof(T) == typeof(int)) return ScalarHash.Of((int)(object)value!);
        if (typeof(T) == typeof(long)) return ScalarHash.Of((long)(object)value!);
        if (typeof(T) == typeof(uint)) return ScalarHash.Of((uint)(object)value!);
        if (typeof(T) == typeof(ulong)) return ScalarHash.Of((ulong)(object)value!);
        if (typeof(T) == typeof(short)) return ScalarHash.Of((short)(object)value!);
        if (typeof(T) == typeof(ushort)) return ScalarHash.Of((ushort)(object)value!);
        if (typeof(T) == typeof(byte)) return ScalarHash.Of((byte)(object)value!);
        if (typeof(T) == typeof(sbyte)) return ScalarHash.Of((sbyte)(object)value!);
        if (typeof(T) == typeof(char)) return ScalarHash.Of((char)(object)value!);
        if (typeof(T) == typeof(bool)) return ScalarHash.Of((bool)(object)value!);
        if (typeof(T) == typeof(nint)) return ScalarHash.Of((nint)(object)value!);
        if (typeof(T) == typeof(nuint)) return ScalarHash.Of((nuint)(object)value!);
        if (typeof(T) == typeof(double)) return ScalarHash.Of((double)(object)value!);
        if (typeof(T) == typeof(float)) return ScalarHash.Of((float)(object)value!);
        if (typeof(T) == typeof(decimal)) return ScalarHash.Of((decimal)(object)value!);
        if (typeof(T) == typeof(Guid)) return ScalarHash.Of((Guid)(object)value!);
        if (typeof(T) == typeof(DateTime)) return ScalarHash.Of((DateTime)(object)value!);
        if (typeof(T) == typeof(TimeSpan)) return ScalarHash.Of((TimeSpan)(object)value!);
        if (typeof(T) == typeof(string)) return ScalarHash.Of(Unsafe.As<string?>(value));
        return Derived.Hash(value);
    }

    /// <summary>
    /// Checks that <typeparamref name="T"/> can be hashed, so that a bad record type is reported when a dataflow
    /// is built rather than when its first update arrives.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// <typeparamref name="T"/> cannot be hashed; the message names the offending member and the fix.
    /// </exception>
    public static void Validate()
    {
        if (Derived.Problem is { } problem)
            throw new InvalidOperationException(problem);
    }

    // Derived on first use, not earlier, so that StableHash.Register can come first (see DataOrder<T>.Derived).
    private static class Derived
    {
        internal static readonly Func<T, ulong> Hash;
        internal static readonly string? Problem;

        static Derived()
        {
            var (function, problem) = HashDerivation.Instance.Resolve(typeof(T));
            Problem = problem;
            Hash = function as Func<T, ulong> ?? (_ => throw new InvalidOperationException(problem));
        }
    }
}

/// <summary>Registration of explicit hashes for <see cref="StableHash{T}"/>, and routing by hash.</summary>
public static class StableHash
{
    /// <summary>
    /// Makes <paramref name="hasher"/> the stable hash of <typeparamref name="T"/>, alone and inside other types.
    /// It must give equal values equal hashes, the same in every process (so never
    /// <see cref="object.GetHashCode()"/>), and receives <c>null</c> if <typeparamref name="T"/> is a reference
    /// type. Call this at start-up, before <typeparamref name="T"/> is first hashed.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// <typeparamref name="T"/> was already hashed, alone or inside another type, or has a built-in hash.
    /// </exception>
    public static void Register<T>(Func<T, ulong> hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        if (ScalarHash.Types.Contains(typeof(T)))
            throw new InvalidOperationException($"'{TypeNames.Of(typeof(T))}' has a built-in hash, which cannot be replaced.");
        HashDerivation.Instance.Register(typeof(T), hasher, $"StableHash.Register<{TypeNames.Of(typeof(T))}>");
    }

    /// <summary>
    /// Maps <paramref name="hash"/> to a bucket in <c>0 .. buckets - 1</c> by the high 64 bits of
    /// <c>hash * buckets</c> (Lemire's multiply-shift): no division, exactly uniform for a power-of-two number of
    /// buckets (the top bits of the hash), and otherwise biased by less than <c>buckets / 2^64</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="buckets"/> is not positive.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Bucket(ulong hash, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(buckets);
        return (int)Math.BigMul(hash, (ulong)buckets, out _);
    }
}
