using Akka.Configuration;

namespace AkkaDifferential;

/// <summary>The engine's default HOCON (<c>config/akka-differential.conf</c>, embedded in this assembly).</summary>
public static class DefaultConfig
{
    /// <summary>Loads the embedded defaults.</summary>
    public static Config Load()
    {
        using var stream = typeof(DefaultConfig).Assembly.GetManifestResourceStream("akka-differential.conf")
            ?? throw new InvalidOperationException("The embedded resource 'akka-differential.conf' is missing from the Operators assembly.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
