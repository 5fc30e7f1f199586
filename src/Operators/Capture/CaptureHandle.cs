using AkkaDifferential.Operators.Dataflows;
using AkkaDifferential.Operators.Probes;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential;

/// <summary>
/// Records the stream of <c>(data, time, diff)</c> updates of a collection on the driver, together with its
/// frontier, so that a test (or a user) can read the collection at any time the frontier has passed. Thread-safe.
/// </summary>
public sealed class CaptureHandle<TData, TTime, TDiff> where TTime : notnull where TData : notnull
{
    private readonly object gate = new();
    private readonly List<Update<TData, TTime, TDiff>> updates = [];
    private readonly FrontierMonitor<TTime> monitor;
    private Antichain<TTime>[] buckets = [];

    internal CaptureHandle(DataflowState state) => monitor = new FrontierMonitor<TTime>(state);

    /// <summary>Every update captured so far, in arrival order.</summary>
    public IReadOnlyList<Update<TData, TTime, TDiff>> Updates
    {
        get
        {
            lock (gate)
                return [.. updates];
        }
    }

    /// <summary>The frontier of the captured stream: updates at times it has passed have all been captured.</summary>
    public Antichain<TTime> Frontier => monitor.Frontier;

    /// <summary>Completes when every update at times ≤ <paramref name="time"/> has been captured.</summary>
    public Task WhenPassed(TTime time, CancellationToken cancellation = default) => monitor.WhenPassed(time, cancellation);

    /// <summary>
    /// Waits until the frontier passes <paramref name="time"/>, then returns the collection at that time: the sum of
    /// the differences of every captured update at a time ≤ <paramref name="time"/>, without zeros.
    /// </summary>
    public async Task<IReadOnlyDictionary<TData, TDiff>> CollectionAt(TTime time, CancellationToken cancellation = default)
    {
        await WhenPassed(time, cancellation).ConfigureAwait(false);
        var result = new Dictionary<TData, TDiff>();
        lock (gate)
        {
            foreach (var update in updates)
                if (Lattice.LessEqual(update.Time, time))
                    result[update.Data] = Difference.Add(result.GetValueOrDefault(update.Data, Difference.Zero<TDiff>()), update.Diff);
        }
        foreach (var (data, diff) in result)
            if (Difference.IsZero(diff))
                result.Remove(data);
        return result;
    }

    internal void Start(int bucketCount)
    {
        lock (gate)
        {
            buckets = new Antichain<TTime>[bucketCount];
            for (var i = 0; i < bucketCount; i++)
                buckets[i] = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
        }
    }

    internal void Add(UpdateBatch<TData, TTime, TDiff> batch)
    {
        lock (gate)
            for (var i = 0; i < batch.Count; i++)
                updates.Add(batch[i]);
    }

    internal void Advance(int bucket, FlatTime[] frontier)
    {
        Antichain<TTime> combined;
        lock (gate)
        {
            buckets[bucket] = new Antichain<TTime>(frontier.Select(f => f.To<TTime>()));
            combined = new Antichain<TTime>(buckets.SelectMany(b => b.Elements));
        }
        monitor.Advance(combined);
    }
}
