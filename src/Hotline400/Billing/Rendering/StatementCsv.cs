using System.Text;
using Hotline400.Common;

namespace Hotline400.Billing.Rendering;

/// <summary>
/// A statement's lines as CSV (UTF-8, header row; a <c>total</c> row repeats the sum of the lines).
/// Given adjustments, each one's lines follow (<c>adjustment</c> rows: the difference in the amount
/// column, with what the line was, is now and why), then its <c>adjustment_total</c> row, and a last
/// <c>total_after_adjustments</c> row. The headers, the <c>类型</c> column and the units are in the
/// reader's language; the <c>kind</c> column keeps the stable code for scripts. Columns in
/// docs/billing.md ("The statement CSV").
/// </summary>
public static class StatementCsv
{
    /// <summary>The header, Chinese then English; the same columns in the same order in both.</summary>
    public static readonly (string Zh, string En)[] Columns =
    [
        ("号码", "number"), ("账期", "period"), ("kind", "kind"), ("类型", "type"), ("项目", "description"),
        ("数量", "quantity"), ("单位", "unit"), ("单价（元）", "unit_price"), ("金额（元）", "amount"),
        ("套餐内分钟", "allowance_minutes"), ("计费分钟", "charged_minutes"), ("依据", "trace"),
        ("调整单", "adjustment"), ("日期", "date"), ("原金额（元）", "was"), ("现金额（元）", "now"), ("原因", "reason"),
    ];

    public static string Render(Statement s, Language lang = Language.Zh, IReadOnlyList<IssuedAdjustment>? adjustments = null)
    {
        var sb = new StringBuilder().AppendJoin(',', Columns.Select(c => StatementLabels.T(lang, c.Zh, c.En))).Append('\n');
        var number = s.Number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var period = s.Period.ToString();
        void Row(string kind, string description, string amount, string quantity = "", string unit = "", string unitPrice = "", string allowance = "", string charged = "",
            string trace = "", string adjustment = "", string date = "", string was = "", string now = "", string reason = "")
        {
            string[] cells = [number, period, kind, StatementLabels.KindName(lang, kind), description, quantity, unit, unitPrice, amount, allowance, charged, trace, adjustment, date, was, now, reason];
            sb.AppendJoin(',', cells.Select(Quote)).Append('\n');
        }
        foreach (var l in s.Lines)
        {
            Row(StatementLabels.Kind(l.Kind), l.Description.In(lang), StatementLabels.Amount(l.Amount), StatementLabels.Quantity(l.Quantity),
                lang == Language.En ? l.Unit.ToString().ToLowerInvariant() : StatementLabels.Unit(lang, l.Unit), StatementLabels.UnitPrice(l.UnitPrice),
                l.Kind == LineKind.Usage ? StatementLabels.Quantity(l.AllowanceMinutes) : "", l.Kind == LineKind.Usage ? StatementLabels.Quantity(l.ChargedMinutes) : "",
                l.Trace.In(lang));
        }
        Row("total", StatementLabels.T(lang, "应缴金额", "Amount due"), StatementLabels.Amount(s.Total));
        if (adjustments is { Count: > 0 })
        {
            foreach (var a in adjustments)
            {
                var n = a.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var date = a.Date.ToString("yyyy-MM-dd", null);
                foreach (var l in a.Adjustment.Lines)
                {
                    Row("adjustment", l.Description.In(lang), StatementLabels.Amount(l.Amount), trace: l.Trace.In(lang), adjustment: n, date: date,
                        was: StatementLabels.Amount(l.Was), now: StatementLabels.Amount(l.Now), reason: l.Reason.In(lang));
                }
                Row("adjustment_total", StatementLabels.T(lang, $"调整单 #{a.Number} 合计", $"Adjustment #{a.Number} total"), StatementLabels.Amount(a.Total),
                    adjustment: n, date: date, reason: a.Reason.In(lang));
            }
            Row("total_after_adjustments", StatementLabels.T(lang, "调整后应缴金额", "Amount due after adjustments"), StatementLabels.Amount(IssuedAdjustment.DueAfter(s, adjustments)));
        }
        return sb.ToString();
    }

    private static string Quote(string v) =>
        v.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
}
