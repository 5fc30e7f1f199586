using Akka.Actor;

namespace AkkaDifferential.Operators.Metrics;

/// <summary>
/// A bucket's side of reporting its counters to the dataflow's owner (<see cref="MetricsProtocol"/>). Every interval
/// the bucket asks each operator instance it owns for its counters (a round); once all it asked have answered, it
/// sends the owner one <see cref="MetricsProtocol.BucketReport"/> with the figures of every operator, summed over the
/// instances that count it (an operator's own actor and its copies fused into producers), if any changed. An instance
/// still busy with an earlier round (in a long activation) is not asked again and does not hold the others' figures
/// back: the report has its latest answer. When the owner asks (<see cref="Requested"/>), every instance is asked at
/// once, and the report, sent even if nothing changed, names the request once every instance has answered it: each
/// answer was taken after the request arrived.
/// </summary>
internal sealed class BucketReporter(DataflowId dataflow, int bucket, string member, IActorRef owner, IReadOnlyList<IActorRef> instances)
{
    private readonly Dictionary<IActorRef, int> positions = instances.Select((actor, i) => (actor, i)).ToDictionary(p => p.actor, p => p.i);
    private readonly IReadOnlyList<OperatorFigures>?[] latest = new IReadOnlyList<OperatorFigures>?[instances.Count];
    // Per instance, the last round it was asked in and the last it answered.
    private readonly long[] asked = new long[instances.Count];
    private readonly long[] answered = new long[instances.Count];
    private readonly List<(long Request, long Round)> requests = [];
    private long round;
    private bool changed;

    /// <summary>The interval passed: a new round, asking every instance that has answered the last one it was asked.</summary>
    public void Tick(IActorRef self)
    {
        round++;
        var collect = new MetricsProtocol.Collect(round);
        for (var i = 0; i < instances.Count; i++)
            if (answered[i] >= asked[i])
                Ask(i, collect, self);
        Complete(self);
    }

    /// <summary>The owner asked for a report (<see cref="MetricsProtocol.ReportNow"/>): a round asking every instance.</summary>
    public void Requested(long request, IActorRef self)
    {
        round++;
        var collect = new MetricsProtocol.Collect(round);
        for (var i = 0; i < instances.Count; i++)
            Ask(i, collect, self);
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

    private void Ask(int instance, MetricsProtocol.Collect collect, IActorRef self)
    {
        instances[instance].Tell(collect, self);
        asked[instance] = collect.Round;
    }

    /// <summary>
    /// Answers the requests that every instance has answered, or reports a change once every instance asked in this
    /// round has answered (those still busy with an earlier round were not asked).
    /// </summary>
    private void Complete(IActorRef self)
    {
        long request = 0;
        for (var i = requests.Count - 1; i >= 0; i--)
            if (Array.TrueForAll(answered, a => a >= requests[i].Round))
            {
                request = Math.Max(request, requests[i].Request);
                requests.RemoveAt(i);
            }
        if (request > 0 || (changed && RoundAnswered()))
            Report(request, self);
    }

    private bool RoundAnswered()
    {
        for (var i = 0; i < instances.Count; i++)
            if (asked[i] == round && answered[i] < round)
                return false;
        return true;
    }

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
