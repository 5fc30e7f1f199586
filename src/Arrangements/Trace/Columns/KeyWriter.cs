using System.Runtime.CompilerServices;
using AkkaDifferential.Arrangements.Trace.Columns.Huffman;

namespace AkkaDifferential.Arrangements.Trace.Columns;

/// <summary>
/// Writes a <see cref="KeyColumn{TKey}"/> of at most a known number of keys, appended in order, and decides its
/// representation when done. Keys that are not strings, and string keys under <see cref="KeyEncoding.Plain"/> or in a
/// batch too small to encode, are stored as they come. Otherwise the writer also keeps every key's characters, copied
/// from a stored key or decoded straight from an encoded one (no string is built), and <see cref="ToColumn"/> encodes
/// them with a code book of this batch's symbols (<see cref="HuffmanStrings.TryEncode"/>), or falls back to the stored
/// keys where the code does not pay. So a merge re-encodes its output with one code for both inputs, as upstream's
/// container does; <see cref="ToColumn"/> then costs one pass over the characters, proportional to the keys written.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
internal struct KeyWriter<TKey>
{
    /// <summary>The fewest keys <see cref="KeyEncoding.Auto"/> encodes: below it the code book outweighs the saving.</summary>
    public const int MinimumEncodedKeys = 256;

    private readonly bool force;
    private TKey[] keys;
    // The characters of every key, and where each starts, when the keys may be encoded; null otherwise.
    private char[]? text;
    private int[]? starts;
    private int textLength;
    // Keys taken from an encoded column have no stored string: marked here, built only if the column stays plain.
    private ulong[]? decodedOnly;
    private bool hasNull;

    /// <summary>A writer for at most <paramref name="capacity"/> keys under <paramref name="encoding"/>.</summary>
    public KeyWriter(int capacity, KeyEncoding encoding)
    {
        keys = capacity == 0 ? [] : GC.AllocateUninitializedArray<TKey>(capacity);
        force = encoding == KeyEncoding.Always;
        if (typeof(TKey) == typeof(string) && !TraceLayout.Explicit
            && (force || (encoding == KeyEncoding.Auto && capacity >= MinimumEncodedKeys)))
        {
            text = new char[Math.Max(16, capacity * 8)];
            starts = new int[capacity + 1];
        }
        Count = 0;
        textLength = 0;
        decodedOnly = null;
        hasNull = false;
    }

    /// <summary>The number of keys written.</summary>
    public int Count { get; private set; }

    /// <summary>Appends <paramref name="key"/>.</summary>
    public void Add(TKey key)
    {
        if (text is not null)
        {
            if (Unsafe.As<TKey, string?>(ref key) is { } s)
                Append(s);
            else
                hasNull = true;
            starts![Count + 1] = textLength;
        }
        keys[Count++] = key;
    }

    /// <summary>Appends the key at <paramref name="index"/> of <paramref name="source"/>, without building it when it is encoded.</summary>
    public void Add(KeyColumn<TKey> source, int index)
    {
        if (!source.IsEncoded)
        {
            Add(source[index]);
            return;
        }
        if (text is null)
        {
            keys[Count++] = source[index];
            return;
        }
        source.AppendTo(index, ref text, ref textLength);
        starts![Count + 1] = textLength;
        (decodedOnly ??= new ulong[(keys.Length + 63) >> 6])[Count >> 6] |= 1UL << (Count & 63);
        keys[Count++] = default!;
    }

    /// <summary>
    /// The keys written: encoded when the writer kept their characters, there is one, no key is null, and (unless
    /// forced) there are at least <see cref="MinimumEncodedKeys"/> and the code pays; else stored, an array more than half empty copied down.
    /// The writer must not be used afterwards.
    /// </summary>
    public readonly KeyColumn<TKey> ToColumn()
    {
        if (text is not null && !hasNull && Count > 0 && (force || Count >= MinimumEncodedKeys)
            && HuffmanStrings.TryEncode(text.AsSpan(0, textLength), starts.AsSpan(0, Count + 1), force) is { } encoded)
            return KeyColumn<TKey>.Encoded(encoded);
        if (decodedOnly is not null)
            for (var i = 0; i < Count; i++)
                if ((decodedOnly[i >> 6] & (1UL << (i & 63))) != 0)
                    keys[i] = (TKey)(object)new string(text!, starts![i], starts[i + 1] - starts[i]);
        return KeyColumn<TKey>.Stored(Count < keys.Length / 2 ? keys[..Count] : keys, Count);
    }

    private void Append(string s)
    {
        if (text!.Length - textLength < s.Length)
            Array.Resize(ref text, Math.Max(text.Length * 2, textLength + s.Length));
        s.CopyTo(text.AsSpan(textLength));
        textLength += s.Length;
    }
}
