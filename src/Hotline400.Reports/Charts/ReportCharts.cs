using Hotline400.Analytics;
using ScottPlot;

namespace Hotline400.Reports.Charts;

/// <summary>
/// The call-habit report as PNG charts (ScottPlot): load heatmap, answer rate by hour, top
/// provinces and the talk-time histogram, one file each. Labels use the CJK font.
/// </summary>
public static class ReportCharts
{
    public const int Width = 1000;
    public const int Height = 560;

    /// <summary>How many provinces the bar chart shows.</summary>
    public const int TopProvinces = 15;

    /// <summary>The files <see cref="WritePngs"/> writes in its folder.</summary>
    public static readonly IReadOnlyList<string> FileNames = ["load-heatmap.png", "answer-rate.png", "provinces.png", "talk-time.png"];

    /// <summary>Writes the four charts into <paramref name="directory"/> (created if needed); the paths written, or null with the reason.</summary>
    public static IReadOnlyList<string>? WritePngs(CallProfile profile, ReportLabels labels, string directory, out Hotline400.Common.LocalizedText? problem)
    {
        if (!ChartFont.TryInstall(out problem))
        {
            return null;
        }
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        void Save(Plot plot, string name)
        {
            var path = Path.Combine(directory, name);
            plot.SavePng(path, Width, Height);
            written.Add(path);
        }
        Save(Load(profile, labels), FileNames[0]);
        Save(AnswerRate(profile, labels), FileNames[1]);
        Save(Provinces(profile, labels), FileNames[2]);
        Save(TalkTime(profile, labels), FileNames[3]);
        return written;
    }

    /// <summary>A plot titled with what it shows and, on a second line, what it covers (numbers and dates).</summary>
    private static Plot NewPlot(string title, CallProfile profile, ReportLabels labels)
    {
        var plot = new Plot();
        plot.Font.Set(ChartFont.Family);
        plot.Title(title + "\n" + labels.Scope(profile));
        return plot;
    }

    private static readonly double[] HourPositions = [.. Enumerable.Range(0, 24).Select(h => (double)h)];
    private static readonly string[] HourLabels = [.. Enumerable.Range(0, 24).Select(h => h.ToString("00", System.Globalization.CultureInfo.InvariantCulture))];

