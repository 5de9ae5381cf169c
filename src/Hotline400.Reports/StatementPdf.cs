using Hotline400.Billing;
using Hotline400.Common;
using static Hotline400.Billing.Rendering.StatementLabels;

namespace Hotline400.Reports;

/// <summary>
/// A statement as a printable PDF: the same lines, totals and alerts as the other formats, the
/// adjustments issued after it (when given) with the amount due after them, and the itemized calls
/// as an appendix.
/// </summary>
public static class StatementPdf
{
    public static ReportDocument ToDocument(Statement s, Language lang = Language.Zh, IReadOnlyList<IssuedAdjustment>? adjustments = null)
    {
        var doc = new ReportDocument
        {
            Title = T(lang, $"400电话账单 {s.Period}", $"400 number statement {s.Period}"),
            Subtitle = $"{s.Number.ToDisplayString()} · {s.Period.Start:yyyy-MM-dd} – {s.Period.LastDay:yyyy-MM-dd}",
            Footer = $"Hotline400 · {s.Number.ToDisplayString()} · {s.Period}",
        };
        doc.Facts.Add((T(lang, "套餐", "Plan"), Plans(s, lang)));
        doc.Facts.Add((T(lang, "应缴金额", "Amount due"), "¥" + Amount(s.Totals.Due)));
        var adjusted = adjustments is { Count: > 0 } ? adjustments : null;
        if (adjusted is not null)
        {
            doc.Facts.Add((T(lang, "调整后应缴金额", "Due after adjustments"), "¥" + Amount(IssuedAdjustment.DueAfter(s, adjusted))
                + T(lang, $"（{adjusted.Count} 份调整单，见下文）", $" ({adjusted.Count} adjustment{(adjusted.Count == 1 ? "" : "s")}, below)")));
        }
        var lines = new ReportTable
        {
            Heading = T(lang, "费用明细", "Charges"),
            Columns = [new(T(lang, "项目", "Item"), 5), new(T(lang, "数量", "Qty"), 1.4, true), new(T(lang, "单价", "Unit price"), 1.2, true), new(T(lang, "金额（元）", "Amount"), 1.3, true), new(T(lang, "依据", "Term"), 3)],
        };
        foreach (var l in s.Lines)
        {
            lines.Rows.Add([l.Description.In(lang), Quantity(l.Quantity) + " " + Unit(lang, l.Unit), UnitPrice(l.UnitPrice), Amount(l.Amount), l.Trace.In(lang)]);
        }
        lines.Total = [T(lang, "应缴金额", "Amount due"), "", "", Amount(s.Totals.Due), ""];
        doc.Tables.Add(lines);
        var t = s.Totals;
        var totals = new ReportTable { Heading = T(lang, "合计", "Totals"), Columns = [new("", 5), new(T(lang, "金额（元）", "Amount"), 1.3, true)] };
        totals.Rows.Add([T(lang, "本月费用合计", "Charges this month"), Amount(t.Charges)]);
        totals.Rows.Add([T(lang, "预存款抵扣", "Paid from prepayment"), Amount(t.PrepaymentDrawn)]);
        totals.Rows.Add([VatLabel(lang, t.VatRate), Amount(t.VatIncluded)]);
        totals.Rows.Add([T(lang, "期初预存余额", "Opening prepaid balance"), Amount(t.OpeningBalance)]);
        totals.Rows.Add([T(lang, "结转预存余额", "Prepaid balance carried"), Amount(t.BalanceCarried)]);
        doc.Tables.Add(totals);
        if (adjusted is not null)
        {
            var vat = VatLabel(lang, t.VatRate);
            foreach (var a in adjusted)
            {
                var table = new ReportTable
                {
                    // The heading is one line; the reasons, however long, wrap in their column.
                    Heading = T(lang, $"调整单 #{a.Number} · {a.Date:yyyy-MM-dd} 出具", $"Adjustment #{a.Number} · issued {a.Date:yyyy-MM-dd}"),
                    Columns = [new(T(lang, "项目", "Item"), 4), new(T(lang, "原金额", "Was"), 1.2, true), new(T(lang, "现金额", "Now"), 1.2, true), new(T(lang, "调整金额（元）", "Adjustment"), 1.8, true), new(T(lang, "原因", "Reason"), 3)],
                };
                foreach (var l in a.Adjustment.Lines)
                {
                    table.Rows.Add([l.Description.In(lang), Amount(l.Was), Amount(l.Now), Signed(l.Amount), l.Reason.In(lang)]);
                }
                table.Total = [T(lang, "调整合计", "Adjustment total"), "", "", Signed(a.Total), ""];
                doc.Tables.Add(table);
            }
            var after = new ReportTable
            {
                Heading = T(lang, "调整后应缴金额", "Amount due after adjustments"),
                Columns = [new("", 5), new(T(lang, "金额（元）", "Amount"), 1.3, true), new(vat, 1.6, true)],
            };
            after.Rows.Add([T(lang, "账单（原出具）", "Statement as issued"), Amount(t.Due), Amount(t.VatIncluded)]);
            foreach (var a in adjusted)
            {
                after.Rows.Add([T(lang, $"调整单 #{a.Number}", $"Adjustment #{a.Number}"), Signed(a.Total), Signed(a.Vat(t.VatRate))]);
            }
            after.Total = [T(lang, "调整后应缴金额", "Amount due after adjustments"), Amount(IssuedAdjustment.DueAfter(s, adjusted)), Amount(IssuedAdjustment.VatAfter(s, adjusted))];
            doc.Tables.Add(after);
        }
        foreach (var a in s.Alerts)
        {
            doc.Notes.Add("! " + a.Message.In(lang));
        }
        if (s.CallDetails.Count > 0)
        {
            var calls = new ReportTable
            {
                Heading = T(lang, "附录：通话详单", "Appendix: itemized calls"),
                Columns = [new(T(lang, "日期", "Date"), 1.6), new(T(lang, "时间", "Time"), 1.2), new(T(lang, "主叫", "Caller"), 1.8), new(T(lang, "地区", "Region"), 2.4), new(T(lang, "时长（秒）", "Seconds"), 1, true), new(T(lang, "计费分钟", "Billed min"), 1, true), new(T(lang, "费用（元）", "Charge"), 1, true)],
            };
            foreach (var c in s.CallDetails)
            {
                calls.Rows.Add([c.Started.ToString("yyyy-MM-dd", null), c.Started.ToString("HH:mm:ss", null), c.CallerMasked, lang == Language.En ? c.RegionEn : c.RegionZh,
                    c.DurationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), Quantity(c.BilledMinutes), Amount(c.Charge.RoundToFen())]);
            }
            doc.Tables.Add(calls);
        }
        doc.Notes.Add(T(lang, "价格含增值税。每一项费用均注明所依据的套餐条款；通话费可追溯到附录中的每一通电话。", "Prices include VAT. Every line names the plan term it follows; usage traces to the calls in the appendix."));
        return doc;
    }
}
