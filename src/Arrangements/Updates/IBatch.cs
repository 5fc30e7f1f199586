namespace AkkaDifferential.Arrangements.Updates;

/// <summary>A message of updates, whatever its types: how many it holds.</summary>
internal interface IBatch
{
    /// <summary>The number of updates.</summary>
    int Count { get; }
}