    public static Plot Load(CallProfile profile, ReportLabels labels)
    {
        var plot = NewPlot(labels.LoadTitle, profile, labels);
        var cells = new double[7, 24];
        for (var d = 0; d < 7; d++)
        {
            for (var h = 0; h < 24; h++)
            {
                cells[d, h] = profile.Load[d][h];
            }
        }
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap).Axis.TickGenerator = WholeNumbers();
        // Row 0 (Monday) is drawn at the top.
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, 7).Select(d => (double)(6 - d))], [.. labels.Weekdays]);
        plot.Axes.Bottom.SetTicks(HourPositions, HourLabels);
        plot.XLabel(labels.Hour);
        return plot;
    }

    public static Plot AnswerRate(CallProfile profile, ReportLabels labels)
    {
        var plot = NewPlot(labels.AnswerRateTitle, profile, labels);
        // An hour without calls has no answer rate (it is not 0 %, which would read as every call
        // missed): it is shaded, and the rate line breaks there.
        var shaded = false;
        foreach (var (from, to) in Runs(h => profile.CallsByHour[h] == 0))
        {
            var none = plot.Add.HorizontalSpan(from - 0.5, to + 0.5);
            none.FillStyle.Color = Colors.Gray.WithAlpha(0.15);
            none.LineStyle.Width = 0;
            none.LegendText = shaded ? "" : labels.NoCalls;
            shaded = true;
        }
        // Bars only where calls were missed: a bar of height 0 would still draw its outline.
        var missedHours = Enumerable.Range(0, 24).Where(h => profile.MissedAt(h) > 0).ToArray();
        if (missedHours.Length > 0)
        {
            double[] positions = [.. missedHours.Select(h => (double)h)];
            double[] values = [.. missedHours.Select(h => (double)profile.MissedAt(h))];
            var missed = plot.Add.Bars(positions, values);
            missed.Color = Colors.Orange.WithAlpha(0.6);
            missed.LegendText = labels.Missed;
        }
        plot.Axes.Left.Label.Text = labels.Missed;
        plot.Axes.Left.TickGenerator = WholeNumbers();
        var named = false;
        foreach (var (from, to) in Runs(h => profile.CallsByHour[h] > 0))
        {
            var hours = Enumerable.Range(from, to - from + 1).ToArray();
            double[] xs = [.. hours.Select(h => (double)h)];
            double[] ys = [.. hours.Select(h => profile.AnswerRateAt(h) * 100)];
            var rate = plot.Add.Scatter(xs, ys);
            rate.Axes.YAxis = plot.Axes.Right;
            rate.LineWidth = 3;
            rate.MarkerSize = 8;
            rate.Color = Colors.SteelBlue;
            rate.LegendText = named ? "" : labels.AnswerRate + " %";
            named = true;
        }
        plot.Axes.Right.Label.Text = labels.AnswerRate + " %";
        plot.Axes.Margins(bottom: 0);
        plot.Axes.Bottom.SetTicks(HourPositions, HourLabels);
        plot.XLabel(labels.Hour);
        // Below the chart, where it cannot hide a bar or a point (inside, it covered 23:00).
        plot.ShowLegend(Edge.Bottom);
        // Rates on a fixed 0–100 % scale, so that hours compare honestly.
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsX(-0.5, 23.5);
        plot.Axes.SetLimitsY(0, 105, plot.Axes.Right);
        if (missedHours.Length == 0)
        {
            plot.Axes.SetLimitsY(0, 1, plot.Axes.Left);
        }
        return plot;
    }

    /// <summary>The runs of consecutive hours (0–23) for which <paramref name="inRun"/> holds, as first and last hour.</summary>
    internal static IEnumerable<(int From, int To)> Runs(Func<int, bool> inRun)
    {
        for (var h = 0; h < 24; h++)
        {
            if (!inRun(h))
            {
                continue;
            }
            var from = h;
            while (h + 1 < 24 && inRun(h + 1))
            {
                h++;
            }
            yield return (from, h);
        }
    }

    /// <summary>Ticks for a count of calls: whole numbers only (never 0.2, 0.4… when the counts are small).</summary>
    private static ScottPlot.TickGenerators.NumericAutomatic WholeNumbers() => new() { IntegerTicksOnly = true };

    public static Plot Provinces(CallProfile profile, ReportLabels labels)
    {
        var plot = NewPlot(labels.ProvincesTitle, profile, labels);
        var top = profile.Provinces.Take(TopProvinces).ToList();
        // The largest at the top.
        var positions = top.Select((_, i) => (double)(top.Count - 1 - i)).ToArray();
        var bars = plot.Add.Bars(positions, [.. top.Select(r => (double)r.Calls)]);
        bars.Horizontal = true;
        for (var i = 0; i < top.Count; i++)
        {
            bars.Bars[i].FillColor = top[i].IsUnknown ? Colors.Gray : Colors.SteelBlue;
        }
        plot.Axes.Left.SetTicks(positions, [.. top.Select(r => labels.RegionName(r, withCity: false))]);
        plot.Axes.Margins(left: 0);
        plot.Axes.Bottom.TickGenerator = WholeNumbers();
        plot.XLabel(labels.Calls);
        return plot;
    }

    public static Plot TalkTime(CallProfile profile, ReportLabels labels)
    {
        var title = $"{labels.TalkTimeTitle}（{labels.Median} {profile.MedianTalkSeconds}{labels.Seconds}，{labels.P90} {profile.P90TalkSeconds}{labels.Seconds}）";
        if (labels.Language == Common.Language.En)
        {
            title = $"{labels.TalkTimeTitle} (median {profile.MedianTalkSeconds} s, p90 {profile.P90TalkSeconds} s)";
        }
        var plot = NewPlot(title, profile, labels);
        var n = TalkTimeBucket.All.Length;
        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var bars = plot.Add.Bars(positions, [.. profile.TalkTimeBuckets.Select(v => (double)v)]);
        bars.Color = Colors.SeaGreen;
        plot.Axes.Bottom.SetTicks(positions, [.. TalkTimeBucket.All.Select(labels.BucketLabel)]);
        plot.Axes.Margins(bottom: 0);
        plot.Axes.Left.TickGenerator = WholeNumbers();
        plot.YLabel(labels.Answered);
        return plot;
    }
}
