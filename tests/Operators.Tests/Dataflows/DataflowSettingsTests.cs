using Akka.Actor;
using Akka.Configuration;

namespace AkkaDifferential.Operators.Tests.Dataflows;

/// <summary>
/// Settings come from HOCON; a malformed configuration fails at once with a <see cref="ConfigurationException"/>
/// that names the key and what it expects, through every entry point: <see cref="DifferentialEngine.Create"/>,
/// an engine on an actor system of the application's, and <see cref="DataflowSettings.FromConfig"/>.
/// </summary>
public sealed class DataflowSettingsTests
{
    /// <summary>The ways an application hands the engine its configuration.</summary>
    public enum EntryPoint
    {
        Create,
        ActorSystem,
        FromConfig,
    }

    /// <summary>Every <see cref="EntryPoint"/>, for theories that hold for each.</summary>
    public static TheoryData<EntryPoint> EntryPoints() => [.. Enum.GetValues<EntryPoint>()];

    [Fact]
    public void Defaults_come_from_the_embedded_configuration()
    {
        var settings = DataflowSettings.Default;
        Assert.Equal(4, settings.Buckets);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.DeployTimeout);
        Assert.Equal(65536, settings.InputBatchSize);
        Assert.Null(settings.MetricsLogInterval);
        Assert.True(settings.Recovery);
        Assert.Equal(1 << 20, settings.InputMaxInFlight);
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task An_override_takes_effect(EntryPoint entry)
    {
        var settings = await SettingsOf(entry, "akka-differential { buckets = 2, deploy-timeout = 1500ms }\nakka-differential.input-batch-size = \"7\"\nakka-differential.metrics-log-interval = 30s\nakka-differential.recovery = off\nakka-differential.input-max-in-flight = 500\nakka-differential.join-fuel = 64\nakka-differential.input-max-queued-batches = 3");
        Assert.Equal(new DataflowSettings(2, TimeSpan.FromMilliseconds(1500), 7, TimeSpan.FromSeconds(30), Recovery: false, MetricsReportInterval: TimeSpan.FromSeconds(1), InputMaxInFlight: 500, JoinFuel: 64, InputMaxQueuedBatches: 3), settings);
        Assert.Null((await SettingsOf(entry, "akka-differential.input-max-in-flight = off")).InputMaxInFlight);
        Assert.Null((await SettingsOf(entry, "akka-differential.input-max-queued-batches = off")).InputMaxQueuedBatches);
        Assert.Null((await SettingsOf(entry, "akka-differential.join-fuel = off")).JoinFuel);
    }

