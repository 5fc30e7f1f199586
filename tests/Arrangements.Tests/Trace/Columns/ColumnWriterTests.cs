using AkkaDifferential.Arrangements.Trace.Columns;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace.Columns;

/// <summary>
/// <see cref="ColumnWriter{T, TEquality}"/> against a list: random appends, ranges from columns of every form,
/// replacements of the last item and of any item, removals, truncations and in-place changes through <c>Span</c>, over items of few,
/// some and many distinct values (so a column stays uniform, is coded against a palette, or overflows the palette
/// and is stored), read back item by item while writing and as the column written.
/// </summary>
public sealed class ColumnWriterTests
{
    private const int Capacity = 3000;

    [Fact]
    public void Long_items_read_back_as_written() =>
        Check(Gen.OneOf(Gen.Long[1, 1], Gen.Long[0, 4], Gen.Long[-100, 100], Gen.Long[0, 1000]), static (a, b) => a == b, 300);

    [Fact]
    public void Product_times_read_back_as_written() =>
        Check(Gen.OneOf(Gen.Int[0, 3], Gen.Int[0, 299]).SelectMany(range => Gen.Select(Gen.Long[0, 2], Gen.Int[0, range], (o, i) => new Product<long, int>(o, i))),
            static (a, b) => Timestamp.Compare(a, b) == 0, 200);

    [Fact]
    public void String_items_are_never_coded_and_read_back_as_written() =>
        Check(Gen.OneOf(Gen.Const("a"), Gen.Int[0, 3].Select(i => "s" + i)), static (a, b) => a == b, 150);

    [Fact]
    public void A_long_column_of_few_values_is_coded_and_one_of_many_is_stored()
    {
        var few = new ColumnWriter<long, DiffEquality<long>>(Capacity);
        var many = new ColumnWriter<long, DiffEquality<long>>(Capacity);
        for (var i = 0; i < Capacity; i++)
        {
            few.Add(i % 7 * 1_000_000_007L);
            many.Add(i);
        }
        var coded = few.ToColumn();
        // Under the forced explicit layout every column is stored.
        Assert.Equal(!TraceLayout.Explicit, coded.IsPaletteCoded);
        Assert.Equal(TraceLayout.Explicit ? Capacity * sizeof(long) : Capacity + 7 * sizeof(long), coded.StoredBytes);
        Assert.Equal(Enumerable.Range(0, Capacity).Select(i => i % 7 * 1_000_000_007L), coded.ToArray());
        var stored = many.ToColumn();
        Assert.False(stored.IsPaletteCoded || stored.IsUniform || stored.IsBaseAndExceptions);
        Assert.Equal(Enumerable.Range(0, Capacity).Select(i => (long)i), stored.ToArray());
    }

    [Fact]
    public void A_long_coded_column_grows_its_codes_from_a_uniform_run_and_reads_back()
    {
        // 10,000 equal items, then a few values for 30,000 more: the codes start past the run and grow as items come.
        const int count = 40_000;
        var writer = new ColumnWriter<long, DiffEquality<long>>(count);
        var expected = new long[count];
        for (var i = 0; i < count; i++)
        {
            expected[i] = i < 10_000 ? 5 : i * 7919L % 11;
            writer.Add(expected[i]);
        }
        var column = writer.ToColumn();
        Assert.Equal(!TraceLayout.Explicit, column.IsPaletteCoded);
        Assert.Equal(TraceLayout.Explicit ? count * sizeof(long) : count + 11 * sizeof(long), column.StoredBytes);
        Assert.Equal(expected, column.ToArray());
    }

    private static void Check<T>(Gen<T> items, Func<T, T, bool> equal, int iter) where T : notnull
    {
        // An operation: its kind, an item, a position (scaled to the count) and a length for ranges.
        var operation = Gen.Select(Gen.Int[0, 9], items, Gen.Double[0, 1], Gen.Int[1, 200]);
        Gen.Select(operation.Array[1, 120], items.Array[0, 300]).Sample((operations, rangeItems) =>
        {
            var writer = new ColumnWriter<T, Equality<T>>(Capacity);
            var model = new List<T>();
            var sources = Sources(rangeItems);
            foreach (var (kind, item, at, length) in operations)
            {
                var index = (int)(at * model.Count);
                switch (kind)
                {
                    case <= 3 when model.Count < Capacity:
                        writer.Add(item);
                        model.Add(item);
                        break;
                    case 4 when model.Count > 0:
                        writer.SetLast(item);
                        model[^1] = item;
                        break;
                    case 5 when model.Count > 0:
                        writer.RemoveAt(Math.Min(index, model.Count - 1));
                        model.RemoveAt(Math.Min(index, model.Count - 1));
                        break;
                    case 6:
                        writer.Truncate(index);
                        model.RemoveRange(index, model.Count - index);
                        break;
                    case 7 when model.Count > 0:
                    {
                        var start = Math.Min(index, model.Count - 1);
                        var span = writer.Span(start, model.Count - start);
                        span[0] = item;
                        model[start] = item;
                        break;
                    }
                    case 8 when model.Count > 0:
                        writer.Set(Math.Min(index, model.Count - 1), item);
                        model[Math.Min(index, model.Count - 1)] = item;
                        break;
                    default:
                    {
                        var source = sources[length % sources.Length];
                        var from = Math.Min(source.Length, length % (source.Length + 1));
                        var count = Math.Min(Math.Min(length, source.Length - from), Capacity - model.Count);
                        writer.AddRange(source, from, count);
                        model.AddRange(source.ToArray().Skip(from).Take(count));
                        break;
                    }
                }
                Assert.Equal(model.Count, writer.Count);
                for (var i = 0; i < model.Count; i += 1 + model.Count / 16)
                    Assert.True(equal(model[i], writer[i]), $"item {i} of {model.Count}");
            }
            var column = writer.ToColumn();
            Assert.Equal(model.Count, column.Length);
            var read = column.ToArray();
            for (var i = 0; i < model.Count; i++)
                Assert.True(equal(model[i], read[i]), $"column item {i} of {model.Count}");
            if (model.Count > 0 && model.All(m => equal(m, model[0])))
                Assert.True(TraceLayout.Explicit || column.IsUniform);
            if (!PaletteCodes<T>.Applies)
                Assert.False(column.IsPaletteCoded);
        }, iter: iter);
    }

    /// <summary>The same items as a stored, a uniform and (when they allow) a coded column, to append ranges from.</summary>
    private static Column<T>[] Sources<T>(T[] items)
    {
        var coded = new ColumnWriter<T, Equality<T>>(Math.Max(items.Length, PaletteCodes<T>.MinItems));
        foreach (var item in items)
            coded.Add(item);
        return
        [
            Column<T>.Stored(items, items.Length),
            Column<T>.Uniform(items.Length > 0 ? items[0] : default!, items.Length),
            coded.ToColumn(),
        ];
    }

    private readonly struct Equality<T> : IColumnEquality<T>
    {
        public bool Equal(T a, T b) => EqualityComparer<T>.Default.Equals(a, b);
    }
}
