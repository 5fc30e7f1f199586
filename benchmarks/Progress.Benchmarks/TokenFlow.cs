using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Progress.Benchmarks;

/// <summary>
/// The pointstamp batches a dataflow reports over a number of rounds, as its operators would send them: in round
/// <c>r</c> each input sends one message at its time, every operator that receives a message consumes it and sends
/// one on each output it can reach (in one batch, the send reported with the consumption), messages go around a loop
/// a fixed number of times, and at the end of the round each input moves its capability from <c>r</c> to <c>r + 1</c>.
/// </summary>
internal static class TokenFlow
{
    /// <summary>The batches of <paramref name="rounds"/> rounds, messages going around a loop <paramref name="iterations"/> times.</summary>
    public static List<PointstampChange[]> Batches(BenchGraph graph, int rounds, int iterations)
    {
        var shapes = graph.Graph.Operators;
        var downstream = new Dictionary<Location, List<Location>>();
        foreach (var channel in graph.Graph.Channels)
        {
            if (!downstream.TryGetValue(channel.Source, out var targets))
                downstream[channel.Source] = targets = [];
            targets.Add(channel.Target);
        }
        var inputs = new List<Location>();
        for (var op = 0; op < shapes.Count; op++)
            if (shapes[op].Inputs == 0)
                inputs.Add(Location.Source(op, 0));

        var batches = new List<PointstampChange[]>();
        batches.Add([.. inputs.Select(input => Change(graph, input, 0, +1))]);
        var pending = new Queue<(Location Target, FlatTime Time)>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var input in inputs)
            {
                var sends = new List<PointstampChange>();
                Send(input, Change(graph, input, round, 0).Time, downstream, sends, pending);
                batches.Add([.. sends]);
            }
            while (pending.TryDequeue(out var message))
            {
                var batch = new List<PointstampChange> { new(message.Target, message.Time, -1) };
                var shape = shapes[message.Target.Operator];
                for (var output = 0; output < shape.Outputs; output++)
                {
                    if (shape.Summary(message.Target.Port, output) is not { } summary)
                        continue;
                    var time = summary.Apply(message.Time);
                    if (time.Length > 1 && time.Coordinates[^1] >= iterations)
                        continue;
                    Send(Location.Source(message.Target.Operator, output), time, downstream, batch, pending);
                }
                batches.Add([.. batch]);
            }
            batches.Add([.. inputs.SelectMany(input => new[] { Change(graph, input, round, -1), Change(graph, input, round + 1, +1) })]);
        }
        return batches;
    }

    private static void Send(Location source, FlatTime time, Dictionary<Location, List<Location>> downstream, List<PointstampChange> batch, Queue<(Location, FlatTime)> pending)
    {
        if (!downstream.TryGetValue(source, out var targets))
            return;
        foreach (var target in targets)
        {
            batch.Add(new(target, time, +1));
            pending.Enqueue((target, time));
        }
    }

    private static PointstampChange Change(BenchGraph graph, Location location, long time, long delta)
    {
        var coordinates = new long[graph.Depth(location)];
        coordinates[0] = time;
        return new(location, new FlatTime(coordinates), delta);
    }
}