    /// <summary>Every key with values of every wrong kind: empty, another type, out of range, a list, an object.</summary>
    public static TheoryData<EntryPoint, string, string> MalformedValues()
    {
        const string count = "must be a whole number ≥ 1, but is";
        const string duration = "must be a positive duration (such as 10s or 500ms), but is";
        const string durationOrOff = "must be a positive duration (such as 10s or 500ms) or off, but is";
        const string onOff = "must be on or off, but is";
        const string countOrOff = "must be a whole number ≥ 1 or off, but is";
        (string Key, string Value, string Expected)[] cases =
        [
            ("buckets", "", $"{count} empty"),
            ("buckets", "x", $"{count} 'x'"),
            ("buckets", "1.5", $"{count} '1.5'"),
            ("buckets", "true", $"{count} 'true'"),
            ("buckets", "3 4", $"{count} '3 4'"),
            ("buckets", "0", $"{count} '0'"),
            ("buckets", "-2", $"{count} '-2'"),
            ("buckets", "99999999999", $"{count} '99999999999', more than 2147483647"),
            ("buckets", "null", $"{count} null"),
            ("buckets", "[1, 2]", $"{count} a list"),
            ("buckets", "[]", $"{count} a list"),
            ("buckets", "{ a = 1 }", $"{count} an object"),
            ("deploy-timeout", "", $"{duration} empty"),
            ("deploy-timeout", "soon", $"{duration} 'soon'"),
            ("deploy-timeout", "10 parsecs", $"{duration} '10 parsecs'"),
            ("deploy-timeout", "0s", $"{duration} '0s'"),
            ("deploy-timeout", "-1s", $"{duration} '-1s'"),
            ("deploy-timeout", "infinite", $"{duration} 'infinite'"),
            ("deploy-timeout", "1000000000d", $"{duration} '1000000000d'"),
            ("deploy-timeout", "[10s]", $"{duration} a list"),
            ("deploy-timeout", "{}", $"{duration} an object"),
            ("input-batch-size", "", $"{count} empty"),
            ("input-batch-size", "many", $"{count} 'many'"),
            ("input-batch-size", "0", $"{count} '0'"),
            ("input-batch-size", "[1]", $"{count} a list"),
            ("input-batch-size", "{ size = 1 }", $"{count} an object"),
            ("metrics-log-interval", "", $"{durationOrOff} empty"),
            ("metrics-log-interval", "on", $"{durationOrOff} 'on'"),
            ("metrics-log-interval", "0s", $"{durationOrOff} '0s'"),
            ("metrics-log-interval", "[10s]", $"{durationOrOff} a list"),
            ("metrics-report-interval", "on", $"{durationOrOff} 'on'"),
            ("metrics-report-interval", "-1s", $"{durationOrOff} '-1s'"),
            ("input-max-in-flight", "", $"{countOrOff} empty"),
            ("input-max-in-flight", "on", $"{countOrOff} 'on'"),
            ("input-max-in-flight", "0", $"{countOrOff} '0'"),
            ("input-max-in-flight", "-5", $"{countOrOff} '-5'"),
            ("input-max-in-flight", "1e6", $"{countOrOff} '1e6'"),
            ("input-max-in-flight", "99999999999", $"{countOrOff} '99999999999', more than 2147483647"),
            ("input-max-in-flight", "[1]", $"{countOrOff} a list"),
            ("input-max-in-flight", "{ updates = 1 }", $"{countOrOff} an object"),
            ("input-max-queued-batches", "0", $"{countOrOff} '0'"),
            ("input-max-queued-batches", "-2", $"{countOrOff} '-2'"),
            ("input-max-queued-batches", "sixteen", $"{countOrOff} 'sixteen'"),
            ("input-max-queued-batches", "[16]", $"{countOrOff} a list"),
            ("join-fuel", "", $"{countOrOff} empty"),
            ("join-fuel", "0", $"{countOrOff} '0'"),
            ("join-fuel", "-1", $"{countOrOff} '-1'"),
            ("join-fuel", "1e6", $"{countOrOff} '1e6'"),
            ("join-fuel", "on", $"{countOrOff} 'on'"),
            ("join-fuel", "[1000]", $"{countOrOff} a list"),
            ("recovery", "", $"{onOff} empty"),
            ("recovery", "yes", $"{onOff} 'yes'"),
            ("recovery", "true", $"{onOff} 'true'"),
            ("recovery", "[on]", $"{onOff} a list"),
        ];
        var data = new TheoryData<EntryPoint, string, string>();
        foreach (var entry in Enum.GetValues<EntryPoint>())
            foreach (var (key, value, expected) in cases)
                data.Add(entry, $"akka-differential.{key} = {value}\n", $"'akka-differential.{key}' {expected}");
        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedValues))]
    public async Task A_malformed_value_is_refused_naming_the_key_and_what_it_expects(EntryPoint entry, string hocon, string expected)
    {
        var error = await Refused(entry, hocon);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task A_misspelt_key_is_refused_with_the_closest_known_key(EntryPoint entry)
    {
        var error = await Refused(entry, "akka-differential.bukets = 3");
        Assert.Contains("'akka-differential.bukets' is not a setting: did you mean 'akka-differential.buckets'?", error.Message);

        error = await Refused(entry, "akka-differential { deploy-timeout = 5s\n input-batch = 10 }");
        Assert.Contains("'akka-differential.input-batch' is not a setting: did you mean 'akka-differential.input-batch-size'?", error.Message);
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task An_unknown_key_far_from_every_known_one_is_refused_with_the_known_keys(EntryPoint entry)
    {
        var error = await Refused(entry, "akka-differential.colour = red");
        Assert.Contains("'akka-differential.colour' is not a setting. The settings are: buckets, deploy-timeout, input-batch-size, input-max-in-flight, input-max-queued-batches, join-fuel, metrics-log-interval, metrics-report-interval, recovery.", error.Message);

        error = await Refused(entry, "akka-differential.buckets { count = 3 }");
        Assert.Contains("'akka-differential.buckets' must be a whole number ≥ 1, but is an object", error.Message);
    }

    [Theory]
    [InlineData("akka-differential = [1, 2]", "a list")]
    [InlineData("akka-differential = 3", "'3'")]
    [InlineData("akka-differential = null", "null")]
    [InlineData("akka-differential = \"buckets = 3\"", "'buckets = 3'")]
    public async Task A_section_that_is_not_an_object_is_refused(string hocon, string found)
    {
        foreach (var entry in Enum.GetValues<EntryPoint>())
        {
            var error = await Refused(entry, hocon);
            Assert.Contains($"'akka-differential' must be an object of settings (akka-differential {{ … }}), but is {found}", error.Message);
        }
    }

    [Fact]
    public async Task An_unclosed_list_as_the_section_is_refused_rather_than_failing_inside()
    {
        // The case: the text is a syntax error, so Create names the bracket; an actor system's own parser
        // leaves a list there, which the settings refuse.
        var error = await Refused(EntryPoint.Create, "akka-differential = [1, 2");
        Assert.Contains("line 1, column 21: the '[' of 'akka-differential' is never closed", error.Message);
        foreach (var entry in new[] { EntryPoint.ActorSystem, EntryPoint.FromConfig })
            Assert.Contains("'akka-differential' must be an object of settings", (await Refused(entry, "akka-differential = [1, 2")).Message);
    }

    [Theory]
    [InlineData("akka-differential { buckets = 3", "line 1, column 19: the '{' of 'akka-differential' is never closed")]
    [InlineData("akka-differential {\n  buckets = 3\n  deploy-timeout = 5s\n", "line 1, column 19: the '{' of 'akka-differential' is never closed")]
    [InlineData("akka-differential { buckets = 3 } }", "line 1, column 35: unexpected '}'")]
    [InlineData("akka-differential.buckets = 3 ]", "line 1, column 31: expected a new line, ',' or '}' after the value of 'akka-differential.buckets', found ']'")]
    [InlineData("akka-differential.buckets = 3 = 4", "line 1, column 31: expected a new line, ',' or '}' after the value of 'akka-differential.buckets', found '='")]
    [InlineData("akka-differential {\n  buckets\n  deploy-timeout = 5s\n}", "line 2, column 3: expected '=', ':' or '{' after the key 'akka-differential.buckets'")]
    [InlineData("{ akka-differential.buckets = 2 }\nakka-differential.buckets = 3", "line 2, column 1: unexpected text after the '}' that closes the whole configuration")]
    [InlineData("akka.loglevel = \"DEBUG", "line 1, column 17: the quoted string does not end on its line")]
    [InlineData("akka-differential.buckets += 1", "line 1, column 27: '+=' is not supported")]
    [InlineData("include \"other.conf\"", "line 1, column 1: 'include' is not supported")]
    [InlineData("a = 1\nb = ${?a}", "line 2, column 5: optional substitutions")]
    [InlineData("a = [1,, 2]", "line 1, column 8: unexpected ',' in the list of 'a'")]
    [InlineData("a = [1, 2,\n", "line 1, column 5: the '[' of 'a' is never closed")]
    [InlineData("= 3", "line 1, column 1: expected a key, found '='")]
    [InlineData("a..b = 3", "line 1, column 3: expected a key, found '.'")]
    [InlineData("a = \"\\q\"", "line 1, column 6: unknown escape '\\q'")]
    [InlineData("akka-differential.buckets = ", "line 1, column 29: 'akka-differential.buckets' must be a whole number ≥ 1, but is empty")]
    [InlineData("akka-differential { buckets = \n deploy-timeout = 5s }", "line 1, column 31: 'akka-differential.buckets' must be a whole number ≥ 1, but is empty")]
    [InlineData("akka.loglevel = }", "line 1, column 17: 'akka.loglevel' has no value")]
    public void A_syntax_error_is_refused_with_its_line_and_column(string hocon, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => DifferentialEngine.Create(hocon));
        Assert.StartsWith("The HOCON configuration is malformed at ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void An_unresolved_substitution_is_refused_by_name()
    {
        var error = Assert.Throws<ConfigurationException>(() => DifferentialEngine.Create("akka-differential.buckets = ${workers}"));
        Assert.Contains("workers", error.Message);
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task A_missing_section_or_key_falls_back_only_where_there_are_defaults(EntryPoint entry)
    {
        // Create and the engine on an actor system add the embedded defaults; FromConfig reads what it is given.
        if (entry == EntryPoint.FromConfig)
        {
            Assert.Contains("has no 'akka-differential' section", Assert.Throws<ConfigurationException>(() => DataflowSettings.FromConfig(ConfigurationFactory.ParseString("a = 1"))).Message);
            var partial = ConfigurationFactory.ParseString("akka-differential { buckets = 2, deploy-timeout = 1s }");
            Assert.Contains("'akka-differential.input-batch-size' is missing", Assert.Throws<ConfigurationException>(() => DataflowSettings.FromConfig(partial)).Message);
        }
        else
            Assert.Equal(DataflowSettings.Default with { Buckets = 3 }, await SettingsOf(entry, "akka-differential.buckets = 3"));
    }

    [Fact]
    public void Every_setting_has_a_row_of_the_table_named_after_it()
    {
        var properties = typeof(DataflowSettings).GetProperties(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public).Select(p => Kebab(p.Name));
        Assert.Equal(properties.Order(), DataflowSettings.Table.Select(row => row.Key).Order());
    }

    [Fact]
    public void The_embedded_defaults_set_every_key_of_the_table()
    {
        var section = DefaultConfig.Load().GetConfig(DataflowSettings.Section);
        Assert.All(DataflowSettings.Table, row => Assert.True(section.HasPath(row.Key), row.Key));
    }

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private static async Task<ConfigurationException> Refused(EntryPoint entry, string hocon)
    {
        var error = await Record.ExceptionAsync(() => SettingsOf(entry, hocon));
        return Assert.IsType<ConfigurationException>(error);
    }

    private static async Task<DataflowSettings> SettingsOf(EntryPoint entry, string hocon)
    {
        switch (entry)
        {
            case EntryPoint.Create:
                {
                    await using var engine = DifferentialEngine.Create(hocon);
                    return engine.Settings;
                }
            case EntryPoint.ActorSystem:
                {
                    using var system = ActorSystem.Create("settings-test", ConfigurationFactory.ParseString("akka.loglevel = OFF\n" + hocon));
                    try
                    {
                        await using var engine = new DifferentialEngine(system);
                        return engine.Settings;
                    }
                    finally
                    {
                        await system.Terminate();
                    }
                }
            default:
                return DataflowSettings.FromConfig(ConfigurationFactory.ParseString(hocon).WithFallback(DefaultConfig.Load()));
        }
    }
}
