using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hotline400.Common;

/// <summary>
/// Collects <see cref="Diagnostic"/>s while a YAML file is read, so that a loader reports every
/// problem of a file at once, each with its line and column.
/// </summary>
internal sealed class DiagnosticBag(string file)
{
    private readonly List<Diagnostic> _items = [];

    public string File { get; } = file;
    public IReadOnlyList<Diagnostic> Items => _items;
    public bool HasErrors => _items.Count > 0;

    public void Add(YamlNode node, string message) => _items.Add(new Diagnostic(File, (int)node.Start.Line, (int)node.Start.Column, message));

    public void Add(Mark mark, string message) => _items.Add(new Diagnostic(File, (int)mark.Line, (int)mark.Column, message));

    public void AddFileLevel(string message) => _items.Add(new Diagnostic(File, 0, 0, message));

    /// <summary>Parses YAML text into its root mapping, reporting syntax errors with their place.</summary>
    public YamlMap? ParseRoot(string text)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException?.Message;
            Add(ex.Start, "YAML syntax error: " + (inner ?? ex.Message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on a flow collection left open, e.g. "name: [a".
            Add(parser.Current?.Start ?? Mark.Empty, "YAML syntax error: a [ … ] or { … } is not closed");
            return null;
        }
        catch (ArgumentException ex)
        {
            AddFileLevel("YAML error: " + ex.Message);
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            AddFileLevel("the file is empty");
            return null;
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Add(stream.Documents[0].RootNode, "expected a mapping of keys at the top of the file");
            return null;
        }
        return new YamlMap(root, this, "");
    }
}

/// <summary>
/// A YAML mapping read key by key. Every accessor reports a wrong type or a missing required key
/// to the <see cref="DiagnosticBag"/> and returns null, so reading goes on after an error.
/// <see cref="CheckUnknownKeys"/> reports any key no accessor asked for.
/// </summary>
internal sealed class YamlMap
{
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    public YamlMap(YamlMappingNode node, DiagnosticBag diagnostics, string path)
    {
        Node = node;
        Diagnostics = diagnostics;
        Path = path;
        foreach (var (k, v) in node.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            if (!_entries.TryAdd(key, (k, v)))
            {
                diagnostics.Add(k, $"duplicate key '{key}'");
            }
        }
    }

    public YamlMappingNode Node { get; }
    public DiagnosticBag Diagnostics { get; }

    /// <summary>Where this mapping sits, e.g. "providers[0].plans[2]", for messages.</summary>
    public string Path { get; }

    public bool Has(string key)
    {
        _asked.Add(key);
        return _entries.ContainsKey(key);
    }

    public YamlNode? Raw(string key)
    {
        _asked.Add(key);
        return _entries.TryGetValue(key, out var e) ? e.Value : null;
    }

    public YamlNode NodeOr(string key) => Raw(key) ?? Node;

    private string Where(string key) => Path.Length == 0 ? key : Path + "." + key;

