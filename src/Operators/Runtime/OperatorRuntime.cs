using Akka.Actor;
using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Metrics;
using AkkaDifferential.Progress.Frontiers;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;
using AkkaDifferential.Runtime.Progress;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>
/// The base of every operator instance's logic. It keeps the instance's input frontiers, buffers its outputs, and
/// does the progress accounting of each activation: the consumption of the input batch, the batches sent, and the
/// capabilities held or released all go to the frontier actor in one consolidated message at the activation's end.
/// </summary>
/// <remarks>
/// An operator may emit output at the times of the batch it is processing without holding a capability: the batch's
/// own pointstamps are released only in the same message that reports the output. To emit later, an operator
/// holds a capability (<see cref="Hold"/>) and releases it when done.
/// <para>A fusable consumer (<see cref="OperatorNode.Fusable"/>, a linear operator) of an output at the same bucket
/// runs inside the activation that produces its input (<see cref="TryRunFused"/>), as Akka.Streams fuses stages: a
/// call instead of a mailbox hop. Its batches then never hold pointstamps at its input, and what it emits is sent
/// and counted in its producer's progress batch, so the frontiers are those of the unfused dataflow.</para>
/// </remarks>
internal abstract class OperatorRuntime<TTime> : IOperatorRuntime, IBatchSender<TTime> where TTime : notnull
{
    private readonly List<IFlushable<TTime>> outputs = [];
    private readonly ProgressBatcher<TTime> progress = new();
    private Dictionary<int, OperatorRuntime<TTime>?>? fused;
    // The counters' version at the last CollectFigures that returned them.
    private long collectedVersion = -1;

    /// <summary>The activation this instance runs in when fused into its producer (<see cref="TryRunFused"/>); null for an actor's own.</summary>
    private OperatorRuntime<TTime>? host;
    private readonly List<IProgressSource> otherProgress = [];
    private readonly FlatTime[]?[] flatFrontiers;
    private readonly Antichain<TTime>?[] frontiers;
    // The times of the activation's message or released capabilities (see MessageTimes), and their flat form once made.
    private IReadOnlyList<TTime>? activationTimes;
    private IReadOnlyList<FlatTime>? activationFlat;
    private static readonly bool TotallyOrdered = Timestamp.Coordinates<TTime>() == 1;

    protected OperatorRuntime(InstanceEnvironment environment)
    {
        Environment = environment;
        Counters = new OperatorCounters(environment.Node);
        // Frontiers are decoded only when read: an input of another scope (entering or leaving) has other times.
        flatFrontiers = new FlatTime[]?[environment.Node.Inputs.Count];
        frontiers = new Antichain<TTime>?[environment.Node.Inputs.Count];
    }

    /// <summary>Where this instance runs.</summary>
    protected InstanceEnvironment Environment { get; }

    /// <inheritdoc/>
    public OperatorCounters Counters { get; }

    /// <summary>The operator's index.</summary>
    protected int Operator => Environment.Node.Index;

    /// <inheritdoc/>
    public int Bucket => Environment.Bucket;

    /// <inheritdoc/>
    public int Buckets => Environment.Buckets;

    /// <inheritdoc/>
    public ProgressBatcher<TTime> Progress => host?.Progress ?? progress;

    /// <summary>Creates the buffer of output port <paramref name="port"/>.</summary>
    protected OutputPort<TData, TTime, TDiff> CreateOutput<TData, TDiff>(int port)
    {
        var output = new OutputPort<TData, TTime, TDiff>((OutputSpec<TData>)Environment.Node.Outputs[port], Buckets, this);
        outputs.Add(output);
        return output;
    }

    /// <summary>The frontier of input <paramref name="port"/>: the least times at which records may still arrive there.</summary>
    protected Antichain<TTime> InputFrontier(int port) =>
        frontiers[port] ??= flatFrontiers[port] is { } flat
            ? new Antichain<TTime>(flat.Select(f => f.To<TTime>()))
            : Antichain<TTime>.From(Timestamp.Minimum<TTime>());

    /// <summary>Adds progress kept in another time type (an input of an enclosing or nested scope) to each activation's report.</summary>
    protected void AddProgressSource(IProgressSource source) => otherProgress.Add(source);

