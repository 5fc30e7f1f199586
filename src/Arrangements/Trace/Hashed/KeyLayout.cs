namespace AkkaDifferential;

/// <summary>
/// The order in which an arrangement's batches keep their keys, and so how a join or a reduction finds a key in them
/// (a hint to <c>ArrangeByKey</c> and <c>ArrangeBySelf</c>). Every batch of one trace has the same layout: the merges
/// of the trace and its cursors walk keys in one order.
/// </summary>
public enum KeyLayout
{
    /// <summary>
    /// Keys sorted by <see cref="DataOrder{T}"/>: a key is found by galloping forward from where the last one was,
    /// a few comparisons when keys are asked for in order and close together, about <c>2 log2 n</c> when far apart.
    /// </summary>
    Ordered,

    /// <summary>
    /// Keys ordered by their hash (differential dataflow's Robin Hood hashing batches, <c>rhh</c>): each batch places a
    /// key by its hash, so finding it is a probe — hash it, jump to its slot, compare the one or two keys there —
    /// however far it is from the last key found and in whatever order keys are asked for. Costs a hash per key when
    /// batches are built and merged, and an <c>int</c> per two keys for the slots.
    /// </summary>
    Hashed,
}
