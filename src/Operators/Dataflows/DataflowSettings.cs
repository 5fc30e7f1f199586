using Akka.Configuration;

namespace AkkaDifferential;

/// <summary>
/// The engine's settings, read once from the <c>akka-differential</c> section of the HOCON configuration
/// (defaults in <c>config/akka-differential.conf</c>). A malformed value fails here, naming the key.
/// </summary>
/// <param name="Buckets">Buckets (workers) per dataflow unless a dataflow says otherwise.</param>
/// <param name="DeployTimeout">How long deploying a dataflow may take.</param>
/// <param name="InputBatchSize">Updates an input session buffers before it sends them without being flushed.</param>
public sealed record DataflowSettings(int Buckets, TimeSpan DeployTimeout, int InputBatchSize)
{
    /// <summary>The HOCON path of the settings.</summary>
    public const string Section = "akka-differential";

    /// <summary>The default settings, from the embedded <c>akka-differential.conf</c>.</summary>
    public static DataflowSettings Default { get; } = FromConfig(DefaultConfig.Load());

    /// <summary>Reads the settings from <paramref name="config"/>, which must contain the <c>akka-differential</c> section.</summary>
    /// <exception cref="ConfigurationException">A key is missing or has a value of the wrong kind or range.</exception>
    public static DataflowSettings FromConfig(Config config)
    {
        var section = config.GetConfig(Section) ?? throw new ConfigurationException($"Configuration has no '{Section}' section.");
        var buckets = Read(section, "buckets", c => c.GetInt("buckets"));
        if (buckets < 1)
            throw new ConfigurationException($"'{Section}.buckets' must be at least 1, but is {buckets}.");
        var timeout = Read(section, "deploy-timeout", c => c.GetTimeSpan("deploy-timeout"));
        if (timeout <= TimeSpan.Zero)
            throw new ConfigurationException($"'{Section}.deploy-timeout' must be positive, but is {timeout}.");
        var batch = Read(section, "input-batch-size", c => c.GetInt("input-batch-size"));
        if (batch < 1)
            throw new ConfigurationException($"'{Section}.input-batch-size' must be at least 1, but is {batch}.");
        return new DataflowSettings(buckets, timeout, batch);
    }

    private static T Read<T>(Config section, string key, Func<Config, T> read)
    {
        if (!section.HasPath(key))
            throw new ConfigurationException($"'{Section}.{key}' is missing.");
        try
        {
            return read(section);
        }
        catch (Exception ex) when (ex is not ConfigurationException)
        {
            throw new ConfigurationException($"'{Section}.{key}' has a malformed value '{section.GetValue(key)}': {ex.Message}");
        }
    }
}
