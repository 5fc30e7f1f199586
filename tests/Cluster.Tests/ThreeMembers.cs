namespace AkkaDifferential.Cluster.Tests;

/// <summary>The test classes that share one set of <see cref="MemberProcesses"/> (started once, run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class ThreeMembers : ICollectionFixture<MemberProcesses>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "three member processes";
}
