using AkkaDifferential;

namespace AkkaDifferential.Samples.Worker;

/// <summary>
/// The sample's dataflow: follow edges <c>(follower, followee)</c> in, each user's follower count, and the
/// distribution of those counts, <c>(followers, users)</c>: how many users have each number of followers. Both are
/// counts, updated incrementally as edges come and go.
/// </summary>
public sealed record Followers(
    InputSession<(int Follower, int Followee), long, long> Edges,
    ChangeStream<(long Followers, long Users), long, long> Distribution)
{
    /// <summary>The definition's name.</summary>
    public const string Name = "followers";

    /// <summary>Builds the dataflow (it takes no arguments: the <c>int</c> is unused).</summary>
    public static Followers Build(Scope<long> scope, int _)
    {
        var (edges, follows) = scope.NewCollection<(int Follower, int Followee)>("follows");
        var counts = follows.Map(e => e.Followee).Count(name: "followers-per-user");
        var distribution = counts.Map(c => c.Count).Count(name: "users-per-count");
        return new Followers(edges, distribution.Changes(accumulate: true));
    }
}
