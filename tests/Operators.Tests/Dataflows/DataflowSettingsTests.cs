using Akka.Configuration;

namespace AkkaDifferential.Operators.Tests.Dataflows;

/// <summary>Settings come from HOCON; a malformed configuration fails at once with the key in the message.</summary>
public sealed class DataflowSettingsTests
{
    [Fact]
    public void Defaults_come_from_the_embedded_configuration()
    {
        var settings = DataflowSettings.Default;
        Assert.Equal(4, settings.Buckets);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.DeployTimeout);
        Assert.Equal(65536, settings.InputBatchSize);
    }

    [Theory]
    [InlineData("akka-differential.buckets = 0", "'akka-differential.buckets' must be at least 1")]
    [InlineData("akka-differential.buckets = lots", "'akka-differential.buckets' has a malformed value")]
    [InlineData("akka-differential.deploy-timeout = 0s", "'akka-differential.deploy-timeout' must be positive")]
    [InlineData("akka-differential.input-batch-size = 0", "'akka-differential.input-batch-size' must be at least 1")]
    [InlineData("akka-differential { buckets = ", "malformed")]
    public void A_bad_configuration_is_refused_with_the_key_named(string hocon, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => DifferentialEngine.Create(hocon));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task An_override_takes_effect()
    {
        await using var engine = DifferentialEngine.Create("akka-differential.buckets = 2");
        Assert.Equal(2, engine.Settings.Buckets);
    }
}
