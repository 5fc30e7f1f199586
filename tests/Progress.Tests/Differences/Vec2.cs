using System.Numerics;

namespace AkkaDifferential.Progress.Tests.Differences;

/// <summary>
/// A user-defined difference: a pair of counts, an abelian group through .NET generic math alone (no interface of
/// ours), as a user would write it. It has no multiplicative identity, so it has no <c>One</c>.
/// </summary>
public readonly record struct Vec2(long X, long Y) :
    IAdditionOperators<Vec2, Vec2, Vec2>,
    IUnaryNegationOperators<Vec2, Vec2>,
    IAdditiveIdentity<Vec2, Vec2>,
    IEqualityOperators<Vec2, Vec2, bool>
{
    public static Vec2 AdditiveIdentity => default;

    public static Vec2 operator +(Vec2 left, Vec2 right) => new(left.X + right.X, left.Y + right.Y);

    public static Vec2 operator -(Vec2 value) => new(-value.X, -value.Y);
}
