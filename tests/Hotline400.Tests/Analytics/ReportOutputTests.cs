using System.Text.Json;
using global::Hotline400.Analytics;
using global::Hotline400.Calls;
using global::Hotline400.Cli;
using global::Hotline400.Reports.Charts;
using static Hotline400.Tests.TestWorld;
using static Hotline400.Tests.CliRun;

namespace Hotline400.Tests.Analytics;

/// <summary>The report's renderings (PNG, HTML) and the <c>report</c> command: JSON shape and exit codes.</summary>
public sealed class ReportOutputTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _calls;

    public ReportOutputTests() => _calls = _dir.Write("calls.csv", KnownCalls.Csv(KnownCalls.Rows));

    public void Dispose() => _dir.Dispose();

    private CallProfile Profile() => new CallProfileReader(ColumnMap.Default).Read([_calls], [])!;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Four_PNG_charts_are_written_as_valid_PNG_files()
    {
        var written = ReportCharts.WritePngs(Profile(), ReportLabels.Zh, _dir.File("png"), out var problem);
        Assert.True(written is not null, problem?.En);
        Assert.Equal(4, written.Count);
        foreach (var path in written)
        {
            var bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 1000, path);
            Assert.Equal(PngSignature, bytes[..8]);
            Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        }
    }

    [Fact]
    public void The_answer_rate_chart_draws_no_rate_for_hours_without_calls()
    {
        // Calls start at 09, 10 and 21 only: any other hour has no answer rate, not 0 %.
        var plot = ReportCharts.AnswerRate(Profile(), ReportLabels.En);
        var points = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().SelectMany(s => s.Data.GetScatterPoints()).ToList();
        Assert.Equal([9.0, 10, 21], points.Select(c => c.X).Order().ToArray());
        Assert.Equal(200.0 / 3, points.Single(c => c.X == 9).Y, 9);
        Assert.Equal(100, points.Single(c => c.X == 21).Y);
        // The hours without calls are shaded and named in the legend.
        Assert.Contains(plot.GetPlottables().OfType<ScottPlot.Plottables.HorizontalSpan>(), s => s.LegendText == "No calls");
        // The legend sits outside the data area, so it hides no point (inside it covered 23:00).
        Assert.False(plot.Legend.IsVisible);
    }

    [Fact]
    public void Count_axes_have_whole_number_ticks_only()
    {
        // Counts of 1–3 made ScottPlot's default ticks 0.2, 0.4, …
        var profile = Profile();
        var provinces = ReportCharts.Provinces(profile, ReportLabels.Zh);
        var answerRate = ReportCharts.AnswerRate(profile, ReportLabels.Zh);
        var talkTime = ReportCharts.TalkTime(profile, ReportLabels.Zh);
        var load = ReportCharts.Load(profile, ReportLabels.Zh);
        foreach (var plot in new[] { provinces, answerRate, talkTime, load })
        {
            plot.GetImage(ReportCharts.Width, ReportCharts.Height).Dispose();
        }
        var colorBar = load.Axes.GetPanels().OfType<ScottPlot.Panels.ColorBar>().Single().Axis;
        foreach (var axis in new ScottPlot.IAxis[] { provinces.Axes.Bottom, answerRate.Axes.Left, talkTime.Axes.Left, colorBar })
        {
            var major = axis.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Position).ToList();
            Assert.True(major.Count >= 2, $"{major.Count} ticks");
            Assert.All(major, position => Assert.Equal(Math.Round(position), position, 9));
        }
    }

    [Fact]
    public void The_HTML_page_is_self_contained_and_labelled_in_Chinese()
    {
        var html = ReportHtml.Render(Profile(), ReportLabels.Zh);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        foreach (var label in (string[])["来电热力图", "接通率", "来电省份", "通话时长分布", "最忙的日子", "北京市", "未知", "周一", "忙时占比"])
        {
            Assert.Contains(label, html);
        }
        Assert.Contains("<svg", html);
        Assert.Contains("data-tip=", html);
        Assert.Contains("addEventListener", html);
    }

    [Fact]
    public void The_HTML_answer_rate_line_breaks_at_hours_without_calls()
    {
        // Calls start at 09, 10 and 21: one line 09–10, and 21 a dot alone (the line used to run from 10 to 21).
        var html = ReportHtml.Render(Profile(), ReportLabels.Zh);
        var lines = System.Text.RegularExpressions.Regex.Matches(html, "<polyline points=\"([^\"]*)\"").Select(m => m.Groups[1].Value.Split(' ')).ToList();
        var line = Assert.Single(lines);
        Assert.Equal(2, line.Length);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(html, "<circle "));
    }

    [Fact]
    public void The_HTML_page_speaks_English_with_lang_en()
    {
        var html = ReportHtml.Render(Profile(), ReportLabels.En);
        Assert.Contains("Caller provinces", html);
        Assert.Contains("Unknown", html);
        Assert.Contains("lang=\"en\"", html);
    }

    [Fact]
    public void Report_json_has_the_documented_shape_and_exits_0()
    {
        var (code, output, error) = Run("report", "--calls", _calls, "--json");
        Assert.True(code == CliApp.Ok, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(6, root.GetProperty("calls").GetInt64());
        Assert.Equal(4, root.GetProperty("answered").GetInt64());
        Assert.Equal(0.6667, root.GetProperty("answer_rate").GetDouble());
        Assert.Equal(0.2418, root.GetProperty("peak_share").GetDouble());
        var load = root.GetProperty("load");
        Assert.Equal(7, load.GetArrayLength());
        Assert.All(load.EnumerateArray(), day => Assert.Equal(24, day.GetArrayLength()));
        Assert.Equal(3, load[0][9].GetInt64());
        var regions = root.GetProperty("regions");
        Assert.Equal("北京市", regions[0].GetProperty("province").GetString());
        Assert.Equal(3, regions[0].GetProperty("calls").GetInt64());
        Assert.Equal("未知", regions[2].GetProperty("province").GetString());
        Assert.Equal(45, root.GetProperty("talk_time").GetProperty("median_seconds").GetInt64());
        Assert.Equal("2026-11-02", root.GetProperty("busiest_days")[0].GetProperty("date").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("cost").ValueKind);
    }

    [Fact]
    public void With_a_catalog_and_accounts_the_calls_are_rated_for_cost_per_answered_call()
    {
        var catalog = _dir.Write("catalog.yaml", CatalogYaml);
        var accounts = _dir.Write("accounts.yaml", AccountsYaml);
        var (code, output, error) = Run("report", "--calls", _calls, "--catalog", catalog, "--accounts", accounts, "--json");
        Assert.True(code == CliApp.Ok, error);
        using var doc = JsonDocument.Parse(output);
        var cost = doc.RootElement.GetProperty("cost");
        // Flat plan at 0.08/min from answer, per started minute: 1 + 2 + 5 + 1 minutes = 0.72 over 4 answered calls.
        Assert.Equal("0.72", cost.GetProperty("total").GetString());
        Assert.Equal("0.18", cost.GetProperty("per_answered_call").GetString());
    }

    [Fact]
    public void The_profile_and_the_cost_count_a_copy_sent_days_later_once_both()
    {
        // A provider re-sends c2 a week after the call, behind a call of the next Monday.
        var late = _dir.Write("resent.csv", KnownCalls.Csv([KnownCalls.LaterCall, KnownCalls.Rows[1]]));
        var catalog = _dir.Write("catalog.yaml", CatalogYaml);
        var accounts = _dir.Write("accounts.yaml", AccountsYaml);
        var (code, output, error) = Run("report", "--calls", _calls, late, "--catalog", catalog, "--accounts", accounts, "--json");
        Assert.True(code == CliApp.Ok, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(7, root.GetProperty("calls").GetInt64());
        Assert.Equal(2, root.GetProperty("duplicates").GetInt64());
        Assert.Equal(7, root.GetProperty("cost").GetProperty("rated_calls").GetInt64());
        Assert.Equal("0.72", root.GetProperty("cost").GetProperty("total").GetString());
    }

    [Fact]
    public void Terminal_JSON_and_HTML_list_the_same_five_busiest_days()
    {
        // Seven dates, 2026-11-01 … 11-07, with 1 … 7 calls: the busiest five are the 7th back to the 3rd.
        var rows = Enumerable.Range(1, 7).SelectMany(day => Enumerable.Range(0, day)
            .Select(i => Missed($"d{day}-{i}", KnownCalls.Number, $"2026-11-{day:00}T10:{i:00}:00", 20)));
        var calls = _dir.Write("week.csv", KnownCalls.Csv(rows));
        string[] expected = ["2026-11-07", "2026-11-06", "2026-11-05", "2026-11-04", "2026-11-03"];
        string[] all = [.. Enumerable.Range(1, 7).Select(day => $"2026-11-{day:00}")];

        var (_, json, _) = Run("report", "--calls", calls, "--json");
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(expected, doc.RootElement.GetProperty("busiest_days").EnumerateArray().Select(d => d.GetProperty("date").GetString()!).ToArray());

        var html = _dir.File("week.html");
        Run("report", "--calls", calls, "--html", html);
        var page = File.ReadAllText(html);
        var table = page[page.IndexOf("最忙的日子", StringComparison.Ordinal)..];
        Assert.Equal(expected, all.Where(d => table.Contains(d, StringComparison.Ordinal)).OrderDescending().ToArray());

        var (_, terminal, _) = Run("report", "--calls", calls);
        var days = terminal[terminal.IndexOf("最忙的日子", StringComparison.Ordinal)..];
        Assert.Equal(expected, all.Where(d => days.Contains(d, StringComparison.Ordinal)).OrderDescending().ToArray());
    }

    private string TwoNumbers() => _dir.Write("two.csv", KnownCalls.Csv(KnownCalls.Rows.Append(
        "x1,4008009999,13800138000,2026-11-09T09:00:00+08:00,,2026-11-09T09:00:10+08:00,,missed,0,in")));

    [Fact]
    public void Every_output_names_the_number_and_the_dates_it_covers()
    {
        var (_, json, _) = Run("report", "--calls", _calls, "--json");
        using var doc = JsonDocument.Parse(json);
        Assert.Equal([KnownCalls.Number], doc.RootElement.GetProperty("numbers").EnumerateArray().Select(n => n.GetString()!).ToArray());
        Assert.Equal("2026-11-02", doc.RootElement.GetProperty("from").GetString());
        Assert.Equal("2026-11-07", doc.RootElement.GetProperty("to").GetString());

        var display = global::Hotline400.Numbers.HotlineNumber.Parse(KnownCalls.Number).ToDisplayString();
        var (_, terminal, _) = Run("report", "--calls", _calls);
        Assert.Contains($"号码 {display} · 2026-11-02 至 2026-11-07（北京时间）", terminal);
        Assert.DoesNotContain("--number", terminal);
        Assert.Contains($"Number {display} · 2026-11-02 to 2026-11-07 (China time)", Run("report", "--calls", _calls, "--lang", "en").Out);

        var profile = Profile();
        Assert.Contains($"号码 {display} · 2026-11-02 至 2026-11-07", System.Net.WebUtility.HtmlDecode(ReportHtml.Render(profile, ReportLabels.Zh)));
        Assert.Contains($"Number {display} · 2026-11-02 to 2026-11-07", System.Net.WebUtility.HtmlDecode(ReportHtml.Render(profile, ReportLabels.En)));
        foreach (var chart in new[] { ReportCharts.Load(profile, ReportLabels.En), ReportCharts.AnswerRate(profile, ReportLabels.En), ReportCharts.Provinces(profile, ReportLabels.En), ReportCharts.TalkTime(profile, ReportLabels.En) })
        {
            Assert.Contains($"Number {display} · 2026-11-02 to 2026-11-07", chart.Axes.Title.Label.Text);
        }
    }

    [Fact]
    public void Combining_several_numbers_is_never_silent()
    {
        var two = TwoNumbers();
        var (code, terminal, _) = Run("report", "--calls", two);
        Assert.Equal(CliApp.Ok, code);
        Assert.Contains("2 个号码合并统计 · 2026-11-02 至 2026-11-09（北京时间）", terminal);
        Assert.Contains("本报告合并统计了 2 个号码的来电", terminal);
        Assert.Contains($"--number {KnownCalls.Number}", terminal);

        // With --json the note goes to stderr, and stdout stays one JSON object listing both numbers.
        var (_, json, error) = Run("report", "--calls", two, "--json", "--lang", "en");
        Assert.Contains("this report combines the calls of 2 numbers", error);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal([KnownCalls.Number, "4008009999"], doc.RootElement.GetProperty("numbers").EnumerateArray().Select(n => n.GetString()!).ToArray());
        Assert.Equal("2026-11-09", doc.RootElement.GetProperty("to").GetString());

        var html = _dir.File("two.html");
        var (_, written, _) = Run("report", "--calls", two, "--html", html);
        Assert.Contains("本报告合并统计了 2 个号码的来电", written);
        var page = File.ReadAllText(html);
        Assert.Contains("本报告合并统计了 2 个号码的来电", page);
        Assert.Contains("400-800-9999", page);

        // Picking one number: its figures alone, and nothing to warn about.
        var (_, one, _) = Run("report", "--calls", two, "--number", "4008009999");
        Assert.Contains("号码 400-800-9999 · 2026-11-09（北京时间）", one);
        Assert.DoesNotContain("合并", one);
    }

    [Fact]
    public void A_rejected_row_exits_1_and_is_named_on_stderr()
    {
        var bad = _dir.Write("bad.csv", KnownCalls.Csv(KnownCalls.Rows.Append($"bad,{KnownCalls.Number},,2026-11-02T09:00:00,,2026-11-02T09:00:10,,maybe,0,in")));
        var (code, _, error) = Run("report", "--calls", bad, "--json");
        Assert.Equal(CliApp.SomeRejected, code);
        Assert.Contains("outcome", error);
    }

    [Theory]
    [InlineData("--number", "4009999999", "错误：--number：文件中没有 400-999-9999 的通话")]
    [InlineData("--png", "existing.png", "不是文件夹")]
    [InlineData("--html", "no-such-folder/report.html", "不存在")]
    public void Unusable_targets_exit_2_with_a_message(string option, string value, string message)
    {
        var target = option switch
        {
            "--png" => _dir.Write(value, "not a folder"),
            "--html" => _dir.File(value),
            _ => value,
        };
        foreach (var json in new[] { false, true })
        {
            var (code, _, error) = Run(json ? ["report", "--calls", _calls, option, target, "--json"] : ["report", "--calls", _calls, option, target]);
            Assert.Equal(CliApp.Unusable, code);
            Assert.Contains(message, error);
        }
    }

    [Theory]
    [InlineData("--calls", "missing.csv")]
    [InlineData("--number", "12345")]
    [InlineData("--catalog", "catalog.yaml")]
    public void Unusable_input_exits_2(string option, string value)
    {
        string[] args = option == "--calls"
            ? ["report", "--calls", _dir.File(value)]
            : ["report", "--calls", _calls, option, option == "--catalog" ? _dir.Write(value, CatalogYaml) : value];
        var (code, _, error) = Run(args);
        Assert.Equal(CliApp.Unusable, code);
        Assert.StartsWith("错误：", error);
        (code, _, error) = Run([.. args, "--lang", "en"]);
        Assert.Equal(CliApp.Unusable, code);
        Assert.StartsWith("error: ", error);
    }

    [Fact]
    public void A_call_file_with_only_its_header_gives_a_summary_of_no_calls_not_a_crash()
    {
        var empty = _dir.Write("header-only.csv", KnownCalls.Csv([]));
        var (code, output, error) = Run("report", "--calls", empty);
        Assert.True(code == CliApp.Ok, error);
        Assert.Contains("无来电", output);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void The_terminal_summary_shows_the_heatmap_and_the_bars()
    {
        var (code, output, _) = Run("report", "--calls", _calls);
        Assert.Equal(CliApp.Ok, code);
        Assert.Contains("来电热力图", output);
        Assert.Contains("周一", output);
        Assert.Contains("█", output);
        Assert.Contains("未知", output);
    }

    [Fact]
    public void Png_and_html_options_write_their_files()
    {
        var html = _dir.File("r.html");
        var (code, _, error) = Run("report", "--calls", _calls, "--png", _dir.File("charts"), "--html", html, "--lang", "en");
        Assert.True(code == CliApp.Ok, error);
        Assert.Equal(4, Directory.GetFiles(_dir.File("charts"), "*.png").Length);
        Assert.Contains("Caller provinces", File.ReadAllText(html));
    }
}
