using System.Runtime.CompilerServices;
using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Trace.Columns;
using AkkaDifferential.Arrangements.Trace.Composite;
using AkkaDifferential.Arrangements.Trace.Hashed;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace;

/// <summary>One update of the reference model: a plain tuple, compared with the trace's columns.</summary>
internal readonly record struct ModelUpdate<TVal, TTime>(int Key, TVal Val, TTime Time, long Diff);

/// <summary>
/// A small grid of times for property tests, with a way to build frontiers from it. Times are points
/// <c>(outer, inner)</c> of a grid; a frontier is a "staircase" <c>h</c>, non-increasing in <c>outer</c>, standing
/// for the times with <c>inner ≥ h[outer]</c> (and every time with <c>outer</c> past the grid). For <c>long</c>
/// times the grid has one column, so a frontier is the single time <c>h[0]</c>.
/// </summary>
internal sealed class TimeDomain<TTime>(string name, int outer, int inner, Func<int, int, TTime> make, Func<int[], Antichain<TTime>> frontier)
    where TTime : notnull
{
    public int Outer { get; } = outer;

    public int Inner { get; } = inner;

    public TTime Make(int o, int i) => make(o, i);

    public Antichain<TTime> Frontier(int[] staircase) => frontier(staircase);

    /// <summary>Times that can hold updates: the grid.</summary>
    public Gen<TTime> Time => Gen.Select(Gen.Int[0, Outer - 1], Gen.Int[0, Inner - 1], make);

    /// <summary>Every grid time, and one step past its edges, where accumulations are compared.</summary>
    public IEnumerable<TTime> Probes()
    {
        for (var o = 0; o <= (Outer == 1 ? 0 : Outer); o++)
            for (var i = 0; i <= Inner; i++)
                yield return make(o, i);
    }

    /// <summary>
    /// A non-increasing staircase with values in <c>[0, Inner + 1]</c>, where <c>Inner + 1</c> stands for infinity:
    /// no frontier element at that outer coordinate, so the frontier can lie wholly ahead of a time in both
    /// coordinates, which is when advancing moves product times.
    /// </summary>
    public Gen<int[]> Staircase => Gen.Int[0, Inner + 1].Array[Outer].Select(h =>
    {
        Array.Sort(h);
        Array.Reverse(h);
        return h;
    });

    /// <summary>A random antichain of grid times (possibly empty).</summary>
    public Gen<Antichain<TTime>> Antichain => Time.Array[0, 3].Select(times => new Antichain<TTime>(times));

    public int[] Bottom => new int[Outer];

    public int[] Top => Enumerable.Repeat(Inner, Outer).ToArray();

    public override string ToString() => name;
}

internal static class TimeDomains
{
    public static readonly TimeDomain<long> Long = new("long", 1, 14, (_, i) => i, h => Antichain<long>.From(h[0]));

    public static readonly TimeDomain<Product<long, int>> Product = new("product", 4, 5, (o, i) => new Product<long, int>(o, i), h =>
    {
        var elements = new List<Product<long, int>>();
        for (var o = 0; o < h.Length; o++)
            if (h[o] <= 5)
                elements.Add(new Product<long, int>(o, h[o]));
        elements.Add(new Product<long, int>(h.Length, 0));
        return new Antichain<Product<long, int>>(elements);
    });
}

internal static class Vals
{
    public static readonly Gen<int> Int = Gen.Int[0, 4];

    public static readonly Gen<string> String = Gen.OneOf(Gen.Const("a"), Gen.Const("b"), Gen.Const("ab"), Gen.Const(""), Gen.Const("B"), Gen.Const("\u00AD"));
}

internal static class TraceModel
{
    /// <summary>
    /// Random updates over small key and value ranges (so they collide), diffs in [-2, 2] including zero. Each list
    /// has a shape drawn first, so that the lean layouts' cases come up often, alone and mixed in one trace: one value
    /// for every key (a key-only collection), two times for all updates (single-time batches), insertions only (all
    /// <c>+1</c>, which consolidation turns into 2, 3, … where updates repeat), or any combination.
    /// </summary>
    public static Gen<ModelUpdate<TVal, TTime>[]> Updates<TVal, TTime>(Gen<TVal> vals, TimeDomain<TTime> domain, int max)
        where TTime : notnull =>
        Gen.Select(Gen.Int[0, 7], vals, domain.Time, domain.Time).SelectMany(shape =>
            Gen.Select(
                Gen.Int[0, 6],
                (shape.Item1 & 1) != 0 ? Gen.Const(shape.Item2) : vals,
                (shape.Item1 & 2) != 0 ? Gen.OneOf(Gen.Const(shape.Item3), Gen.Const(shape.Item4)) : domain.Time,
                (shape.Item1 & 4) != 0 ? Gen.Const(1L) : Gen.Long[-2, 2],
                (k, v, t, d) => new ModelUpdate<TVal, TTime>(k, v, t, d)).Array[0, max]);

