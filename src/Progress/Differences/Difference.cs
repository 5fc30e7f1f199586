using System.Runtime.CompilerServices;
using AkkaDifferential.Progress.Differences;

namespace AkkaDifferential;

/// <summary>
/// Abelian-group operations on difference types: how much a record's multiplicity changes. <c>long</c> is the
/// default; any type implementing .NET generic math's <c>IAdditionOperators</c>, <c>IUnaryNegationOperators</c>,
/// <c>IAdditiveIdentity</c> and <c>IEqualityOperators</c> (for itself) also works, so user types need no
/// interface of ours. For <c>long</c> and <c>int</c> each call is one machine instruction.
/// </summary>
public static class Difference
{
    /// <summary>The identity of addition.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Zero<T>()
    {
        if (typeof(T) == typeof(long)) return (T)(object)0L;
        if (typeof(T) == typeof(int)) return (T)(object)0;
        return DifferenceOps<T>.Instance.Zero;
    }

    /// <summary>The sum of two differences.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Add<T>(T a, T b)
    {
        if (typeof(T) == typeof(long)) return (T)(object)((long)(object)a! + (long)(object)b!);
        if (typeof(T) == typeof(int)) return (T)(object)((int)(object)a! + (int)(object)b!);
        return DifferenceOps<T>.Instance.Add(a, b);
    }

    /// <summary>The additive inverse.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Negate<T>(T a)
    {
        if (typeof(T) == typeof(long)) return (T)(object)(-(long)(object)a!);
        if (typeof(T) == typeof(int)) return (T)(object)(-(int)(object)a!);
        return DifferenceOps<T>.Instance.Negate(a);
    }

    /// <summary>True when <paramref name="a"/> is the identity: a record with this difference is absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsZero<T>(T a)
    {
        if (typeof(T) == typeof(long)) return (long)(object)a! == 0L;
        if (typeof(T) == typeof(int)) return (int)(object)a! == 0;
        return DifferenceOps<T>.Instance.IsZero(a);
    }

    /// <summary>
    /// The product of two differences: the multiplicity of a pair of joined records. Needs a type with
    /// <c>IMultiplyOperators</c> over itself (as <c>long</c> has).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Multiply<T>(T a, T b)
    {
        if (typeof(T) == typeof(long)) return (T)(object)((long)(object)a! * (long)(object)b!);
        if (typeof(T) == typeof(int)) return (T)(object)((int)(object)a! * (int)(object)b!);
        return DifferenceOps<T>.Instance.Multiply(a, b);
    }

    /// <summary>The difference <c>1</c>: one more copy of a record. Needs a type with a multiplicative identity.</summary>
    public static T One<T>()
    {
        if (typeof(T) == typeof(long)) return (T)(object)1L;
        if (typeof(T) == typeof(int)) return (T)(object)1;
        return DifferenceOps<T>.Instance.One;
    }

    /// <summary>The difference <c>-1</c>: a removal.</summary>
    public static T MinusOne<T>() => Negate(One<T>());

    /// <summary>Checks that <typeparamref name="T"/> is a difference type, failing with a message that names it.</summary>
    /// <exception cref="InvalidOperationException">The type lacks the abelian-group operators.</exception>
    public static void Validate<T>() => _ = DifferenceOps<T>.Instance.Zero;
}