    private YamlScalarNode? Scalar(string key, bool required, string expected)
    {
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                Diagnostics.Add(Node, $"missing required key '{Where(key)}'");
            }
            return null;
        }
        if (node is YamlScalarNode scalar && !(scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && (scalar.Value is null or "" or "~" or "null")))
        {
            return scalar;
        }
        Diagnostics.Add(node, $"'{Where(key)}' must be {expected}");
        return null;
    }

    public string? String(string key, bool required = false) => Scalar(key, required, "a text value")?.Value;

    /// <summary>An identifier: lower-case letters, digits and dashes.</summary>
    public string? Id(string key, bool required = true)
    {
        var s = Scalar(key, required, "an identifier");
        if (s?.Value is not { } v)
        {
            return null;
        }
        foreach (var c in v)
        {
            if (!(c is >= 'a' and <= 'z' || c is >= '0' and <= '9' || c is '-' or '_'))
            {
                Diagnostics.Add(s, $"'{Where(key)}' must use only a–z, 0–9, '-' and '_', found '{v}'");
                return null;
            }
        }
        return v;
    }

    public decimal? Decimal(string key, bool required = false, bool allowNegative = false)
    {
        var s = Scalar(key, required, "a number");
        if (s?.Value is not { } v)
        {
            return null;
        }
        if (!decimal.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
        {
            Diagnostics.Add(s, $"'{Where(key)}' must be a number, found '{v}'");
            return null;
        }
        if (!allowNegative && d < 0)
        {
            Diagnostics.Add(s, $"'{Where(key)}' must not be negative, found {v}");
            return null;
        }
        return d;
    }

    public Money.Money? Money(string key, bool required = false) => Decimal(key, required) is { } d ? new Money.Money(d) : null;

    public Money.Rate? Rate(string key, bool required = false) => Decimal(key, required) is { } d ? new Money.Rate(d) : null;

    public int? Int(string key, bool required = false, int min = 0, int max = int.MaxValue)
    {
        var s = Scalar(key, required, "a whole number");
        if (s?.Value is not { } v)
        {
            return null;
        }
        if (!int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
        {
            Diagnostics.Add(s, $"'{Where(key)}' must be a whole number, found '{v}'");
            return null;
        }
        if (i < min || i > max)
        {
            Diagnostics.Add(s, max == int.MaxValue
                ? $"'{Where(key)}' must be at least {min}, found {i}"
                : $"'{Where(key)}' must be between {min} and {max}, found {i}");
            return null;
        }
        return i;
    }

    public DateOnly? Date(string key, bool required = false)
    {
        var s = Scalar(key, required, "a date (YYYY-MM-DD)");
        if (s?.Value is not { } v)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            Diagnostics.Add(s, $"'{Where(key)}' must be a date like 2026-01-31, found '{v}'");
            return null;
        }
        return d;
    }

    public bool? Bool(string key)
    {
        var s = Scalar(key, false, "true or false");
        if (s?.Value is not { } v)
        {
            return null;
        }
        switch (v)
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                Diagnostics.Add(s, $"'{Where(key)}' must be true or false, found '{v}'");
                return null;
        }
    }

    /// <summary>One of a fixed set of words; the message lists them.</summary>
    public T? Enum<T>(string key, IReadOnlyDictionary<string, T> words, bool required = false) where T : struct
    {
        var s = Scalar(key, required, "one of " + string.Join(", ", words.Keys));
        if (s?.Value is not { } v)
        {
            return null;
        }
        if (words.TryGetValue(v, out var value))
        {
            return value;
        }
        Diagnostics.Add(s, $"'{Where(key)}' must be one of {string.Join(", ", words.Keys)}, found '{v}'");
        return null;
    }

    public YamlMap? Map(string key, bool required = false)
    {
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                Diagnostics.Add(Node, $"missing required key '{Where(key)}'");
            }
            return null;
        }
        if (node is YamlMappingNode m)
        {
            return new YamlMap(m, Diagnostics, Where(key));
        }
        Diagnostics.Add(node, $"'{Where(key)}' must be a mapping of keys");
        return null;
    }

    /// <summary>A list of mappings; a missing key is an empty list.</summary>
    public List<YamlMap> MapList(string key, bool required = false)
    {
        var result = new List<YamlMap>();
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                Diagnostics.Add(Node, $"missing required key '{Where(key)}'");
            }
            return result;
        }
        if (node is not YamlSequenceNode seq)
        {
            Diagnostics.Add(node, $"'{Where(key)}' must be a list");
            return result;
        }
        var i = 0;
        foreach (var item in seq.Children)
        {
            if (item is YamlMappingNode m)
            {
                result.Add(new YamlMap(m, Diagnostics, $"{Where(key)}[{i}]"));
            }
            else
            {
                Diagnostics.Add(item, $"'{Where(key)}[{i}]' must be a mapping of keys");
            }
            i++;
        }
        return result;
    }

    /// <summary>A list of text values (a single value is a list of one); each with its node.</summary>
    public List<(string Value, YamlNode Node)> StringList(string key, bool required = false)
    {
        var result = new List<(string, YamlNode)>();
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                Diagnostics.Add(Node, $"missing required key '{Where(key)}'");
            }
            return result;
        }
        if (node is YamlScalarNode single && single.Value is { Length: > 0 } sv)
        {
            result.Add((sv, single));
            return result;
        }
        if (node is not YamlSequenceNode seq)
        {
            Diagnostics.Add(node, $"'{Where(key)}' must be a list of values");
            return result;
        }
        foreach (var item in seq.Children)
        {
            if (item is YamlScalarNode s && s.Value is { Length: > 0 } v)
            {
                result.Add((v, s));
            }
            else
            {
                Diagnostics.Add(item, $"'{Where(key)}' must contain only plain values");
            }
        }
        return result;
    }

    /// <summary>A bilingual name: either a mapping {zh, en} or a single text (used for both).</summary>
    public LocalizedText? Text(string key, bool required = true)
    {
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                Diagnostics.Add(Node, $"missing required key '{Where(key)}'");
            }
            return null;
        }
        if (node is YamlScalarNode s && s.Value is { Length: > 0 } v)
        {
            return new LocalizedText(v, v);
        }
        if (node is YamlMappingNode)
        {
            var m = Map(key)!;
            var zh = m.String("zh", required: true);
            var en = m.String("en") ?? zh;
            m.CheckUnknownKeys();
            return zh is null ? null : new LocalizedText(zh, en ?? zh);
        }
        Diagnostics.Add(node, $"'{Where(key)}' must be a name or {{zh: …, en: …}}");
        return null;
    }

    /// <summary>
    /// Every entry in file order, for a mapping whose keys are data (years…) rather than names:
    /// none of its keys is then unknown.
    /// </summary>
    public List<(string Key, YamlNode KeyNode, YamlNode Value)> Entries()
    {
        var result = new List<(string, YamlNode, YamlNode)>();
        foreach (var (k, v) in Node.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            _asked.Add(key);
            if (ReferenceEquals(_entries[key].Key, k))
            {
                result.Add((key, k, v)); // a duplicate key is reported once, its first entry read
            }
        }
        return result;
    }

    /// <summary>Reports every key that no accessor asked for.</summary>
    public void CheckUnknownKeys()
    {
        foreach (var (key, (keyNode, _)) in _entries)
        {
            if (!_asked.Contains(key))
            {
                Diagnostics.Add(keyNode, $"unknown key '{Where(key)}'");
            }
        }
    }
}
