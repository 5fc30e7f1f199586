using Akka.Actor;
using AkkaDifferential.Cluster.Wire;

namespace AkkaDifferential.Cluster.Tests.Wire;

/// <summary>
/// Which record types may cross nodes, decided from the type: data may (primitives, strings, tuples, records,
/// collections, actor references), code and process state may not (a delegate anywhere in the fields, a native
/// address, a type Hyperion refuses), and the refusal names the field that holds it.
/// </summary>
public sealed class RecordCheckTests(WireSystems wire) : IClassFixture<WireSystems>
{
    private RecordCheck Check => new(new RecordSerializer(wire.Here));

    [Theory]
    [InlineData(typeof(long))]
    [InlineData(typeof((string, Product<long, int>)))]
    [InlineData(typeof(BatchSerializerTests.Order))]
    [InlineData(typeof((int, BatchSerializerTests.Order)))]
    [InlineData(typeof(List<int>))]
    [InlineData(typeof(Dictionary<string, long>))]
    [InlineData(typeof(BatchSerializerTests.Tag[]))]
    [InlineData(typeof(DayOfWeek))]
    [InlineData(typeof(WithActor))]
    [InlineData(typeof(Optional<string>))]
    [InlineData(typeof(object))]
    public void Data_may_cross_nodes(Type type) => Assert.Null(Check.Refusal(type));

    [Theory]
    [InlineData(typeof(Func<int>), "Func<Int32> is a delegate (Func<Int32>): user code never travels")]
    [InlineData(typeof(WithCallback), "WithCallback.Callback is a delegate (Action)")]
    [InlineData(typeof((int, WithCallback)), "WithCallback.Callback is a delegate")]
    [InlineData(typeof(List<WithCallback>), ".Callback is a delegate (Action)")]
    [InlineData(typeof(WithHandle), "WithHandle.Handle is a native address (IntPtr)")]
    [InlineData(typeof(WithFile), "WithFile.File is a FileInfo, which Hyperion refuses to carry")]
    [InlineData(typeof(WithThread), "WithThread.Worker")]
    public void Code_and_process_state_may_not_and_the_refusal_names_the_field(Type type, string expected)
    {
        var refusal = Check.Refusal(type);
        Assert.NotNull(refusal);
        Assert.Contains(expected, refusal, StringComparison.Ordinal);
    }

    /// <summary>A record holding code.</summary>
    public sealed record WithCallback(int Id, Action Callback);

    /// <summary>A record holding a native address.</summary>
    public sealed record WithHandle(string Name, IntPtr Handle);

    /// <summary>A record holding a type Hyperion refuses.</summary>
    public sealed record WithFile(string Name, FileInfo File);

    /// <summary>A record holding a thread.</summary>
    public sealed record WithThread(Thread Worker);

    /// <summary>A record holding an actor reference, which Akka's surrogate carries.</summary>
    public sealed record WithActor(string Name, IActorRef Actor);
}
