using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline400.Analytics;
using Hotline400.Audit;
using Hotline400.Cli;
using Hotline400.Cli.Commands;
using Hotline400.Common;
using Hotline400.Tests.Analytics;
using Hotline400.Tests.Audit;
using static Hotline400.Tests.TestWorld;
using static Hotline400.Tests.CliRun;

namespace Hotline400.Tests.Cli;

/// <summary>
/// Wording found wrong in a user trial: a measure word missing, the audit's summary in symbols,
/// ASCII colons, commas and parentheses in Chinese text, full-width ones in English text, a table
/// header in two languages. Chinese text takes full-width punctuation; English text ASCII.
/// </summary>
public sealed class WordingTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>An ASCII colon, comma or parenthesis touching Chinese text (a space between allowed).</summary>
    private static readonly Regex AsciiInChinese = new(@"[\p{IsCJKUnifiedIdeographs}（）][ ]?[:,(]|[:,)][ ]?[\p{IsCJKUnifiedIdeographs}（]|\p{IsCJKUnifiedIdeographs} \(");

    private static readonly Regex FullWidth = new("[（），：；、。]");

    [Fact]
    public void Simulate_counts_calls_with_their_measure_word()
    {
        var catalog = _dir.Write("catalog.yaml", CatalogYaml);
        var accounts = _dir.Write("accounts.yaml", AccountsYaml);
        var (code, output, error) = Run("simulate", "--catalog", catalog, "--accounts", accounts, "--from", "2026-10-01", "--to", "2026-10-01", "--calls-per-day", "1", "--out", _dir.File("sim.csv"));
        Assert.True(code == CliApp.Ok, error);
        Assert.Matches(@"^已模拟 [\d,]+ 通通话（\d+ 个号码，1 天），写入 ", output);
    }

    private static string[] SampleAudit(params string[] extra) =>
        ["audit", "--statement", AuditSamples.Sample("provider-statement.csv"), "--calls", AuditSamples.Sample("provider-statement-calls.csv"),
            "--catalog", AuditSamples.Sample("catalog.yaml"), "--accounts", AuditSamples.Sample("accounts.yaml"), .. extra];

    [Fact]
    public void The_audits_summary_per_cause_reads_as_a_sentence_in_Chinese_and_in_English()
    {
        var (_, zh, _) = Run(SampleAudit());
        var lines = zh.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains("  计费分钟数不符（取整/计费单位）：1 项，多收 0.12 元", lines);
        Assert.Contains("  费率不符：2 项，多收 0.26 元", lines);
        Assert.Contains("  漏计通话（少收）：1 项，少收 0.60 元", lines);
        Assert.Contains("涉及金额合计 231.90 元（多收 232.50 元，少收 0.60 元）", lines);
        Assert.DoesNotContain("×", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("→", zh, StringComparison.Ordinal);

        var (_, en, _) = Run(SampleAudit("--lang", "en"));
        lines = en.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains("  Billed minutes differ (rounding / increment): 1 finding, 0.12 overcharged", lines);
        Assert.Contains("  Rate differs: 2 findings, 0.26 overcharged", lines);
        Assert.Contains("  Call in the records but not billed: 1 finding, 0.60 left out", lines);
        Assert.DoesNotContain("→", en, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cause_whose_differences_cancel_says_so()
    {
        Assert.Equal("费率不符：2 项，差额 0.00 元", AuditCommand.CauseSummary(AuditCause.RateDiffers, 2, Money.Money.Zero, Language.Zh));
        Assert.Equal("Rate differs: 2 findings, netting to 0.00", AuditCommand.CauseSummary(AuditCause.RateDiffers, 2, Money.Money.Zero, Language.En));
    }

    [Fact]
    public void The_audits_Chinese_uses_full_width_colons_commas_and_parentheses()
    {
        var (_, text, error) = Run(SampleAudit());
        // The summary lines under the table, and stderr.
        var summary = text[(text.LastIndexOf('┘') + 1)..];
        Assert.DoesNotMatch(AsciiInChinese, summary);
        Assert.DoesNotMatch(AsciiInChinese, error);
        var (_, json, _) = Run(SampleAudit("--json"));
        using var doc = JsonDocument.Parse(json);
        foreach (var f in doc.RootElement.GetProperty("findings").EnumerateArray())
        {
            var detail = f.GetProperty("detail").GetString()!;
            if (f.GetProperty("cause").GetString() == "minimum_misapplied")
            {
                // The audit's words around the statement builder's own description of the top-up.
                Assert.StartsWith("应补足 81.00 元（", detail, StringComparison.Ordinal);
                Assert.EndsWith("）；账单 100.00 元", detail, StringComparison.Ordinal);
                continue;
            }
            Assert.DoesNotMatch(AsciiInChinese, detail);
        }
        Assert.Contains(doc.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("detail").GetString() == "other（号码维护费）10.00 元：套餐条款及已开通业务中均无此项收费");
        // Each cause's name too, in both languages.
        foreach (var cause in Enum.GetValues<AuditCause>())
        {
            Assert.DoesNotMatch(AsciiInChinese, AuditCauses.Name(cause).Zh);
            Assert.DoesNotMatch(FullWidth, AuditCauses.Name(cause).En);
        }
    }

    [Fact]
    public void The_audits_unverified_findings_and_its_note_take_full_width_punctuation_in_Chinese_and_ASCII_in_English()
    {
        // The sample's October week alone: the allowance and minimum findings are unverified.
        var october = _dir.Write("october.csv", string.Join("\n", File.ReadLines(AuditSamples.Sample("provider-statement-calls.csv"))
            .Where((l, i) => i == 0 || l.Split(',')[3].StartsWith("2026-10", StringComparison.Ordinal))) + "\n");
        string[] args = ["audit", "--statement", AuditSamples.Sample("provider-statement.csv"), "--calls", october,
            "--catalog", AuditSamples.Sample("catalog.yaml"), "--accounts", AuditSamples.Sample("accounts.yaml")];
        var (_, zh, _) = Run(args);
        var summary = zh[(zh.LastIndexOf('┘') + 1)..];
        Assert.Contains("另有 2 项差异待核实，差额 19.60 元，未计入上述合计：需补充 400-826-1357 自 2026-07-01 起的通话记录", summary, StringComparison.Ordinal);
        Assert.DoesNotMatch(AsciiInChinese, summary);
        var (_, en, _) = Run([.. args, "--lang", "en"]);
        Assert.DoesNotMatch(FullWidth, en[(en.LastIndexOf('┘') + 1)..]);
        var (_, json, _) = Run([.. args, "--json"]);
        using var doc = JsonDocument.Parse(json);
        foreach (var f in doc.RootElement.GetProperty("findings").EnumerateArray().Where(f => !f.GetProperty("verified").GetBoolean()))
        {
            var detail = f.GetProperty("detail").GetString()!;
            Assert.DoesNotMatch(AsciiInChinese, detail[detail.IndexOf("；待核实", StringComparison.Ordinal)..]);
        }
        Assert.DoesNotMatch(AsciiInChinese, doc.RootElement.GetProperty("allowance_assumed_full")[0].GetProperty("note").GetString()!);
    }

    [Fact]
    public void The_audits_warnings_take_a_full_width_colon_like_rate()
    {
        // Statement lines of calls that are in no call file: the audit warns that the files may be the wrong ones.
        var statement = _dir.Write("statement.csv", "number,period,line_type,call_id,started_at,billed_minutes,rate,amount,description\n4009301234,2026-10,call,x1,,2,0.12,0.24,\n");
        var (_, _, error) = Run("audit", "--statement", statement, "--calls", AuditSamples.Sample("provider-statement-calls.csv"),
            "--catalog", AuditSamples.Sample("catalog.yaml"), "--accounts", AuditSamples.Sample("accounts.yaml"));
        Assert.Contains("注意：400-930-1234 2026-10 的 1 条通话计费行在话单中都找不到：请确认话单文件是否正确", error, StringComparison.Ordinal);
        Assert.DoesNotContain("注意: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_English_report_page_has_ASCII_punctuation_and_the_Chinese_one_full_width()
    {
        var calls = _dir.Write("calls.csv", KnownCalls.Csv(KnownCalls.Rows));
        var profile = new CallProfileReader(global::Hotline400.Calls.ColumnMap.Default).Read([calls], [])!;
        var en = ReportHtml.Render(profile, ReportLabels.En);
        Assert.DoesNotMatch(FullWidth, en);
        Assert.Contains("Peak share (workdays 08:00–20:00)", en, StringComparison.Ordinal);
        Assert.Matches(@"<h2>Talk time \(Median \d+ s, P90 \d+ s\)</h2>", en);
        var zh = ReportHtml.Render(profile, ReportLabels.Zh);
        Assert.Contains("忙时占比（工作日 08:00–20:00）", zh, StringComparison.Ordinal);
        Assert.Matches(@"<h2>通话时长分布（中位数 \d+秒，90分位 \d+秒）</h2>", zh);
        Assert.DoesNotMatch(AsciiInChinese, zh);
    }

    [Fact]
    public void The_reports_terminal_summary_puts_the_peak_band_in_the_languages_parentheses()
    {
        var calls = _dir.Write("calls.csv", KnownCalls.Csv(KnownCalls.Rows));
        Assert.Contains("忙时占比（工作日 08:00–20:00）", Run("report", "--calls", calls).Out, StringComparison.Ordinal);
        Assert.Contains("Peak share (workdays 08:00–20:00)", Run("report", "--calls", calls, "--lang", "en").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_checks_table_speaks_one_language()
    {
        var catalog = AuditSamples.Sample("catalog.yaml");
        var (_, zh, _) = Run("catalog", "check", catalog);
        var zhHeader = zh.ReplaceLineEndings("\n").Split('\n').First(l => l.Contains("名称", StringComparison.Ordinal));
        Assert.Matches(@"^│ 套餐 +│ 名称 +│ 版本 +│ 生效 +│ 预存/期限 +│ 单价 元/分 +│ 计费 +│ 分时/地区/阶梯 +│ 月最低 +│$", zhHeader);
        Assert.Contains("catalog.yaml：4 家供应商，23 个套餐", zh, StringComparison.Ordinal);
        Assert.Contains("│ 3200分钟/期 ", zh, StringComparison.Ordinal);

        var (_, en, _) = Run("catalog", "check", catalog, "--lang", "en");
        var enLines = en.ReplaceLineEndings("\n").Split('\n');
        var table = enLines.TakeWhile(l => !l.StartsWith("Holiday calendar", StringComparison.Ordinal)).ToList();
        Assert.Matches(@"^│ Plan +│ Name +│ Versions +│ Effective +│ Package/term +│ Rate ¥/min +│ Billing +│ Bands/regions/tiers +│ Monthly minimum +│$", table.First(l => l.Contains("Name", StringComparison.Ordinal)));
        Assert.Contains(table, l => l.Contains("catalog.yaml: 4 providers, 23 plans", StringComparison.Ordinal));
        Assert.Contains(table, l => l.Contains("│ 3200 min/term ", StringComparison.Ordinal));
        Assert.DoesNotMatch(new Regex(@"\p{IsCJKUnifiedIdeographs}"), string.Join("\n", table));
    }
}
