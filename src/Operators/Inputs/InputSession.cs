using Akka.Actor;
using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Dataflows;
using AkkaDifferential.Operators.Inputs;
using AkkaDifferential.Operators.Metrics;
using AkkaDifferential.Operators.Recovery;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;
using AkkaDifferential.Runtime.Progress;

namespace AkkaDifferential;

/// <summary>
/// Feeds one input collection of a dataflow. Updates are buffered and sent on <see cref="Flush"/>,
/// <see cref="AdvanceTo(TTime)"/> or when the buffer fills. The session holds a capability at its current
/// <see cref="Time"/>: results for a time become final only after the session has advanced past it (or closed).
/// </summary>
/// <remarks>
/// <para>Back-pressure (docs/back-pressure.md): a session keeps at most
/// <see cref="DataflowSettings.InputMaxInFlight"/> updates in flight, sent at times every open input of the dataflow
/// has passed and not yet passed by every output on the driver (its captures, change streams and probes).
/// <see cref="FlushAsync"/> and <see cref="AdvanceToAsync"/> complete only once fewer are in flight;
/// <see cref="Flush"/>, <see cref="AdvanceTo(TTime)"/> and an update that sends a full buffer
/// (<see cref="DataflowSettings.InputBatchSize"/>) block the calling thread until then, so that no call of a producer
/// faster than the dataflow buffers without bound. Updates at times an input still holds are not waited for: they
/// cannot complete before it moves. All of these also wait, at any time, while more than
/// <see cref="DataflowSettings.InputMaxQueuedBatches"/> batches per bucket are queued at the dataflow's operator inputs,
/// until half as many are: a load at one time goes at the pace its operators take it in.</para>
/// A session is used from one thread at a time. Every check (a time moving backwards, use after the dataflow has
/// stopped) throws before anything is changed, so the updates accepted before the error are intact.
/// <para>In a dataflow that recovers from the loss of a cluster member (docs/recovery.md), the session retains every
/// update it sends, compacted to the times every output has passed, until the dataflow stops. When the dataflow
/// redeploys itself, the session keeps accepting updates (they wait, retained, while it redeploys), then replays
/// what it retained to the new deployment and goes on there: no update it accepted is lost.</para>
/// <para>With the driver's journal on (<c>AkkaDifferential.Journal</c>), a session of a dataflow deployed by name
/// also journals each send (the batches and the time it moved to) before the call returns, and a driver that
/// restarts and deploys the dataflow by the same name gets its sessions back as they were: the updates they had
/// accepted, at the time they had reached (<see cref="Time"/>), closed if they were. A journal write that fails
/// fails the session with its cause.</para>
/// </remarks>
public sealed class InputSession<TData, TTime, TDiff> : IBatchSender<TTime>, IRecoverableInput, IDisposable where TTime : notnull
{
    private readonly int op;
    private readonly string name;
    private readonly DataflowState state;
    private readonly DataflowSettings settings;
    private readonly OutputSpec<TData> spec;
    // Serializes sending (on the user's thread) with the owner's detaching and replaying (on its actor's thread).
    private readonly object gate = new();
    private OutputPort<TData, TTime, TDiff>? output;
    private RetainedInput<TData, TTime, TDiff>? retained;
    // With the driver's journal on: the session's log, the batches sent since the last entry, and the time journaled.
    private IInputLog<TData, TTime, TDiff>? log;
    private readonly List<UpdateBatch<TData, TTime, TDiff>> unjournaled = [];
    private TTime journaled = Timestamp.Minimum<TTime>();
    private DeployedDataflow? deployed;
    // The incarnation sent to was lost: batches are retained only, until the next one replays them.
    private bool detached;
    private bool closed;
    // Closed without failing: the capability is released (a failed input keeps it, its open time stays open).
    private bool released;
    private Exception? failure;
    private readonly InFlightUpdates<TTime> inFlight = new();
    // The lattice join of the times of the updates buffered since the last send: what the send's absorption waits for.
    private TTime bufferedUpper = Timestamp.Minimum<TTime>();
    // The delivered frontier as last decoded, and what it was decoded from.
    private FlatTime[]? deliveredFlat;
    private Antichain<TTime> delivered = Antichain<TTime>.From(Timestamp.Minimum<TTime>());

    internal InputSession(int op, string name, OutputSpec<TData> spec, DataflowState state, DataflowSettings settings)
    {
        this.op = op;
        this.name = name;
        this.spec = spec;
        this.state = state;
        this.settings = settings;
        state.Inputs.At(op, FlatTime.From(Time));
    }

