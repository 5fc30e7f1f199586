using AkkaDifferential.Arrangements.Trace.Columns;

namespace AkkaDifferential.Arrangements.Trace.Hashed;

/// <summary>
/// Where the keys of a hashed batch are (the seek side of differential dataflow's Robin Hood hashing batches). The
/// batch's keys are ordered by <see cref="HashOrder{TKey}"/>; the table has <c>2^bits</c> slots, about one per
/// <see cref="KeysPerSlot"/> keys, and a key's <em>home</em> is the slot its hash's top bits name. Robin Hood hashing
/// keeps keys in hash order in a table with empty slots, every key at or just after its home, so a seek hashes the key,
/// jumps to its home and scans forward a short way. Here the keys stay dense — the batch's key column as every other
/// layout has it, each key with its values, no empty slot to recognise and skip — and the table keeps, for each slot,
/// the index of the first key whose home is at or after it: the keys at home in slot <c>s</c> are
/// <c>[Start(s), Start(s + 1))</c>, on average <see cref="KeysPerSlot"/> or fewer. A seek is the same probe: hash,
/// read the slot's two entries, compare the keys between them. The keys are a <see cref="KeyColumn{TKey}"/>, so a
/// hashed batch's string keys may be Huffman-encoded as an ordered batch's: a probe compares the slot's encoded keys
/// with the key sought by hash, then decoded only to the first difference, without building them.
/// </summary>
internal sealed class KeySlots
{
    /// <summary>Keys per slot the table is sized for, at most: a present key is found after about one comparison.</summary>
    public const int KeysPerSlot = 2;

    // starts[s] is the index of the first key whose home is ≥ s; starts[slots] is the key count.
    private readonly int[] starts;
    private readonly int bits;

    private KeySlots(int[] starts, int bits)
    {
        this.starts = starts;
        this.bits = bits;
    }

    /// <summary>The number of slots.</summary>
    public int SlotCount => starts.Length - 1;

    /// <summary>The bytes the table takes.</summary>
    public long StoredBytes => (long)starts.Length * sizeof(int);

    /// <summary>The table of <paramref name="keys"/>, which must be distinct and in <see cref="HashOrder{TKey}"/>.</summary>
    /// <exception cref="InvalidOperationException">A key's hash is less than the one before it.</exception>
    public static KeySlots Build<TKey>(KeyColumn<TKey> keys)
    {
        var bits = 0;
        while ((1L << bits) * KeysPerSlot < keys.Length)
            bits++;
        var starts = new int[(1 << bits) + 1];
        var slot = 0;
        ulong previous = 0;
        for (var k = 0; k < keys.Length; k++)
        {
            var hash = keys.Hash(k);
            if (hash < previous)
                throw new InvalidOperationException($"The keys of a hashed batch are not in hash order at index {k}.");
            previous = hash;
            var home = Home(hash, bits);
            while (slot <= home)
                starts[slot++] = k;
        }
        while (slot < starts.Length)
            starts[slot++] = keys.Length;
        return new KeySlots(starts, bits);
    }

    /// <summary>The index of <paramref name="key"/>, whose <see cref="HashOrder{TKey}.Hash"/> is <paramref name="hash"/>, in <paramref name="keys"/>, or -1.</summary>
    public int Find<TKey>(KeyColumn<TKey> keys, TKey key, ulong hash)
    {
        var home = Home(hash, bits);
        var end = starts[home + 1];
        for (var k = starts[home]; k < end; k++)
            if (keys.Compare(k, key) == 0)
                return k;
        return -1;
    }

    /// <summary>The index of the first key of <paramref name="keys"/> not before <paramref name="key"/> in hash order (or the key count).</summary>
    public int LowerBound<TKey>(KeyColumn<TKey> keys, TKey key, ulong hash)
    {
        // Keys before the home slot have smaller hashes, keys after it larger ones: only the slot's keys are compared.
        var home = Home(hash, bits);
        var k = starts[home];
        var end = starts[home + 1];
        while (k < end && keys.Compare(k, key, hash) < 0)
            k++;
        return k;
    }

    private static int Home(ulong hash, int bits) => bits == 0 ? 0 : (int)(hash >> (64 - bits));
}
