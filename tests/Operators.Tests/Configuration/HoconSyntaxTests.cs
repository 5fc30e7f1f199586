using Akka.Configuration;
using AkkaDifferential.Operators.Configuration;

namespace AkkaDifferential.Operators.Tests.Configuration;

/// <summary>
/// The syntax check accepts the HOCON that Akka.NET reads as written (its own reference configurations, and the
/// forms applications use), so that refusing malformed text (DataflowSettingsTests) costs no valid configuration.
/// </summary>
public sealed class HoconSyntaxTests
{
    public static TheoryData<string> ReferenceConfigurations()
    {
        var data = new TheoryData<string>();
        foreach (var assembly in new[] { typeof(Config).Assembly, typeof(Akka.TestKit.TestKitBase).Assembly, typeof(DataflowSettings).Assembly })
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".conf", StringComparison.Ordinal)))
                data.Add($"{assembly.GetName().Name}:{name}");
        return data;
    }

    [Theory]
    [MemberData(nameof(ReferenceConfigurations))]
    public void Akkas_reference_configurations_and_the_engines_defaults_pass(string resource)
    {
        var (assemblyName, name) = (resource[..resource.IndexOf(':')], resource[(resource.IndexOf(':') + 1)..]);
        var assembly = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == assemblyName);
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        var text = reader.ReadToEnd();
        Assert.True(text.Length > 0);

        var config = HoconSyntax.Parse(text, _ => null);

        Assert.Equal(ConfigurationFactory.ParseString(text).ToString(), config.ToString());
    }

    [Theory]
    [InlineData("a {\n  b = 1\n}", "a.b", "1")]
    [InlineData("a\n{\n  b = 1\n}", "a.b", "1")]
    [InlineData("a # comment\n{ b = 1 }", "a.b", "1")]
    [InlineData("a : 1", "a", "1")]
    [InlineData("{ a = 1 }", "a", "1")]
    [InlineData("{\n  a = 1\n}\n", "a", "1")]
    [InlineData("a = 1, b = 2", "b", "2")]
    [InlineData("a { b = 1, c = 2 }", "a.c", "2")]
    [InlineData("a = 10 s", "a", "10 s")]
    [InlineData("a = 10s // ten seconds", "a", "10s")]
    [InlineData("a = 1 # one", "a", "1")]
    [InlineData("a = 1\r\nb = 2\r\n", "b", "2")]
    [InlineData("\"a.b\" = 1", "\"a.b\"", "1")]
    [InlineData("a.\"b\".c = 1", "a.b.c", "1")]
    [InlineData("a = \"x = y: \\\"z\\\" \\u0041\"", "a", "x = y: \"z\" A")]
    [InlineData("a = \"\"\"two\nlines\"\"\"", "a", "two\nlines")]
    [InlineData("a = akka.remote.RemoteActorRefProvider", "a", "akka.remote.RemoteActorRefProvider")]
    [InlineData("a = /user/worker-1", "a", "/user/worker-1")]
    [InlineData("a = 1\nb = ${a}", "b", "1")]
    [InlineData("a { x = 1 }\nb = ${a} { y = 2 }", "b.y", "2")]
    [InlineData("a { x = 1 }\na { y = 2 }", "a.x", "1")]
    [InlineData("a.b = 1\na.c = 2", "a.b", "1")]
    [InlineData("a = null", "a", null)]
    [InlineData("a = true", "a", "true")]
    [InlineData("a = -1.5e3", "a", "-1.5e3")]
    [InlineData("a = [1, 2]\nb = 3", "b", "3")]
    [InlineData("a = [\n  1\n  2,\n  # a comment\n  3,\n]\nb = 4", "b", "4")]
    [InlineData("a = [[1], [2, 3]]\nb = 4", "b", "4")]
    [InlineData("a = [{ x = 1 }, { y = 2 }]\nb = 3", "b", "3")]
    [InlineData("a = []\nb = 3", "b", "3")]
    [InlineData("a = {}\nb = 3", "b", "3")]
    [InlineData("include = 1", "include", "1")]
    [InlineData("a b = 1", "a b", "1")]
    [InlineData("", "a", null)]
    [InlineData("# only a comment", "a", null)]
    public void Valid_hocon_passes_and_reads_as_written(string hocon, string path, string? value)
    {
        var config = HoconSyntax.Parse(hocon, _ => null);
        Assert.Equal(value, config.GetString(path));
    }

    [Fact]
    public void A_list_reads_every_element()
    {
        var config = HoconSyntax.Parse("a = [\n  1\n  2,\n  # a comment\n  3,\n]", _ => null);
        Assert.Equal([1, 2, 3], config.GetIntList("a"));
    }

    [Fact]
    public void Akkas_own_parse_errors_are_configuration_errors()
    {
        var error = Assert.Throws<ConfigurationException>(() => HoconSyntax.Parse("a = ${b}", _ => null));
        Assert.Equal("The HOCON configuration is malformed: Unresolved substitution: b", error.Message);
    }
}
