using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace AkkaDifferential.Progress.Differences;

/// <summary>
/// The error of a difference operation whose result is beyond its type's range. Thrown from a helper that is never
/// inlined, so that the checks in <see cref="Difference"/> stay a compare and a branch on the hot path.
/// </summary>
internal static class DifferenceOverflow
{
    /// <summary>Throws the overflow of <c>a op b</c> (for a negation, <c>0 - b</c>).</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw<T>(string op, T a, T b) => throw Error(op, a, b);

    /// <summary>The overflow of <c>a op b</c> (for a negation, <c>0 - b</c>).</summary>
    public static OverflowException Error<T>(string op, T a, T b) => new(
        $"Differences overflow: {a} {op} {b} is beyond the range of {typeof(T).Name}. A multiplicity (or a join's product of " +
        "multiplicities) must fit its difference type; use a wider one (Int128, BigInteger) if it does not.");
}