    /// <summary>The input's name, as its errors give it.</summary>
    public string Name => name;

    /// <summary>
    /// The updates sent and not yet absorbed: at times not yet passed by every output of the dataflow on the driver
    /// (whether or not the bound waits for them; see <see cref="FlushAsync"/>).
    /// </summary>
    public long InFlight
    {
        get
        {
            lock (gate)
            {
                inFlight.Absorbable(Delivered(), state.Inputs.Frontier<TTime>());
                return inFlight.Count;
            }
        }
    }

    /// <summary>
    /// When false, the session never waits for the dataflow to absorb what it sent: its caller bounds what is in flight
    /// itself (the Akka.Streams sink, whose stage must not block its thread, bounds its demand by a probe).
    /// </summary>
    internal bool WaitsForAbsorption { get; set; } = true;

    /// <summary>The session's current time: new updates are at this time unless given a later one.</summary>
    public TTime Time { get; private set; } = Timestamp.Minimum<TTime>();

    // The time of the capability as the frontier actor knows it; it catches up with Time at each send.
    private TTime reported = Timestamp.Minimum<TTime>();
    // Its time, and its flat form once made, as messages are counted at it (see CountAt); null until the first send.
    private TTime[]? capability;
    private IReadOnlyList<FlatTime>? capabilityFlat;
    private static readonly bool TotallyOrdered = Timestamp.Coordinates<TTime>() == 1;

    int IBatchSender<TTime>.Bucket => -1;

    int IBatchSender<TTime>.Buckets => deployed!.Buckets.Count;

    ProgressBatcher<TTime> IBatchSender<TTime>.Progress { get; } = new();

    // The counters of the session's operator: records sent, and the time as the frontier actor knows it.
    private OperatorCounters Counters => state.Metrics.Input(op);

    OperatorCounters IBatchSender<TTime>.Counters => Counters;

    /// <summary>Adds one copy of <paramref name="data"/> at the current time.</summary>
    public void Insert(TData data) => Update(data, Difference.One<TDiff>());

    /// <summary>Adds one copy of <paramref name="data"/> at <paramref name="time"/> (not before <see cref="Time"/>).</summary>
    public void Insert(TData data, TTime time) => UpdateAt(data, time, Difference.One<TDiff>());

    /// <summary>Removes one copy of <paramref name="data"/> at the current time.</summary>
    public void Remove(TData data) => Update(data, Difference.MinusOne<TDiff>());

    /// <summary>Removes one copy of <paramref name="data"/> at <paramref name="time"/> (not before <see cref="Time"/>).</summary>
    public void Remove(TData data, TTime time) => UpdateAt(data, time, Difference.MinusOne<TDiff>());

    /// <summary>Changes the multiplicity of <paramref name="data"/> by <paramref name="diff"/> at the current time.</summary>
    public void Update(TData data, TDiff diff) => UpdateAt(data, Time, diff);

    /// <summary>Changes the multiplicity of <paramref name="data"/> by <paramref name="diff"/> at <paramref name="time"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is not at or after <see cref="Time"/>.</exception>
    public void UpdateAt(TData data, TTime time, TDiff diff)
    {
        var port = Ready("update");
        if (!Lattice.LessEqual(Time, time))
            throw new ArgumentOutOfRangeException(nameof(time), time,
                $"Input '{name}' cannot accept an update at time {time}: the session is at time {Time}, and updates must be at or after it.");
        bufferedUpper = port.Buffered == 0 ? time : Lattice.Join(bufferedUpper, time);
        port.Give(data, time, diff);
        if (port.Buffered >= settings.InputBatchSize)
        {
            Send();
            WaitBelowBound();
        }
    }

    /// <summary>
    /// Sends every buffered update to the dataflow, and returns once fewer than
    /// <see cref="DataflowSettings.InputMaxInFlight"/> updates are in flight (see <see cref="FlushAsync"/>), blocking
    /// the calling thread until then.
    /// </summary>
    /// <exception cref="InvalidOperationException">The dataflow failed or was disposed while the call waited.</exception>
    public void Flush()
    {
        Ready("flush");
        Send();
        WaitBelowBound();
    }

