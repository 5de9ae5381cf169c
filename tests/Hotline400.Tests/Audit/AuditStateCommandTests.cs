using System.Text.Json;
using global::Hotline400.Audit;
using global::Hotline400.Cli;
using global::Hotline400.Cli.Commands;
using global::Hotline400.Common;
using static Hotline400.Tests.Audit.AuditStateWorld;
using static Hotline400.Tests.TestWorld;
using static Hotline400.Tests.CliRun;

namespace Hotline400.Tests.Audit;

/// <summary>
/// <c>hotline400 audit</c> with call files that start after a term's start: unverified findings in
/// JSON and in the table, the note said once, and the exit code (1 whenever there is a difference,
/// verified or not; docs/audit.md). Figures: <see cref="AuditStateUnknownTests"/>.
/// </summary>
public sealed class AuditStateCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _catalog;
    private readonly string _accounts;
    private readonly string _october;

    public AuditStateCommandTests()
    {
        _catalog = _dir.Write("catalog.yaml", AuditStateWorld.CatalogYaml);
        _accounts = _dir.Write("accounts.yaml", AuditStateWorld.AccountsYaml);
        _october = _dir.Write("october.csv", Header + "\n" + string.Join("\n", TermOctober) + "\n");
    }

    public void Dispose() => _dir.Dispose();

    private string[] Args(string calls, string[] rows, params string[] extra) =>
        ["audit", "--statement", _dir.Write("statement.csv", StatementHead + "\n" + string.Join("\n", rows) + "\n"), "--calls", calls, "--catalog", _catalog, "--accounts", _accounts, .. extra];

    /// <summary>o1 at the overage rate and the top-up that goes with it: right if July–September used the allowance up.</summary>
    private static readonly string[] AtOverage = [$"{Term},2026-10,call,o1,,3,0.15,0.45,", $"{Term},2026-10,minimum,,,,,4.55,"];

    [Fact]
    public void Unverified_findings_exit_1_with_verified_false_needs_calls_from_and_at_stake_unverified_in_json()
    {
        var (code, output, error) = Run(Args(_october, AtOverage, "--json"));
        Assert.Equal(1, code);
        Assert.Equal("", error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.False(root.GetProperty("ok").GetBoolean());
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(
            [("allowance_not_honoured", false, "2026-07-01", "0.45"), ("minimum_misapplied", false, "2026-07-01", "-0.15")],
            findings.Select(f => (f.GetProperty("cause").GetString(), f.GetProperty("verified").GetBoolean(), f.GetProperty("needs_calls_from").GetString(), f.GetProperty("difference").GetString())));
        Assert.Contains("待核实", findings[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(("0.00", "0.30", "0.00", "0.00"),
            (root.GetProperty("at_stake").GetString(), root.GetProperty("at_stake_unverified").GetString(), root.GetProperty("overcharged").GetString(), root.GetProperty("undercharged").GetString()));
        var byCause = root.GetProperty("by_cause")[0];
        Assert.Equal(("allowance_not_honoured", 1, "0.00", 1, "0.45"),
            (byCause.GetProperty("cause").GetString(), byCause.GetProperty("count").GetInt32(), byCause.GetProperty("at_stake").GetString(), byCause.GetProperty("unverified").GetInt32(), byCause.GetProperty("at_stake_unverified").GetString()));
        var assumed = Assert.Single(root.GetProperty("allowance_assumed_full").EnumerateArray().ToList());
        Assert.Equal((Term, "p/term", "2026-07-01", "2026-10-12", "2026-07-01"),
            (assumed.GetProperty("number").GetString(), assumed.GetProperty("plan").GetString(), assumed.GetProperty("period_start").GetString(),
                assumed.GetProperty("first_call").GetString(), assumed.GetProperty("allowance_period_start").GetString()));
        Assert.Equal(JsonValueKind.Null, assumed.GetProperty("tier_month_start").ValueKind);
        Assert.StartsWith("400-800-0101（三元年套餐）的套餐额度周期从 2026-07-01 开始", assumed.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Empty(root.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public void Json_notes_follow_lang_and_a_verified_finding_has_verified_true_and_no_needs_calls_from()
    {
        var (_, output, _) = Run(Args(_october, [.. AtOverage, $"{Term},2026-10,other,,,,,10.00,号码维护费"], "--json", "--lang", "en"));
        using var doc = JsonDocument.Parse(output);
        var fee = doc.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("cause").GetString() == "fee_not_in_plan");
        Assert.True(fee.GetProperty("verified").GetBoolean());
        Assert.False(fee.TryGetProperty("needs_calls_from", out _));
        Assert.Equal(("10.00", "0.30"), (doc.RootElement.GetProperty("at_stake").GetString(), doc.RootElement.GetProperty("at_stake_unverified").GetString()));
        Assert.StartsWith("400-800-0101 (3 yuan yearly package): its allowance period began on 2026-07-01",
            doc.RootElement.GetProperty("allowance_assumed_full")[0].GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_marks_unverified_differences_and_says_once_which_calls_would_settle_them()
    {
        var (code, output, _) = Run(Args(_october, AtOverage));
        Assert.Equal(1, code);
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains("0.45 待核实", output, StringComparison.Ordinal);
        Assert.Contains("  套餐内分钟未抵扣：1 项待核实（多收 0.45 元，未计入合计）", lines);
        Assert.Contains("  月最低消费计算错误：1 项待核实（少收 0.15 元，未计入合计）", lines);
        Assert.Contains("涉及金额合计 0.00 元（多收 0.00 元，少收 0.00 元）", lines);
        Assert.Contains("有 2 项差异待核实，差额 0.30 元，未计入涉及金额：需补充 400-800-0101 自 2026-07-01 起的通话记录", lines);
        Assert.Single(lines, l => l.StartsWith("注意：400-800-0101（三元年套餐）的套餐额度周期从 2026-07-01 开始", StringComparison.Ordinal));

        var (_, en, _) = Run(Args(_october, AtOverage, "--lang", "en"));
        lines = en.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains("0.45 unverified", en, StringComparison.Ordinal);
        Assert.Contains("  Allowance not honoured: 1 unverified finding (0.45 overcharged, not in the total)", lines);
        Assert.Contains("2 differences are unverified, 0.30 in all, not in the money at stake: they need the calls of 400-800-0101 from 2026-07-01 on", lines);
        Assert.Single(lines, l => l.StartsWith("Note: 400-800-0101 (3 yuan yearly package): its allowance period began on 2026-07-01", StringComparison.Ordinal));
    }

    [Fact]
    public void Beside_a_verified_difference_the_unverified_ones_are_more_and_apart_from_the_subtotal()
    {
        var (_, output, _) = Run(Args(_october, [.. AtOverage, $"{Term},2026-10,call,o1,,3,0.15,0.45,"]));
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains("  重复计费：1 项，多收 0.45 元", lines);
        Assert.Contains("涉及金额合计 0.45 元（多收 0.45 元，少收 0.00 元）", lines);
        Assert.Contains("另有 2 项差异待核实，差额 0.30 元，未计入上述合计：需补充 400-800-0101 自 2026-07-01 起的通话记录", lines);
        Assert.Equal("费率不符：2 项，多收 0.26 元；另 1 项待核实（少收 0.06 元，未计入合计）",
            AuditCommand.CauseSummary(new CauseTotal(AuditCause.RateDiffers, 3, new(0.26m), 1, new(-0.06m)), Language.Zh));
        Assert.Equal("Rate differs: 2 findings, 0.26 overcharged; 1 more unverified (0.06 left out, not in the total)",
            AuditCommand.CauseSummary(new CauseTotal(AuditCause.RateDiffers, 3, new(0.26m), 1, new(-0.06m)), Language.En));
    }

    [Fact]
    public void A_bill_that_matches_the_files_exits_0_but_does_not_call_itself_right_when_the_allowance_could_not_be_checked()
    {
        var (code, output, _) = Run(Args(_october, [$"{Term},2026-10,call,o1,,3,0.10,0.00,", $"{Term},2026-10,minimum,,,,,4.70,"]));
        Assert.Equal(0, code);
        Assert.DoesNotContain("账单正确", output, StringComparison.Ordinal);
        Assert.Contains("按所给话单，每一行都与合同相符；但部分套餐余量或阶梯用量的起点早于话单，见下方注意。", output, StringComparison.Ordinal);
        Assert.Contains("注意：400-800-0101（三元年套餐）的套餐额度周期从 2026-07-01 开始", output, StringComparison.Ordinal);

        var (_, json, _) = Run(Args(_october, [$"{Term},2026-10,call,o1,,3,0.10,0.00,", $"{Term},2026-10,minimum,,,,,4.70,"], "--json"));
        using var doc = JsonDocument.Parse(json);
        Assert.True(doc.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(1, doc.RootElement.GetProperty("allowance_assumed_full").GetArrayLength());
    }

    [Fact]
    public void With_the_calls_from_the_terms_start_the_same_audit_is_certain_and_says_nothing_of_it()
    {
        var calls = _dir.Write("july-october.csv", Header + "\n" + string.Join("\n", [.. TermJulyToSeptember, .. TermOctober]) + "\n");
        var (code, output, _) = Run(Args(calls, AtOverage));
        Assert.Equal(0, code);
        Assert.Contains("账单正确：每一行都与合同相符。", output, StringComparison.Ordinal);
        Assert.DoesNotContain("注意", output, StringComparison.Ordinal);
        Assert.DoesNotContain("待核实", output, StringComparison.Ordinal);
    }
}
