using Akka.Streams;
using Akka.Streams.Stage;

namespace AkkaDifferential.Streams;

/// <summary>
/// The stage behind <see cref="DifferentialStreams.ToSink{TData, TTime, TDiff}"/>. It counts the updates it has
/// sent per closed time (a round) and waits on the absorbing probe for each round; it pulls while the updates in
/// flight (rounds not yet absorbed plus the open round) are below the bound, or when the open round holds them all.
/// </summary>
internal sealed class InputSink<TData, TTime, TDiff>(InputSession<TData, TTime, TDiff> session, ProbeHandle<TTime> absorbed, int maxInFlight)
    : GraphStageWithMaterializedValue<SinkShape<Update<TData, TTime, TDiff>>, Task>
    where TTime : notnull
{
    private readonly Inlet<Update<TData, TTime, TDiff>> inlet = new($"InputSink({session.Name}).in");
    private readonly InputSession<TData, TTime, TDiff> session = session;
    private readonly ProbeHandle<TTime> absorbed = absorbed;
    private readonly int maxInFlight = maxInFlight;

    public override SinkShape<Update<TData, TTime, TDiff>> Shape => new(inlet);

    protected override Attributes InitialAttributes => Attributes.CreateName($"input-sink-{session.Name}");

    public override ILogicAndMaterializedValue<Task> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        var logic = new Logic(this);
        return new LogicAndMaterializedValue<Task>(logic, logic.Finished.Task);
    }

    private sealed class Logic : InGraphStageLogic
    {
        private readonly InputSink<TData, TTime, TDiff> stage;
        private readonly Queue<(TTime Time, int Count)> rounds = new();
        private Action<(TTime Time, Exception? Failure)> onAbsorbed = null!;
        private int inFlight;
        private int open;

        public Logic(InputSink<TData, TTime, TDiff> stage) : base(stage.Shape)
        {
            this.stage = stage;
            SetHandler(stage.inlet, this);
        }

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private InputSession<TData, TTime, TDiff> Session => stage.session;

        /// <summary>
        /// True when the sink may take another element: fewer updates in flight than the bound, or all of them at
        /// the open time, which only a later element can close.
        /// </summary>
        private bool Room => inFlight < stage.maxInFlight || rounds.Count == 0;

        public override void PreStart()
        {
            onAbsorbed = GetAsyncCallback<(TTime Time, Exception? Failure)>(Absorbed);
            // The stage bounds what is in flight by its demand; the session's own bound would block the stage's thread.
            Session.WaitsForAbsorption = false;
            // A session whose dataflow is gone fails the stream now, naming the input and the dataflow.
            if (Try(Session.Flush))
                Pull(stage.inlet);
        }

        public override void OnPush()
        {
            var update = Grab(stage.inlet);
            if (!Try(() => Accept(update)))
                return;
            if (Room)
                Pull(stage.inlet);
            else
                Try(Session.Flush); // what waits for the probe is in the dataflow, not here
        }

        public override void OnUpstreamFinish()
        {
            if (!Try(Session.Close))
                return;
            Finished.TrySetResult();
            CompleteStage();
        }

        public override void OnUpstreamFailure(Exception e) => Fail(e);

        public override void PostStop()
        {
            // The session waits on its own bound again before anyone awaiting the stream can use it.
            Session.WaitsForAbsorption = true;
            // Stopped from outside (the materializer shut down): the session keeps what it accepted, and is not closed.
            Finished.TrySetException(new AbruptStageTerminationException(this));
        }

        private void Accept(Update<TData, TTime, TDiff> update)
        {
            var current = Session.Time;
            if (!EqualityComparer<TTime>.Default.Equals(update.Time, current))
            {
                if (!Lattice.LessEqual(current, update.Time))
                    throw new ArgumentOutOfRangeException(nameof(update), update.Time,
                        $"The sink of input '{Session.Name}' received an update at time {update.Time}, which is not at or after the input's time {current}: the times of a stream's elements must not decrease.");
                Session.AdvanceTo(update.Time);
                if (open > 0)
                {
                    rounds.Enqueue((current, open));
                    open = 0;
                    stage.absorbed.WhenPassed(current).ContinueWith(
                        t => onAbsorbed((current, t.Exception?.InnerException)), TaskScheduler.Default);
                }
            }
            Session.UpdateAt(update.Data, update.Time, update.Diff);
            open++;
            inFlight++;
        }

        private void Absorbed((TTime Time, Exception? Failure) absorbed)
        {
            if (absorbed.Failure is not null)
            {
                Fail(absorbed.Failure);
                return;
            }
            while (rounds.Count > 0 && !stage.absorbed.LessEqual(rounds.Peek().Time))
                inFlight -= rounds.Dequeue().Count;
            if (Room && !HasBeenPulled(stage.inlet) && !IsClosed(stage.inlet))
                Pull(stage.inlet);
        }

        /// <summary>Runs <paramref name="action"/>; if it throws, fails the stage (and the materialized task) with the error.</summary>
        private bool Try(Action action)
        {
            try
            {
                action();
                return true;
            }
            catch (Exception e)
            {
                Fail(e);
                return false;
            }
        }

        /// <summary>Fails the input (if its dataflow still runs), the materialized task and the stage.</summary>
        private void Fail(Exception e)
        {
            Session.Fail(e);
            Finished.TrySetException(e);
            FailStage(e);
        }
    }
}
