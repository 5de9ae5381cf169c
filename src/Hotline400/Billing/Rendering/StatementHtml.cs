using System.Net;
using System.Text;
using Hotline400.Common;
using static Hotline400.Billing.Rendering.StatementLabels;

namespace Hotline400.Billing.Rendering;

/// <summary>
/// A statement as one self-contained, printable HTML page (no external files), Chinese labels by
/// default, with the itemized call detail as an appendix in the spirit of YD/T 1176: date, time,
/// caller with the middle digits masked, region, duration, billed minutes and charge. Given
/// adjustments, each follows the statement (number, date, reason, lines, total), then the amount due
/// after them.
/// </summary>
public static class StatementHtml
{
    public static string Render(Statement s, Language lang = Language.Zh, IReadOnlyList<IssuedAdjustment>? adjustments = null)
    {
        static string E(string v) => WebUtility.HtmlEncode(v);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"").Append(lang == Language.En ? "en" : "zh-CN").Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
          .Append(E(T(lang, "400电话账单", "400 number statement"))).Append(' ').Append(s.Number.ToDisplayString()).Append(' ').Append(s.Period).Append("</title>\n<style>\n")
          .Append("body{font-family:\"PingFang SC\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",sans-serif;margin:2em;color:#222}")
          .Append("table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border-bottom:1px solid #ccc;padding:4px 8px;text-align:left}")
          .Append("td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}tfoot td{font-weight:bold}.alert{color:#a40000}")
          .Append(".trace{color:#777;font-size:80%}@media print{body{margin:0}.appendix{page-break-before:always}}\n</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(E(T(lang, "400电话账单", "400 number statement"))).Append("</h1>\n<p>")
          .Append(E(Labeled(lang, "号码", "Number", s.Number.ToDisplayString()))).Append(" &nbsp; ")
          .Append(E(Labeled(lang, "账期", "Period", $"{s.Period} ({s.Period.Start:yyyy-MM-dd} – {s.Period.LastDay:yyyy-MM-dd})"))).Append(" &nbsp; ")
          .Append(E(Labeled(lang, "套餐", "Plan", Plans(s, lang)))).Append("</p>\n");
        sb.Append("<table>\n<thead><tr><th>").Append(E(T(lang, "项目", "Item"))).Append("</th><th class=\"n\">").Append(E(T(lang, "数量", "Qty")))
          .Append("</th><th class=\"n\">").Append(E(T(lang, "单价（元）", "Unit price"))).Append("</th><th class=\"n\">").Append(E(T(lang, "金额（元）", "Amount")))
          .Append("</th></tr></thead>\n<tbody>\n");
        foreach (var l in s.Lines)
        {
            sb.Append("<tr><td>").Append(E(l.Description.In(lang))).Append("<div class=\"trace\">").Append(E(l.Trace.In(lang))).Append("</div></td><td class=\"n\">")
              .Append(Quantity(l.Quantity)).Append(' ').Append(E(Unit(lang, l.Unit))).Append("</td><td class=\"n\">").Append(UnitPrice(l.UnitPrice))
              .Append("</td><td class=\"n\">").Append(Amount(l.Amount)).Append("</td></tr>\n");
        }
        sb.Append("</tbody>\n<tfoot>\n");
        void Foot(string label, Money.Money m) =>
            sb.Append("<tr><td colspan=\"3\">").Append(E(label)).Append("</td><td class=\"n\">").Append(Amount(m)).Append("</td></tr>\n");
        var t = s.Totals;
        Foot(T(lang, "本月费用合计", "Charges this month"), t.Charges);
        Foot(T(lang, "预存款抵扣", "Paid from prepayment"), t.PrepaymentDrawn);
        Foot(T(lang, "应缴金额", "Amount due"), t.Due);
        var vat = T(lang, $"其中增值税（{t.VatRate * 100:0.##}%，价内含税）", $"of which VAT ({t.VatRate * 100:0.##}%, included)");
        Foot(vat, t.VatIncluded);
        Foot(T(lang, "期初预存余额", "Opening prepaid balance"), t.OpeningBalance);
        Foot(T(lang, "结转预存余额", "Prepaid balance carried"), t.BalanceCarried);
        sb.Append("</tfoot>\n</table>\n");
        if (s.Alerts.Count > 0)
        {
            sb.Append("<h2>").Append(E(T(lang, "提醒", "Alerts"))).Append("</h2>\n<ul>\n");
            foreach (var a in s.Alerts)
            {
                sb.Append("<li class=\"alert\">").Append(E(a.Message.In(lang))).Append("</li>\n");
            }
            sb.Append("</ul>\n");
        }
        if (adjustments is { Count: > 0 })
        {
            foreach (var a in adjustments)
            {
                sb.Append("<section class=\"adjustment\">\n<h2>").Append(E(T(lang, $"调整单 #{a.Number}", $"Adjustment #{a.Number}"))).Append("</h2>\n<p>")
                  .Append(E(Labeled(lang, "出具日期", "Issued", a.Date.ToString("yyyy-MM-dd", null)))).Append(" &nbsp; ")
                  .Append(E(Labeled(lang, "原因", "Reason", a.Reason.In(lang)))).Append("</p>\n");
                sb.Append("<table>\n<thead><tr><th>").Append(E(T(lang, "项目", "Item"))).Append("</th><th class=\"n\">").Append(E(T(lang, "原金额（元）", "Was")))
                  .Append("</th><th class=\"n\">").Append(E(T(lang, "现金额（元）", "Now"))).Append("</th><th class=\"n\">").Append(E(T(lang, "调整金额（元）", "Adjustment")))
                  .Append("</th></tr></thead>\n<tbody>\n");
                foreach (var l in a.Adjustment.Lines)
                {
                    sb.Append("<tr><td>").Append(E(l.Description.In(lang))).Append("<div class=\"trace\">").Append(E(l.Reason.In(lang))).Append("</div></td><td class=\"n\">")
                      .Append(Amount(l.Was)).Append("</td><td class=\"n\">").Append(Amount(l.Now)).Append("</td><td class=\"n\">").Append(Signed(l.Amount)).Append("</td></tr>\n");
                }
                sb.Append("</tbody>\n<tfoot>\n");
                Foot(T(lang, "调整合计", "Adjustment total"), a.Total);
                Foot(vat, a.Vat(t.VatRate));
                sb.Append("</tfoot>\n</table>\n</section>\n");
            }
            sb.Append("<table class=\"after\">\n<tfoot>\n");
            Foot(T(lang, "调整后应缴金额", "Amount due after adjustments"), IssuedAdjustment.DueAfter(s, adjustments));
            Foot(vat, IssuedAdjustment.VatAfter(s, adjustments));
            sb.Append("</tfoot>\n</table>\n");
        }
        sb.Append("<section class=\"appendix\">\n<h2>").Append(E(T(lang, "附录：通话详单", "Appendix: itemized calls"))).Append("</h2>\n");
        sb.Append("<table>\n<thead><tr><th>").Append(E(T(lang, "日期", "Date"))).Append("</th><th>").Append(E(T(lang, "时间", "Time")))
          .Append("</th><th>").Append(E(T(lang, "主叫号码", "Caller"))).Append("</th><th>").Append(E(T(lang, "归属地", "Region")))
          .Append("</th><th class=\"n\">").Append(E(T(lang, "通话时长（秒）", "Duration (s)"))).Append("</th><th class=\"n\">").Append(E(T(lang, "计费分钟", "Billed min")))
          .Append("</th><th class=\"n\">").Append(E(T(lang, "费用（元）", "Charge"))).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var c in s.CallDetails)
        {
            sb.Append("<tr><td>").Append(c.Started.ToString("yyyy-MM-dd", null)).Append("</td><td>").Append(c.Started.ToString("HH:mm:ss", null))
              .Append("</td><td>").Append(E(c.CallerMasked.Length == 0 ? T(lang, "未显示", "withheld") : c.CallerMasked)).Append("</td><td>")
              .Append(E(lang == Language.En ? c.RegionEn : c.RegionZh)).Append("</td><td class=\"n\">").Append(c.DurationSeconds)
              .Append("</td><td class=\"n\">").Append(Quantity(c.BilledMinutes)).Append("</td><td class=\"n\">").Append(Amount(c.Charge.RoundToFen()))
              .Append("</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n<p class=\"trace\">").Append(E(T(lang, $"共 {s.CallDetails.Count} 次通话。主叫号码中间数位已隐藏。", $"{s.CallDetails.Count} calls. Callers' middle digits are masked.")))
          .Append("</p>\n</section>\n</body>\n</html>\n");
        return sb.ToString();
    }
}
