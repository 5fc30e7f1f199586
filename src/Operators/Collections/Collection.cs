using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Capture;
using AkkaDifferential.Operators.Changes;
using AkkaDifferential.Operators.Exchange;
using AkkaDifferential.Operators.Linear;
using AkkaDifferential.Operators.Probes;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Graph;

namespace AkkaDifferential;

/// <summary>
/// A multiset of records that changes over time, described by its updates <c>(data, time, diff)</c>. Operators
/// derive new collections from it; when its inputs change, only the changes flow through.
/// </summary>
/// <remarks>
/// User functions given to operators run inside operator instances, concurrently on different buckets: they must
/// be pure, or synchronize what they share. An exception they throw fails the dataflow with a
/// <see cref="DataflowFailedException"/> naming the operator.
/// </remarks>
public sealed class Collection<TData, TTime, TDiff> where TData : notnull where TTime : notnull
{
    internal Collection(Scope<TTime> scope, int op, OutputSpec<TData> spec)
    {
        Scope = scope;
        Operator = op;
        Spec = spec;
        spec.CollectionTypes ??= (typeof(TTime), typeof(TDiff));
    }

    /// <summary>The scope the collection belongs to.</summary>
    public Scope<TTime> Scope { get; }

    internal int Operator { get; }

    internal OutputSpec<TData> Spec { get; }

    /// <summary>Applies <paramref name="map"/> to every record.</summary>
    /// <param name="map">The function applied to each record.</param>
    /// <param name="name">The operator's name in errors; by default its kind and index (<c>Map#3</c>).</param>
    /// <remarks>Each output batch is a new record column beside the input batch's times and differences, shared
    /// rather than copied (batches are immutable).</remarks>
    public Collection<TOut, TTime, TDiff> Map<TOut>(Func<TData, TOut> map, string? name = null) where TOut : notnull =>
        Unary<TOut, TDiff>("Map", name, (batch, output) =>
        {
            var data = batch.Data;
            var mapped = new TOut[data.Length];
            for (var i = 0; i < mapped.Length; i++)
                mapped[i] = map(data[i]);
            output.GiveBatch(batch.WithData(mapped));
        });

    /// <summary>Replaces every record by the records <paramref name="flatMap"/> returns for it (each with the record's difference).</summary>
    /// <param name="flatMap">The records each record becomes.</param>
    /// <param name="name">The operator's name in errors; by default its kind and index.</param>
    public Collection<TOut, TTime, TDiff> FlatMap<TOut>(Func<TData, IEnumerable<TOut>> flatMap, string? name = null) where TOut : notnull =>
        Unary<TOut, TDiff>("FlatMap", name, (batch, output) =>
        {
            var data = batch.Data;
            var times = batch.Times;
            var diffs = batch.Diffs;
            for (var i = 0; i < batch.Count; i++)
                foreach (var record in flatMap(data[i]))
                    output.Give(record, times[i], diffs[i]);
        });

    /// <summary>Keeps the records for which <paramref name="predicate"/> holds.</summary>
    /// <param name="predicate">True for the records to keep.</param>
    /// <param name="name">The operator's name in errors; by default its kind and index.</param>
    public Collection<TData, TTime, TDiff> Filter(Func<TData, bool> predicate, string? name = null) =>
        Unary<TData, TDiff>("Filter", name, (batch, output) =>
        {
            var data = batch.Data;
            var times = batch.Times;
            var diffs = batch.Diffs;
            for (var i = 0; i < batch.Count; i++)
                if (predicate(data[i]))
                    output.Give(data[i], times[i], diffs[i]);
        });

    /// <summary>Negates every difference: the collection that, added to this one, gives the empty collection.</summary>
    /// <remarks>Each output batch is a new difference column beside the input batch's records and times, shared.</remarks>
    public Collection<TData, TTime, TDiff> Negate() =>
        Unary<TData, TDiff>("Negate", null, static (batch, output) =>
        {
            var diffs = batch.Diffs;
            var negated = new TDiff[diffs.Length];
            for (var i = 0; i < negated.Length; i++)
                negated[i] = Difference.Negate(diffs[i]);
            output.GiveBatch(batch.WithDiffs(negated));
        });

    /// <summary>The sum of this collection and <paramref name="other"/>.</summary>
    public Collection<TData, TTime, TDiff> Concat(Collection<TData, TTime, TDiff> other) => Scope.Concatenate([this, other]);

    /// <summary>
    /// The same collection with its updates in canonical form: per time, one update per record with the summed,
    /// non-zero difference. Updates of a time are emitted once the input's frontier has passed that time.
    /// </summary>
    /// <param name="name">The operator's name in errors; by default its kind and index.</param>
    /// <exception cref="InvalidOperationException"><typeparamref name="TData"/> has no stable hash or order.</exception>
    public Collection<TData, TTime, TDiff> Consolidate(string? name = null)
    {
        StableHash<TData>.Validate();
        DataOrder<TData>.Validate();
        var spec = new OutputSpec<TData>();
        var node = Scope.Builder.Add("Consolidate", [Connect(Pact<TData>.Exchange(StableHash<TData>.Hash))], [spec],
            environment => new ConsolidateRuntime<TData, TTime, TDiff>(environment), name: name);
        return new Collection<TData, TTime, TDiff>(Scope, node.Index, spec);
    }

    /// <summary>Calls <paramref name="action"/> on every update that passes, and passes it on unchanged.</summary>
    /// <param name="action">Called with each update.</param>
    /// <param name="name">The operator's name in errors; by default its kind and index.</param>
    public Collection<TData, TTime, TDiff> Inspect(Action<Update<TData, TTime, TDiff>> action, string? name = null) =>
        Unary<TData, TDiff>("Inspect", name, (batch, output) =>
        {
            for (var i = 0; i < batch.Count; i++)
                action(batch[i]);
            output.GiveBatch(batch);
        });

