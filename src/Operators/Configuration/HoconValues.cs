using Akka.Configuration.Hocon;

namespace AkkaDifferential.Operators.Configuration;

/// <summary>How a parsed HOCON value is named in a configuration error: what a user wrote, in a few words.</summary>
internal static class HoconValues
{
    /// <summary>
    /// <c>empty</c>, <c>null</c>, <c>'text'</c>, <c>a list [1, 2]</c> or <c>an object { a, b }</c> (its keys).
    /// </summary>
    public static string Describe(HoconValue value)
    {
        if (value.Values.Count == 0)
            return "empty";
        if (value.IsObject())
            return $"an object {{ {string.Join(", ", value.GetObject().Items.Keys)} }}".Replace("{  }", "{ }", StringComparison.Ordinal);
        if (value.Values.Any(element => element.IsArray()))
        {
            var items = value.GetArray();
            return items.All(item => item.IsString())
                ? $"a list [{string.Join(", ", items.Select(item => item.GetString()))}]"
                : "a list";
        }
        if (!value.IsString())
            return "a value of mixed kinds";
        return value.GetString() is { } text ? $"'{text}'" : "null";
    }
}
