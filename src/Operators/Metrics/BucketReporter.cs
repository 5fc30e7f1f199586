using Akka.Actor;

namespace AkkaDifferential.Operators.Metrics;

/// <summary>
/// A bucket's side of reporting its counters to the dataflow's owner (<see cref="MetricsProtocol"/>). Each round, the
/// bucket asks every operator instance it owns for its counters; once all have answered, it sends the owner one
/// <see cref="MetricsProtocol.BucketReport"/> with the figures of every operator, summed over the instances that
/// count it (an operator's own actor and its copies fused into producers), if any changed. A round starts every
/// interval, unless the previous one is still open (an instance busy in a long activation): then the bucket reports
/// what it has, so that the figures of the others keep arriving. When the owner asks (<see cref="Requested"/>), a round
/// starts at once, and its report, sent even if nothing changed, names the request: every instance's answer to it
/// was taken after the request arrived.
/// </summary>
internal sealed class BucketReporter(DataflowId dataflow, int bucket, string member, IActorRef owner, IReadOnlyList<IActorRef> instances)
{
    private readonly Dictionary<IActorRef, int> positions = instances.Select((actor, i) => (actor, i)).ToDictionary(p => p.actor, p => p.i);
    private readonly IReadOnlyList<OperatorFigures>?[] latest = new IReadOnlyList<OperatorFigures>?[instances.Count];
    private readonly long[] answered = new long[instances.Count];
    private readonly List<(long Request, long Round)> requests = [];
    private long round;
    private bool changed;

    /// <summary>The interval passed: a new round, or, while the last is still open, a report of what the bucket has.</summary>
    public void Tick(IActorRef self)
    {
        if (AnsweredAll(round))
            StartRound(self);
        else if (changed)
            Report(0, self);
    }

    /// <summary>The owner asked for a report (<see cref="MetricsProtocol.ReportNow"/>).</summary>
    public void Requested(long request, IActorRef self)
    {
        StartRound(self);
        requests.Add((request, round));
        Complete(self);
    }

    /// <summary>An instance answered (<see cref="MetricsProtocol.Collected"/>) from <paramref name="sender"/>.</summary>
    public void Received(MetricsProtocol.Collected collected, IActorRef sender, IActorRef self)
    {
        if (!positions.TryGetValue(sender, out var position))
            return;
        answered[position] = Math.Max(answered[position], collected.Round);
        if (collected.Figures is { } figures)
        {
            latest[position] = figures;
            changed = true;
        }
        Complete(self);
    }

    private void StartRound(IActorRef self)
    {
        round++;
        var collect = new MetricsProtocol.Collect(round);
        foreach (var instance in instances)
            instance.Tell(collect, self);
    }

    /// <summary>Answers the requests whose rounds every instance has answered, or reports a complete periodic round that changed something.</summary>
    private void Complete(IActorRef self)
    {
        long request = 0;
        for (var i = requests.Count - 1; i >= 0; i--)
            if (AnsweredAll(requests[i].Round))
            {
                request = Math.Max(request, requests[i].Request);
                requests.RemoveAt(i);
            }
        if (request > 0 || (changed && AnsweredAll(round)))
            Report(request, self);
    }

    private bool AnsweredAll(long until) => Array.TrueForAll(answered, a => a >= until);

    private void Report(long request, IActorRef self)
    {
        var sums = new SortedDictionary<int, OperatorFigures>();
        foreach (var figures in latest)
            if (figures is not null)
                foreach (var f in figures)
                    sums[f.Operator] = sums.TryGetValue(f.Operator, out var sum) ? sum.Add(f) : f;
        owner.Tell(new MetricsProtocol.BucketReport(dataflow, bucket, member, request, [.. sums.Values]), self);
        changed = false;
    }
}