    /// <summary>
    /// A chain of upper frontiers, from the minimum to the top of the grid: the staircases are made monotone by
    /// taking running maxima. Consecutive frontiers may be equal (an empty batch).
    /// </summary>
    public static Gen<int[][]> Chain<TTime>(TimeDomain<TTime> domain, int maxBatches) where TTime : notnull =>
        domain.Staircase.Array[0, maxBatches - 1].Select(steps =>
        {
            var chain = new List<int[]> { domain.Bottom };
            foreach (var step in steps)
            {
                var previous = chain[^1];
                chain.Add(previous.Select((h, o) => Math.Max(h, step[o])).ToArray());
            }
            chain.Add(domain.Top);
            return chain.ToArray();
        });

    /// <summary>The index of the batch between chain[j] and chain[j + 1] that holds the grid time (o, i).</summary>
    public static int BatchOf(int[][] chain, int o, int i)
    {
        for (var j = 0; j + 1 < chain.Length; j++)
            if (chain[j][o] <= i && i < chain[j + 1][o])
                return j;
        throw new InvalidOperationException($"({o}, {i}) lies in no batch.");
    }

    /// <summary>
    /// Every update of the batches, flattened, in the model's <c>(key, val, time)</c> order whatever the batches' key
    /// layout (a stable sort: updates of equal <c>(key, val, time)</c> from several batches stay in batch order). The
    /// order within each batch is what <see cref="AssertWellFormed{TVal, TTime}"/> checks.
    /// </summary>
    public static List<ModelUpdate<TVal, TTime>> Flatten<TVal, TTime>(IEnumerable<TraceBatch<int, TVal, TTime, long>> batches)
        where TTime : notnull
    {
        var updates = new List<ModelUpdate<TVal, TTime>>();
        foreach (var batch in batches.SelectMany(b => b.Parts))
            for (var k = 0; k < batch.KeyCount; k++)
                for (var v = batch.KeyOffsets[k]; v < batch.KeyOffsets[k + 1]; v++)
                    for (var u = batch.ValOffsets[v]; u < batch.ValOffsets[v + 1]; u++)
                        updates.Add(new(batch.Keys[k], batch.Vals[v], batch.Times[u], batch.Diffs[u]));
        return updates.OrderBy(u => u.Key).ThenBy(u => u.Val, DataOrder<TVal>.Comparer).ThenBy(u => u.Time, Comparer<TTime>.Create(Timestamp.Compare)).ToList();
    }

    /// <summary>The collection at <paramref name="time"/>: per (key, val), the sum of diffs at times ≤ it, zeros dropped.</summary>
    public static SortedDictionary<(int, TVal), long> AccumulateAt<TVal, TTime>(IEnumerable<ModelUpdate<TVal, TTime>> updates, TTime time)
    {
        var sums = new SortedDictionary<(int, TVal), long>(DataOrder<(int, TVal)>.Comparer);
        foreach (var u in updates)
            if (Lattice.LessEqual(u.Time, time))
                sums[(u.Key, u.Val)] = sums.GetValueOrDefault((u.Key, u.Val)) + u.Diff;
        foreach (var key in sums.Where(p => p.Value == 0).Select(p => p.Key).ToList())
            sums.Remove(key);
        return sums;
    }

    /// <summary>Consolidated updates: (key, val, time) → summed diff, zeros dropped, in (key, val, time) order.</summary>
    public static List<ModelUpdate<TVal, TTime>> Consolidate<TVal, TTime>(IEnumerable<ModelUpdate<TVal, TTime>> updates)
    {
        var sums = new SortedDictionary<(int, TVal, TTime), long>(Comparer<(int, TVal, TTime)>.Create((a, b) =>
        {
            var c = a.Item1.CompareTo(b.Item1);
            if (c != 0) return c;
            c = DataOrder<TVal>.Compare(a.Item2, b.Item2);
            return c != 0 ? c : Timestamp.Compare(a.Item3, b.Item3);
        }));
        foreach (var u in updates)
            sums[(u.Key, u.Val, u.Time)] = sums.GetValueOrDefault((u.Key, u.Val, u.Time)) + u.Diff;
        return sums.Where(p => p.Value != 0).Select(p => new ModelUpdate<TVal, TTime>(p.Key.Item1, p.Key.Item2, p.Key.Item3, p.Value)).ToList();
    }

