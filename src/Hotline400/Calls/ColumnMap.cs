using Hotline400.Common;

namespace Hotline400.Calls;

/// <summary>
/// Which column of a provider's export holds each canonical field. The canonical names map to
/// themselves; <c>--map number=被叫号码,caller=主叫号码</c> reads another layout.
/// </summary>
public sealed class ColumnMap
{
    public static readonly string[] Canonical = ["call_id", "number", "caller", "started_at", "answered_at", "ended_at", "answered_by", "outcome", "recorded", "direction"];

    /// <summary>Fields every file must have.</summary>
    public static readonly string[] Required = ["call_id", "number", "started_at", "ended_at", "outcome"];

    private readonly Dictionary<string, string> _map;

    public ColumnMap(IReadOnlyDictionary<string, string>? overrides = null)
    {
        _map = Canonical.ToDictionary(c => c, c => c, StringComparer.Ordinal);
        if (overrides is not null)
        {
            foreach (var (field, column) in overrides)
            {
                _map[field] = column;
            }
        }
    }

    public static readonly ColumnMap Default = new();

    /// <summary>Parses <c>field=column,field=column</c>; null with a message when a field is not canonical.</summary>
    public static ColumnMap? Parse(string text, out LocalizedText? error)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0 || eq == pair.Length - 1)
            {
                error = Problems.MapNotPair("--map", pair);
                return null;
            }
            var field = pair[..eq].Trim();
            if (!Canonical.Contains(field))
            {
                error = Problems.MapUnknownField("--map", field, Canonical);
                return null;
            }
            overrides[field] = pair[(eq + 1)..].Trim();
        }
        error = null;
        return new ColumnMap(overrides);
    }

    public string ColumnFor(string field) => _map[field];
}
