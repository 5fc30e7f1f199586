using AkkaDifferential.Operators.Capture;
using CsCheck;

namespace AkkaDifferential.Operators.Tests.Capture;

/// <summary>
/// The log of a consolidated capture, folded at every step: random updates at random, partially ordered times,
/// random frontier moves and reads pinned at random times. The collection it gives at every passed time at or after
/// <c>Since</c>, and at every pinned time, is the one the full history gives; everything the frontier has passed
/// and no pin holds back is folded; snapshots never change.
/// </summary>
public sealed class CaptureLogTests
{
    /// <summary>0: an update (record, diff, offset from a frontier element); 1: a frontier move; 2: pin a time; 3: unpin.</summary>
    private sealed record Op(int Kind, int Record, long Diff, Product<long, int> Offset, int Element, bool Split);

    private static readonly Gen<Op> OpGen = Gen.Select(Gen.Frequency((5, Gen.Const(0)), (2, Gen.Const(1)), (1, Gen.Const(2)), (1, Gen.Const(3))),
        Gen.Int[0, 4], Gen.Long[-1, 2], Gen.Select(Gen.Long[0, 2], Gen.Int[0, 2], (o, i) => new Product<long, int>(o, i)), Gen.Int[0, 3], Gen.Bool,
        (kind, record, diff, offset, element, split) => new Op(kind, record, diff == 0 ? 1 : diff, offset, element, split));

    [Fact]
    public void Folding_keeps_every_answer_it_promises() =>
        OpGen.Array[1, 60].Sample(ops =>
        {
            var log = new CaptureLog<int, Product<long, int>, long>(minimumFold: 1);
            var history = new List<Update<int, Product<long, int>, long>>();
            var frontier = Antichain<Product<long, int>>.From(default);
            var pins = new List<Product<long, int>>();
            foreach (var op in ops)
            {
                var anchor = frontier.Elements[op.Element % frontier.Elements.Count];
                var time = new Product<long, int>(anchor.Outer + op.Offset.Outer, anchor.Inner + op.Offset.Inner);
                switch (op.Kind)
                {
                    case 0:
                        // Updates arrive only at times the frontier has not passed.
                        var update = new Update<int, Product<long, int>, long>(op.Record, time, op.Diff);
                        log.Add(update);
                        history.Add(update);
                        break;
                    case 1:
                        Product<long, int>[] moved = op.Split
                            ? [anchor with { Outer = anchor.Outer + 1 }, anchor with { Inner = anchor.Inner + 1 }]
                            : [new Product<long, int>(anchor.Outer + op.Offset.Outer, anchor.Inner + op.Offset.Inner + 1)];
                        frontier = new Antichain<Product<long, int>>(frontier.Elements.Where(e => !e.Equals(anchor)).Concat(moved));
                        break;
                    case 2:
                        // A read is pinned only where the log still answers exactly, as CaptureHandle checks.
                        if (Lattice.LessEqual(log.Since, time))
                            pins.Add(time);
                        break;
                    default:
                        if (pins.Count > 0)
                            pins.RemoveAt(op.Element % pins.Count);
                        break;
                }
                var before = log.Snapshot();
                var copy = before.ToList();
                var folds = log.ShouldFold;
                if (folds)
                    log.Fold(frontier, pins);
                Assert.Equal(copy, before);
                Check(log, history, frontier, pins, folded: folds);
            }
        }, iter: 400);

    private static void Check(CaptureLog<int, Product<long, int>, long> log, List<Update<int, Product<long, int>, long>> history, Antichain<Product<long, int>> frontier, List<Product<long, int>> pins, bool folded)
    {
        var kept = log.Snapshot();
        Assert.Equal(log.Count, kept.Count);
        foreach (var pin in pins)
            Assert.True(Lattice.LessEqual(log.Since, pin), $"Since {log.Since} passed the pinned read at {pin}");
        var times = from o in Enumerable.Range(0, 9) from i in Enumerable.Range(0, 9) select new Product<long, int>(o, i);
        foreach (var time in times.Where(t => !frontier.LessEqual(t) && Lattice.LessEqual(log.Since, t)))
            Assert.True(At(history, time).SequenceEqual(At(kept, time)), $"At {time} (since {log.Since}, frontier {frontier}): expected {Show(At(history, time))} but the log gives {Show(At(kept, time))}");
        // After a fold, every passed update that no pin holds back is folded, at Since.
        foreach (var update in folded ? kept : [])
            Assert.True(update.Time.Equals(log.Since) || frontier.LessEqual(update.Time) || pins.Any(p => !Lattice.LessEqual(update.Time, p)),
                $"{update} is passed by {frontier} and held by no pin, but was not folded (since {log.Since})");
    }

    private static SortedDictionary<int, long> At(IEnumerable<Update<int, Product<long, int>, long>> updates, Product<long, int> time)
    {
        var result = new SortedDictionary<int, long>();
        foreach (var update in updates.Where(u => Lattice.LessEqual(u.Time, time)))
            result[update.Data] = result.GetValueOrDefault(update.Data) + update.Diff;
        foreach (var zero in result.Where(kv => kv.Value == 0).Select(kv => kv.Key).ToList())
            result.Remove(zero);
        return result;
    }

    private static string Show(SortedDictionary<int, long> collection) => "{" + string.Join(", ", collection.Select(kv => $"{kv.Key}x{kv.Value}")) + "}";
}
