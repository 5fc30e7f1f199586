using AkkaDifferential.Arrangements.Trace.Hashed;
using AkkaDifferential.Operators.Arrange;
using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Exchange;
using AkkaDifferential.Runtime.Readers;

namespace AkkaDifferential;

/// <summary>Arranging collections: building the indexed traces that joins and reductions read.</summary>
public static class ArrangeExtensions
{
    /// <summary>
    /// Arranges a collection of <c>(key, value)</c> pairs by key. Records move to the bucket their key's stable hash
    /// selects; there an arrangement actor maintains their trace.
    /// </summary>
    /// <param name="collection">The <c>(key, value)</c> records.</param>
    /// <param name="name">The operator's name in errors; by default <c>ArrangeByKey#</c> and its index.</param>
    /// <param name="layout">
    /// The order the trace keeps its keys in (<see cref="KeyLayout"/>): <see cref="KeyLayout.Hashed"/> lets joins and
    /// reductions find a key by a probe instead of a search. By default the process's, set by the environment variable
    /// <c>AKKADIFFERENTIAL_KEY_LAYOUT</c> (<c>ordered</c> unless set).
    /// </param>
    /// <exception cref="InvalidOperationException">The key has no stable hash or order, or the value has no order.</exception>
    public static Arranged<TKey, TVal, TTime, TDiff> ArrangeByKey<TKey, TVal, TTime, TDiff>(this Collection<(TKey Key, TVal Value), TTime, TDiff> collection, string? name = null, KeyLayout? layout = null)
        where TKey : notnull
        where TVal : notnull
        where TTime : notnull
    {
        StableHash<TKey>.Validate();
        DataOrder<TKey>.Validate();
        DataOrder<TVal>.Validate();
        var scope = collection.Scope;
        var spec = new OutputSpec<TraceProtocol.Advanced<TKey, TVal, TTime, TDiff>>();
        var output = new ArrangedOutput<TKey, TVal, TTime, TDiff>(spec);
        var node = scope.Builder.Add("ArrangeByKey", [collection.Connect(Pact<(TKey Key, TVal Value)>.Exchange(static record => StableHash<TKey>.Hash(record.Key)))], [spec],
            environment => new ArrangeRuntime<TKey, TVal, TTime, TDiff>(environment, output, layout ?? KeyLayoutSetting.Default), name: name);
        var export = new TraceExport<TKey, TVal, TTime, TDiff>(node.Index);
        scope.OnDeployed(export.Attach);
        return new Arranged<TKey, TVal, TTime, TDiff>(scope, node.Index, spec, export);
    }

    /// <summary>Arranges a collection of keys (with no values) by the keys themselves.</summary>
    /// <param name="collection">The keys.</param>
    /// <param name="name">The arrangement's name in errors; by default <c>ArrangeByKey#</c> and its index.</param>
    /// <param name="layout">The order the trace keeps its keys in, as for <see cref="ArrangeByKey{TKey, TVal, TTime, TDiff}"/>.</param>
    public static Arranged<TKey, Unit, TTime, TDiff> ArrangeBySelf<TKey, TTime, TDiff>(this Collection<TKey, TTime, TDiff> collection, string? name = null, KeyLayout? layout = null)
        where TKey : notnull
        where TTime : notnull =>
        collection.Map(static key => (key, default(Unit))).ArrangeByKey(name, layout);
}
