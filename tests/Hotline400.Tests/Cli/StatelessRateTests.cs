using System.Text.Json;
using Hotline400.Rating;
using static Hotline400.Tests.TestWorld;
using static Hotline400.Tests.CliRun;

namespace Hotline400.Tests.Cli;

/// <summary>
/// <c>rate</c> is stateless: it cannot know what a subscription consumed before its number's first
/// call in the files. When the allowance period or the tier month began on an earlier day, the
/// run says once (summary and <c>--json</c>) that it took the allowance as unused and the volume
/// as zero; a period that starts on the day of the first call, or a subscription that starts
/// within the files, does not count.
/// </summary>
public sealed class StatelessRateTests : IDisposable
{
    private const string CatalogText = """
        vat_rate: 0.06
        caller_rates: { mobile: 0.15, landline: 0.22, withheld: 0.22 }
        providers:
          - id: p
            name: { zh: 测试供应商, en: Test provider }
            grades:
              - { id: standard, name: 普通 }
            plans:
              - id: flat
                name: { zh: 按分钟, en: Per minute }
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.10 }
              - id: term
                name: { zh: 年度分钟包, en: Yearly minutes }
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.10
                    allowance: { minutes: 10, per: term, on_exhausted: overage, overage_rate: 0.15 }
              - id: short
                name: { zh: 三个月有效分钟包, en: Three-month minutes }
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.10
                    allowance: { minutes: 10, per: term, expires_after_months: 3, on_exhausted: overage, overage_rate: 0.15 }
              - id: monthly
                name: { zh: 包月分钟, en: Monthly minutes }
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.10
                    allowance: { minutes: 10, per: month, on_exhausted: overage, overage_rate: 0.15 }
              - id: tiers
                name: { zh: 阶梯, en: Tiers }
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.10
                    tiers: { mode: graduated, steps: [ { from: 0, rate: 0.10 }, { from: 100, rate: 0.08 } ] }
              - id: both
                name: { zh: 包月加阶梯, en: Monthly and tiers }
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.10
                    allowance: { minutes: 10, per: term, on_exhausted: overage, overage_rate: 0.15 }
                    tiers: { mode: graduated, steps: [ { from: 0, rate: 0.10 }, { from: 100, rate: 0.08 } ] }
        """;

    private const string Flat = "4008000001";
    private const string Term = "4008000002";
    private const string Short = "4008000003";
    private const string Monthly = "4008000004";
    private const string Tiers = "4008000005";
    private const string Both = "4008000006";
    private const string Late = "4008000007";    // subscribed to the term plan on 2026-10-02
    private const string Switch = "4008000008";  // flat until 2026-10-09, then the term plan

    private const string AccountsText = """
        enterprises:
          - id: acme
            name: { zh: 测试企业, en: Acme }
            numbers:
              - { number: 4008000001, plan: p/flat, start: 2026-01-01 }
              - { number: 4008000002, plan: p/term, start: 2026-07-01 }
              - { number: 4008000003, plan: p/short, start: 2026-01-01 }
              - { number: 4008000004, plan: p/monthly, start: 2026-01-01 }
              - { number: 4008000005, plan: p/tiers, start: 2026-01-01 }
              - { number: 4008000006, plan: p/both, start: 2026-07-01 }
              - { number: 4008000007, plan: p/term, start: 2026-10-02 }
              - number: 4008000008
                subscriptions:
                  - { plan: p/flat, start: 2026-01-01, end: 2026-10-09 }
                  - { plan: p/term, start: 2026-10-10 }
        """;

    private readonly TempDir _dir = new();
    private readonly string _catalog;
    private readonly string _accounts;

    public StatelessRateTests()
    {
        _catalog = _dir.Write("catalog.yaml", CatalogText);
        _accounts = _dir.Write("accounts.yaml", AccountsText);
    }

    public void Dispose() => _dir.Dispose();

    private string Calls(params string[] rows) => CallsIn("calls.csv", rows);

    private string CallsIn(string name, params string[] rows) => _dir.Write(name, Header + "\n" + string.Join("\n", rows) + "\n");