    /// <summary>Calls <paramref name="action"/> on every batch of updates that passes, and passes it on unchanged.</summary>
    /// <param name="action">Called with each batch.</param>
    /// <param name="name">The operator's name in errors; by default its kind and index.</param>
    public Collection<TData, TTime, TDiff> InspectBatch(Action<UpdateBatch<TData, TTime, TDiff>> action, string? name = null) =>
        Unary<TData, TDiff>("InspectBatch", name, (batch, output) =>
        {
            action(batch);
            output.GiveBatch(batch);
        });

    /// <summary>
    /// A handle that observes this collection's frontier: when the collection's results for a time are final, and
    /// every operator reading the collection (an <see cref="Inspect"/>, a <see cref="Capture"/>'s handle) has received them.
    /// </summary>
    public ProbeHandle<TTime> Probe()
    {
        var handle = new ProbeHandle<TTime>(Scope.State);
        Scope.Builder.Add("Probe", [Connect(Pact<TData>.ProgressOnly)], [], factory: null,
            endpoint: _ => ProbeActor<TTime>.Props(handle.Monitor));
        return handle;
    }

    /// <summary>
    /// Records this collection's updates and frontier on the driver, for tests and inspection. By default it keeps
    /// every update; <see cref="CaptureMode.Consolidated"/> keeps the accumulated collection and the updates still
    /// open, for a capture that runs for long.
    /// </summary>
    /// <param name="mode">What the capture keeps.</param>
    public CaptureHandle<TData, TTime, TDiff> Capture(CaptureMode mode = CaptureMode.FullHistory)
    {
        var handle = new CaptureHandle<TData, TTime, TDiff>(Scope.State, mode);
        handle.Operator = Scope.Builder.Add("Capture", [Connect(Pact<TData>.Pipeline)], [],
            environment => new CaptureRuntime<TTime>(environment),
            endpoint: buckets =>
            {
                handle.Start(buckets);
                return CaptureActor<TData, TTime, TDiff>.Props(handle);
            }).Name;
        return handle;
    }

    /// <summary>
    /// This collection's output as a stream on the driver: one <see cref="TimeChanges{TData, TTime, TDiff}"/> per
    /// closed time at which it changed, holding that time's consolidated changes and, with
    /// <paramref name="accumulate"/>, its contents at that time. Read it with <c>await foreach</c>, or as an
    /// Akka.Streams <c>Source</c> (<c>AkkaDifferential.Streams</c>).
    /// </summary>
    /// <param name="accumulate">
    /// Also give the contents at each time. They are kept on the driver, compacted to one update per record for
    /// totally ordered times, and copied into every element: a cost proportional to the collection per time.
    /// </param>
    /// <param name="name">The operator's name in errors; by default its kind and index.</param>
    /// <param name="resumable">
    /// With the driver's journal on, resume after a restart of the driver from the last time the reader acknowledged
    /// (<see cref="ChangeStream{TData, TTime, TDiff}.AcknowledgeAsync"/>); docs/journal.md.
    /// </param>
    /// <exception cref="InvalidOperationException"><typeparamref name="TData"/> has no stable order, or the collection is not in the dataflow's top-level scope and <paramref name="resumable"/> is set.</exception>
    public ChangeStream<TData, TTime, TDiff> Changes(bool accumulate = false, string? name = null, bool resumable = false)
    {
        DataOrder<TData>.Validate();
        if (resumable && Scope.Parent is not null)
            throw new InvalidOperationException("A resumable change stream belongs to the dataflow's top-level scope: Leave the collection first.");
        var stream = new ChangeStream<TData, TTime, TDiff>(Scope.State, accumulate, resumable);
        var node = Scope.Builder.Add("Changes", [Connect(Pact<TData>.Pipeline)], [],
            environment => new CaptureRuntime<TTime>(environment),
            endpoint: buckets => ChangesActor<TData, TTime, TDiff>.Props(stream, buckets, Scope.State.Recoverable), name: name);
        (stream.Operator, stream.Index) = (node.Name, node.Index);
        if (resumable)
            Scope.Outputs.Add(stream);
        return stream;
    }

    internal Connection<TData> Connect(Pact<TData> pact) => new(Spec, Location.Source(Operator, 0), pact);

    internal static Collection<TOut, TTime, TDiffOut> Linear<TIn, TOut, TDiffOut>(
        Scope<TTime> scope,
        string kind,
        IReadOnlyList<IConnection> inputs,
        Action<UpdateBatch<TIn, TTime, TDiff>, OutputPort<TOut, TTime, TDiffOut>> logic,
        string? name = null)
        where TOut : notnull
    {
        var spec = new OutputSpec<TOut>();
        var node = scope.Builder.Add(kind, inputs, [spec], environment => new LinearRuntime<TIn, TOut, TTime, TDiff, TDiffOut>(environment, logic), observesFrontiers: false, name: name,
            fusable: inputs.Count == 1 && scope.Builder.FuseLinear);
        return new Collection<TOut, TTime, TDiffOut>(scope, node.Index, spec);
    }

    /// <summary>A linear operator of this collection alone: <paramref name="logic"/> turns each input batch into output.</summary>
    internal Collection<TOut, TTime, TDiffOut> Unary<TOut, TDiffOut>(string kind, string? name, Action<UpdateBatch<TData, TTime, TDiff>, OutputPort<TOut, TTime, TDiffOut>> logic)
        where TOut : notnull =>
        Linear(Scope, kind, [Connect(Pact<TData>.Pipeline)], logic, name);
}
