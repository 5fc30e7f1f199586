namespace AkkaDifferential.Cluster.Wire.Columns;

// The fields of the composite types whose columns are split by field (CompositeColumn): value tuples of two to four
// items and product times. Each accessor is generic over the same arguments as its type; field i has type argument i.

internal readonly struct Item1Of2<T1, T2> : IField<(T1, T2), T1>
{
    public static T1 Get(in (T1, T2) item) => item.Item1;

    public static void Set(ref (T1, T2) item, T1 value) => item.Item1 = value;
}

internal readonly struct Item2Of2<T1, T2> : IField<(T1, T2), T2>
{
    public static T2 Get(in (T1, T2) item) => item.Item2;

    public static void Set(ref (T1, T2) item, T2 value) => item.Item2 = value;
}

internal readonly struct Item1Of3<T1, T2, T3> : IField<(T1, T2, T3), T1>
{
    public static T1 Get(in (T1, T2, T3) item) => item.Item1;

    public static void Set(ref (T1, T2, T3) item, T1 value) => item.Item1 = value;
}

internal readonly struct Item2Of3<T1, T2, T3> : IField<(T1, T2, T3), T2>
{
    public static T2 Get(in (T1, T2, T3) item) => item.Item2;

    public static void Set(ref (T1, T2, T3) item, T2 value) => item.Item2 = value;
}

internal readonly struct Item3Of3<T1, T2, T3> : IField<(T1, T2, T3), T3>
{
    public static T3 Get(in (T1, T2, T3) item) => item.Item3;

    public static void Set(ref (T1, T2, T3) item, T3 value) => item.Item3 = value;
}

internal readonly struct Item1Of4<T1, T2, T3, T4> : IField<(T1, T2, T3, T4), T1>
{
    public static T1 Get(in (T1, T2, T3, T4) item) => item.Item1;

    public static void Set(ref (T1, T2, T3, T4) item, T1 value) => item.Item1 = value;
}

internal readonly struct Item2Of4<T1, T2, T3, T4> : IField<(T1, T2, T3, T4), T2>
{
    public static T2 Get(in (T1, T2, T3, T4) item) => item.Item2;

    public static void Set(ref (T1, T2, T3, T4) item, T2 value) => item.Item2 = value;
}

internal readonly struct Item3Of4<T1, T2, T3, T4> : IField<(T1, T2, T3, T4), T3>
{
    public static T3 Get(in (T1, T2, T3, T4) item) => item.Item3;

    public static void Set(ref (T1, T2, T3, T4) item, T3 value) => item.Item3 = value;
}

internal readonly struct Item4Of4<T1, T2, T3, T4> : IField<(T1, T2, T3, T4), T4>
{
    public static T4 Get(in (T1, T2, T3, T4) item) => item.Item4;

    public static void Set(ref (T1, T2, T3, T4) item, T4 value) => item.Item4 = value;
}

internal readonly struct OuterOf<TOuter, TInner> : IField<Product<TOuter, TInner>, TOuter>
    where TOuter : notnull
    where TInner : notnull
{
    public static TOuter Get(in Product<TOuter, TInner> item) => item.Outer;

    public static void Set(ref Product<TOuter, TInner> item, TOuter value) => item = item with { Outer = value };
}

internal readonly struct InnerOf<TOuter, TInner> : IField<Product<TOuter, TInner>, TInner>
    where TOuter : notnull
    where TInner : notnull
{
    public static TInner Get(in Product<TOuter, TInner> item) => item.Inner;

    public static void Set(ref Product<TOuter, TInner> item, TInner value) => item = item with { Inner = value };
}
