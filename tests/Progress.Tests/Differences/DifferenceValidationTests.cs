using System.Numerics;

namespace AkkaDifferential.Progress.Tests.Differences;

/// <summary>A type without the abelian-group operators is refused with an error naming it; one and minus one where they exist.</summary>
public sealed class DifferenceValidationTests
{
    [Fact]
    public void Validate_refuses_a_type_without_group_operators_and_names_it()
    {
        var error = Assert.Throws<InvalidOperationException>(Difference.Validate<string>);
        Assert.Contains("System.String", error.Message);
    }

    [Fact]
    public void Validate_refuses_a_type_with_addition_only_and_names_it()
    {
        var error = Assert.Throws<InvalidOperationException>(Difference.Validate<AddOnly>);
        Assert.Contains(typeof(AddOnly).FullName!, error.Message);
    }

    [Fact]
    public void Validate_accepts_numbers_and_user_groups()
    {
        Difference.Validate<long>();
        Difference.Validate<int>();
        Difference.Validate<decimal>();
        Difference.Validate<Vec2>();
        Assert.Equal(new Vec2(1, -2), Difference.Add(new Vec2(3, -1), new Vec2(-2, -1)));
    }

    [Fact]
    public void One_and_MinusOne_of_long_are_plus_and_minus_one()
    {
        Assert.Equal(1L, Difference.One<long>());
        Assert.Equal(-1L, Difference.MinusOne<long>());
        Assert.Equal(-1, Difference.MinusOne<int>());
    }

    [Fact]
    public void One_of_a_generic_math_type_is_its_multiplicative_identity()
    {
        Assert.Equal(1m, Difference.One<decimal>());
        Assert.Equal(-1m, Difference.MinusOne<decimal>());
    }

    [Fact]
    public void One_of_a_group_without_multiplicative_identity_fails_naming_the_type()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Difference.One<Vec2>());
        Assert.Contains(typeof(Vec2).FullName!, error.Message);
    }

    /// <summary>A type with addition only: not a group, so not a difference.</summary>
    private readonly record struct AddOnly(long Value) : IAdditionOperators<AddOnly, AddOnly, AddOnly>
    {
        public static AddOnly operator +(AddOnly left, AddOnly right) => new(left.Value + right.Value);
    }
}
