using System.Diagnostics;
using Akka.Actor;
using AkkaDifferential.Operators.Runtime;

namespace AkkaDifferential.Operators.Recovery;

/// <summary>
/// One deployment of a dataflow's buckets, as its owner tracks it: the deployment (whose id, the dataflow's name
/// and a fresh instance, keys its progress and its sharded entities), the buckets that have started and their
/// operator instances, and the frontier actor that registered it. A dataflow that loses a bucket or its frontier
/// actor gives its incarnation up and deploys the next (<see cref="Next"/>): what the lost one's surviving actors
/// still send is recognised by its id and ignored.
/// </summary>
internal sealed class Incarnation(RuntimeProtocol.Deployment deployment, int number)
{
    private readonly long started = Stopwatch.GetTimestamp();

    /// <summary>What its buckets are started with.</summary>
    public RuntimeProtocol.Deployment Deployment { get; } = deployment;

    /// <summary>Its id, which its progress and entities are keyed by.</summary>
    public DataflowId Id => Deployment.Id;

    /// <summary>0 for the first deployment, then one more per redeployment.</summary>
    public int Number { get; } = number;

    /// <summary>Per bucket, its actor once it has started.</summary>
    public IActorRef?[] Buckets { get; } = new IActorRef?[deployment.Buckets];

    /// <summary>Per bucket, the actor of every operator instance once it has started.</summary>
    public IReadOnlyList<IActorRef?>?[] Instances { get; } = new IReadOnlyList<IActorRef?>?[deployment.Buckets];

    /// <summary>The frontier actor that answered its registration; null until then.</summary>
    public IActorRef? Frontier { get; set; }

    /// <summary>True once every bucket has started.</summary>
    public bool AllStarted => Array.TrueForAll(Buckets, b => b is not null);

    /// <summary>How long ago it began to deploy.</summary>
    public TimeSpan Age => Stopwatch.GetElapsedTime(started);

    /// <summary>The bucket whose actor is <paramref name="actor"/>, or -1.</summary>
    public int BucketOf(IActorRef actor) => Array.FindIndex(Buckets, b => actor.Equals(b));

    /// <summary>The next incarnation: the same deployment under a new id.</summary>
    public Incarnation Next() => new(Deployment with { Id = new DataflowId(Id.Name, Guid.NewGuid()) }, Number + 1);
}
