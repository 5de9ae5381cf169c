using System.Globalization;
using System.Net;
using System.Text;
using Hotline400.Advisor;

namespace Hotline400.Reports;

/// <summary>
/// The advisor's chart — annual cost against monthly minutes, one line per plan — as a PNG
/// (ScottPlot, Chinese labels in the CJK font) and as one self-contained HTML page (inline SVG,
/// hover values, the ranking table; no network).
/// </summary>
public static class AdvisorChart
{
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
    private const string FontName = "Hotline400 CJK";
    private static readonly Lock Gate = new();
    private static bool _fontAdded;

    /// <summary>Writes the PNG; Chinese renders when a CJK font is found (see <see cref="CjkFont"/>), else labels fall back.</summary>
    public static void WritePng(AdviceChartData data, string path, int width = 1000, int height = 600)
    {
        var plot = new ScottPlot.Plot();
        var font = RegisterFont();
        for (var i = 0; i < data.Curves.Count; i++)
        {
            var c = data.Curves[i];
            var xs = c.Points.Select(p => (double)p.MonthlyMinutes).ToArray();
            var ys = c.Points.Select(p => (double)p.AnnualCost).ToArray();
            var line = plot.Add.Scatter(xs, ys, ScottPlot.Color.FromHex(Colors[i % Colors.Length]));
            line.LegendText = $"{c.Name} ({c.PlanKey})";
            line.MarkerSize = 3;
        }
        var v = plot.Add.VerticalLine((double)data.CurrentMonthlyMinutes);
        v.LegendText = "当前月均话务量";
        v.LinePattern = ScottPlot.LinePattern.Dashed;
        plot.Title("年费用与月通话分钟数 (Annual cost vs monthly minutes)");
        plot.XLabel("月通话分钟数 (minutes / month)");
        plot.YLabel("年费用 元 (¥ / year)");
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

    /// <summary>One HTML page: the chart as inline SVG with hover values, and the ranking table.</summary>
    public static string Html(AdviceChartData data, AdviceResult advice, IReadOnlyList<BreakEven> breakEvens)
    {
        var inv = CultureInfo.InvariantCulture;
        const int W = 900, H = 460, L = 80, R = 20, T = 20, B = 50;
        var maxX = Math.Max(1, data.Curves.SelectMany(c => c.Points).Select(p => p.MonthlyMinutes).DefaultIfEmpty(1).Max());
        var maxY = Math.Max(1m, data.Curves.SelectMany(c => c.Points).Select(p => p.AnnualCost).DefaultIfEmpty(1).Max()) * 1.05m;
        double X(long m) => L + (W - L - R) * (double)m / maxX;
        double Y(decimal y) => H - B - (H - T - B) * (double)(y / maxY);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>套餐比价 Plan advisor</title><style>")
          .Append("body{font-family:'WenQuanYi Micro Hei','Microsoft YaHei',sans-serif;margin:24px;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:nth-child(2),th:nth-child(2){text-align:left}")
          .Append("circle{cursor:pointer}circle:hover{r:6}#tip{position:fixed;background:#333;color:#fff;padding:4px 8px;border-radius:4px;font-size:13px;display:none;pointer-events:none}")
          .Append("</style></head><body><h1>套餐比价 · 年费用与月通话分钟数</h1>");
        sb.Append(inv, $"<p>{(advice.Annualized ? (advice.MonthsUsed < 12 ? $"按 {advice.MonthsUsed} 个月的通话重复成一年计算" : $"按 {advice.MonthsUsed} 个月折算全年") : "按 12 个月计算")}，月均 {advice.MonthlyMinutes:0} 分钟。</p>");
        sb.Append(inv, $"<svg id=\"chart\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">");
        for (var k = 0; k <= 5; k++)
        {
            var yv = maxY * k / 5;
            var xv = maxX * k / 5;
            sb.Append(inv, $"<line x1=\"{L}\" x2=\"{W - R}\" y1=\"{Y(yv):0.#}\" y2=\"{Y(yv):0.#}\" stroke=\"#eee\"/><text x=\"{L - 6}\" y=\"{Y(yv) + 4:0.#}\" text-anchor=\"end\">{yv:N0}</text>");
            sb.Append(inv, $"<text x=\"{X(xv):0.#}\" y=\"{H - B + 18}\" text-anchor=\"middle\">{xv:N0}</text>");
        }
        sb.Append(inv, $"<line x1=\"{L}\" x2=\"{W - R}\" y1=\"{H - B}\" y2=\"{H - B}\" stroke=\"#444\"/><line x1=\"{L}\" x2=\"{L}\" y1=\"{T}\" y2=\"{H - B}\" stroke=\"#444\"/>");
        sb.Append(inv, $"<text x=\"{(W + L) / 2}\" y=\"{H - 10}\" text-anchor=\"middle\">月通话分钟数</text><text x=\"16\" y=\"{H / 2}\" transform=\"rotate(-90 16 {H / 2})\" text-anchor=\"middle\">年费用 (元)</text>");
        var cx = X((long)decimal.Round(data.CurrentMonthlyMinutes));
        sb.Append(inv, $"<line x1=\"{cx:0.#}\" x2=\"{cx:0.#}\" y1=\"{T}\" y2=\"{H - B}\" stroke=\"#888\" stroke-dasharray=\"4 4\"><title>当前月均 {data.CurrentMonthlyMinutes:0} 分钟</title></line>");
        for (var i = 0; i < data.Curves.Count; i++)
        {
            var c = data.Curves[i];
            var color = Colors[i % Colors.Length];
            var path = string.Join(" ", c.Points.Select((p, j) => string.Create(inv, $"{(j == 0 ? 'M' : 'L')}{X(p.MonthlyMinutes):0.#},{Y(p.AnnualCost):0.#}")));
            sb.Append(inv, $"<path d=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>");
            foreach (var p in c.Points)
            {
                sb.Append(inv, $"<circle cx=\"{X(p.MonthlyMinutes):0.#}\" cy=\"{Y(p.AnnualCost):0.#}\" r=\"3\" fill=\"{color}\" data-tip=\"{Enc(c.Name)} ({Enc(c.PlanKey)}): 月 {p.MonthlyMinutes:N0} 分钟 → 年 ¥{p.AnnualCost:N2}\"><title>{Enc(c.Name)}: {p.MonthlyMinutes:N0} 分钟 → ¥{p.AnnualCost:N2}</title></circle>");
            }
            sb.Append(inv, $"<rect x=\"{L + 10}\" y=\"{T + 4 + i * 16}\" width=\"10\" height=\"10\" fill=\"{color}\"/><text x=\"{L + 26}\" y=\"{T + 13 + i * 16}\">{Enc(c.Name)} ({Enc(c.PlanKey)})</text>");
        }
        sb.Append("</svg><div id=\"tip\"></div>");
        sb.Append("<h2>排名</h2><table><tr><th>#</th><th>套餐</th><th>年费用 (元)</th><th>套餐费</th><th>通话费</th><th>低消补足</th><th>功能/业务费</th><th>主叫分摊</th><th>优惠</th><th>套餐抵扣</th><th>比当前节省</th></tr>");
        var rank = 0;
        foreach (var p in advice.Plans)
        {
            var b = p.Breakdown;
            sb.Append(inv, $"<tr><td>{++rank}</td><td>{Enc(p.Plan.Name.Zh)} ({Enc(p.Plan.Key)})</td><td>{Y2(p.AnnualCost.Yuan)}</td><td>{Y2(b.Package.Yuan)}</td><td>{Y2((b.Usage + b.ServiceUsage).Yuan)}</td><td>{Y2(b.MinimumTopUp.Yuan)}</td><td>{Y2((b.MonthlyFees + b.ServiceFees).Yuan)}</td><td>{Y2(b.CallerShare.Yuan)}</td><td>{Y2(b.Promotions.Yuan)}</td><td>{Y2(b.CoveredByPackage.Yuan)}</td><td>{(p.SavingVsCurrent is { } s ? Y2(s.Yuan) : "")}</td></tr>");
        }
        sb.Append("</table>");
        if (breakEvens.Count > 0)
        {
            sb.Append("<h2>盈亏平衡点</h2><ul>");
            foreach (var be in breakEvens)
            {
                sb.Append(inv, $"<li>月 {be.MonthlyMinutes:N0} 分钟起，{Enc(be.CheaperFrom)} 比 {Enc(be.CheaperBelow)} 便宜</li>");
            }
            sb.Append("</ul>");
        }
        sb.Append("<script>const tip=document.getElementById('tip');document.querySelectorAll('circle[data-tip]').forEach(c=>{c.addEventListener('mousemove',e=>{tip.textContent=c.dataset.tip;tip.style.display='block';tip.style.left=(e.clientX+12)+'px';tip.style.top=(e.clientY+12)+'px';});c.addEventListener('mouseleave',()=>tip.style.display='none');});</script>");
        sb.Append("</body></html>");
        return sb.ToString();
    }

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    private static string Y2(decimal y) => decimal.Round(y, 2, MidpointRounding.AwayFromZero).ToString("N2", CultureInfo.InvariantCulture);
}