    /// <summary>
    /// Asserts that the two lists of updates accumulate to the same collection at every probe time accepted by
    /// <paramref name="where"/>. Fast path: lists whose consolidated forms agree accumulate alike everywhere; otherwise
    /// their difference must accumulate to zero at every probe.
    /// </summary>
    public static void AssertSameAccumulations<TVal, TTime>(
        TimeDomain<TTime> domain,
        IReadOnlyList<ModelUpdate<TVal, TTime>> expected,
        IReadOnlyList<ModelUpdate<TVal, TTime>> actual,
        Func<TTime, bool>? where = null)
        where TTime : notnull
    {
        var difference = new Dictionary<(int, TVal, TTime), long>();
        foreach (var u in expected)
            difference[(u.Key, u.Val, u.Time)] = difference.GetValueOrDefault((u.Key, u.Val, u.Time)) + u.Diff;
        foreach (var u in actual)
            difference[(u.Key, u.Val, u.Time)] = difference.GetValueOrDefault((u.Key, u.Val, u.Time)) - u.Diff;
        var groups = difference.Where(p => p.Value != 0).GroupBy(p => (p.Key.Item1, p.Key.Item2)).ToList();
        if (groups.Count == 0)
            return;
        foreach (var time in domain.Probes())
        {
            if (where is not null && !where(time))
                continue;
            foreach (var group in groups)
            {
                long sum = 0;
                foreach (var p in group)
                    if (Lattice.LessEqual(p.Key.Item3, time))
                        sum += p.Value;
                if (sum != 0)
                    Assert.Fail($"At {time}: expected [{string.Join(", ", AccumulateAt(expected, time))}] but the trace holds [{string.Join(", ", AccumulateAt(actual, time))}].");
            }
        }
    }

    /// <summary>
    /// Checks the batch invariants: distinct keys in the order of the batch's layout (and, when hashed, each found by
    /// its slot), sorted distinct values, sorted consolidated times, consistent offsets; and, when
    /// <paramref name="layout"/> is given, that a batch with keys has it. A composite batch is checked part by part,
    /// and its routing: the base part holds one positive update per value at the one time of the batch's since, with
    /// no value offsets and its time stored once, and the general part holds no update that would settle.
    /// </summary>
    public static void AssertWellFormed<TVal, TTime>(TraceBatch<int, TVal, TTime, long> batch, KeyLayout? layout = null) where TTime : notnull
    {
        if (batch.Base is not { } basePart)
        {
            AssertWellFormedPart(batch, layout, leanest: true);
            return;
        }
        Assert.Equal(2, batch.Parts.Count);
        Assert.Same(basePart, batch.Parts[0]);
        var general = batch.Parts[1];
        Assert.Null(general.Base);
        Assert.Equal(basePart.UpdateCount + general.UpdateCount, batch.UpdateCount);
        Assert.True(SettledRoute.TrySettledTime(batch.Description.Since, out var settled), "a base part only under a one-time since");
        Assert.False(basePart.IsEmpty);
        Assert.True(basePart.Times.IsUniform, "the base part stores its time once");
        Assert.Equal(settled, basePart.Times[0]);
        Assert.True(basePart.ValOffsets.IsImplicit, "one update per value in the base part");
        for (var u = 0; u < basePart.UpdateCount; u++)
            Assert.True(basePart.Diffs[u] > 0, "settled multiplicities are positive");
        for (var u = 0; u < general.UpdateCount; u++)
            Assert.False(SettledRoute.IsSettled(general.Times[u], general.Diffs[u], settled), "no settled update in the general part");
        AssertWellFormedPart(basePart, layout, leanest: false);
        AssertWellFormedPart(general, layout, leanest: true);
    }

    private static void AssertWellFormedPart<TVal, TTime>(TraceBatch<int, TVal, TTime, long> batch, KeyLayout? layout, bool leanest) where TTime : notnull
    {
        if (layout is { } expected && batch.KeyCount > 0)
            Assert.Equal(expected, batch.KeyLayout);
        Assert.Equal(batch.KeyCount, batch.Keys.Length);
        Assert.Equal(batch.KeyCount + 1, batch.KeyOffsets.Length);
        Assert.Equal(batch.ValCount, batch.Vals.Length);
        Assert.Equal(batch.ValCount + 1, batch.ValOffsets.Length);
        Assert.Equal(batch.UpdateCount, batch.Times.Length);
        Assert.Equal(batch.UpdateCount, batch.Diffs.Length);
        Assert.Equal(0, batch.KeyOffsets[0]);
        Assert.Equal(batch.ValCount, batch.KeyOffsets[batch.KeyCount]);
        Assert.Equal(0, batch.ValOffsets[0]);
        Assert.Equal(batch.UpdateCount, batch.ValOffsets[batch.ValCount]);
        if (leanest)
            AssertLeanest(batch);
        for (var k = 0; k < batch.KeyCount; k++)
        {
            if (k > 0)
                Assert.True(HashOrder<int>.Compare(batch.KeyLayout, batch.Keys[k - 1], batch.Keys[k]) < 0, "keys in the layout's order and distinct");
            Assert.Equal(k, batch.FindKey(batch.Keys[k]));
            Assert.True(batch.KeyOffsets[k] < batch.KeyOffsets[k + 1], "every key has a value");
            for (var v = batch.KeyOffsets[k]; v < batch.KeyOffsets[k + 1]; v++)
            {
                if (v > batch.KeyOffsets[k])
                    Assert.True(DataOrder<TVal>.Compare(batch.Vals[v - 1], batch.Vals[v]) < 0, "values sorted and distinct within a key");
                Assert.True(batch.ValOffsets[v] < batch.ValOffsets[v + 1], "every value has an update");
                for (var u = batch.ValOffsets[v]; u < batch.ValOffsets[v + 1]; u++)
                {
                    if (u > batch.ValOffsets[v])
                        Assert.True(Timestamp.Compare(batch.Times[u - 1], batch.Times[u]) < 0, "times sorted and distinct within a value");
                    Assert.NotEqual(0L, batch.Diffs[u]);
                }
            }
        }
    }

