using System.Globalization;
using System.Net;
using System.Text;
using Hotline400.Advisor;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Reports;

/// <summary>
/// Everything one advice page shows: what was compared (the number, its period, the services
/// priced in and why), the ranking, the chart's curves, break-even volumes and growth sensitivity.
/// </summary>
public sealed record AdvicePage(
    AdviceResult Advice,
    AdviceChartData Chart,
    IReadOnlyList<BreakEven> BreakEvens,
    IReadOnlyList<Sensitivity> Sensitivity,
    IReadOnlyList<string> Needs)
{
    /// <summary>The 400 number compared; null for a traffic profile.</summary>
    public HotlineNumber? Number { get; init; }

    /// <summary>The first and last call's dates of the history priced; null for a traffic profile.</summary>
    public (DateOnly From, DateOnly To)? Period { get; init; }

    /// <summary>Needed services added because the accounts or the calls show the number uses them, with how.</summary>
    public IReadOnlyList<(string Service, LocalizedText Why)> NeedsAdded { get; init; } = [];
}

/// <summary>
/// The advisor's chart — annual cost against monthly minutes, one line per plan — as a PNG
/// (ScottPlot, Chinese labels in the CJK font) and as one self-contained HTML page (inline SVG,
/// hover values, the ranking, break-even volumes and growth sensitivity; no network), in Chinese
/// or English.
/// </summary>
public static class AdvisorChart
{
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
    private const string FontName = "Hotline400 CJK";
    private static readonly Lock Gate = new();
    private static bool _fontAdded;

    /// <summary>Writes the PNG; Chinese renders when a CJK font is found (see <see cref="CjkFont"/>), else labels fall back.</summary>
    public static void WritePng(AdviceChartData data, string path, Language language = Language.Zh, int width = 1000, int height = 600)
    {
        var zh = language == Language.Zh;
        var plot = new ScottPlot.Plot();
        var font = RegisterFont();
        for (var i = 0; i < data.Curves.Count; i++)
        {
            var c = data.Curves[i];
            var xs = c.Points.Select(p => (double)p.MonthlyMinutes).ToArray();
            var ys = c.Points.Select(p => (double)p.AnnualCost).ToArray();
            var line = plot.Add.Scatter(xs, ys, ScottPlot.Color.FromHex(Colors[i % Colors.Length]));
            line.LegendText = $"{(zh ? c.Name : c.NameEn)} ({c.PlanKey})";
            line.MarkerSize = 3;
        }
        var v = plot.Add.VerticalLine((double)data.CurrentMonthlyMinutes);
        v.LegendText = zh ? "当前月均接通通话分钟" : "Answered talk minutes a month now";
        v.LinePattern = ScottPlot.LinePattern.Dashed;
        plot.Title(zh ? "年费用与月均接通通话分钟" : "Annual cost against answered talk minutes a month");
        plot.XLabel(zh ? "月均接通通话分钟" : "Answered talk minutes a month");
        plot.YLabel(zh ? "年费用（元）" : "Annual cost (¥)");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        if (font is not null)
        {
            plot.Font.Set(font);
        }
        plot.SavePng(path, width, height);
    }

    private static string? RegisterFont()
    {
        lock (Gate)
        {
            if (_fontAdded)
            {
                return FontName;
            }
            var file = CjkFont.FindFile(out _);
            if (file is null)
            {
                return null;
            }
            ScottPlot.Fonts.AddFontFile(FontName, file, bold: false, italic: false);
            ScottPlot.Fonts.AddFontFile(FontName, file, bold: true, italic: false);
            _fontAdded = true;
            return FontName;
        }
    }

