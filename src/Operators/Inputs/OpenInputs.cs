using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Inputs;

/// <summary>
/// The time of each open input session of a dataflow: where each holds its capability. A time that one of them has
/// not passed cannot complete however long the dataflow runs, so a session waits for the absorption of what it sent
/// only at times every open input has passed (docs/back-pressure.md); waiting for the others could wait forever on a
/// producer that feeds the inputs in turn from one thread. Thread-safe: each session writes its own entry.
/// </summary>
internal sealed class OpenInputs
{
    private readonly Dictionary<int, FlatTime> times = [];

    /// <summary>Records that input <paramref name="input"/> is open at <paramref name="time"/>.</summary>
    public void At(int input, FlatTime time)
    {
        lock (times)
            times[input] = time;
    }

    /// <summary>Records that input <paramref name="input"/> has closed: it holds no time back any more.</summary>
    public void Closed(int input)
    {
        lock (times)
            times.Remove(input);
    }

    /// <summary>The least times of the open inputs: a time not at or after one of them can complete.</summary>
    public Antichain<TTime> Frontier<TTime>() where TTime : notnull
    {
        lock (times)
            return new Antichain<TTime>(times.Values.Select(static t => t.To<TTime>()));
    }
}