    private JsonElement RateJson(params string[] calls)
    {
        var (code, output, error) = Run(["rate", "--catalog", _catalog, "--accounts", _accounts, "--out", _dir.File("rated.csv"), "--json", .. calls]);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static List<JsonElement> Assumed(JsonElement json) => [.. json.GetProperty("allowance_assumed_full").EnumerateArray()];

    [Fact]
    public void A_term_allowance_that_began_before_the_files_is_taken_as_unused_and_the_run_says_so()
    {
        // The README's case: a term from 2026-07-01, the files start in October; the first call is covered.
        var json = RateJson(Calls(Answered("t1", Term, "2026-10-01T08:14:04", 115), Answered("t2", Term, "2026-10-05T10:00:00", 600)));
        var a = Assert.Single(Assumed(json));
        Assert.Equal(Term, a.GetProperty("number").GetString());
        Assert.Equal("p/term", a.GetProperty("plan").GetString());
        Assert.Equal("2026-07-01", a.GetProperty("period_start").GetString());
        Assert.Equal("2026-10-01", a.GetProperty("first_call").GetString());
        Assert.Equal("2026-07-01", a.GetProperty("allowance_period_start").GetString());
        Assert.Equal(JsonValueKind.Null, a.GetProperty("tier_month_start").ValueKind);
        Assert.Equal(
            "400-800-0002（年度分钟包）的套餐额度周期从 2026-07-01 开始，早于文件中该号码的第一通通话（2026-10-01）；无状态计费按额度未用计算。按工作区（import、bill）计费可延续之前的用量",
            a.GetProperty("note").GetString());
        // 2 minutes free, then 8 of the 10 left and 2 at the overage rate: what was assumed, stated.
        Assert.Equal("0.30", json.GetProperty("total").GetString());
    }

    [Fact]
    public void The_summary_says_it_once_in_Chinese_with_a_full_width_colon_and_in_English_with_lang_en()
    {
        var calls = Calls(Answered("t1", Term, "2026-10-01T08:14:04", 115), Answered("t2", Term, "2026-10-05T10:00:00", 600), Answered("f1", Flat, "2026-10-01T09:00:00", 60));
        var (code, zh, _) = Run("rate", "--catalog", _catalog, "--accounts", _accounts, "--out", _dir.File("rated.csv"), calls);
        Assert.Equal(0, code);
        Assert.Single(zh.Split('\n'), l => l.Contains("套餐额度周期", StringComparison.Ordinal));
        Assert.Contains("注意：400-800-0002（年度分钟包）的套餐额度周期从 2026-07-01 开始，早于文件中该号码的第一通通话（2026-10-01）；无状态计费按额度未用计算。按工作区（import、bill）计费可延续之前的用量\n", zh.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var (_, en, _) = Run("rate", "--catalog", _catalog, "--accounts", _accounts, "--out", _dir.File("rated.csv"), "--lang", "en", calls);
        Assert.Contains("Note: 400-800-0002 (Yearly minutes): its allowance period began on 2026-07-01, before the number's first call in the files (2026-10-01); rating statelessly, rate took the allowance as unused. Billing in the workspace (import, bill) carries usage across files", en, StringComparison.Ordinal);
        // The explanation of the rated call is unchanged: the run says it, not every call.
        Assert.DoesNotContain("无状态", File.ReadAllText(_dir.File("rated.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void Several_subscriptions_are_listed_under_one_heading_by_number()
    {
        var calls = Calls(Answered("m1", Monthly, "2026-10-03T09:00:00", 60), Answered("t1", Term, "2026-10-01T09:00:00", 60), Answered("b1", Both, "2026-10-02T09:00:00", 60));
        var (_, zh, _) = Run("rate", "--catalog", _catalog, "--accounts", _accounts, "--out", _dir.File("rated.csv"), calls);
        var lines = zh.ReplaceLineEndings("\n").Split('\n');
        var heading = Array.FindIndex(lines, l => l.StartsWith("注意：3 个号码的套餐额度周期或按月累计的阶梯用量早于文件中该号码的第一通通话", StringComparison.Ordinal));
        Assert.True(heading >= 0, zh);
        Assert.Equal("  400-800-0002（年度分钟包）：套餐额度周期从 2026-07-01 开始；第一通通话 2026-10-01", lines[heading + 1]);
        Assert.Equal("  400-800-0004（包月分钟）：套餐额度周期从 2026-10-01 开始；第一通通话 2026-10-03", lines[heading + 2]);
        Assert.Equal("  400-800-0006（包月加阶梯）：套餐额度周期从 2026-07-01 开始，阶梯用量从 2026-10-01 起累计；第一通通话 2026-10-02", lines[heading + 3]);
        var (_, en, _) = Run("rate", "--catalog", _catalog, "--accounts", _accounts, "--out", _dir.File("rated.csv"), "--lang", "en", calls);
        Assert.Contains("Note: for 3 numbers the allowance period or the monthly tier volume began before the number's first call in the files", en, StringComparison.Ordinal);
        Assert.Contains("  400-800-0006 (Monthly and tiers): allowance period from 2026-07-01, tier volume from 2026-10-01; first call 2026-10-02", en, StringComparison.Ordinal);
    }

    [Fact]
    public void A_month_whose_files_start_on_the_first_shortly_after_midnight_does_not_warn()
    {
        var json = RateJson(Calls(Answered("m1", Monthly, "2026-10-01T00:05:00", 60), Answered("v1", Tiers, "2026-10-01T23:59:00", 60), Answered("m2", Monthly, "2026-11-20T09:00:00", 60)));
        Assert.Empty(Assumed(json));
    }

    [Fact]
    public void A_monthly_allowance_and_a_tier_month_that_began_before_the_first_call_warn()
    {
        var json = RateJson(Calls(Answered("m1", Monthly, "2026-10-02T00:05:00", 60), Answered("v1", Tiers, "2026-10-15T10:00:00", 60)));
        var assumed = Assumed(json);
        Assert.Equal(2, assumed.Count);
        Assert.Equal("2026-10-01", assumed[0].GetProperty("allowance_period_start").GetString());
        Assert.Equal("2026-10-02", assumed[0].GetProperty("first_call").GetString());
        Assert.Equal(Tiers, assumed[1].GetProperty("number").GetString());
        Assert.Equal(JsonValueKind.Null, assumed[1].GetProperty("allowance_period_start").ValueKind);
        Assert.Equal("2026-10-01", assumed[1].GetProperty("tier_month_start").GetString());
        Assert.Equal("2026-10-01", assumed[1].GetProperty("period_start").GetString());
        Assert.StartsWith("400-800-0005（阶梯）的阶梯用量从 2026-10-01 起按月累计，早于文件中该号码的第一通通话（2026-10-15）；无状态计费按当月用量为零计算", assumed[1].GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Allowance_and_tiers_of_one_plan_are_one_entry_with_both_starts()
    {
        var a = Assert.Single(Assumed(RateJson(Calls(Answered("b1", Both, "2026-10-02T09:00:00", 60)))));
        Assert.Equal("2026-07-01", a.GetProperty("period_start").GetString());
        Assert.Equal("2026-07-01", a.GetProperty("allowance_period_start").GetString());
        Assert.Equal("2026-10-01", a.GetProperty("tier_month_start").GetString());
        Assert.StartsWith("400-800-0006（包月加阶梯）的套餐额度周期从 2026-07-01 开始、阶梯用量从 2026-10-01 起按月累计，均早于文件中该号码的第一通通话（2026-10-02）；无状态计费按额度未用、当月用量为零计算", a.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_without_allowance_or_tiers_and_an_expired_term_allowance_never_warn()
    {
        // The three-month allowance of the term that began 2026-01-01 expired on 2026-04-01: nothing is left whatever came before.
        var json = RateJson(Calls(Answered("f1", Flat, "2026-10-05T09:00:00", 60), Answered("s1", Short, "2026-10-05T09:00:00", 60)));
        Assert.Empty(Assumed(json));
    }

    [Fact]
    public void A_subscription_that_starts_within_the_files_does_not_warn()
    {
        // Late: subscribed on 2026-10-02, first call that day. Switch: its term plan starts 2026-10-10,
        // after the number's first call in the files (under the flat plan), so its term is all in them.
        var json = RateJson(Calls(
            Answered("l1", Late, "2026-10-02T15:00:00", 60),
            Answered("s1", Switch, "2026-10-01T09:00:00", 60),
            Answered("s2", Switch, "2026-10-12T09:00:00", 60)));
        Assert.Empty(Assumed(json));
    }

    [Fact]
    public void The_first_call_is_the_earliest_in_any_file_whatever_their_order()
    {
        var later = CallsIn("b.csv", Answered("t2", Term, "2026-10-20T09:00:00", 60));
        var earlier = CallsIn("a.csv", Answered("t1", Term, "2026-10-03T09:00:00", 60));
        var a = Assert.Single(Assumed(RateJson(later, earlier)));
        Assert.Equal("2026-10-03", a.GetProperty("first_call").GetString());
    }

    [Fact]
    public void The_period_starts_are_the_raters_own()
    {
        var catalog = LoadCatalog(CatalogText);
        var accounts = LoadAccounts(AccountsText, catalog);
        var term = accounts.Find(Hotline400.Numbers.HotlineNumber.Parse(Term))!.Subscriptions[0];
        var version = term.Plan.Versions[0];
        Assert.Equal((new DateOnly(2026, 7, 1), (DateOnly?)null), Rater.StatePeriodStarts(term, version, new DateOnly(2026, 10, 1)));
        Assert.Equal((new DateOnly(2027, 7, 1), (DateOnly?)null), Rater.StatePeriodStarts(term, version, new DateOnly(2027, 7, 1)));
        var late = accounts.Find(Hotline400.Numbers.HotlineNumber.Parse(Late))!.Subscriptions[0];
        Assert.Equal((new DateOnly(2026, 10, 2), (DateOnly?)null), Rater.StatePeriodStarts(late, version, new DateOnly(2026, 10, 30)));
        var both = accounts.Find(Hotline400.Numbers.HotlineNumber.Parse(Both))!.Subscriptions[0];
        Assert.Equal((new DateOnly(2026, 7, 1), new DateOnly(2026, 10, 1)), Rater.StatePeriodStarts(both, both.Plan.Versions[0], new DateOnly(2026, 10, 2)));
    }
}