    /// <summary>One HTML page: what was compared, the recommendation, the chart as inline SVG with hover values, the ranking, break-even volumes and sensitivity.</summary>
    public static string Html(AdvicePage page, Language language = Language.Zh)
    {
        var zh = language == Language.Zh;
        string T(string chinese, string english) => zh ? chinese : english;
        var inv = CultureInfo.InvariantCulture;
        var advice = page.Advice;
        var data = page.Chart;
        var sb = new StringBuilder();
        var title = T("套餐比价", "Plan comparison") + (page.Number is { } n ? " · " + n.ToDisplayString() : "");
        sb.Append(inv, $"<!DOCTYPE html><html lang=\"{(zh ? "zh-CN" : "en")}\"><head><meta charset=\"utf-8\"><title>{Enc(title)}</title><style>")
          .Append("body{font-family:'WenQuanYi Micro Hei','Microsoft YaHei',sans-serif;margin:24px;color:#222;max-width:1200px}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
          .Append("td.l,th.l{text-align:left}.box{background:#f4f8fb;border:1px solid #cde;padding:10px 14px;margin:12px 0}.muted{color:#666}")
          .Append("circle{cursor:pointer}circle:hover{r:6}#tip{position:fixed;background:#333;color:#fff;padding:4px 8px;border-radius:4px;font-size:13px;display:none;pointer-events:none}")
          .Append("</style></head><body>");
        sb.Append(inv, $"<h1>{Enc(title)}</h1>");

        // What was compared.
        sb.Append("<ul class=\"muted\">");
        if (page.Period is { } period)
        {
            sb.Append(inv, $"<li>{T("通话记录", "Calls")}: {period.From:yyyy-MM-dd} – {period.To:yyyy-MM-dd}</li>");
        }
        else
        {
            sb.Append(inv, $"<li>{T("按话务量估算（未使用通话记录）", "From a traffic profile (no call records)")}</li>");
        }
        sb.Append(inv, $"<li>{Enc(Basis(advice, zh))}</li>");
        if (advice.DroppedMonths.Count > 0)
        {
            var months = string.Join(zh ? "、" : ", ", advice.DroppedMonths.Select(m => m.ToString("yyyy-MM", inv)));
            sb.Append(inv, $"<li>{Enc(T($"{months} 只有部分通话，不计入比价", $"{months} hold part of a month of calls and are left out"))}</li>");
        }
        if (advice.PartialMonths)
        {
            sb.Append(inv, $"<li>{Enc(T($"通话只覆盖 {advice.CoveredDays} 天，话务量按 {advice.MonthDays}/{advice.CoveredDays} 放大到整月", $"The calls cover {advice.CoveredDays} days; their traffic is scaled by {advice.MonthDays}/{advice.CoveredDays} to whole months"))}</li>");
        }
        var needs = page.Needs.Count == 0 ? T("无", "none") : string.Join(", ", page.Needs);
        sb.Append(inv, $"<li>{T("所需服务", "Services priced in")}: {Enc(needs)}</li>");
        foreach (var (service, why) in page.NeedsAdded)
        {
            sb.Append(inv, $"<li>{Enc(T($"计入所需服务 {service}：{why.Zh}", $"{service} priced in: {why.En}"))}</li>");
        }
        if (advice.HolidaysUnknownFrom is { } unknownFrom)
        {
            var note = Calendar.HolidaysUnknown.Note(unknownFrom);
            sb.Append(inv, $"<li>{Enc(T(note.Zh, note.En))}</li>");
        }
        if (advice.RecordingAssumed)
        {
            sb.Append(inv, $"<li>{T("历史记录未标记录音，按全部通话录音计算", "No call of the history is marked recorded: every call is taken as recorded")}</li>");
        }
        if (advice.GrowthPercent != 0)
        {
            sb.Append(inv, $"<li>{T("话务量", "Traffic")} {advice.GrowthPercent:+0.#;-0.#}%</li>");
        }
        sb.Append("</ul>");

        // The answer first.
        sb.Append("<div class=\"box\">");
        if (advice.Recommended is { } best)
        {
            sb.Append(inv, $"<p><b>{T("推荐", "Recommended")}: {Enc(Name(best, zh))} ({Enc(best.Plan.Key)})</b>, {Enc(Provider(best, zh))}, {T("年费用", "a year")} ¥{Y2(best.AnnualCost.Yuan)}</p>");
        }
        if (advice.RecommendedKeepingNumber is { } keep)
        {
            sb.Append(inv, $"<p>{Enc(T("推荐的套餐须更换400号码；保留现有号码的最省套餐", "The recommended plan needs a new 400 number; the cheapest plan that keeps the number"))}: {Enc(Name(keep, zh))} ({Enc(keep.Plan.Key)}), ¥{Y2(keep.AnnualCost.Yuan)}</p>");
        }
        if (advice.Current is { } current)
        {
            var saving = advice.Recommended is { } r ? current.AnnualCost - r.AnnualCost : Money.Money.Zero;
            sb.Append(inv, $"<p>{T("当前套餐", "Current plan")}: {Enc(Name(current, zh))} ({Enc(current.Plan.Key)}), ¥{Y2(current.AnnualCost.Yuan)}{(saving.Yuan > 0 ? T($"；改用推荐套餐每年可节省 ¥{Y2(saving.Yuan)}", $"; the recommended plan saves ¥{Y2(saving.Yuan)} a year") : T("；已是最省的套餐", "; already the cheapest"))}</p>");
        }
        sb.Append("</div>");

        AppendChart(sb, data, zh);

        sb.Append(inv, $"<h2>{T("排名", "Ranking")}</h2><table><tr><th>#</th><th class=\"l\">{T("套餐", "Plan")}</th><th class=\"l\">{T("供应商", "Provider")}</th><th>{T("年费用(元)", "Annual (¥)")}</th><th>{T("计费分钟/月", "Billed min/month")}</th>")
          .Append(inv, $"<th>{T("套餐费", "Package")}</th><th>{T("通话费", "Usage")}</th><th>{T("低消补足", "Min. top-up")}</th><th>{T("功能/业务费", "Fees")}</th><th>{T("主叫分摊", "Caller share")}</th><th>{T("优惠", "Promotions")}</th><th>{T("套餐抵扣", "Covered")}</th><th>{T("比当前节省", "Saving")}</th><th>{T("保留号码", "Keeps number")}</th></tr>");
        var rank = 0;
        foreach (var p in advice.Plans)
        {
            var b = p.Breakdown;
            sb.Append(inv, $"<tr><td>{++rank}</td><td class=\"l\">{Enc(Name(p, zh))} ({Enc(p.Plan.Key)})</td><td class=\"l\">{Enc(Provider(p, zh))}</td><td>{Y2(p.AnnualCost.Yuan)}</td><td>{p.BilledMinutesPerMonth:N0}</td>")
              .Append(inv, $"<td>{Y2(b.Package.Yuan)}</td><td>{Y2((b.Usage + b.ServiceUsage).Yuan)}</td><td>{Y2(b.MinimumTopUp.Yuan)}</td><td>{Y2((b.MonthlyFees + b.ServiceFees).Yuan)}</td><td>{Y2(b.CallerShare.Yuan)}</td><td>{Y2(b.Promotions.Yuan)}</td><td>{Y2(b.CoveredByPackage.Yuan)}</td><td>{(p.SavingVsCurrent is { } s ? Y2(s.Yuan) : "")}</td><td>{(p.KeepsNumber switch { true => T("是", "yes"), false => T("需换号", "new number"), _ => "" })}</td></tr>");
        }
        sb.Append("</table>");

        if (page.BreakEvens.Count > 0)
        {
            sb.Append(inv, $"<h2>{T("盈亏平衡点", "Break-even volumes")}</h2><ul>");
            foreach (var be in page.BreakEvens)
            {
                sb.Append(inv, $"<li>{Enc(T($"月均接通通话 {be.MonthlyMinutes:N0} 分钟起，{be.CheaperFrom} 不比 {be.CheaperBelow} 贵", $"From {be.MonthlyMinutes:N0} answered talk minutes a month, {be.CheaperFrom} costs no more than {be.CheaperBelow}"))}</li>");
            }
            sb.Append("</ul>");
        }

        if (page.Sensitivity.Count > 0)
        {
            var keys = page.Sensitivity[0].Costs.Select(c => c.PlanKey).ToList();
            sb.Append(inv, $"<h2>{T("话务量变化时的年费用", "Annual cost as traffic changes")}</h2><table><tr><th>{T("话务量", "Traffic")}</th>");
            keys.ForEach(k => sb.Append(inv, $"<th>{Enc(k)}</th>"));
            sb.Append("</tr>");
            foreach (var s in page.Sensitivity)
            {
                sb.Append(inv, $"<tr><td>{s.GrowthPercent:+0;-0;0}%</td>");
                foreach (var (_, cost) in s.Costs)
                {
                    sb.Append(inv, $"<td>{Y2(cost.Yuan)}</td>");
                }
                sb.Append("</tr>");
            }
            sb.Append("</table>");
        }

        if (advice.Unavailable.Count > 0)
        {
            sb.Append(inv, $"<h2>{T("未参与排名", "Not ranked")}</h2><ul>");
            foreach (var u in advice.Unavailable)
            {
                sb.Append(inv, $"<li>{Enc(u.Plan.Key)}: {Enc(u.Reason.In(language))}</li>");
            }
            sb.Append("</ul>");
        }
        sb.Append("<script>const tip=document.getElementById('tip');document.querySelectorAll('circle[data-tip]').forEach(c=>{c.addEventListener('mousemove',e=>{tip.textContent=c.dataset.tip;tip.style.display='block';tip.style.left=(e.clientX+12)+'px';tip.style.top=(e.clientY+12)+'px';});c.addEventListener('mouseleave',()=>tip.style.display='none');});</script>");
        sb.Append("</body></html>");
        return sb.ToString();
    }

    /// <summary>How the year was made and the traffic it holds, in a sentence.</summary>
    private static string Basis(AdviceResult advice, bool zh) => advice.Annualized
        ? advice.MonthsUsed < 12
            ? (zh ? $"按 {advice.MonthsUsed} 个月的通话重复成一年计算；月均接通通话 {advice.MonthlyMinutes:N0} 分钟" : $"The {advice.MonthsUsed} months of calls repeated to fill a year; {advice.MonthlyMinutes:N0} answered talk minutes a month")
            : (zh ? $"按 {advice.MonthsUsed} 个月的通话折算全年；月均接通通话 {advice.MonthlyMinutes:N0} 分钟" : $"Annualized from {advice.MonthsUsed} months of calls; {advice.MonthlyMinutes:N0} answered talk minutes a month")
        : (zh ? $"按 12 个月的通话计算；月均接通通话 {advice.MonthlyMinutes:N0} 分钟" : $"From 12 months of calls; {advice.MonthlyMinutes:N0} answered talk minutes a month");

    private static void AppendChart(StringBuilder sb, AdviceChartData data, bool zh)
    {
        var inv = CultureInfo.InvariantCulture;
        const int W = 900, H = 460, L = 80, R = 20, T = 20, B = 50;
        var maxX = Math.Max(1, data.Curves.SelectMany(c => c.Points).Select(p => p.MonthlyMinutes).DefaultIfEmpty(1).Max());
        var maxY = Math.Max(1m, data.Curves.SelectMany(c => c.Points).Select(p => p.AnnualCost).DefaultIfEmpty(1).Max()) * 1.05m;
        double X(long m) => L + (W - L - R) * (double)m / maxX;
        double Y(decimal y) => H - B - (H - T - B) * (double)(y / maxY);
        sb.Append(inv, $"<h2>{(zh ? "年费用与月均接通通话分钟" : "Annual cost against answered talk minutes a month")}</h2>");
        sb.Append(inv, $"<svg id=\"chart\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">");
        for (var k = 0; k <= 5; k++)
        {
            var yv = maxY * k / 5;
            var xv = maxX * k / 5;
            sb.Append(inv, $"<line x1=\"{L}\" x2=\"{W - R}\" y1=\"{Y(yv):0.#}\" y2=\"{Y(yv):0.#}\" stroke=\"#eee\"/><text x=\"{L - 6}\" y=\"{Y(yv) + 4:0.#}\" text-anchor=\"end\">{yv:N0}</text>");
            sb.Append(inv, $"<text x=\"{X(xv):0.#}\" y=\"{H - B + 18}\" text-anchor=\"middle\">{xv:N0}</text>");
        }
        sb.Append(inv, $"<line x1=\"{L}\" x2=\"{W - R}\" y1=\"{H - B}\" y2=\"{H - B}\" stroke=\"#444\"/><line x1=\"{L}\" x2=\"{L}\" y1=\"{T}\" y2=\"{H - B}\" stroke=\"#444\"/>");
        sb.Append(inv, $"<text x=\"{(W + L) / 2}\" y=\"{H - 10}\" text-anchor=\"middle\">{(zh ? "月均接通通话分钟" : "Answered talk minutes a month")}</text><text x=\"16\" y=\"{H / 2}\" transform=\"rotate(-90 16 {H / 2})\" text-anchor=\"middle\">{(zh ? "年费用（元）" : "Annual cost (¥)")}</text>");
        var cx = X((long)decimal.Round(data.CurrentMonthlyMinutes));
        sb.Append(inv, $"<line x1=\"{cx:0.#}\" x2=\"{cx:0.#}\" y1=\"{T}\" y2=\"{H - B}\" stroke=\"#888\" stroke-dasharray=\"4 4\"><title>{(zh ? $"当前月均 {data.CurrentMonthlyMinutes:0} 分钟" : $"Now: {data.CurrentMonthlyMinutes:0} minutes a month")}</title></line>");
        for (var i = 0; i < data.Curves.Count; i++)
        {
            var c = data.Curves[i];
            var name = zh ? c.Name : c.NameEn;
            var color = Colors[i % Colors.Length];
            var path = string.Join(" ", c.Points.Select((p, j) => string.Create(inv, $"{(j == 0 ? 'M' : 'L')}{X(p.MonthlyMinutes):0.#},{Y(p.AnnualCost):0.#}")));
            sb.Append(inv, $"<path d=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>");
            foreach (var p in c.Points)
            {
                var tip = zh ? $"{name} ({c.PlanKey}): 月 {p.MonthlyMinutes:N0} 分钟 → 年 ¥{p.AnnualCost:N2}" : $"{name} ({c.PlanKey}): {p.MonthlyMinutes:N0} min/month → ¥{p.AnnualCost:N2} a year";
                sb.Append(inv, $"<circle cx=\"{X(p.MonthlyMinutes):0.#}\" cy=\"{Y(p.AnnualCost):0.#}\" r=\"3\" fill=\"{color}\" data-tip=\"{Enc(tip)}\"><title>{Enc(tip)}</title></circle>");
            }
            sb.Append(inv, $"<rect x=\"{L + 10}\" y=\"{T + 4 + i * 16}\" width=\"10\" height=\"10\" fill=\"{color}\"/><text x=\"{L + 26}\" y=\"{T + 13 + i * 16}\">{Enc(name)} ({Enc(c.PlanKey)})</text>");
        }
        sb.Append("</svg><div id=\"tip\"></div>");
    }

    private static string Name(RankedPlan p, bool zh) => zh || p.Plan.Name.En.Length == 0 ? p.Plan.Name.Zh : p.Plan.Name.En;

    private static string Provider(RankedPlan p, bool zh) => zh || p.ProviderName.En.Length == 0 ? p.ProviderName.Zh : p.ProviderName.En;

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    private static string Y2(decimal y) => decimal.Round(y, 2, MidpointRounding.AwayFromZero).ToString("N2", CultureInfo.InvariantCulture);
}
