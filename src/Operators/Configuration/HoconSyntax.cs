using Akka.Configuration;

namespace AkkaDifferential.Operators.Configuration;

/// <summary>
/// Checks HOCON text before Akka.NET's parser reads it. That parser skips what it does not expect: an unclosed
/// brace or bracket, a key with no value, text after the brace that closes the whole configuration, <c>+=</c>,
/// <c>${?…}</c> and <c>include</c> are read as something else or dropped without an error, so that a setting
/// silently keeps its default. The check follows the grammar that parser implements (HOCON as Akka.NET reads it:
/// the same characters in unquoted keys and values, no <c>+=</c>, no optional substitutions, no includes in
/// <see cref="ConfigurationFactory.ParseString(string)"/>), and refuses the first error with its line and column.
/// </summary>
internal sealed class HoconSyntax
{
    private const string NotInUnquotedKey = "$\"{}[]:=,#`^?!@*&\\.";
    private const string NotInUnquotedText = "$\"{}[]:=,#`^?!@*&\\";

    private readonly string text;
    private readonly Func<string, string?> expectedAt;
    private int pos;

    private HoconSyntax(string text, Func<string, string?> expectedAt)
    {
        this.text = text;
        this.expectedAt = expectedAt;
    }

    /// <summary>Checks <paramref name="hocon"/>, then parses it with Akka.NET's parser.</summary>
    /// <param name="hocon">The configuration text.</param>
    /// <param name="expectedAt">
    /// What the setting at a full path expects, or null: a key with no value is then reported as that setting's
    /// malformed value (<c>'akka-differential.buckets' must be a whole number ≥ 1, but is empty</c>).
    /// </param>
    /// <exception cref="ConfigurationException">The text is not HOCON that Akka.NET reads as written.</exception>
    public static Config Parse(string hocon, Func<string, string?> expectedAt)
    {
        new HoconSyntax(hocon, expectedAt).Document();
        try
        {
            return ConfigurationFactory.ParseString(hocon);
        }
        catch (Exception ex) when (ex is not ConfigurationException)
        {
            throw new ConfigurationException($"The HOCON configuration is malformed: {ex.Message}", ex);
        }
    }

    private bool End => pos >= text.Length;

    private char Peek => End ? '\0' : text[pos];

    private bool AtNewline => Peek is '\n' or '\r';

    private void Document()
    {
        SkipBlank();
        if (Peek != '{')
        {
            Members("", open: -1);
            return;
        }
        Members("", open: pos++);
        SkipBlank();
        if (!End)
            throw Error(pos, "unexpected text after the '}' that closes the whole configuration");
    }

    /// <summary>The members of an object, up to its closing brace (at <paramref name="open"/>), or of the document (-1).</summary>
    private void Members(string path, int open)
    {
        while (true)
        {
            SkipBlank();
            if (End)
            {
                if (open >= 0)
                    throw Error(open, $"the '{{' of {Name(path)} is never closed");
                return;
            }
            if (Peek == '}')
            {
                if (open < 0)
                    throw Error(pos, "unexpected '}': no '{' is open");
                pos++;
                return;
            }
            var member = Member(path);
            SkipSpaces();
            SkipComment();
            if (Peek == ',')
                pos++;
            else if (!End && !AtNewline && Peek != '}')
                throw Error(pos, $"expected a new line, ',' or '}}' after the value of '{member}', found {Found()}");
        }
    }

    /// <summary>One <c>key = value</c>, <c>key : value</c> or <c>key {{ … }}</c>; returns the member's full path.</summary>
    private string Member(string parent)
    {
        var start = pos;
        if (Matches("include") && pos + 7 < text.Length && text[pos + 7] is ' ' or '\t' && !IsSeparatorAfter(pos + 7))
            throw Error(start, "'include' is not supported: Akka.NET's ConfigurationFactory.ParseString resolves no includes (combine configurations with Config.WithFallback)");
        var path = Key(parent);
        SkipSpaces();
        if (AtNewline || IsCommentStart())
        {
            // A brace on the next line ('Allman' style) still opens the key's object.
            var before = pos;
            SkipBlank();
            if (Peek != '{')
            {
                pos = before;
                throw Error(start, $"expected '=', ':' or '{{' after the key '{path}'");
            }
        }
        if (Matches("+="))
            throw Error(pos, "'+=' is not supported by Akka.NET's HOCON: write the whole value");
        switch (Peek)
        {
            case '=' or ':':
                pos++;
                Value(path, inList: false);
                break;
            case '{':
                Members(path, open: pos++);
                break;
            default:
                throw Error(start, $"expected '=', ':' or '{{' after the key '{path}', found {Found()}");
        }
        return path;
    }

    /// <summary>A key path: quoted or unquoted segments joined by dots.</summary>
    private string Key(string parent)
    {
        var segments = new List<string>();
        while (true)
        {
            SkipSpaces();
            if (Peek == '"')
                segments.Add(QuotedString());
            else if (IsKeyCharacter())
            {
                var start = pos;
                while (!End && (IsKeyCharacter() || Peek is ' ' or '\t') && !Matches("+="))
                    pos++;
                segments.Add(text[start..pos].Trim());
            }
            else
                throw Error(pos, $"expected a key, found {Found()}");
            SkipSpaces();
            if (Peek != '.')
                break;
            pos++;
        }
        var key = string.Join('.', segments);
        return parent.Length == 0 ? key : $"{parent}.{key}";
    }

