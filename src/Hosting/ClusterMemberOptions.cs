namespace AkkaDifferential;

/// <summary>
/// How a hosted engine joins an Akka.NET cluster as a member on 127.0.0.1 (the settings of
/// <see cref="DifferentialCluster.StartMemberAsync"/>, with config/cluster.conf as defaults). Every member's actor
/// system must have the same name: the seeds are members of a system of the name given to <c>AddAkka</c>
/// (<see cref="DifferentialCluster.SystemName"/> for members started by the <c>node</c> command).
/// </summary>
public sealed record ClusterMemberOptions
{
    /// <summary>The member's port on 127.0.0.1; 0 (the default) for any free one.</summary>
    public int Port { get; init; }

    /// <summary>Seed members as <c>host:port</c>; a first member lists itself.</summary>
    public IReadOnlyList<string> Seeds { get; init; } = [];

    /// <summary>
    /// True (the default) for a worker, which hosts buckets of dataflows deployed by name and may host the frontier
    /// singleton; false for a driver, which only deploys and keeps handles.
    /// </summary>
    public bool HostsBuckets { get; init; } = true;

    /// <summary>How long the host's start waits for the member to be up (20 s by default).</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// TLS for the member's remoting, or null (the default) for none: members then accept only peers that present
    /// the same certificate (<see cref="RemotingTls"/>, docs/security.md). Every member has it or none has.
    /// <see cref="RemotingTls.FromEnvironment"/> reads it as the command line does.
    /// </summary>
    public RemotingTls? Tls { get; init; }
}
