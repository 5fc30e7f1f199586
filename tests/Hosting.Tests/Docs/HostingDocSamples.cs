namespace AkkaDifferential.Hosting.Tests.Docs;

/// <summary>
/// docs/hosting.md shows code that the solution compiles and these tests run: samples/Worker (run by
/// WorkerSampleTests), the cluster hosts of <see cref="ClusterHostingTests"/> and the test kit class
/// <see cref="TestKitHostingTests"/>.
/// </summary>
public sealed class HostingDocSamples
{
    [Fact]
    public void Every_sample_of_the_document_is_here() =>
        Assert.Empty(AkkaDifferential.Docs.DocSamples.Missing("docs/hosting.md",
            "samples/Worker/Followers.cs", "samples/Worker/WorkerApp.cs", "samples/Worker/DistributionReader.cs",
            "tests/Hosting.Tests/ClusterHostingTests.cs", "tests/Hosting.Tests/TestKitHostingTests.cs"));
}
