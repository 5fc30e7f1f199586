namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// ISAAC-64 (Bob Jenkins' 64-bit cryptographic pseudo-random generator), exactly as rand 0.4's <c>Isaac64Rng</c>
/// — which is that crate's <c>StdRng</c> on 64-bit targets — so that our benchmarks draw the same graphs as the
/// upstream differential-dataflow examples.
/// </summary>
/// <remarks>
/// The state is 256 words of memory <c>mem</c>, a result buffer <c>rsl</c> of 256 words, and the accumulators
/// <c>a</c>, <c>b</c>, <c>c</c>. Seeding copies the seed (zero-padded) into <c>rsl</c>, mixes eight golden-ratio
/// words over it and then over <c>mem</c> (two passes), and runs one generation round. Outputs are read from the
/// result buffer from index 255 down to 0; then the next round is generated.
/// </remarks>
internal sealed class Isaac64
{
    private const int SizeLog = 8;
    private const int Size = 1 << SizeLog;
    private const int Half = Size / 2;
    private const ulong GoldenRatio = 0x9e3779b97f4a7c13UL;

    private readonly ulong[] _mem = new ulong[Size];
    private readonly ulong[] _rsl = new ulong[Size];
    private ulong _a, _b, _c;
    private int _count;

    /// <summary>Seeds the generator with <paramref name="seed"/> followed by zeros (at most 256 words are used).</summary>
    public Isaac64(ReadOnlySpan<ulong> seed)
    {
        seed[..Math.Min(seed.Length, Size)].CopyTo(_rsl);
        Initialise();
    }

    /// <summary>The generator the upstream examples use: <c>StdRng::from_seed(&amp;[1, 2, 3, 4])</c>.</summary>
    public static Isaac64 UpstreamDefault() => new([1, 2, 3, 4]);

    /// <summary>The next 64-bit output.</summary>
    public ulong NextUInt64()
    {
        if (_count == 0) Generate();
        return _rsl[--_count];
    }

    /// <summary>The low 32 bits of the next 64-bit output, as rand 0.4's <c>Isaac64Rng::next_u32</c> (one output each).</summary>
    public uint NextUInt32() => (uint)NextUInt64();

    private void Initialise()
    {
        ulong a = GoldenRatio, b = GoldenRatio, c = GoldenRatio, d = GoldenRatio;
        ulong e = GoldenRatio, f = GoldenRatio, g = GoldenRatio, h = GoldenRatio;
        for (var i = 0; i < 4; i++) Mix(ref a, ref b, ref c, ref d, ref e, ref f, ref g, ref h);

        // Two passes: the seed in rsl, then the memory the first pass wrote, so every seed word affects every word.
        for (var pass = 0; pass < 2; pass++)
        {
            var source = pass == 0 ? _rsl : _mem;
            for (var i = 0; i < Size; i += 8)
            {
                a += source[i]; b += source[i + 1]; c += source[i + 2]; d += source[i + 3];
                e += source[i + 4]; f += source[i + 5]; g += source[i + 6]; h += source[i + 7];
                Mix(ref a, ref b, ref c, ref d, ref e, ref f, ref g, ref h);
                _mem[i] = a; _mem[i + 1] = b; _mem[i + 2] = c; _mem[i + 3] = d;
                _mem[i + 4] = e; _mem[i + 5] = f; _mem[i + 6] = g; _mem[i + 7] = h;
            }
        }
        Generate();
    }

    private static void Mix(ref ulong a, ref ulong b, ref ulong c, ref ulong d, ref ulong e, ref ulong f, ref ulong g, ref ulong h)
    {
        a -= e; f ^= h >> 9; h += a;
        b -= f; g ^= a << 9; a += b;
        c -= g; h ^= b >> 23; b += c;
        d -= h; a ^= c << 15; c += d;
        e -= a; b ^= d >> 14; d += e;
        f -= b; c ^= e << 20; e += f;
        g -= c; d ^= f >> 17; f += g;
        h -= d; e ^= g << 14; g += h;
    }

    /// <summary>One round: refills the result buffer with 256 new outputs.</summary>
    private void Generate()
    {
        var mem = _mem;
        var rsl = _rsl;
        _c++;
        var a = _a;
        var b = _b + _c;
        // The first half of mem is mixed with the second half, then the second with the (new) first.
        for (var m = 0; m < Size; m += Half)
        {
            var m2 = Half - m;
            for (var i = 0; i < Half; i += 4)
            {
                Step(mem, rsl, ~(a ^ (a << 21)), m + i, m2 + i, ref a, ref b);
                Step(mem, rsl, a ^ (a >> 5), m + i + 1, m2 + i + 1, ref a, ref b);
                Step(mem, rsl, a ^ (a << 12), m + i + 2, m2 + i + 2, ref a, ref b);
                Step(mem, rsl, a ^ (a >> 33), m + i + 3, m2 + i + 3, ref a, ref b);
            }
        }
        _a = a;
        _b = b;
        _count = Size;
    }

    private static void Step(ulong[] mem, ulong[] rsl, ulong mix, int i, int other, ref ulong a, ref ulong b)
    {
        var x = mem[i];
        a = mix + mem[other];
        var y = mem[(int)((x >> 3) & (Size - 1))] + a + b;
        mem[i] = y;
        b = mem[(int)((y >> (SizeLog + 3)) & (Size - 1))] + x;
        rsl[i] = b;
    }
}
