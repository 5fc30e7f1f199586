using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Progress.Tests.Timestamps;

/// <summary>A type that cannot be a timestamp is refused with an error that names it; the built-in ones are accepted.</summary>
public sealed class TimestampValidationTests
{
    [Fact]
    public void Validate_refuses_a_type_that_is_not_a_timestamp_and_names_it()
    {
        var error = Assert.Throws<InvalidOperationException>(Timestamp.Validate<string>);
        Assert.Contains("System.String", error.Message);
    }

    [Fact]
    public void Lattice_operations_on_a_type_that_is_not_a_timestamp_fail_with_the_same_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Lattice.LessEqual("a", "b"));
        Assert.Contains("System.String", error.Message);
    }

    [Fact]
    public void Validate_refuses_a_lattice_that_is_not_a_timestamp_and_names_it()
    {
        // FlatTime is a lattice (so Lattice.LessEqual works on it) but has no minimum or flattening of its own.
        var error = Assert.Throws<InvalidOperationException>(Timestamp.Validate<FlatTime>);
        Assert.Contains(nameof(FlatTime), error.Message);
        Assert.True(Lattice.LessEqual(new FlatTime([1, 2]), new FlatTime([1, 3])));
    }

    [Fact]
    public void Validate_accepts_the_built_in_timestamps()
    {
        Timestamp.Validate<long>();
        Timestamp.Validate<int>();
        Timestamp.Validate<Product<long, int>>();
        Timestamp.Validate<Product<Product<long, int>, int>>();
        Assert.Equal(new Product<Product<long, int>, int>(new(0, 0), 0), Timestamp.Minimum<Product<Product<long, int>, int>>());
    }
}
