using Akka.Actor;
using AkkaDifferential.Cluster.Wire;
using AkkaDifferential.Operators.Capture;
using AkkaDifferential.Operators.Metrics;
using AkkaDifferential.Operators.Probes;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;
using AkkaDifferential.Runtime.Progress;
using AkkaDifferential.Runtime.Readers;
using CsCheck;

namespace AkkaDifferential.Cluster.Tests.Wire;

/// <summary>
/// A generator of every message type that may cross nodes, keyed by the type (generic ones closed over <c>long</c>
/// times, with product times besides): <see cref="WireBindingTests"/> checks that these are exactly the engine's
/// messages that are not local-only, and <see cref="MessageRoundTripTests"/> round-trips each.
/// </summary>
internal static class WireMessages
{
    public static Dictionary<Type, Gen<object>> Samples(IReadOnlyList<IActorRef> actors)
    {
        var strings = Gen.OneOf(Gen.String, Gen.Char["aé€😀"].Array[0, 4].Select(c => new string(c)));
        var actor = Gen.Int[0, actors.Count - 1].Select(i => actors[i]);
        var maybeActor = Gen.Select(Gen.Bool, actor, (none, a) => none ? null : a);
        var id = Gen.Select(strings, Gen.Guid, (name, guid) => new DataflowId(name, guid));
        var count = Gen.Int[0, 10_000];
        var flat = Gen.Long.Array[1, 3].Select(c => new FlatTime(c));
        var flats = flat.Array[0, 3];
        var location = Gen.Select(count, Gen.Int[0, 5], Gen.Bool, (op, port, source) => new Location(op, port, source));
        var change = Gen.Select(location, flat, Gen.Long, (l, t, d) => new PointstampChange(l, t, d));
        var update = Gen.Select(id, change.Array[0, 8], (d, c) => new FrontierProtocol.ProgressUpdate(d, c));
        var summary = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 2], Gen.Long[0, 3], Gen.Bool, (t, e, i, none) => none ? (PathSummary?)null : new PathSummary(t, e, i));
        var shape = Gen.Select(strings, Gen.Int[0, 3], Gen.Int[0, 3], Gen.Bool).SelectMany(s => summary.Array[s.Item3].Array[s.Item2].Select(m =>
            new OperatorShape(s.Item1, s.Item2, s.Item3, s.Item4 ? null : m)));
        var graph = Gen.Select(shape.Array[0, 5], Gen.Select(location, location, (a, b) => new Channel(a, b)).Array[0, 5],
            (ops, channels) => new ProgressGraph(ops, channels));
        var observers = Gen.Dictionary(count, actor.Array[0, 3].Select(a => (IReadOnlyList<IActorRef>)a))[0, 3];
        var target = Gen.Select(location, flats, (l, f) => new FrontierProtocol.TargetFrontier(l, f));
        var backlog = Gen.Select(actor, Gen.Long[1, long.MaxValue], (a, b) => new FrontierProtocol.BacklogWatch(a, b));
        var batch = Gen.Select(Gen.Select(Gen.Int, Gen.Int), Gen.Long[0, 3], Gen.Long[-1, 1]).Array[0, 20]
            .Select(u => new UpdateBatch<(int, int), long, long>([.. u.Select(x => x.Item1)], [.. u.Select(x => x.Item2)], [.. u.Select(x => x.Item3)]));
        var traffic = Gen.Select(Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue], (b, u, n) => new WireTraffic.Count(b, u, n));
        // Arguments go through Hyperion, which writes strings as UTF-8: well-formed strings only.
        var wellFormed = Gen.Char["ab é€"].Array[0, 6].Select(c => new string(c));
        var arguments = Gen.OneOf<object?>(Gen.Const(default(object?)), Gen.Int.Select(i => (object?)i), Gen.Select(Gen.Int, wellFormed).Select(t => (object?)t));
        var deployment = Gen.Select(id, Gen.Null(strings, 0.3), arguments, Gen.Int[1, 1000], strings.Array[0, 6], Gen.ULong,
            (i, d, a, b, p, f) => new RuntimeProtocol.Deployment(i, d, a, b, p, f));
        var start = Gen.Select(deployment, count, actor, Gen.Dictionary(count, actor)[0, 3],
            (d, b, o, e) => new RuntimeProtocol.StartBucket(d, b, o, e));
        var exception = Gen.Select(strings, strings, Gen.Bool, (outer, inner, wrapped) => wrapped
            ? (Exception)new OperatorFailedException(outer, new ArgumentException(inner))
            : new InvalidOperationException(outer));
        var times = Gen.Long.Array[0, 3].Select(t => new Antichain<long>(t));
        var size = Gen.Select(Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue], Gen.Long[0, 1000], Gen.Null(strings, 0.5),
            (k, u, b, lag, held) => new ArrangementSize(k, u, b, lag, held));
        var figures = Gen.Select(Gen.Select(count, Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue]),
            Gen.Bool, size, Gen.Bool, flats,
            (c, sized, s, told, f) => new OperatorFigures(c.Item1, c.Item2, c.Item3, c.Item4, c.Item5, sized ? s : null, told ? f : null));
        var products = Gen.Select(Gen.Long[0, 9], Gen.Int[0, 9], (o, i) => new Product<long, int>(o, i)).Array[0, 3].Select(t => new Antichain<Product<long, int>>(t));

        return new()
        {
            [typeof(RuntimeProtocol.Deliver)] = Gen.Select(count, Gen.Int[0, 5], batch, Gen.Null(flat.Array[1, 3], 0.5), (op, port, b, t) => (object)new RuntimeProtocol.Deliver(op, port, b, t)),
            [typeof(CaptureProtocol.Captured)] = Gen.Select(Gen.Guid, count, batch, (g, b, u) => (object)new CaptureProtocol.Captured(g, b, u)),
            [typeof(TrafficReporter.GetTraffic)] = Gen.Const<object>(TrafficReporter.GetTraffic.Instance),
            [typeof(WireTraffic)] = Gen.Select(traffic, traffic, traffic, (s, r, l) => (object)new WireTraffic(s, r, l)),

            [typeof(NodeProgressProtocol.NodeProgress)] = Gen.Select(strings, Gen.Long[1, long.MaxValue], update.Array[0, 4], Gen.Guid, (n, s, u, f) => (object)new NodeProgressProtocol.NodeProgress(n, s, u, f)),
            [typeof(NodeProgressProtocol.NodeProgressAck)] = Gen.Select(strings, Gen.Long, Gen.Guid, (n, s, f) => (object)new NodeProgressProtocol.NodeProgressAck(n, s, f)),
            [typeof(NodeProgressProtocol.Resynchronize)] = Gen.Guid.Select(f => (object)new NodeProgressProtocol.Resynchronize(f)),
            [typeof(FrontierProtocol.ProgressUpdate)] = update.Select(u => (object)u),
            [typeof(FrontierProtocol.Register)] = Gen.Select(id, graph, change.Array[0, 4], actor.Array[0, 3], Gen.Bool, observers, Gen.Null(backlog, 0.5),
                (d, g, c, l, none, o, b) => (object)new FrontierProtocol.Register(d, g, c, l, none ? null : o, b)),
            [typeof(FrontierProtocol.BacklogWatch)] = backlog.Select(b => (object)b),
            [typeof(FrontierProtocol.BacklogChanged)] = Gen.Select(id, Gen.Bool, (d, over) => (object)new FrontierProtocol.BacklogChanged(d, over)),
            [typeof(FrontierProtocol.Registered)] = id.Select(d => (object)new FrontierProtocol.Registered(d)),
            [typeof(FrontierProtocol.Unregister)] = id.Select(d => (object)new FrontierProtocol.Unregister(d)),
            [typeof(FrontierProtocol.Subscribe)] = Gen.Select(id, location, actor, (d, l, a) => (object)new FrontierProtocol.Subscribe(d, l, a)),
            [typeof(FrontierProtocol.FrontiersAdvanced)] = Gen.Select(id, target.Array[0, 4], (d, f) => (object)new FrontierProtocol.FrontiersAdvanced(d, f)),
            [typeof(FrontierProtocol.RelayedFrontiers)] = Gen.Select(id, target.Array[0, 4]).SelectMany(r =>
                Gen.Select(actor, Gen.Int[0, r.Item2.Length], Gen.Int[0, r.Item2.Length], (a, i, j) => new FrontierProtocol.RelayedFrontiers.Part(a, Math.Min(i, j), Math.Max(i, j))).Array[0, 4]
                    .Select(parts => (object)new FrontierProtocol.RelayedFrontiers(r.Item1, r.Item2, parts))),
            [typeof(FrontierProtocol.TargetFrontier)] = target.Select(t => (object)t),
            [typeof(CaptureProtocol.CapturedFrontier)] = Gen.Select(Gen.Guid, count, flats, (g, b, f) => (object)new CaptureProtocol.CapturedFrontier(g, b, f)),
            [typeof(ProbeProtocol.Observe)] = Gen.Select(id, location.Array[0, 4], actor.Array[0, 3], (d, t, c) => (object)new ProbeProtocol.Observe(d, t, c)),
            [typeof(ProbeProtocol.ReportDelivery)] = actor.Select(a => (object)new ProbeProtocol.ReportDelivery(a)),
            [typeof(ProbeProtocol.Delivered)] = flats.Select(f => (object)new ProbeProtocol.Delivered(f)),

            [typeof(BucketEnvelope)] = Gen.Select(Gen.Guid, count, start, (g, b, s) => (object)new BucketEnvelope(g, b, s)),
            [typeof(RuntimeProtocol.StartBucket)] = start.Select(s => (object)s),
            [typeof(RuntimeProtocol.Deployment)] = deployment.Select(d => (object)d),
            [typeof(RuntimeProtocol.BucketStarted)] = Gen.Select(id, count, maybeActor.Array[0, 8], (d, b, o) => (object)new RuntimeProtocol.BucketStarted(d, b, o)),
            [typeof(RuntimeProtocol.BucketRefused)] = Gen.Select(id, count, strings, (d, b, r) => (object)new RuntimeProtocol.BucketRefused(d, b, r)),
            [typeof(RuntimeProtocol.Routes)] = maybeActor.Array[0, 5].Array[0, 4].Select(r => (object)new RuntimeProtocol.Routes(r)),
            [typeof(RuntimeProtocol.OperatorFailed)] = Gen.Select(exception, id, Gen.Bool, (e, d, none) => (object)new RuntimeProtocol.OperatorFailed(e, none ? null : d)),

            [typeof(MetricsProtocol.BucketReport)] = Gen.Select(id, count, strings, Gen.Long[0, long.MaxValue], figures.Array[0, 6],
                (d, b, m, r, f) => (object)new MetricsProtocol.BucketReport(d, b, m, r, f)),
            [typeof(MetricsProtocol.ReportNow)] = Gen.Select(id, Gen.Long[1, long.MaxValue], (d, r) => (object)new MetricsProtocol.ReportNow(d, r)),

            [typeof(TraceProtocol.Hold)] = strings.Select(r => (object)new TraceProtocol.Hold(r)),
            [typeof(TraceProtocol.Held<long>)] = Gen.Select(strings, times, (r, t) => (object)new TraceProtocol.Held<long>(r, t)),
            [typeof(TraceProtocol.Held<Product<long, int>>)] = Gen.Select(strings, products, (r, t) => (object)new TraceProtocol.Held<Product<long, int>>(r, t)),
            [typeof(TraceProtocol.AllowCompaction<long>)] = Gen.Select(strings, times, (r, t) => (object)new TraceProtocol.AllowCompaction<long>(r, t)),
            [typeof(TraceProtocol.AllowCompaction<Product<long, int>>)] = Gen.Select(strings, products, (r, t) => (object)new TraceProtocol.AllowCompaction<Product<long, int>>(r, t)),
            [typeof(TraceProtocol.Release)] = strings.Select(r => (object)new TraceProtocol.Release(r)),
            [typeof(TraceProtocol.GetStatus)] = Gen.Const<object>(TraceProtocol.GetStatus.Instance),
            [typeof(TraceProtocol.Refused)] = Gen.Select(strings, strings, (r, why) => (object)new TraceProtocol.Refused(r, why)),
            [typeof(TraceProtocol.StatusReport<long>)] = Gen.Select(times, times, Gen.Long[0, long.MaxValue], Gen.Int[0, int.MaxValue], strings.Array[0, 3],
                (s, u, n, b, r) => (object)new TraceProtocol.StatusReport<long>(new TraceStatus<long>(s, u, n, b, r))),
        };
    }
}