    /// <summary>
    /// Sends every buffered update to the dataflow, and completes once fewer than
    /// <see cref="DataflowSettings.InputMaxInFlight"/> updates are in flight: sent at times every open input has
    /// passed, and not yet passed by every output of the dataflow on the driver (its captures, change streams and
    /// probes). A producer that awaits it between batches is slowed to the pace of the dataflow.
    /// </summary>
    /// <param name="cancellation">Stops the wait (the updates are sent all the same).</param>
    /// <exception cref="InvalidOperationException">The dataflow failed or was disposed while the call waited.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled while the call waited.</exception>
    public Task FlushAsync(CancellationToken cancellation = default)
    {
        Ready("flush");
        Send();
        return WhenBelowBound(cancellation);
    }

    /// <summary>
    /// Moves the session to <paramref name="time"/>, promising no more updates before it, and sends the buffered
    /// updates. Outputs at times not after <paramref name="time"/> can then complete.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is before the session's time.</exception>
    /// <remarks>Returns once fewer than <see cref="DataflowSettings.InputMaxInFlight"/> updates are in flight, blocking the calling thread until then (see <see cref="AdvanceToAsync"/>).</remarks>
    public void AdvanceTo(TTime time) => AdvanceTo(time, flush: true);

    /// <summary>
    /// Moves the session to <paramref name="time"/> and sends the buffered updates, as <see cref="AdvanceTo(TTime)"/>,
    /// and completes once fewer than <see cref="DataflowSettings.InputMaxInFlight"/> updates are in flight (see
    /// <see cref="FlushAsync"/>): with the other inputs at <paramref name="time"/> too, once the outputs have caught up
    /// with all but that many of the updates before it.
    /// </summary>
    /// <param name="time">The session's new time.</param>
    /// <param name="cancellation">Stops the wait (the session has moved and sent all the same).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is before the session's time.</exception>
    /// <exception cref="InvalidOperationException">The dataflow failed or was disposed while the call waited.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled while the call waited.</exception>
    public Task AdvanceToAsync(TTime time, CancellationToken cancellation = default)
    {
        Advance(time, flush: true);
        return WhenBelowBound(cancellation);
    }

    /// <summary>
    /// Moves the session to <paramref name="time"/>, promising no more updates before it. With
    /// <paramref name="flush"/> false nothing is sent yet, as with differential dataflow's <c>advance_to</c>: the
    /// updates and the move go out together at the next flush, so many small steps (each at its own time) cost one
    /// message and one frontier change instead of one per step.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is before the session's time.</exception>
    public void AdvanceTo(TTime time, bool flush)
    {
        Advance(time, flush);
        if (flush)
            WaitBelowBound();
    }

    private void Advance(TTime time, bool flush)
    {
        Ready("advance");
        if (!Lattice.LessEqual(Time, time))
            throw new ArgumentOutOfRangeException(nameof(time), time,
                $"Input '{name}' cannot advance to time {time}: the session is already at time {Time}, and times may only move forward.");
        Time = time;
        if (flush)
            Send();
    }

    /// <summary>Sends the buffered updates and closes the input: no more updates will come. No effect after <see cref="Fail"/>.</summary>
    public void Close()
    {
        if (closed || state.Completion.IsCompleted || deployed is null)
            return;
        lock (gate)
        {
            output!.Flush(this);
            ((IBatchSender<TTime>)this).Progress.Update(Location.Source(op, 0), reported, -1);
            closed = true;
            released = true;
            state.Inputs.Closed(op);
            Counters.Frontier(0, []);
            SendProgress();
            Journal();
        }
    }

    /// <summary>
    /// Fails the input with <paramref name="cause"/> (its source broke off, as an Akka.Streams sink's upstream that
    /// fails): the updates accepted so far are sent and kept, the times the session had advanced past stay complete,
    /// and its current time stays open, so that no result claims a time whose updates may be missing. Every later use
    /// of the session throws an <see cref="InvalidOperationException"/> with the cause as its inner exception; other
    /// inputs and the dataflow keep running. No effect once the input is closed or failed, or its dataflow stopped.
    /// </summary>
    /// <param name="cause">Why the input failed.</param>
    public void Fail(Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        if (closed || state.Completion.IsCompleted || deployed is null)
            return;
        lock (gate)
        {
            output!.Flush(this);
            SendProgress();
            failure = cause;
            closed = true;
            Journal();
        }
    }

    /// <summary>Closes the input (see <see cref="Close"/>).</summary>
    public void Dispose() => Close();

    void IBatchSender<TTime>.Send(int bucket, RuntimeProtocol.IDelivery message)
    {
        if (!detached)
            deployed!.Instances[bucket][message.Operator]!.Tell(message);
    }

