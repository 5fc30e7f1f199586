using System.Globalization;

namespace AkkaDifferential.Host.Cli;

/// <summary>
/// The options of a command: <c>--name value</c> pairs and <c>--flag</c> switches. Unknown or malformed options
/// are refused with a message that names them.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> options = [];
    private readonly HashSet<string> read = [];

    /// <summary>Parses <paramref name="args"/>; every option must start with <c>--</c>.</summary>
    /// <exception cref="ArgumentException">An argument is not an option.</exception>
    public CommandLine(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"Unexpected argument '{args[i]}': options start with '--'.");
            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[args[i][2..]] = hasValue ? args[++i] : null;
        }
    }

    /// <summary>An integer option, or <paramref name="fallback"/> when absent.</summary>
    public int Int(string name, int fallback, int minimum = int.MinValue)
    {
        read.Add(name);
        if (!options.TryGetValue(name, out var text))
            return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw new ArgumentException($"Option --{name} needs an integer, not '{text}'.");
        if (value < minimum)
            throw new ArgumentException($"Option --{name} must be at least {minimum}, not {value}.");
        return value;
    }

    /// <summary>A string option, or null when absent.</summary>
    public string? String(string name)
    {
        read.Add(name);
        if (!options.TryGetValue(name, out var text))
            return null;
        return text ?? throw new ArgumentException($"Option --{name} needs a value.");
    }

    /// <summary>True when the option is given (with or without a value); does not count as reading it.</summary>
    public bool Has(string name) => options.ContainsKey(name);

    /// <summary>True when the switch is present.</summary>
    public bool Flag(string name)
    {
        read.Add(name);
        return options.ContainsKey(name);
    }

    /// <summary>Refuses options that no one asked for: a typo must not be silently ignored.</summary>
    public void RejectUnknown()
    {
        var unknown = options.Keys.Where(k => !read.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unknown option{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown.Select(u => "--" + u))}.");
    }
}
