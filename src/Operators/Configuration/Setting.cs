using System.Globalization;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace AkkaDifferential.Operators.Configuration;

/// <summary>
/// One row of the table of settings (<see cref="DataflowSettings.Table"/>): a key under <c>akka-differential</c>,
/// what a valid value is, and how the value is read into <see cref="DataflowSettings"/>. The kinds of value are
/// the factory methods (<see cref="WholeNumber"/>, <see cref="Duration"/>); each refuses every other value with a
/// <see cref="ConfigurationException"/> that names the key, what it expects and what it found.
/// </summary>
internal abstract class Setting
{
    private Setting(string key, string expected)
    {
        Key = key;
        Expected = expected;
    }

    /// <summary>The key, relative to the <c>akka-differential</c> section (dotted for a nested section).</summary>
    public string Key { get; }

    /// <summary>What a valid value is, for messages: "a whole number ≥ 1".</summary>
    public string Expected { get; }

    /// <summary>A setting whose value is a whole number of at least <paramref name="minimum"/>.</summary>
    public static Setting WholeNumber(string key, int minimum, Func<DataflowSettings, int, DataflowSettings> apply) =>
        new Typed<int>(key, $"a whole number ≥ {minimum}", apply, text => ParseWholeNumber(text, minimum));

    /// <summary>A setting whose value is a whole number of at least <paramref name="minimum"/>, or <c>off</c> (read as null).</summary>
    public static Setting WholeNumberOrOff(string key, int minimum, Func<DataflowSettings, int?, DataflowSettings> apply) =>
        new Typed<int?>(key, $"a whole number ≥ {minimum} or off", apply, text =>
            text == "off" ? (null, null) : ParseWholeNumber(text, minimum));

    /// <summary>Reads a whole number of at least <paramref name="minimum"/>; the note says why the text is refused.</summary>
    private static (int Value, string? Refused) ParseWholeNumber(string text, int minimum) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? (value, value >= minimum ? null : "")
            : (0, text.TrimStart('+') is { Length: > 0 } digits && digits.All(char.IsAsciiDigit) ? $"more than {int.MaxValue}" : "");

    /// <summary>A setting whose value is a positive duration in HOCON's format (<c>10s</c>, <c>500ms</c>, <c>2 minutes</c>).</summary>
    public static Setting Duration(string key, Func<DataflowSettings, TimeSpan, DataflowSettings> apply) =>
        new Typed<TimeSpan>(key, "a positive duration (such as 10s or 500ms)", apply, ParseDuration);

    /// <summary>A setting whose value is a positive duration, or <c>off</c> (read as null).</summary>
    public static Setting DurationOrOff(string key, Func<DataflowSettings, TimeSpan?, DataflowSettings> apply) =>
        new Typed<TimeSpan?>(key, "a positive duration (such as 10s or 500ms) or off", apply, text =>
            text == "off" ? (null, null) : ParseDuration(text));

    /// <summary>A setting whose value is <c>on</c> or <c>off</c>.</summary>
    public static Setting OnOff(string key, Func<DataflowSettings, bool, DataflowSettings> apply) =>
        new Typed<bool>(key, "on or off", apply, text => text switch
        {
            "on" => (true, null),
            "off" => (false, null),
            _ => (false, ""),
        });

    /// <summary>Reads a positive duration as Akka does; the note says why the text is refused.</summary>
    private static (TimeSpan Value, string? Refused) ParseDuration(string text)
    {
        try
        {
            // Akka's own reading of durations, so that the setting means what it means in Akka's settings.
            var value = new HoconValue([new HoconLiteral { Value = text }]).GetTimeSpan(allowInfinite: false);
            return (value, value > TimeSpan.Zero ? null : "");
        }
        catch (OverflowException)
        {
            return (default, "too long");
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return (default, "");
        }
    }

    /// <summary>Reads the setting from <paramref name="value"/> (at <paramref name="path"/>) into <paramref name="settings"/>.</summary>
    /// <exception cref="ConfigurationException">The value is not what the setting expects.</exception>
    public abstract DataflowSettings Read(DataflowSettings settings, HoconValue value, string path);

    private ConfigurationException Malformed(string path, string found) => new($"'{path}' must be {Expected}, but is {found}.");

    /// <summary>A setting whose value parses to a <typeparamref name="T"/>.</summary>
    /// <remarks><c>parse</c> returns the value and null, or a note on why the text is refused ("" when the expectation says it all).</remarks>
    private sealed class Typed<T>(string key, string expected, Func<DataflowSettings, T, DataflowSettings> apply, Func<string, (T Value, string? Refused)> parse)
        : Setting(key, expected)
    {
        public override DataflowSettings Read(DataflowSettings settings, HoconValue value, string path)
        {
            if (!value.IsString() || value.GetString() is not { } text)
                throw Malformed(path, HoconValues.Describe(value));
            var (parsed, refused) = parse(text);
            if (refused is not null)
                throw Malformed(path, refused.Length == 0 ? $"'{text}'" : $"'{text}', {refused}");
            return apply(settings, parsed);
        }
    }
}