    /// <summary>
    /// Counted at the session's capability as the frontier actor knows it, which every update given since is at or
    /// after: the parts of one send for different buckets then share one time (see <see cref="MessageTimes"/>).
    /// </summary>
    IReadOnlyList<TTime> IBatchSender<TTime>.CountAt(IReadOnlyList<TTime> minimal, out IReadOnlyList<FlatTime>? flat)
    {
        if (!TotallyOrdered || released)
        {
            flat = null;
            return minimal;
        }
        if (capability is null || !EqualityComparer<TTime>.Default.Equals(capability[0], reported))
            (capability, capabilityFlat) = ([reported], null);
        return MessageTimes.CountAt(capability, ref capabilityFlat, minimal, out flat);
    }

    /// <summary>The driver runs no user code: batches go to the operators' instances.</summary>
    bool IBatchSender<TTime>.TryRunFused(OperatorNode consumer, int port, object batch) => false;

    /// <summary>The number of updates retained for a redeployment (0 unless the dataflow recovers).</summary>
    internal int Retained
    {
        get
        {
            lock (gate)
                return retained?.Count ?? 0;
        }
    }

    /// <summary>Starts sending to the dataflow's first incarnation (or, if it has recovered meanwhile, a later one).</summary>
    internal void Attach(DeployedDataflow dataflow) => ((IRecoverableInput)this).Replay(dataflow);

    /// <summary>False for a collection of fixed records (<c>NewCollectionFrom</c>), which its build refills: nothing of it is journaled.</summary>
    internal bool Journaled { get; set; } = true;

    async Task IRecoverableInput.OpenJournalAsync(IDataflowJournal journal)
    {
        if (!Journaled)
            return;
        var opened = await journal.OpenAsync<TData, TTime, TDiff>(op, name).ConfigureAwait(false);
        lock (gate)
        {
            log = opened;
            retained = new RetainedInput<TData, TTime, TDiff>(settings.InputBatchSize);
            if (opened.Recovered is not { } recovered)
                return;
            foreach (var batch in recovered.Batches)
                retained.Add(batch);
            Time = reported = journaled = recovered.Time;
            closed = released = recovered.Closed;
            if (closed)
                state.Inputs.Closed(op);
            else
                state.Inputs.At(op, FlatTime.From(reported));
        }
    }

    void IRecoverableInput.Detach()
    {
        lock (gate)
            detached = true;
    }

    void IRecoverableInput.Replay(DeployedDataflow incarnation)
    {
        lock (gate)
        {
            if (deployed is not null && incarnation.Incarnation <= deployed.Incarnation)
                return;
            deployed = incarnation;
            detached = false;
            if (output is null)
            {
                retained ??= state.Recoverable ? new RetainedInput<TData, TTime, TDiff>(settings.InputBatchSize) : null;
                output = new OutputPort<TData, TTime, TDiff>(spec, incarnation.Buckets.Count, retain: retained is null ? null : Retain);
                Counters.Frontier(0, released ? [] : [FlatTime.From(reported)]);
            }
            // The first incarnation starts from nothing, unless the session recovered what it had accepted from its journal.
            if (incarnation.Incarnation == 0 && log is null)
                return;
            // The new incarnation's input holds its capability at the minimum time; the retained updates and the
            // capability's move to where it was (or its release) go in one progress report.
            var replay = new OutputPort<TData, TTime, TDiff>(spec, incarnation.Buckets.Count);
            foreach (var batch in retained?.Batches ?? [])
                replay.GiveBatch(batch);
            replay.Flush(this);
            var progress = ((IBatchSender<TTime>)this).Progress;
            var minimum = Timestamp.Minimum<TTime>();
            if (released)
            {
                progress.Update(Location.Source(op, 0), minimum, -1);
            }
            else if (!EqualityComparer<TTime>.Default.Equals(reported, minimum))
            {
                progress.Update(Location.Source(op, 0), reported, +1);
                progress.Update(Location.Source(op, 0), minimum, -1);
            }
            SendProgress();
        }
    }

    private OutputPort<TData, TTime, TDiff> Ready(string what)
    {
        // The message is built only when it is thrown: this runs for every update given.
        if (state.Completion.IsCompleted)
            state.ThrowIfNotRunning($"{what} input '{name}'");
        if (failure is not null)
            throw new InvalidOperationException($"Cannot {what} input '{name}': it failed: {failure.Message}", failure);
        if (closed)
            throw new InvalidOperationException($"Cannot {what} input '{name}': it has been closed.");
        return output ?? throw new InvalidOperationException($"Cannot {what} input '{name}' before its dataflow is deployed: use the session after BuildAsync returns.");
    }

