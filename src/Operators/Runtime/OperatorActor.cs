using Akka.Actor;
using AkkaDifferential.Operators.Metrics;
using AkkaDifferential.Runtime.Progress;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>
/// The actor of one operator instance at one bucket. It hands each message to the instance's logic; an exception
/// from user code is rethrown as an <see cref="OperatorFailedException"/> naming the operator and bucket, and the
/// supervising dataflow actor then fails the dataflow.
/// </summary>
internal sealed class OperatorActor(IOperatorRuntime runtime, string name, int bucket) : UntypedActor, IWithUnboundedStash
{
    /// <remarks>
    /// Props by constructor arguments rather than by expression: evaluating a <c>new</c> expression compiles it, which
    /// costs about a millisecond per actor, and a dataflow of 1000 buckets has tens of thousands of instances.
    /// </remarks>
    public static Props Props(InstanceEnvironment environment) =>
        Akka.Actor.Props.Create(typeof(OperatorActor), environment.Node.Factory!(environment), environment.Node.Name, environment.Bucket);

    public IStash Stash { get; set; } = null!;

    protected override void OnReceive(object message)
    {
        // Nothing is processed before the instance knows where every other instance is.
        if (message is RuntimeProtocol.Routes routes)
        {
            runtime.Bind(Context, routes.Instances);
            Become(Running);
            Stash.UnstashAll();
        }
        else
        {
            Stash.Stash();
        }
    }

    private void Running(object message)
    {
        if (message is MetricsProtocol.Collect collect)
        {
            Sender.Tell(new MetricsProtocol.Collected(collect.Round, runtime.CollectFigures()));
            return;
        }
        try
        {
            switch (message)
            {
                case RuntimeProtocol.IDelivery delivery:
                    runtime.OnDeliver(delivery);
                    break;
                case FrontierProtocol.FrontiersAdvanced frontiers:
                    runtime.OnFrontiers(frontiers.Frontiers);
                    break;
                case RuntimeProtocol.ToOperator addressed:
                    runtime.OnMessage(addressed.Payload);
                    break;
                default:
                    runtime.OnMessage(message);
                    break;
            }
        }
        // An operator fused into this one's activation has named itself already.
        catch (Exception ex) when (ex is not OperatorFailedException)
        {
            var what = message switch
            {
                RuntimeProtocol.IDelivery d => $"a batch at input {d.Port}",
                FrontierProtocol.FrontiersAdvanced => "a frontier change",
                RuntimeProtocol.ToOperator addressed => $"a {addressed.Payload.GetType().Name} message",
                _ => $"a {message.GetType().Name} message",
            };
            throw new OperatorFailedException($"Operator '{name}' at bucket {bucket} failed while processing {what}: {ex.GetType().Name}: {ex.Message}", ex);
        }
    }
}
