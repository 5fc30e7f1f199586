using Akka.Actor;

namespace AkkaDifferential.Operators.Metrics;

/// <summary>
/// The owner's side of <see cref="MetricsProtocol.Refresh"/>: who asked for a fresh snapshot, under which request,
/// and which request each bucket of the current incarnation has answered. A request is answered
/// (<see cref="MetricsProtocol.Refreshed"/>) once every bucket has reported for it or for a later one.
/// </summary>
internal sealed class RefreshRequests(int buckets)
{
    private readonly List<(IActorRef Asker, long Request)> waiting = [];
    private long[] answered = new long[buckets];

    /// <summary>The latest request, which a <see cref="MetricsProtocol.ReportNow"/> to every bucket asks for.</summary>
    public long Latest { get; private set; }

    /// <summary>True while a request waits for some bucket.</summary>
    public bool Waiting => waiting.Count > 0;

    /// <summary>Records a request of <paramref name="asker"/>.</summary>
    public void Add(IActorRef asker) => waiting.Add((asker, ++Latest));

    /// <summary>Bucket <paramref name="bucket"/> reported for <paramref name="request"/>: answers every request all buckets have.</summary>
    public void Answered(int bucket, long request)
    {
        if ((uint)bucket >= (uint)answered.Length)
            return;
        answered[bucket] = Math.Max(answered[bucket], request);
        var least = answered.Min();
        waiting.RemoveAll(w =>
        {
            if (w.Request > least)
                return false;
            w.Asker.Tell(MetricsProtocol.Refreshed.Instance);
            return true;
        });
    }

    /// <summary>A new incarnation's buckets replace the old: the requests waiting are asked of them anew.</summary>
    public void Restart() => answered = new long[answered.Length];
}