    /// <summary>
    /// Sends the buffered updates and, in the same progress report, the capability's move to <see cref="Time"/>;
    /// retains them when the dataflow recovers, and compacts what it retains when that is due (off this thread: the
    /// result takes the place of what it compacted at a later send, see <see cref="RetainedInput{TData, TTime, TDiff}"/>).
    /// </summary>
    private void Send()
    {
        lock (gate)
        {
            inFlight.Sent(bufferedUpper, output!.Buffered);
            output.Flush(this);
            if (!EqualityComparer<TTime>.Default.Equals(reported, Time))
            {
                var progress = ((IBatchSender<TTime>)this).Progress;
                progress.Update(Location.Source(op, 0), Time, +1);
                progress.Update(Location.Source(op, 0), reported, -1);
                reported = Time;
                state.Inputs.At(op, FlatTime.From(reported));
                Counters.Frontier(0, [FlatTime.From(reported)]);
            }
            SendProgress();
            Journal();
            if (retained is null)
                return;
            if (retained.TryComplete())
                log?.Snapshot(new JournaledInput<TData, TTime, TDiff>([.. retained.Batches], reported, released));
            if (retained.ShouldCompact)
                retained.BeginCompaction(state.Retention is { } since ? new Antichain<TTime>(since.Select(f => f.To<TTime>())) : new Antichain<TTime>());
        }
    }

    private void Retain(UpdateBatch<TData, TTime, TDiff> batch)
    {
        retained!.Add(batch);
        if (log is not null)
            unjournaled.Add(batch);
    }

    /// <summary>
    /// With the journal on, appends what was sent since the last entry (batches, the time moved to, a release) before
    /// the call that sent it returns; a write that fails fails the session, naming the cause.
    /// </summary>
    private void Journal()
    {
        if (log is null || (unjournaled.Count == 0 && EqualityComparer<TTime>.Default.Equals(journaled, reported) && !released))
            return;
        try
        {
            log.Append(new JournaledInput<TData, TTime, TDiff>([.. unjournaled], reported, released));
        }
        catch (Exception ex)
        {
            failure ??= ex;
            closed = true;
            log = null;
            throw new InvalidOperationException($"Input '{name}' could not journal what it sent, and has failed: {ex.Message}", ex);
        }
        unjournaled.Clear();
        journaled = reported;
    }

    /// <summary>The frontier every output of the dataflow has passed, decoded once per move.</summary>
    private Antichain<TTime> Delivered()
    {
        var flat = state.Delivered;
        if (flat is not null && !ReferenceEquals(flat, deliveredFlat))
        {
            deliveredFlat = flat;
            delivered = new Antichain<TTime>(flat.Select(f => f.To<TTime>()));
        }
        return delivered;
    }

    /// <summary>
    /// True when the dataflow's backlog is not over its bound and no more than the in-flight bound is in flight at
    /// times the dataflow can absorb now (or there is no bound).
    /// </summary>
    private bool BelowBound()
    {
        if (!WaitsForAbsorption)
            return true;
        if (state.Backlogged)
            return false;
        if (settings.InputMaxInFlight is not { } bound)
            return true;
        lock (gate)
            return inFlight.Count < bound || inFlight.Absorbable(Delivered(), state.Inputs.Frontier<TTime>()) < bound;
    }

    /// <summary>Completes once <see cref="BelowBound"/> holds, waking at each move of the delivered frontier and of the backlog.</summary>
    private async Task WhenBelowBound(CancellationToken cancellation)
    {
        while (true)
        {
            // Taken before the check, so that a move between the check and the wait is not missed.
            var moved = state.BoundsMoved;
            if (BelowBound())
                return;
            state.ThrowIfNotRunning($"wait for input '{name}' to be absorbed");
            await Task.WhenAny(moved, state.Completion).WaitAsync(cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Blocks the calling thread until <see cref="BelowBound"/> holds: the synchronous calls' back-pressure.</summary>
    private void WaitBelowBound()
    {
        if (!BelowBound())
            WhenBelowBound(CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Sends the progress of what was just sent to the incarnation the session sends to; while detached from a lost
    /// one it is dropped, since the next incarnation learns it all from the replay.
    /// </summary>
    private void SendProgress()
    {
        var progress = ((IBatchSender<TTime>)this).Progress;
        if (progress.IsEmpty)
            return;
        var changes = progress.Drain();
        if (!detached)
            deployed!.Progress.Tell(new FrontierProtocol.ProgressUpdate(deployed.Id, changes));
    }
}
