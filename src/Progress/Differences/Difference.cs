using System.Runtime.CompilerServices;
using AkkaDifferential.Progress.Differences;

namespace AkkaDifferential;

/// <summary>
/// Abelian-group operations on difference types: how much a record's multiplicity changes. <c>long</c> is the
/// default; any type implementing .NET generic math's <c>IAdditionOperators</c>, <c>IUnaryNegationOperators</c>,
/// <c>IAdditiveIdentity</c> and <c>IEqualityOperators</c> (for itself) also works, so user types need no
/// interface of ours. For <c>long</c> and <c>int</c> each call is a machine instruction or two and a branch.
/// </summary>
/// <remarks>
/// Arithmetic is checked: a sum, inverse or product beyond the type's range throws an <see cref="OverflowException"/>
/// instead of wrapping, so an accumulation that overflows (a consolidation, a merge of trace batches, a reduction's
/// sums, a join's product of multiplicities) fails its operator, and with it the dataflow, rather than report a wrong
/// multiplicity. Types of generic math use their checked operators, where they have them.
/// </remarks>
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
    /// <exception cref="OverflowException">The sum is beyond the range of <typeparamref name="T"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Add<T>(T a, T b)
    {
        if (typeof(T) == typeof(long))
        {
            long x = (long)(object)a!, y = (long)(object)b!, sum = unchecked(x + y);
            // Overflow exactly when both operands have the same sign and the sum has the other.
            if (((x ^ sum) & (y ^ sum)) < 0) DifferenceOverflow.Throw("+", x, y);
            return (T)(object)sum;
        }
        if (typeof(T) == typeof(int))
        {
            int x = (int)(object)a!, y = (int)(object)b!, sum = unchecked(x + y);
            if (((x ^ sum) & (y ^ sum)) < 0) DifferenceOverflow.Throw("+", x, y);
            return (T)(object)sum;
        }
        return DifferenceOps<T>.Instance.Add(a, b);
    }

    /// <summary>The additive inverse.</summary>
    /// <exception cref="OverflowException">The inverse is beyond the range of <typeparamref name="T"/> (its minimum value has none).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Negate<T>(T a)
    {
        if (typeof(T) == typeof(long))
        {
            var x = (long)(object)a!;
            if (x == long.MinValue) DifferenceOverflow.Throw("-", 0L, x);
            return (T)(object)(-x);
        }
        if (typeof(T) == typeof(int))
        {
            var x = (int)(object)a!;
            if (x == int.MinValue) DifferenceOverflow.Throw("-", 0, x);
            return (T)(object)(-x);
        }
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
    /// <exception cref="OverflowException">The product is beyond the range of <typeparamref name="T"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Multiply<T>(T a, T b)
    {
        if (typeof(T) == typeof(long))
        {
            long x = (long)(object)a!, y = (long)(object)b!;
            // The 128-bit product fits a long exactly when its high half is the sign extension of its low half.
            var high = Math.BigMul(x, y, out var low);
            if (high != low >> 63) DifferenceOverflow.Throw("*", x, y);
            return (T)(object)low;
        }
        if (typeof(T) == typeof(int))
        {
            int x = (int)(object)a!, y = (int)(object)b!;
            var product = (long)x * y;
            if (product != (int)product) DifferenceOverflow.Throw("*", x, y);
            return (T)(object)(int)product;
        }
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
