namespace AkkaDifferential.Arrangements.Readers;

/// <summary>
/// The readers of one trace and the frontier each allows it to be compacted to. A reader promises to read the trace
/// only at times in advance of its frontier, so history may be compacted to the meet of all readers' frontiers
/// (<see cref="Since"/>) and no further. A released reader no longer holds history back; using it again is an error.
/// </summary>
internal sealed class ReaderFrontiers<TTime> where TTime : notnull
{
    private readonly Dictionary<string, Antichain<TTime>> readers = [];
    private readonly HashSet<string> released = [];

    /// <summary>The number of registered, unreleased readers.</summary>
    public int Count => readers.Count;

    /// <summary>The ids of the registered, unreleased readers.</summary>
    public IEnumerable<string> Readers => readers.Keys;

    /// <summary>Registers a reader that holds history back to <paramref name="frontier"/>.</summary>
    /// <exception cref="InvalidOperationException">The id is already registered, or was released.</exception>
    public void Register(string reader, Antichain<TTime> frontier)
    {
        if (released.Contains(reader))
            throw new InvalidOperationException($"Trace reader '{reader}' was released and cannot be registered again.");
        if (!readers.TryAdd(reader, frontier))
            throw new InvalidOperationException($"Trace reader '{reader}' is already registered.");
    }

    /// <summary>Lets <paramref name="reader"/>'s history be compacted up to <paramref name="frontier"/>.</summary>
    /// <exception cref="InvalidOperationException">The reader was released or never registered, or the frontier moves backwards.</exception>
    public void Advance(string reader, Antichain<TTime> frontier)
    {
        var current = Current(reader);
        if (!current.Dominates(frontier))
            throw new InvalidOperationException($"Trace reader '{reader}' cannot move its compaction frontier back from {current} to {frontier}.");
        readers[reader] = frontier;
    }

    /// <summary>Releases a reader: it no longer holds history back.</summary>
    /// <exception cref="InvalidOperationException">The reader was already released or never registered.</exception>
    public void Release(string reader)
    {
        Current(reader);
        readers.Remove(reader);
        released.Add(reader);
    }

    /// <summary>True when <paramref name="reader"/> is registered and not released.</summary>
    public bool Contains(string reader) => readers.ContainsKey(reader);

    /// <summary>
    /// The frontier the trace may be compacted to: the minimal elements of all readers' frontiers, or
    /// <paramref name="whenUnread"/> when there is no reader.
    /// </summary>
    public Antichain<TTime> Since(Antichain<TTime> whenUnread) =>
        readers.Count == 0 ? whenUnread : new Antichain<TTime>(readers.Values.SelectMany(f => f.Elements));

    /// <summary>
    /// A reader whose frontier holds <paramref name="since"/> (the result of <see cref="Since"/>) where it is: one with
    /// an element of it in its frontier; null when there is no reader.
    /// </summary>
    public string? HoldingBack(Antichain<TTime> since)
    {
        foreach (var (reader, frontier) in readers)
            foreach (var element in frontier.Elements)
                if (since.Elements.Contains(element))
                    return reader;
        return null;
    }

    private Antichain<TTime> Current(string reader)
    {
        if (readers.TryGetValue(reader, out var frontier))
            return frontier;
        throw new InvalidOperationException(released.Contains(reader)
            ? $"Trace reader '{reader}' was used after it was released."
            : $"Trace reader '{reader}' is not registered with this trace.");
    }
}
