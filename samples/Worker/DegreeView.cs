namespace AkkaDifferential.Samples.Worker;

/// <summary>
/// What the endpoint serves: the follower distribution at the latest closed time, kept by
/// <see cref="DistributionReader"/>. Thread-safe: one writer, any readers.
/// </summary>
public sealed class DegreeView
{
    private readonly TaskCompletionSource final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Snapshot current = new(-1, []);

    /// <summary>The latest distribution: at <see cref="Snapshot.Time"/>, how many users have each number of followers.</summary>
    public Snapshot Current => current;

    /// <summary>Completes once the input has closed and the last distribution is in <see cref="Current"/>.</summary>
    public Task Final => final.Task;

    internal void Set(long time, IReadOnlyDictionary<(long Followers, long Users), long> contents) =>
        current = new Snapshot(time, [.. contents.Keys.OrderBy(d => d.Followers).Select(d => new Degree(d.Followers, d.Users))]);

    internal void Close() => final.TrySetResult();

    /// <summary>The distribution at a time.</summary>
    public sealed record Snapshot(long Time, IReadOnlyList<Degree> Degrees);

    /// <summary>How many <paramref name="Users"/> have <paramref name="Followers"/> followers.</summary>
    public sealed record Degree(long Followers, long Users);
}
