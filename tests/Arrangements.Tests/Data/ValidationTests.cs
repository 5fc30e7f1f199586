namespace AkkaDifferential.Arrangements.Tests.Data;

/// <summary>Types that cannot be ordered or hashed are reported with the type, the member path and the fix.</summary>
public class ValidationTests
{
    public sealed class WithObject
    {
        public int Id { get; init; }
        public object Payload { get; init; } = new();
    }

    public sealed class Empty;

    public sealed record WithCallback(int Id, Func<int> Callback);

    public sealed record WithInterface(IDisposable Resource);

    public sealed record Outer(int Id, Middle Middle);

    public sealed record Middle(string Name, object[] Items);

    public sealed class Looping
    {
        public Looping? Next { get; init; }
        public object? Tag { get; init; }
    }

    public sealed record Left(Right Right, object Tag);

    public sealed record Right(Left? Left);

    [Fact]
    public void ObjectMembersAreReportedWithTheirPath()
    {
        AssertProblem(DataOrder<WithObject>.Validate, "ordered", "'WithObject'", "'WithObject.Payload'", "object", "IComparable<WithObject>", "DataOrder.Register<WithObject>");
        AssertProblem(StableHash<WithObject>.Validate, "hashed", "'WithObject'", "'WithObject.Payload'", "object", "StableHash.Register<WithObject>");
        AssertProblem(() => DataOrder<WithObject>.Compare(new WithObject(), new WithObject()), "WithObject.Payload");
        AssertProblem(() => StableHash<WithObject>.Hash(new WithObject()), "WithObject.Payload");
    }

    [Fact]
    public void TypesWithoutMembersAreReported()
    {
        AssertProblem(DataOrder<Empty>.Validate, "'Empty'", "no public fields or properties", "DataOrder.Register<Empty>");
        AssertProblem(StableHash<Empty>.Validate, "'Empty'", "no public fields or properties", "StableHash.Register<Empty>");
        AssertProblem(DataOrder<object>.Validate, "'Object'");
        AssertProblem(StableHash<object>.Validate, "'Object'");
    }

    [Fact]
    public void DelegatesAndInterfacesAreReported()
    {
        AssertProblem(DataOrder<WithCallback>.Validate, "'WithCallback.Callback'", "delegate");
        AssertProblem(StableHash<WithCallback>.Validate, "'WithCallback.Callback'", "delegate");
        AssertProblem(DataOrder<WithInterface>.Validate, "'WithInterface.Resource'", "interface");
        AssertProblem(StableHash<WithInterface>.Validate, "'WithInterface.Resource'", "interface");
    }

    [Fact]
    public void NestedProblemsNameThePathFromTheRoot()
    {
        AssertProblem(DataOrder<Outer>.Validate, "'Outer.Middle.Items[]'", "DataOrder.Register<Outer>", "DataOrder.Register<Object>");
        AssertProblem(StableHash<(int, Outer)>.Validate, "'ValueTuple<Int32, Outer>.Item2.Middle.Items[]'");
    }

    [Fact]
    public void ProblemsBehindCyclesAreFoundFromEveryEntry()
    {
        AssertProblem(DataOrder<Looping>.Validate, "'Looping.Tag'");
        AssertProblem(StableHash<Left>.Validate, "'Left.Tag'");
        AssertProblem(StableHash<Right>.Validate, "'Right.Left.Tag'");
        AssertProblem(DataOrder<Right>.Validate, "'Right.Left.Tag'");
        AssertProblem(DataOrder<Left>.Validate, "'Left.Tag'");
    }

    [Fact]
    public void OrderableTypesValidate()
    {
        DataOrder<int>.Validate();
        DataOrder<string>.Validate();
        DataOrder<(int, string, Colour?)>.Validate();
        DataOrder<Segment[]>.Validate();
        DataOrder<List<Person>>.Validate();
        DataOrder<DateOnly>.Validate();
        StableHash<int>.Validate();
        StableHash<(int, string, Colour?)>.Validate();
        StableHash<Segment[]>.Validate();
        StableHash<List<Person>>.Validate();
        StableHash<DateOnly>.Validate();
    }

    private static void AssertProblem(Action use, params string[] fragments)
    {
        var error = Assert.Throws<InvalidOperationException>(use);
        foreach (var fragment in fragments)
            Assert.Contains(fragment, error.Message);
    }

    private static void AssertProblem(Func<object> use, params string[] fragments) => AssertProblem(() => { use(); }, fragments);
}
