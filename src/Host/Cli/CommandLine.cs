using System.Globalization;
using AkkaDifferential.Operators.Configuration;

namespace AkkaDifferential.Host.Cli;

/// <summary>
/// The options of a command: <c>--name value</c> pairs and <c>--flag</c> switches. A value is the next argument
/// unless it starts with <c>--</c> (so <c>--root -1</c> is a value). Whatever is not what the command reads is
/// refused with a <see cref="CommandLineException"/> that names it: an argument that is not an option, an option
/// given twice, a value that is missing or not a whole number in range, a switch given a value, and — once the
/// command has read its options (<see cref="RejectUnknown"/>) — an option it does not know, with the closest known one.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> options = [];
    private readonly HashSet<string> read = [];

    /// <summary>Parses <paramref name="args"/>; every option must start with <c>--</c> and be given once.</summary>
    /// <exception cref="CommandLineException">An argument is not an option, or an option is given twice.</exception>
    public CommandLine(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.Length < 3 || !arg.StartsWith("--", StringComparison.Ordinal))
                throw new CommandLineException(arg.Length > 1 && arg[0] == '-' && arg[1] != '-'
                    ? $"unknown option '{arg}' (options start with '--')"
                    : $"unexpected argument '{arg}' (options start with '--')");
            var name = arg[2..];
            if (options.ContainsKey(name))
                throw new CommandLineException($"--{name} is given twice");
            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[name] = hasValue ? args[++i] : null;
        }
    }

    /// <summary>A whole-number option of at least <paramref name="minimum"/>, or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="CommandLineException">The option has no value, or one that is not a whole number of at least <paramref name="minimum"/>.</exception>
    public int Int(string name, int fallback, int minimum = int.MinValue)
    {
        read.Add(name);
        if (!options.TryGetValue(name, out var text))
            return fallback;
        var expected = minimum == int.MinValue ? "a whole number" : $"a whole number ≥ {minimum}";
        if (string.IsNullOrEmpty(text))
            throw new CommandLineException($"--{name} needs a value: {expected}");
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= minimum)
                return value;
            throw new CommandLineException($"--{name} must be {expected}, but is '{text}'");
        }
        var digits = text.TrimStart('+', '-');
        var beyond = digits.Length > 0 && digits.All(char.IsAsciiDigit) && text.Count(c => c is '+' or '-') <= 1
            ? text.StartsWith('-') ? $", less than {int.MinValue}" : $", more than {int.MaxValue}"
            : "";
        throw new CommandLineException($"--{name} must be {expected}, but is '{text}'{beyond}");
    }

    /// <summary>A text option (a file, a directory), or null when absent.</summary>
    /// <param name="name">The option's name, without <c>--</c>.</param>
    /// <param name="what">What the value is, for the message when it is missing: "a file".</param>
    /// <exception cref="CommandLineException">The option is given without a value.</exception>
    public string? String(string name, string what)
    {
        read.Add(name);
        if (!options.TryGetValue(name, out var text))
            return null;
        return string.IsNullOrEmpty(text) ? throw new CommandLineException($"--{name} needs a value: {what}") : text;
    }

    /// <summary>True when the option is given (with or without a value); does not count as reading it.</summary>
    public bool Has(string name) => options.ContainsKey(name);

    /// <summary>True when the switch is present.</summary>
    /// <exception cref="CommandLineException">The switch is followed by a value.</exception>
    public bool Flag(string name)
    {
        read.Add(name);
        if (!options.TryGetValue(name, out var text))
            return false;
        return text is null ? true : throw new CommandLineException($"--{name} takes no value, but is followed by '{text}'");
    }

    /// <summary>Refuses <paramref name="others"/> when <paramref name="option"/> is given, saying <paramref name="why"/>.</summary>
    /// <exception cref="CommandLineException">One of <paramref name="others"/> is given with <paramref name="option"/>.</exception>
    public void Exclude(string option, string why, params string[] others)
    {
        var given = others.Where(Has).Select(o => "--" + o).ToList();
        if (Has(option) && given.Count > 0)
            throw new CommandLineException($"{string.Join(", ", given)} cannot be combined with --{option}: {why}");
    }

    /// <summary>Refuses options that no one asked for: a typo must not be silently ignored.</summary>
    /// <exception cref="CommandLineException">An option was given that the command did not read.</exception>
    public void RejectUnknown()
    {
        var unknown = options.Keys.FirstOrDefault(k => !read.Contains(k));
        if (unknown is null)
            return;
        var closest = Spelling.Closest(unknown, read);
        throw new CommandLineException(closest is null ? $"unknown option --{unknown}" : $"unknown option --{unknown}: did you mean --{closest}?");
    }
}
