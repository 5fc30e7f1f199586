using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Progress.Tests.Tracking;

/// <summary>The flattened time's own operations; its agreement with typed times is in the timestamp law tests.</summary>
public sealed class FlatTimeTests
{
    [Fact]
    public void Times_of_different_depths_cannot_be_compared()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FlatTime.LessEqual(new FlatTime([1]), new FlatTime([1, 0])));
        Assert.Contains("different depths", error.Message);
    }

    [Fact]
    public void Order_is_coordinate_wise_and_CompareTo_lexicographic()
    {
        var a = new FlatTime([1, 5]);
        var b = new FlatTime([2, 3]);
        Assert.False(FlatTime.LessEqual(a, b));
        Assert.False(FlatTime.LessEqual(b, a));
        Assert.True(a.CompareTo(b) < 0);
        Assert.Equal(new FlatTime([2, 5]), FlatTime.Join(a, b));
        Assert.Equal(new FlatTime([1, 3]), FlatTime.Meet(a, b));
    }

    [Fact]
    public void Equal_coordinates_make_equal_times_with_equal_hashes()
    {
        Assert.Equal(new FlatTime([4, 2]), new FlatTime([4, 2]));
        Assert.Equal(new FlatTime([4, 2]).GetHashCode(), new FlatTime([4, 2]).GetHashCode());
        Assert.NotEqual(new FlatTime([4, 2]), new FlatTime([2, 4]));
        Assert.Equal("(4, 2)", new FlatTime([4, 2]).ToString());
        Assert.Equal("4", new FlatTime([4]).ToString());
    }
}