    /// <summary>
    /// Checks that every column has the leanest representation its data allows (uniform exactly when its items are all
    /// equal, offsets implicit exactly when each item has one child), or, under the forced explicit layout, that every
    /// non-empty column is stored.
    /// </summary>
    public static void AssertLeanest<TVal, TTime>(TraceBatch<int, TVal, TTime, long> batch) where TTime : notnull
    {
        if (batch.IsEmpty)
            return;
        var lean = !TraceLayout.Explicit;
        AssertLeanest(lean, batch.Vals, DataOrder<TVal>.Compare);
        AssertLeanest(lean, batch.Times, Timestamp.Compare);
        AssertLeanest(lean, batch.Diffs, (a, b) => a.CompareTo(b));
        Assert.Equal(lean && batch.ValCount == batch.KeyCount, batch.KeyOffsets.IsImplicit);
        Assert.Equal(lean && batch.UpdateCount == batch.ValCount, batch.ValOffsets.IsImplicit);
    }

    /// <summary>
    /// Uniform exactly when all items are equal; palette codes only when smaller than the items' array; a base and
    /// exceptions where that is admitted (at least 64 items, at most a quarter differing from the most frequent one)
    /// unless palette codes are no larger; an encoded column's distinct items are exactly the items' values.
    /// </summary>
    private static void AssertLeanest<T>(bool lean, Column<T> column, Comparison<T> compare)
    {
        var items = column.ToArray();
        Array.Sort(items, compare);
        int most = 0, run = 0;
        for (var i = 0; i < items.Length; i++)
        {
            run = i > 0 && compare(items[i - 1], items[i]) == 0 ? run + 1 : 1;
            most = Math.Max(most, run);
        }
        var uniform = most == items.Length;
        Assert.Equal(lean && uniform, column.IsUniform);
        if (!lean || uniform)
            return;
        if (column.IsPaletteCoded)
            Assert.True(column.StoredBytes < (long)items.Length * Unsafe.SizeOf<T>(), $"{column.StoredBytes} bytes of codes for {items.Length} items");
        if (BaseAndExceptions<T>.Admits(items.Length, items.Length - most))
            Assert.True(column.IsBaseAndExceptions || (column.IsPaletteCoded && column.StoredBytes <= BaseAndExceptions<T>.BytesFor(items.Length, items.Length - most)),
                $"{column.StoredBytes} bytes, a base and exceptions would take {BaseAndExceptions<T>.BytesFor(items.Length, items.Length - most)}");
        if (column.IsBaseAndExceptions || column.IsPaletteCoded)
        {
            var distinct = column.Distinct.ToArray();
            Array.Sort(distinct, compare);
            Assert.Equal(items.Distinct().Count(), distinct.Distinct().Count());
            Assert.All(distinct, d => Assert.True(Array.BinarySearch(items, d, Comparer<T>.Create(compare)) >= 0));
        }
    }

    /// <summary>Seals updates into one batch with the given frontiers, of <paramref name="layout"/> (by default the process's).</summary>
    public static TraceBatch<int, TVal, TTime, long> Seal<TVal, TTime>(
        IEnumerable<ModelUpdate<TVal, TTime>> updates, Antichain<TTime> lower, Antichain<TTime> upper, Antichain<TTime> since, KeyLayout? layout = null)
        where TTime : notnull
    {
        var builder = new TraceBatchBuilder<int, TVal, TTime, long>(layout ?? KeyLayoutSetting.Default);
        foreach (var u in updates)
            builder.Push(u.Key, u.Val, u.Time, u.Diff);
        return builder.Seal(new Description<TTime>(lower, upper, since));
    }
}
