using Akka.Actor;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>The messages that move between a dataflow's actors: its dataflow actor, buckets and operator instances.</summary>
internal static class RuntimeProtocol
{
    /// <summary>
    /// A batch of updates for input <paramref name="Port"/> of operator <paramref name="Operator"/> at the bucket that
    /// receives the message. <paramref name="Batch"/> is an <c>UpdateBatch</c> of the port's types.
    /// </summary>
    public sealed record Deliver(int Operator, int Port, object Batch);

    /// <summary>The frontiers of some input ports of one operator changed.</summary>
    public sealed record OperatorFrontiers(FrontierProtocol.TargetFrontier[] Frontiers);

    /// <summary>Tells a bucket the addresses of all buckets of its dataflow and of the driver's endpoints; it then starts its operators.</summary>
    public sealed record StartBucket(IReadOnlyList<IActorRef> Buckets, IReadOnlyDictionary<int, IActorRef> Endpoints);

    /// <summary>Asks a dataflow actor to deploy; answered with <see cref="Deployed"/> once inputs may send.</summary>
    public sealed record Deploy;

    /// <summary>The answer to <see cref="Deploy"/>: the buckets, which input sessions send to.</summary>
    public sealed record Deployed(IReadOnlyList<IActorRef> Buckets);

    /// <summary>An operator instance failed; the dataflow stops.</summary>
    public sealed record OperatorFailed(Exception Cause);
}
