using System.Globalization;
using System.Net;
using System.Text;

namespace Hotline400.Analytics;

/// <summary>
/// The call-habit report as one self-contained HTML page: inline SVG charts and a little inline
/// script for hover tooltips and series toggles. It loads nothing from the network (no CDN, no
/// web fonts), so it can be mailed or opened offline.
/// </summary>
public static class ReportHtml
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(CallProfile p, ReportLabels l)
    {
        var sb = new StringBuilder();
        var lang = l.Language == Common.Language.Zh ? "zh-CN" : "en";
        sb.Append($"<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{E(l.Title)}</title>\n<style>{Css}</style></head><body>\n");
        sb.Append($"<h1>{E(l.Title)}</h1>\n<p class=\"scope\">{E(l.Scope(p))}</p>\n");
        if (p.CombinesNumbers)
        {
            sb.Append($"<p class=\"note\">{E(l.CombinedNote(p))}</p>\n<details><summary>{E(l.AllNumbers(p.Numbers.Count))}</summary><table><tr><th>{E(l.Number)}</th><th>{E(l.Calls)}</th></tr>");
            foreach (var n in p.Numbers)
            {
                sb.Append($"<tr><td>{n.Number.ToDisplayString()}</td><td>{n.Calls.ToString("N0", Inv)}</td></tr>");
            }
            sb.Append("</table></details>\n");
        }
        sb.Append("<div class=\"cards\">");
        Card(sb, l.Calls, p.Calls.ToString("N0", Inv));
        Card(sb, l.Answered, p.Answered.ToString("N0", Inv));
        Card(sb, l.Missed, p.Missed.ToString("N0", Inv));
        Card(sb, l.AnswerRate, p.AnswerRate.ToString("P1", Inv));
        Card(sb, l.PeakShare + l.Paren(l.PeakBand(p.PeakBand)), p.PeakShare.ToString("P1", Inv));
        Card(sb, $"{l.Median} / {l.P90}", $"{p.MedianTalkSeconds} / {p.P90TalkSeconds} {l.Seconds}");
        if (p.Cost is { } cost)
        {
            Card(sb, l.TotalCost, cost.Total.ToDisplayString());
            Card(sb, l.CostPerAnsweredCall, cost.PerAnsweredCall?.ToDisplayString() ?? "—");
        }
        sb.Append("</div>\n");
        Heatmap(sb, p, l);
        AnswerRate(sb, p, l);
        Provinces(sb, p, l);
        TalkTime(sb, p, l);
        BusiestDays(sb, p, l);
        sb.Append("<div id=\"tip\"></div>\n<script>").Append(Script).Append("</script>\n</body></html>\n");
        return sb.ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
    private static string N(double v) => v.ToString("0.##", Inv);

    private static void Card(StringBuilder sb, string label, string value) =>
        sb.Append($"<div class=\"card\"><div class=\"k\">{E(label)}</div><div class=\"v\">{E(value)}</div></div>");

    private static void Heatmap(StringBuilder sb, CallProfile p, ReportLabels l)
    {
        const int cell = 32, left = 50, top = 24;
        var max = Math.Max(1, p.Load.SelectMany(r => r).DefaultIfEmpty(0).Max());
        sb.Append($"<section><h2>{E(l.LoadTitle)}</h2>\n<svg class=\"chart\" viewBox=\"0 0 {left + 24 * cell + 10} {top + 7 * cell + 30}\" role=\"img\" aria-label=\"{E(l.LoadTitle)}\">");
        for (var h = 0; h < 24; h++)
        {
            sb.Append($"<text x=\"{left + h * cell + cell / 2}\" y=\"{top - 8}\" class=\"ax\" text-anchor=\"middle\">{h:00}</text>");
        }
        for (var d = 0; d < 7; d++)
        {
            sb.Append($"<text x=\"{left - 8}\" y=\"{top + d * cell + cell / 2 + 5}\" class=\"ax\" text-anchor=\"end\">{E(l.Weekdays[d])}</text>");
            for (var h = 0; h < 24; h++)
            {
                var v = p.Load[d][h];
                var t = (double)v / max;
                sb.Append($"<rect class=\"cell\" x=\"{left + h * cell}\" y=\"{top + d * cell}\" width=\"{cell - 2}\" height=\"{cell - 2}\" fill=\"{HeatColor(t)}\" data-tip=\"{E(l.Weekdays[d])} {h:00}:00–{h + 1:00}:00 · {E(l.Calls)} {v.ToString("N0", Inv)}\"/>");
            }
        }
        sb.Append($"<text x=\"{left + 12 * cell}\" y=\"{top + 7 * cell + 22}\" class=\"ax\" text-anchor=\"middle\">{E(l.Hour)}</text>");
        sb.Append("</svg></section>\n");
    }

    /// <summary>White to deep blue by share of the busiest cell.</summary>
    private static string HeatColor(double t)
    {
        int Mix(int a, int b) => (int)Math.Round(a + (b - a) * t);
        return $"rgb({Mix(240, 8)},{Mix(246, 69)},{Mix(252, 148)})";
    }

    private static void AnswerRate(StringBuilder sb, CallProfile p, ReportLabels l)
    {
        const int w = 880, h = 300, left = 50, right = 50, top = 20, bottom = 40;
        var plotW = w - left - right;
        var plotH = h - top - bottom;
        var slot = plotW / 24.0;
        var maxMissed = Math.Max(1, Enumerable.Range(0, 24).Max(p.MissedAt));
        sb.Append($"<section><h2>{E(l.AnswerRateTitle)}</h2>\n<div class=\"toggles\"><label><input type=\"checkbox\" data-toggle=\"missed\" checked> {E(l.Missed)}</label> <label><input type=\"checkbox\" data-toggle=\"rate\" checked> {E(l.AnswerRate)}</label></div>\n");
        sb.Append($"<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{E(l.AnswerRateTitle)}\">");
        sb.Append($"<line x1=\"{left}\" y1=\"{top + plotH}\" x2=\"{left + plotW}\" y2=\"{top + plotH}\" class=\"axis\"/>");
        sb.Append("<g class=\"series\" data-series=\"missed\">");
        for (var hr = 0; hr < 24; hr++)
        {
            var m = p.MissedAt(hr);
            var bh = plotH * m / (double)maxMissed;
            sb.Append($"<rect class=\"bar missed\" x=\"{N(left + hr * slot + 3)}\" y=\"{N(top + plotH - bh)}\" width=\"{N(slot - 6)}\" height=\"{N(bh)}\" data-tip=\"{hr:00}:00 · {E(l.Missed)} {m.ToString("N0", Inv)} / {E(l.Calls)} {p.CallsByHour[hr].ToString("N0", Inv)}\"/>");
        }
        sb.Append("</g><g class=\"series\" data-series=\"rate\">");
        // One line per run of hours with calls: an hour without calls has no rate, so the line breaks there.
        // A lone hour is its dot only.
        var points = new StringBuilder();
        var run = 0;
        for (var hr = 0; hr <= 24; hr++)
        {
            if (hr < 24 && p.CallsByHour[hr] > 0)
            {
                var x = left + hr * slot + slot / 2;
                var y = top + plotH * (1 - p.AnswerRateAt(hr));
                points.Append(N(x)).Append(',').Append(N(y)).Append(' ');
                run++;
                continue;
            }
            if (run > 1)
            {
                sb.Append($"<polyline points=\"{points.ToString().TrimEnd()}\" class=\"rate\"/>");
            }
            points.Clear();
            run = 0;
        }
        for (var hr = 0; hr < 24; hr++)
        {
            if (p.CallsByHour[hr] == 0)
            {
                continue;
            }
            sb.Append($"<circle cx=\"{N(left + hr * slot + slot / 2)}\" cy=\"{N(top + plotH * (1 - p.AnswerRateAt(hr)))}\" r=\"4\" class=\"dot\" data-tip=\"{hr:00}:00 · {E(l.AnswerRate)} {p.AnswerRateAt(hr).ToString("P1", Inv)}\"/>");
        }
        sb.Append("</g>");
        for (var hr = 0; hr < 24; hr += 2)
        {
            sb.Append($"<text x=\"{N(left + hr * slot + slot / 2)}\" y=\"{top + plotH + 16}\" class=\"ax\" text-anchor=\"middle\">{hr:00}</text>");
        }
        sb.Append($"<text x=\"{left + plotW / 2}\" y=\"{h - 4}\" class=\"ax\" text-anchor=\"middle\">{E(l.Hour)}</text>");
        sb.Append($"<text x=\"{left - 6}\" y=\"{top + 4}\" class=\"ax\" text-anchor=\"end\">{maxMissed}</text><text x=\"{left - 6}\" y=\"{top + plotH}\" class=\"ax\" text-anchor=\"end\">0</text>");
        sb.Append($"<text x=\"{left + plotW + 6}\" y=\"{top + 4}\" class=\"ax rate-ax\">100%</text><text x=\"{left + plotW + 6}\" y=\"{top + plotH}\" class=\"ax rate-ax\">0%</text>");
        sb.Append("</svg></section>\n");
    }

    private static void Provinces(StringBuilder sb, CallProfile p, ReportLabels l)
    {
        sb.Append($"<section><h2>{E(l.ProvincesTitle)}</h2>\n<div class=\"toggles\"><label><input type=\"radio\" name=\"regions\" data-show=\"provinces\" checked> {E(l.Province)}</label> <label><input type=\"radio\" name=\"regions\" data-show=\"cities\"> {E(l.City)}</label></div>\n");
        HorizontalBars(sb, "provinces", [.. p.Provinces.Take(20)], l, withCity: false, p.Calls, hidden: false);
        HorizontalBars(sb, "cities", [.. p.Cities.Take(20)], l, withCity: true, p.Calls, hidden: true);
        sb.Append("</section>\n");
    }

    private static void HorizontalBars(StringBuilder sb, string id, List<RegionCount> rows, ReportLabels l, bool withCity, long total, bool hidden)
    {
        const int row = 24, left = 200, w = 880;
        var max = Math.Max(1, rows.Select(r => r.Calls).DefaultIfEmpty(0).Max());
        var h = rows.Count * row + 10;
        sb.Append($"<svg class=\"chart regions\" data-regions=\"{id}\" viewBox=\"0 0 {w} {h}\"{(hidden ? " style=\"display:none\"" : "")} role=\"img\">");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var name = l.RegionName(r, withCity);
            var bw = (w - left - 80) * r.Calls / (double)max;
            var share = total == 0 ? 0 : (double)r.Calls / total;
            sb.Append($"<text x=\"{left - 8}\" y=\"{i * row + 17}\" class=\"ax\" text-anchor=\"end\">{E(name)}</text>");
            sb.Append($"<rect class=\"bar{(r.IsUnknown ? " unknown" : "")}\" x=\"{left}\" y=\"{i * row + 4}\" width=\"{N(Math.Max(1, bw))}\" height=\"{row - 6}\" data-tip=\"{E(name)} · {E(l.Calls)} {r.Calls.ToString("N0", Inv)}{E(l.Paren(share.ToString("P1", Inv)))}\"/>");
            sb.Append($"<text x=\"{N(left + bw + 6)}\" y=\"{i * row + 17}\" class=\"ax\">{r.Calls.ToString("N0", Inv)}</text>");
        }
        sb.Append("</svg>");
    }

    private static void TalkTime(StringBuilder sb, CallProfile p, ReportLabels l)
    {
        const int w = 880, h = 280, left = 50, top = 20, bottom = 40;
        var n = TalkTimeBucket.All.Length;
        var plotW = w - left - 20;
        var plotH = h - top - bottom;
        var slot = plotW / (double)n;
        var max = Math.Max(1, p.TalkTimeBuckets.DefaultIfEmpty(0).Max());
        sb.Append($"<section><h2>{E(l.TalkTimeTitle + l.Paren($"{l.Median} {l.SecondsOf(p.MedianTalkSeconds)}{l.Comma}{l.P90} {l.SecondsOf(p.P90TalkSeconds)}"))}</h2>\n");
        sb.Append($"<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{E(l.TalkTimeTitle)}\">");
        for (var i = 0; i < n; i++)
        {
            var v = p.TalkTimeBuckets[i];
            var bh = plotH * v / (double)max;
            var label = l.BucketLabel(TalkTimeBucket.All[i]);
            var share = p.Answered == 0 ? 0 : (double)v / p.Answered;
            sb.Append($"<rect class=\"bar talk\" x=\"{N(left + i * slot + 6)}\" y=\"{N(top + plotH - bh)}\" width=\"{N(slot - 12)}\" height=\"{N(bh)}\" data-tip=\"{E(label)} · {v.ToString("N0", Inv)}{E(l.Paren(share.ToString("P1", Inv)))}\"/>");
            sb.Append($"<text x=\"{N(left + i * slot + slot / 2)}\" y=\"{top + plotH + 18}\" class=\"ax\" text-anchor=\"middle\">{E(label)}</text>");
        }
        sb.Append("</svg></section>\n");
    }

    private static void BusiestDays(StringBuilder sb, CallProfile p, ReportLabels l)
    {
        sb.Append($"<section><h2>{E(l.BusiestDaysTitle)}</h2><table><tr><th>{E(l.Date)}</th><th>{E(l.Calls)}</th><th>{E(l.Answered)}</th><th>{E(l.TalkMinutes)}</th></tr>");
        foreach (var d in p.BusiestDays())
        {
            sb.Append($"<tr><td>{d.Date.ToString("yyyy-MM-dd", Inv)} {E(l.Weekdays[(int)Calendar.HolidayCalendar.Weekday(d.Date.DayNumber)])}</td><td>{d.Calls.ToString("N0", Inv)}</td><td>{d.Answered.ToString("N0", Inv)}</td><td>{(d.TalkSeconds / 60m).ToString("N1", Inv)}</td></tr>");
        }
        sb.Append("</table></section>\n");
    }

    private const string Css = """
        body{font-family:"Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;margin:24px auto;max-width:960px;color:#222}
        h1{font-size:24px;margin-bottom:4px}.scope{color:#444;margin-top:0}.note{background:#fff4d6;border-left:4px solid #f0a030;padding:6px 10px}
        details{margin-bottom:12px;font-size:13px}h2{font-size:18px;margin-top:28px}
        .cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:120px}
        .card .k{font-size:12px;color:#666}.card .v{font-size:20px;font-weight:bold}
        .chart{width:100%;height:auto}.ax{font-size:12px;fill:#555}.axis{stroke:#999}
        .cell:hover,.bar:hover,.dot:hover{stroke:#222;stroke-width:1.5}
        .bar{fill:#4682b4}.bar.missed{fill:#f0a030}.bar.unknown{fill:#999}.bar.talk{fill:#2e8b57}
        .rate{fill:none;stroke:#4682b4;stroke-width:3}.dot{fill:#4682b4}.rate-ax{fill:#4682b4}
        .toggles{font-size:13px;margin:4px 0}
        table{border-collapse:collapse}td,th{border-bottom:1px solid #eee;padding:4px 12px;text-align:right}td:first-child,th:first-child{text-align:left}
        #tip{position:fixed;pointer-events:none;background:rgba(30,30,30,.9);color:#fff;padding:4px 8px;border-radius:4px;font-size:13px;display:none}
        """;

    private const string Script = """
        (function(){
          var tip=document.getElementById('tip');
          document.addEventListener('mousemove',function(e){
            var t=e.target.getAttribute&&e.target.getAttribute('data-tip');
            if(t){tip.textContent=t;tip.style.display='block';tip.style.left=(e.clientX+12)+'px';tip.style.top=(e.clientY+12)+'px';}
            else{tip.style.display='none';}
          });
          document.querySelectorAll('[data-toggle]').forEach(function(box){
            box.addEventListener('change',function(){
              document.querySelectorAll('[data-series="'+box.getAttribute('data-toggle')+'"]').forEach(function(g){g.style.display=box.checked?'':'none';});
            });
          });
          document.querySelectorAll('[data-show]').forEach(function(r){
            r.addEventListener('change',function(){
              document.querySelectorAll('[data-regions]').forEach(function(s){s.style.display=s.getAttribute('data-regions')===r.getAttribute('data-show')?'':'none';});
            });
          });
        })();
        """;
}
