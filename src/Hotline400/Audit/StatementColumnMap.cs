using Hotline400.Common;

namespace Hotline400.Audit;

/// <summary>
/// Which column of a provider's statement export holds each field of the canonical statement
/// layout (docs/audit.md). The canonical names map to themselves;
/// <c>--statement-map number=号码,amount=金额</c> reads another layout.
/// </summary>
public sealed class StatementColumnMap
{
    public static readonly string[] Canonical = ["number", "period", "line_type", "call_id", "started_at", "billed_minutes", "rate", "amount", "description"];

    /// <summary>Fields every statement must have.</summary>
    public static readonly string[] Required = ["number", "period", "line_type", "amount"];

    private readonly Dictionary<string, string> _map;

    public StatementColumnMap(IReadOnlyDictionary<string, string>? overrides = null)
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

    public static readonly StatementColumnMap Default = new();

    /// <summary>Parses <c>field=column,field=column</c>; null with a message when a pair is malformed or a field unknown.</summary>
    public static StatementColumnMap? Parse(string text, out LocalizedText? error)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0 || eq == pair.Length - 1)
            {
                error = Problems.MapNotPair("--statement-map", pair);
                return null;
            }
            var field = pair[..eq].Trim();
            if (!Canonical.Contains(field))
            {
                error = Problems.MapUnknownField("--statement-map", field, Canonical);
                return null;
            }
            overrides[field] = pair[(eq + 1)..].Trim();
        }
        error = null;
        return new StatementColumnMap(overrides);
    }

    public string ColumnFor(string field) => _map[field];
}
