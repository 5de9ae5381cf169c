using System.Text;
using Hotline400.Common;
using static Hotline400.Billing.Rendering.StatementLabels;

namespace Hotline400.Billing.Rendering;

/// <summary>
/// A statement as aligned plain text for a terminal (Chinese by default), with the adjustments
/// issued after it, when given, and the amount due after them.
/// </summary>
public static class StatementText
{
    public static string Render(Statement s, Language lang = Language.Zh, bool callDetails = false, IReadOnlyList<IssuedAdjustment>? adjustments = null)
    {
        var sb = new StringBuilder();
        sb.Append(T(lang, "400电话账单", "400 number statement")).Append("  ").Append(s.Number.ToDisplayString())
          .Append("  ").Append(s.Period).Append(" (").Append(s.Period.Start.ToString("yyyy-MM-dd", null)).Append(" – ")
          .Append(s.Period.LastDay.ToString("yyyy-MM-dd", null)).Append(")\n");
        sb.Append(Labeled(lang, "套餐", "Plan", Plans(s, lang))).Append('\n').Append('\n');

        var rows = s.Lines.Select(l => (Desc: l.Description.In(lang), Qty: Quantity(l.Quantity) + " " + Unit(lang, l.Unit), Price: UnitPrice(l.UnitPrice), Amount: Amount(l.Amount))).ToList();
        var head = (Desc: T(lang, "项目", "Item"), Qty: T(lang, "数量", "Qty"), Price: T(lang, "单价", "Unit price"), Amount: T(lang, "金额（元）", "Amount"));
        var wd = Math.Max(Width(head.Desc), rows.Count == 0 ? 0 : rows.Max(r => Width(r.Desc)));
        var wq = Math.Max(Width(head.Qty), rows.Count == 0 ? 0 : rows.Max(r => Width(r.Qty)));
        var wp = Math.Max(Width(head.Price), rows.Count == 0 ? 0 : rows.Max(r => Width(r.Price)));
        var wa = Math.Max(Width(head.Amount), Math.Max(rows.Count == 0 ? 0 : rows.Max(r => Width(r.Amount)), 12));
        void Row(string d, string q, string p, string a) =>
            sb.Append(PadRight(d, wd)).Append("  ").Append(PadLeft(q, wq)).Append("  ").Append(PadLeft(p, wp)).Append("  ").Append(PadLeft(a, wa)).Append('\n');
        Row(head.Desc, head.Qty, head.Price, head.Amount);
        sb.Append(new string('-', wd + wq + wp + wa + 6)).Append('\n');
        foreach (var r in rows)
        {
            Row(r.Desc, r.Qty, r.Price, r.Amount);
        }
        sb.Append(new string('-', wd + wq + wp + wa + 6)).Append('\n');
        var t = s.Totals;
        Row(T(lang, "本月费用合计", "Charges this month"), "", "", Amount(t.Charges));
        Row(T(lang, "预存款抵扣", "Paid from prepayment"), "", "", Amount(t.PrepaymentDrawn));
        Row(T(lang, "应缴金额", "Amount due"), "", "", Amount(t.Due));
        Row(VatLabel(lang, t.VatRate), "", "", Amount(t.VatIncluded));
        Row(T(lang, "期初预存余额", "Opening prepaid balance"), "", "", Amount(t.OpeningBalance));
        Row(T(lang, "结转预存余额", "Prepaid balance carried"), "", "", Amount(t.BalanceCarried));
        if (s.Alerts.Count > 0)
        {
            sb.Append('\n').Append(T(lang, "提醒：", "Alerts:")).Append('\n');
            foreach (var a in s.Alerts)
            {
                sb.Append("  ! ").Append(a.Message.In(lang)).Append('\n');
            }
        }
        if (adjustments is { Count: > 0 })
        {
            Adjustments(sb, s, adjustments, lang);
        }
        if (callDetails && s.CallDetails.Count > 0)
        {
            sb.Append('\n').Append(T(lang, "通话详单：", "Itemized calls:")).Append('\n');
            foreach (var c in s.CallDetails)
            {
                sb.Append(c.Started.ToString("yyyy-MM-dd HH:mm:ss", null)).Append("  ").Append(PadRight(c.CallerMasked, 16))
                  .Append(PadRight(lang == Language.En ? c.RegionEn : c.RegionZh, 16)).Append(PadLeft(c.DurationSeconds + "s", 8))
                  .Append(PadLeft(Quantity(c.BilledMinutes), 8)).Append(PadLeft(Amount(c.Charge.RoundToFen()), 10)).Append('\n');
            }
        }
        return sb.ToString();
    }

    /// <summary>Each adjustment after the statement (number, date, reason, lines, total and its VAT), then the amount due after them.</summary>
    private static void Adjustments(StringBuilder sb, Statement s, IReadOnlyList<IssuedAdjustment> adjustments, Language lang)
    {
        var head = (Desc: T(lang, "项目", "Item"), Was: T(lang, "原金额", "Was"), Now: T(lang, "现金额", "Now"), Amount: T(lang, "调整金额（元）", "Adjustment"));
        var all = adjustments.SelectMany(a => a.Adjustment.Lines).ToList();
        var wd = Math.Max(Math.Max(Width(head.Desc), all.Count == 0 ? 0 : all.Max(l => Width(l.Description.In(lang)))), Width(T(lang, "调整后应缴金额", "Amount due after adjustments")));
        var wv = Math.Max(Width(head.Was), all.Count == 0 ? 0 : all.Max(l => Math.Max(Amount(l.Was).Length, Amount(l.Now).Length)));
        var wa = Math.Max(Width(head.Amount), 12);
        void Row(string d, string was, string now, string a, string reason = "") =>
            sb.Append(PadRight(d, wd)).Append("  ").Append(PadLeft(was, wv)).Append("  ").Append(PadLeft(now, wv)).Append("  ").Append(PadLeft(a, wa))
              .Append(reason.Length > 0 ? "  " + reason : "").Append('\n');
        var rule = new string('-', wd + 2 * wv + wa + 6);
        var vat = VatLabel(lang, s.Totals.VatRate);
        foreach (var a in adjustments)
        {
            sb.Append('\n').Append(T(lang, $"调整单 #{a.Number}  {a.Date:yyyy-MM-dd} 出具", $"Adjustment #{a.Number}  issued {a.Date:yyyy-MM-dd}")).Append('\n')
              .Append(T(lang, "原因：", "Reason: ")).Append(a.Reason.In(lang)).Append('\n');
            Row(head.Desc, head.Was, head.Now, head.Amount);
            sb.Append(rule).Append('\n');
            // Each line's reason beside it, unless it is the one reason the adjustment has (said above).
            var oneReason = a.Adjustment.Lines.All(l => string.Equals(l.Reason.In(lang), a.Reason.In(lang), StringComparison.Ordinal));
            foreach (var l in a.Adjustment.Lines)
            {
                Row(l.Description.In(lang), Amount(l.Was), Amount(l.Now), Signed(l.Amount), oneReason ? "" : l.Reason.In(lang));
            }
            sb.Append(rule).Append('\n');
            Row(T(lang, "调整合计", "Adjustment total"), "", "", Signed(a.Total));
            Row(vat, "", "", Signed(a.Vat(s.Totals.VatRate)));
        }
        sb.Append('\n');
        Row(T(lang, "调整后应缴金额", "Amount due after adjustments"), "", "", Amount(IssuedAdjustment.DueAfter(s, adjustments)));
        Row(vat, "", "", Amount(IssuedAdjustment.VatAfter(s, adjustments)));
    }
}
