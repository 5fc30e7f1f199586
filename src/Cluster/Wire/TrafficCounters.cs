namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// What the batch serializer of one actor system wrote and read, told apart by where the bytes went: a frame read
/// here that this node did not write came from another node; a frame read back in place (<see cref="ReadBack"/>) is
/// the local round trip of <c>akka.actor.serialize-messages = on</c>, which never left the process. Lock-free: a few atomic adds per batch. One per actor
/// system (<see cref="Of"/>), not per serializer: Akka builds its serializers anew when an extension (sharding,
/// distributed data) adds its own, and the counts must survive that.
/// </summary>
internal sealed class TrafficCounters
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Akka.Actor.ActorSystem, TrafficCounters> BySystem = [];

    private long writtenBatches;
    private long writtenUpdates;
    private long writtenBytes;
    private long localBatches;
    private long localUpdates;
    private long localBytes;
    private long receivedBatches;
    private long receivedUpdates;
    private long receivedBytes;

    /// <summary>The counters of <paramref name="system"/>'s wire.</summary>
    public static TrafficCounters Of(Akka.Actor.ActorSystem system) => BySystem.GetValue(system, _ => new TrafficCounters());

    /// <summary>A frame of <paramref name="updates"/> updates was written as <paramref name="frame"/>.</summary>
    public void Written(int updates, byte[] frame)
    {
        Interlocked.Increment(ref writtenBatches);
        Interlocked.Add(ref writtenUpdates, updates);
        Interlocked.Add(ref writtenBytes, frame.Length);
    }

    /// <summary>A frame of <paramref name="updates"/> updates was read from <paramref name="frame"/>, read back in place when <paramref name="readBack"/>.</summary>
    public void Read(int updates, byte[] frame, bool readBack)
    {
        if (readBack)
        {
            Interlocked.Increment(ref localBatches);
            Interlocked.Add(ref localUpdates, updates);
            Interlocked.Add(ref localBytes, frame.Length);
            return;
        }
        Interlocked.Increment(ref receivedBatches);
        Interlocked.Add(ref receivedUpdates, updates);
        Interlocked.Add(ref receivedBytes, frame.Length);
    }

    /// <summary>The counts so far.</summary>
    public WireTraffic Snapshot()
    {
        var local = new WireTraffic.Count(Interlocked.Read(ref localBatches), Interlocked.Read(ref localUpdates), Interlocked.Read(ref localBytes));
        var written = new WireTraffic.Count(Interlocked.Read(ref writtenBatches), Interlocked.Read(ref writtenUpdates), Interlocked.Read(ref writtenBytes));
        var received = new WireTraffic.Count(Interlocked.Read(ref receivedBatches), Interlocked.Read(ref receivedUpdates), Interlocked.Read(ref receivedBytes));
        return new WireTraffic(written - local, received, local);
    }
}
