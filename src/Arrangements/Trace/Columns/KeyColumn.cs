using System.Runtime.CompilerServices;
using AkkaDifferential.Arrangements.Trace.Columns.Huffman;
using AkkaDifferential.Arrangements.Trace.Hashed;

namespace AkkaDifferential.Arrangements.Trace.Columns;

/// <summary>
/// The keys of a batch, distinct and sorted by <see cref="DataOrder{T}"/> (or, in a hashed batch, by
/// <see cref="HashOrder{TKey}"/>: <see cref="Hash"/> and <see cref="Compare(int, TKey, ulong)"/>): stored (an array, of which the first
/// <see cref="Length"/> items are data), or, for string keys, Huffman-encoded (<see cref="HuffmanStrings"/>, which
/// <see cref="KeyWriter{TKey}"/> chooses where it pays). Searching and comparing work on either without building
/// keys: <see cref="LowerBound"/>, and <see cref="Compare(int, TKey)"/> against a key or another column's key, decode
/// only as far as the first difference. The indexer hands out the key itself — the stored reference, or for an encoded
/// column a newly decoded string — so a reader that needs a key's value (to give it to user code) reads it once per key.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
internal readonly struct KeyColumn<TKey>
{
    private readonly TKey[]? items;
    private readonly HuffmanStrings? encoded;

    private KeyColumn(TKey[]? items, HuffmanStrings? encoded, int length)
    {
        this.items = items;
        this.encoded = encoded;
        Length = length;
    }

    /// <summary>The number of keys.</summary>
    public int Length { get; }

    /// <summary>True when the keys are Huffman-encoded strings.</summary>
    public bool IsEncoded => encoded is not null;

    /// <summary>The key at <paramref name="index"/> (below <see cref="Length"/>); a new string when encoded.</summary>
    public TKey this[int index] => encoded is null ? items![index] : (TKey)(object)encoded.Decode(index);

    /// <summary>
    /// The bytes the keys take: the array's references or items, and for string keys the string objects they refer
    /// to (each counted, as if not shared); for encoded keys the bit stream, offsets and code book.
    /// </summary>
    public long StoredBytes
    {
        get
        {
            if (encoded is not null)
                return encoded.StoredBytes;
            if (items is null)
                return 0;
            if (typeof(TKey) != typeof(string))
                return (long)items.Length * Unsafe.SizeOf<TKey>();
            var bytes = (long)(items.Length - Length) * IntPtr.Size;
            for (var i = 0; i < Length; i++)
                bytes += Unsafe.As<TKey, string?>(ref items[i]) is { } s ? HuffmanStrings.PlainBytes(s.Length) : IntPtr.Size;
            return bytes;
        }
    }

    /// <summary>The first <paramref name="length"/> keys of <paramref name="items"/>, which the column now owns.</summary>
    public static KeyColumn<TKey> Stored(TKey[] items, int length) => new(items, null, length);

    /// <summary>Huffman-encoded string keys (<typeparamref name="TKey"/> is <see cref="string"/>).</summary>
    public static KeyColumn<TKey> Encoded(HuffmanStrings strings) => new(null, strings, strings.Count);

    /// <summary>True when both columns are the same stored array or the same encoded strings (a batch's columns reused).</summary>
    public bool Shares(KeyColumn<TKey> other) =>
        Length == other.Length && (encoded is not null ? ReferenceEquals(encoded, other.encoded) : ReferenceEquals(items, other.items));

    /// <summary>Compares the key at <paramref name="index"/> with <paramref name="key"/> in <see cref="DataOrder{T}"/>; only the sign matters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Compare(int index, TKey key)
    {
        if (encoded is null)
            return DataOrder<TKey>.Compare(items![index], key);
        // An encoded column holds no null, and null orders first.
        return Unsafe.As<TKey, string?>(ref key) is { } s ? encoded.Compare(index, s) : 1;
    }

    /// <summary>Compares the key at <paramref name="index"/> with the key at <paramref name="otherIndex"/> of <paramref name="other"/>.</summary>
    public int Compare(int index, KeyColumn<TKey> other, int otherIndex)
    {
        if (other.encoded is null)
            return Compare(index, other.items![otherIndex]);
        if (encoded is null)
            return -other.Compare(otherIndex, items![index]);
        return encoded.Compare(index, other.encoded, otherIndex);
    }

    /// <summary>
    /// The hash that orders and places the key at <paramref name="index"/> in a hashed batch
    /// (<see cref="HashOrder{TKey}.Hash"/>); an encoded key is decoded into scratch to be hashed, not built.
    /// </summary>
    public ulong Hash(int index) =>
        encoded is null ? HashOrder<TKey>.Hash(items![index]) : HashOrder<TKey>.OfStableHash(encoded.Hash(index));

    /// <summary>
    /// Compares the key at <paramref name="index"/> with <paramref name="key"/>, whose <see cref="HashOrder{TKey}.Hash"/>
    /// is <paramref name="hash"/>, in <see cref="HashOrder{TKey}"/>: by hash, then (equal hashes) as
    /// <see cref="Compare(int, TKey)"/>, an encoded key decoded only to the first difference. Only the sign matters.
    /// </summary>
    public int Compare(int index, TKey key, ulong hash)
    {
        var c = Hash(index).CompareTo(hash);
        return c != 0 ? c : Compare(index, key);
    }

    /// <summary>
    /// Compares, in <see cref="HashOrder{TKey}"/>, the key at <paramref name="index"/> (whose <see cref="Hash"/> is
    /// <paramref name="hash"/>) with the key at <paramref name="otherIndex"/> of <paramref name="other"/> (hash
    /// <paramref name="otherHash"/>): by hash, then as <see cref="Compare(int, KeyColumn{TKey}, int)"/>.
    /// </summary>
    public int Compare(int index, ulong hash, KeyColumn<TKey> other, int otherIndex, ulong otherHash)
    {
        var c = hash.CompareTo(otherHash);
        return c != 0 ? c : Compare(index, other, otherIndex);
    }

    /// <summary>
    /// The first index in <c>[from, Length)</c> whose key is ≥ <paramref name="target"/>, or <see cref="Length"/>;
    /// gallops from <paramref name="from"/> (<see cref="SortedColumns.LowerBound{T}"/>).
    /// </summary>
    public int LowerBound(TKey target, int from)
    {
        if (encoded is null)
            return SortedColumns.LowerBound(items.AsSpan(0, Length), target, from);
        return Unsafe.As<TKey, string?>(ref target) is { } s ? encoded.LowerBound(from, s) : from;
    }

    /// <summary>Appends the characters of the string key at <paramref name="index"/> to <paramref name="buffer"/> (string keys only).</summary>
    internal void AppendTo(int index, ref char[] buffer, ref int count)
    {
        if (encoded is not null)
        {
            encoded.AppendTo(index, ref buffer, ref count);
            return;
        }
        var s = Unsafe.As<TKey, string?>(ref items![index]) ?? string.Empty;
        if (buffer.Length - count < s.Length)
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, count + s.Length));
        s.CopyTo(buffer.AsSpan(count));
        count += s.Length;
    }

    /// <summary>The keys in a new array.</summary>
    public TKey[] ToArray()
    {
        var result = new TKey[Length];
        for (var i = 0; i < result.Length; i++)
            result[i] = this[i];
        return result;
    }
}
