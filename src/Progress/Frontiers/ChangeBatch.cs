namespace AkkaDifferential.Progress.Frontiers;

/// <summary>
/// A list of <c>(item, delta)</c> count changes that consolidates lazily: changes are appended cheaply, and
/// sorting, summing equal items and dropping zeros happens only when the batch is read. Operators accumulate
/// their pointstamp changes for one activation in a change batch and send it to the frontier actor as one message.
/// </summary>
/// <typeparam name="T">The counted item; sorted with <see cref="Comparer{T}.Default"/>.</typeparam>
internal sealed class ChangeBatch<T> where T : notnull
{
    private readonly List<(T Item, long Delta)> updates = [];
    private int clean;

    /// <summary>Records that the count of <paramref name="item"/> changes by <paramref name="delta"/>.</summary>
    public void Update(T item, long delta)
    {
        if (delta == 0)
            return;
        updates.Add((item, delta));
        // Consolidate when the unconsolidated tail outgrows the clean prefix, bounding memory by distinct items.
        if (updates.Count > 32 && updates.Count > 2 * clean)
            Compact();
    }

    /// <summary>Appends every change of <paramref name="changes"/>.</summary>
    public void Extend(IEnumerable<(T Item, long Delta)> changes)
    {
        foreach (var (item, delta) in changes)
            Update(item, delta);
    }

    /// <summary>True when, after consolidation, no count changes.</summary>
    public bool IsEmpty
    {
        get
        {
            Compact();
            return updates.Count == 0;
        }
    }

    /// <summary>The consolidated changes, sorted by item, with no zero deltas.</summary>
    public IReadOnlyList<(T Item, long Delta)> Changes
    {
        get
        {
            Compact();
            return updates;
        }
    }

    /// <summary>Returns the consolidated changes and leaves the batch empty.</summary>
    public (T Item, long Delta)[] Drain()
    {
        Compact();
        var result = updates.ToArray();
        updates.Clear();
        clean = 0;
        return result;
    }

    /// <summary>Sorts, sums equal items and removes zero deltas.</summary>
    public void Compact()
    {
        if (clean == updates.Count)
            return;
        updates.Sort(static (a, b) => Comparer<T>.Default.Compare(a.Item, b.Item));
        var write = 0;
        for (var read = 0; read < updates.Count;)
        {
            var item = updates[read].Item;
            long sum = 0;
            while (read < updates.Count && Comparer<T>.Default.Compare(updates[read].Item, item) == 0)
                sum += updates[read++].Delta;
            if (sum != 0)
                updates[write++] = (item, sum);
        }
        updates.RemoveRange(write, updates.Count - write);
        clean = updates.Count;
    }
}