    /// <summary>
    /// A value: one or more pieces on one line (strings, numbers, substitutions, objects, lists), which HOCON
    /// concatenates. <paramref name="inList"/>: an element of a list, whose absence is an unexpected character.
    /// </summary>
    private void Value(string path, bool inList)
    {
        SkipSpaces();
        var start = pos;
        var pieces = 0;
        while (!End)
        {
            if (Matches("\"\"\""))
                TripleQuotedString();
            else if (Peek == '"')
                QuotedString();
            else if (Matches("${"))
                Substitution();
            else if (Peek == '{')
                Members(path, open: pos++);
            else if (Peek == '[')
                List(path);
            else if (IsTextCharacter())
            {
                while (IsTextCharacter())
                    pos++;
                if (Peek is '=' or ':')
                    throw Error(pos, $"unexpected '{Peek}' in the value of '{path}': quote a value that contains '=' or ':'");
            }
            else
                break;
            pieces++;
            SkipSpaces();
        }
        if (pieces > 0)
            return;
        if (inList)
            throw Error(pos, $"unexpected {Found()} in the list of '{path}'");
        throw Error(start, expectedAt(path) is { } expected ? $"'{path}' must be {expected}, but is empty" : $"'{path}' has no value");
    }

    private void List(string path)
    {
        var open = pos++;
        while (true)
        {
            SkipBlank();
            if (End)
                throw Error(open, $"the '[' of '{path}' is never closed");
            if (Peek == ']')
            {
                pos++;
                return;
            }
            if (Peek == ',')
                throw Error(pos, $"unexpected ',' in the list of '{path}'");
            Value(path, inList: true);
            SkipSpaces();
            SkipComment();
            if (Peek is ',' or ']')
            {
                if (text[pos++] == ']')
                    return;
            }
            else if (!End && !AtNewline)
                throw Error(pos, $"expected ',', a new line or ']' in the list of '{path}', found {Found()}");
        }
    }

    private void Substitution()
    {
        var start = pos;
        pos += 2;
        if (Peek == '?')
            throw Error(start, "optional substitutions '${?…}' are not supported by Akka.NET's HOCON");
        var from = pos;
        while (IsTextCharacter())
            pos++;
        if (pos == from || Peek != '}')
            throw Error(start, "a substitution is '${path}', with a path of unquoted text and a closing '}'");
        pos++;
    }

    /// <summary>A string in double quotes, on one line; returns its text as written (escapes not replaced).</summary>
    private string QuotedString()
    {
        var start = pos++;
        while (true)
        {
            if (End || AtNewline)
                throw Error(start, "the quoted string does not end on its line (text over several lines goes in \"\"\"triple quotes\"\"\")");
            var c = text[pos];
            if (c == '"')
                return text[(start + 1)..pos++];
            if (c != '\\')
            {
                pos++;
                continue;
            }
            var escaped = pos + 1 < text.Length ? text[pos + 1] : '\0';
            if (escaped == 'u' && pos + 6 <= text.Length && text.AsSpan(pos + 2, 4).ContainsAnyExcept("0123456789abcdefABCDEF") is false)
                pos += 6;
            else if ("\"\\/bfnrt".Contains(escaped, StringComparison.Ordinal) && escaped != '\0')
                pos += 2;
            else
                throw Error(pos, $"unknown escape '\\{escaped}' in a quoted string");
        }
    }

    private void TripleQuotedString()
    {
        var end = text.IndexOf("\"\"\"", pos + 3, StringComparison.Ordinal);
        if (end < 0)
            throw Error(pos, "the triple-quoted string is never closed");
        pos = end + 3;
    }

    private bool IsSeparatorAfter(int index)
    {
        while (index < text.Length && text[index] is ' ' or '\t')
            index++;
        return index < text.Length && text[index] is '=' or ':' or '{' or '.';
    }

    private bool IsKeyCharacter() => !End && !char.IsWhiteSpace(Peek) && !NotInUnquotedKey.Contains(Peek, StringComparison.Ordinal) && !IsCommentStart();

    private bool IsTextCharacter() => !End && !char.IsWhiteSpace(Peek) && !NotInUnquotedText.Contains(Peek, StringComparison.Ordinal) && !IsCommentStart();

    private bool IsCommentStart() => Peek == '#' || Matches("//");

    private bool Matches(string pattern) => string.CompareOrdinal(text, pos, pattern, 0, pattern.Length) == 0;

    private void SkipSpaces()
    {
        while (!End && char.IsWhiteSpace(Peek) && !AtNewline)
            pos++;
    }

    private void SkipComment()
    {
        if (!IsCommentStart())
            return;
        while (!End && Peek != '\n')
            pos++;
    }

    private void SkipBlank()
    {
        while (!End && (char.IsWhiteSpace(Peek) || IsCommentStart()))
        {
            SkipComment();
            while (!End && char.IsWhiteSpace(Peek))
                pos++;
        }
    }

    private string Found() => End ? "the end of the text" : AtNewline ? "the end of the line" : $"'{Peek}'";

    private static string Name(string path) => path.Length == 0 ? "the whole configuration" : $"'{path}'";

    private ConfigurationException Error(int at, string what)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < at && i < text.Length; i++)
            if (text[i] == '\n')
                (line, lineStart) = (line + 1, i + 1);
        return new ConfigurationException($"The HOCON configuration is malformed at line {line}, column {at - lineStart + 1}: {what}.");
    }
}