    /// <summary>
    /// Accounts for consuming <paramref name="delivery"/> at input <paramref name="port"/>: the times it was counted at
    /// leave the port. Returns them, or null where the port's times are of another type than the instance's (an
    /// input from an enclosing or nested scope).
    /// </summary>
    protected virtual IReadOnlyList<TTime>? Consume(int port, RuntimeProtocol.IDelivery delivery)
    {
        var consumed = Location.Target(Operator, port);
        var times = MessageTimes.Of<TTime>(delivery);
        foreach (var time in times)
            Progress.Update(consumed, time, -1);
        return times;
    }

    /// <summary>
    /// The times of the message this activation processes (at one-coordinate times only, see
    /// <see cref="MessageTimes"/>), or of the capabilities it releases (<see cref="CountMessagesAt"/>); null when
    /// neither. What the activation sends is counted at them where they cover it.
    /// </summary>
    protected IReadOnlyList<TTime>? ActivationTimes => host is not null ? host.ActivationTimes : activationTimes;

    /// <summary>
    /// Counts what the rest of this activation sends at <paramref name="times"/> where they cover it: the
    /// capabilities the operator releases in this activation (at one-coordinate times only, see <see cref="MessageTimes"/>).
    /// </summary>
    protected void CountMessagesAt(IReadOnlyList<TTime> times)
    {
        if (!TotallyOrdered)
            return;
        activationTimes = times;
        activationFlat = null;
    }

    /// <inheritdoc/>
    public IReadOnlyList<TTime> CountAt(IReadOnlyList<TTime> minimal, out IReadOnlyList<FlatTime>? flat)
    {
        if (host is not null)
            return host.CountAt(minimal, out flat);
        return MessageTimes.CountAt(activationTimes, ref activationFlat, minimal, out flat);
    }

    /// <summary>Holds a capability to emit at <paramref name="time"/> on output <paramref name="output"/> later.</summary>
    protected void Hold(int output, TTime time) => Progress.Update(Location.Source(Operator, output), time, +1);

    /// <summary>Releases a capability taken with <see cref="Hold"/>.</summary>
    protected void Release(int output, TTime time) => Progress.Update(Location.Source(Operator, output), time, -1);

    /// <summary>The instance's actor: its own address, and the means to watch other actors.</summary>
    protected IActorRef Self => context!.Self;

    /// <summary>The sender of the message being processed.</summary>
    protected IActorRef Sender => context!.Sender;

    private IActorContext? context;
    private IReadOnlyList<IReadOnlyList<IActorRef?>> routes = [];

    /// <inheritdoc/>
    public void Bind(IActorContext actorContext, IReadOnlyList<IReadOnlyList<IActorRef?>> instances)
    {
        context = actorContext;
        routes = instances;
        // Frontiers start at the minimum time; an operator that observes them reports so until the first change.
        if (Environment.Node.ObservesFrontiers)
            for (var port = 0; port < flatFrontiers.Length; port++)
                Counters.Frontier(port, [FlatTime.From(Timestamp.Minimum<TTime>())]);
        OnStarted();
    }

    /// <summary>Called once, when the instance knows every other instance and before any other message.</summary>
    protected virtual void OnStarted()
    {
    }

    /// <summary>Watches <paramref name="actor"/>: its termination arrives at <see cref="OnOtherMessage"/> as <see cref="Terminated"/>.</summary>
    protected void Watch(IActorRef actor) => context!.Watch(actor);

    /// <summary>Sends <paramref name="payload"/> to the instance of operator <paramref name="op"/> at this bucket.</summary>
    protected void SendToOperator(int op, object payload)
    {
        if (host is not null)
            host.SendToOperator(op, payload);
        else
            routes[Bucket][op]!.Tell(new RuntimeProtocol.ToOperator(op, payload));
    }

    /// <summary>Asks for a <see cref="RuntimeProtocol.Work"/> activation after the messages already waiting.</summary>
    protected void RequestWork() => Self.Tell(RuntimeProtocol.Work.Instance);

    /// <summary>Handles messages other than batches and frontier changes; by default refuses them.</summary>
    protected virtual void OnOtherMessage(object message) =>
        throw new InvalidOperationException($"Operator '{Environment.Node.Name}' does not accept {message.GetType().Name} messages: {message}");

    /// <summary>Processes a batch that arrived at input <paramref name="port"/>.</summary>
    protected abstract void OnBatch(int port, object batch);

    /// <summary>Reacts to input frontiers having advanced; called once after every changed port was updated.</summary>
    protected virtual void OnFrontierAdvanced()
    {
    }

    /// <inheritdoc/>
    public void OnDeliver(RuntimeProtocol.IDelivery delivery)
    {
        if (Consume(delivery.Port, delivery) is { } times && TotallyOrdered)
        {
            activationTimes = times;
            activationFlat = delivery.Times;
        }
        OnBatch(delivery.Port, delivery.Batch);
        Counters.Received(delivery.Batch.Count);
        EndActivation();
    }

    /// <inheritdoc/>
    public void OnFrontiers(IReadOnlyList<FrontierProtocol.TargetFrontier> changes)
    {
        foreach (var change in changes)
        {
            flatFrontiers[change.Target.Port] = change.Frontier;
            frontiers[change.Target.Port] = null;
            Counters.Frontier(change.Target.Port, change.Frontier);
        }
        OnFrontierAdvanced();
        EndActivation();
    }

    /// <inheritdoc/>
    public void OnMessage(object message)
    {
        OnOtherMessage(message);
        EndActivation();
    }

    /// <inheritdoc/>
    public IReadOnlyList<OperatorFigures>? CollectFigures()
    {
        var version = Version();
        if (version == collectedVersion)
            return null;
        collectedVersion = version;
        var figures = new List<OperatorFigures>();
        AddFigures(figures);
        return figures;
    }

    /// <summary>The versions of this instance's counters and of the instances fused into it, summed: it grows with every change.</summary>
    private long Version()
    {
        var version = Counters.Version;
        if (fused is not null)
            foreach (var instance in fused.Values)
                version += instance?.Version() ?? 0;
        return version;
    }

    private void AddFigures(List<OperatorFigures> into)
    {
        into.Add(Counters.Figures());
        if (fused is not null)
            foreach (var instance in fused.Values)
                instance?.AddFigures(into);
    }

    /// <inheritdoc/>
    public void Send(int bucket, RuntimeProtocol.IDelivery message)
    {
        if (host is not null)
            host.Send(bucket, message);
        else
            routes[bucket][message.Operator]!.Tell(message);
    }

    /// <inheritdoc/>
    public bool TryRunFused(OperatorNode consumer, int port, object batch)
    {
        fused ??= [];
        if (!fused.TryGetValue(consumer.Index, out var instance))
        {
            // Created once per producer instance; an operator of another scope's time type keeps its own actor.
            instance = consumer.Factory!(Environment with { Node = consumer }) as OperatorRuntime<TTime>;
            instance?.host = this;
            fused[consumer.Index] = instance;
        }
        if (instance is null)
            return false;
        instance.RunFused(port, batch);
        return true;
    }

    /// <summary>
    /// Processes <paramref name="batch"/> within the host's activation and sends what it emitted through the host. A
    /// failure names this operator, as its own actor would.
    /// </summary>
    private void RunFused(int port, object batch)
    {
        try
        {
            OnBatch(port, batch);
        }
        catch (Exception ex) when (ex is not OperatorFailedException)
        {
            throw new OperatorFailedException(
                $"Operator '{Environment.Node.Name}' at bucket {Bucket} failed while processing a batch at input {port}, run in the activation of its producer: {ex.GetType().Name}: {ex.Message}", ex);
        }
        Counters.Received(((IBatch)batch).Count);
        foreach (var output in outputs)
            output.Flush(this);
    }

    private void EndActivation()
    {
        foreach (var output in outputs)
            output.Flush(this);
        activationTimes = null;
        activationFlat = null;
        if (otherProgress.Count == 0)
        {
            if (!Progress.IsEmpty)
                Environment.Progress.Tell(new FrontierProtocol.ProgressUpdate(Environment.Dataflow, Progress.Drain()));
            return;
        }
        var changes = otherProgress.Where(p => !p.IsEmpty).SelectMany(p => p.Drain()).Concat(Progress.Drain()).ToArray();
        if (changes.Length > 0)
            Environment.Progress.Tell(new FrontierProtocol.ProgressUpdate(Environment.Dataflow, changes));
    }
}
