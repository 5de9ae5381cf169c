using global::Hotline400.Audit;
using global::Hotline400.Billing;
using global::Hotline400.Numbers;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Audit;

/// <summary>
/// Each cause found alone on a tiny hand-made statement over the test catalog, with its exact money
/// at stake. Numbers: <c>flat</c> 0.10/min per started minute; <c>peak</c> 0.12 peak, 0.06 off-peak;
/// <c>allow</c> 10 minutes a month; <c>pkg</c> a 1200 package with a 100 monthly minimum.
/// </summary>
public sealed class AuditCauseTests
{
    private const string Head = "number,period,line_type,call_id,started_at,billed_minutes,rate,amount,description";

    private static readonly string Flat = NumberFor("flat");

    internal static AuditResult Audit(string statementRows, params string[] callRows)
    {
        var catalog = TestWorld.Catalog;
        var accounts = TestWorld.Accounts(catalog);
        var (calls, _) = Rate(catalog, accounts, callRows);
        var statement = ProviderStatementReader.ReadText(Head + "\n" + statementRows.Trim() + "\n", "statement.csv", StatementColumnMap.Default, accounts, out var error);
        Assert.Null(error);
        return BillAuditor.Audit(statement!, calls.Rated, catalog, accounts);
    }

    private static AuditFinding Single(AuditResult result, AuditCause cause)
    {
        Assert.False(result.Ok);
        var f = Assert.Single(result.Findings);
        Assert.Equal(cause, f.Cause);
        return f;
    }

    [Fact]
    public void A_61_second_call_billed_as_three_minutes_is_a_billed_minutes_difference_of_10_fen()
    {
        var r = Audit($"{Flat},2026-03,call,c1,,3,0.10,0.30,",
            Answered("c1", Flat, "2026-03-03T10:00:00", 61));
        var f = Single(r, AuditCause.BilledMinutes);
        Assert.Equal(("c1", 0.20m, 0.30m, 0.10m), (f.CallId, f.Expected.Yuan, f.Billed.Yuan, f.Difference.Yuan));
        Assert.Equal(0.10m, r.AtStake.Yuan);
    }

    [Fact]
    public void An_off_peak_call_billed_at_the_peak_rate_is_a_rate_difference_of_6_fen()
    {
        var peak = NumberFor("peak");
        var r = Audit($"{peak},2026-03,call,c1,,1,0.12,0.12,",
            Answered("c1", peak, "2026-03-03T21:00:00", 50));
        var f = Single(r, AuditCause.RateDiffers);
        Assert.Equal((0.06m, 0.12m), (f.Expected.Yuan, f.Billed.Yuan));
        Assert.Equal(0.06m, r.AtStake.Yuan);
    }

    [Fact]
    public void A_call_billed_twice_puts_its_whole_charge_at_stake()
    {
        var r = Audit($"""
            {Flat},2026-03,call,c1,,2,0.10,0.20,
            {Flat},2026-03,call,c1,,2,0.10,0.20,
            """, Answered("c1", Flat, "2026-03-03T10:00:00", 61));
        var f = Single(r, AuditCause.ChargedTwice);
        Assert.Equal((0m, 0.20m, 3), (f.Expected.Yuan, f.Billed.Yuan, f.Line));
        Assert.Equal(0.20m, r.AtStake.Yuan);
    }

    [Fact]
    public void A_billed_call_id_missing_from_the_records_is_not_in_the_records()
    {
        var r = Audit($"""
            {Flat},2026-03,call,c1,,2,0.10,0.20,
            {Flat},2026-03,call,ghost,,4,0.10,0.40,
            """, Answered("c1", Flat, "2026-03-03T10:00:00", 61));
        var f = Single(r, AuditCause.NotInRecords);
        Assert.Equal(("ghost", 0.40m), (f.CallId, f.Difference.Yuan));
        Assert.Equal(0.40m, r.AtStake.Yuan);
    }

    [Fact]
    public void A_call_made_to_another_number_billed_on_this_numbers_statement_puts_its_amount_at_stake_and_out_of_the_expected_total()
    {
        // c9 is a 61 s peak call of the peak number: 2 min × 0.12 = 0.24, billed on the flat number's statement.
        var peak = NumberFor("peak");
        var r = Audit($"""
            {Flat},2026-03,call,c1,,2,0.10,0.20,
            {Flat},2026-03,call,c9,,2,0.12,0.24,
            """, Answered("c1", Flat, "2026-03-03T10:00:00", 61), Answered("c9", peak, "2026-03-03T11:00:00", 61));
        var f = Single(r, AuditCause.CallOfAnotherNumber);
        Assert.Equal(("c9", Flat, 3, 0m, 0.24m, 0.24m), (f.CallId, f.Number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Line, f.Expected.Yuan, f.Billed.Yuan, f.Difference.Yuan));
        Assert.Contains("400-800-0005", f.Detail.Zh);
        Assert.Equal((0.44m, 0.20m, 0.24m), (r.Billed.Yuan, r.Expected.Yuan, r.AtStake.Yuan));
    }

    [Fact]
    public void A_September_call_on_the_March_statement_is_outside_the_period_with_its_amount_at_stake()
    {
        var r = Audit($"""
            {Flat},2026-03,call,c1,,2,0.10,0.20,
            {Flat},2026-03,call,c0,,3,0.10,0.30,
            """, Answered("c1", Flat, "2026-03-03T10:00:00", 61), Answered("c0", Flat, "2026-02-28T23:58:00", 170));
        var f = Single(r, AuditCause.CallOutsidePeriod);
        Assert.Equal(("c0", 3, 0m, 0.30m), (f.CallId, f.Line, f.Expected.Yuan, f.Billed.Yuan));
        Assert.Contains("2026-02", f.Detail.Zh);
        Assert.Equal((0.20m, 0.30m), (r.Expected.Yuan, r.AtStake.Yuan));
    }

    [Fact]
    public void A_call_billed_on_the_wrong_one_of_two_audited_statements_is_charged_on_one_and_missing_from_the_other()
    {
        // c9 (peak, 0.24) is listed under the flat number; the peak number's statement lacks it: net 0.
        var peak = NumberFor("peak");
        var r = Audit($"""
            {Flat},2026-03,call,c1,,2,0.10,0.20,
            {Flat},2026-03,call,c9,,2,0.12,0.24,
            {peak},2026-03,call,c8,,1,0.12,0.12,
            """, Answered("c1", Flat, "2026-03-03T10:00:00", 61), Answered("c9", peak, "2026-03-03T11:00:00", 61), Answered("c8", peak, "2026-03-03T12:00:00", 30));
        Assert.Equal(
            [(AuditCause.CallOfAnotherNumber, Flat, 0.24m), (AuditCause.NotBilled, peak, -0.24m)],
            r.Findings.Select(f => (f.Cause, f.Number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Difference.Yuan)));
        Assert.Equal(0m, r.AtStake.Yuan);
    }

    [Fact]
    public void A_charged_call_left_off_the_statement_is_not_billed_with_negative_money_at_stake()
    {
        var r = Audit($"{Flat},2026-03,call,c1,,2,0.10,0.20,",
            Answered("c1", Flat, "2026-03-03T10:00:00", 61),
            Answered("c2", Flat, "2026-03-04T10:00:00", 170));
        var f = Single(r, AuditCause.NotBilled);
        Assert.Equal(("c2", 0.30m, 0m, -0.30m, 0), (f.CallId, f.Expected.Yuan, f.Billed.Yuan, f.Difference.Yuan, f.Line));
        Assert.Equal(-0.30m, r.AtStake.Yuan);
        Assert.Equal(-0.30m, r.Undercharged.Yuan);
        Assert.Equal(0m, r.Overcharged.Yuan);
    }

    [Fact]
    public void A_fee_no_plan_term_explains_is_a_hidden_fee()
    {
        var r = Audit($"""
            {Flat},2026-03,call,c1,,2,0.10,0.20,
            {Flat},2026-03,other,,,,,5.00,号码维护费
            """, Answered("c1", Flat, "2026-03-03T10:00:00", 61));
        var f = Single(r, AuditCause.FeeNotInPlan);
        Assert.Equal(("other", (string?)null, 0m, 5.00m), (f.LineType, f.CallId, f.Expected.Yuan, f.Billed.Yuan));
        Assert.Equal(5.00m, r.AtStake.Yuan);
    }

    [Fact]
    public void A_hidden_fee_shows_the_providers_own_wording_for_it()
    {
        var r = Audit($"""
            {Flat},2026-03,other,,,,,5.00,号码维护费
            {Flat},2026-03,月租,,,,,20.00,
            {Flat},2026-03,靓号保底费,,,,,8.00,
            """);
        Assert.Equal(
            [
                ("monthly_fee", "monthly_fee（月租）20.00 元：套餐条款及已开通业务中均无此项收费", "monthly_fee (月租) 20.00: no plan term or enabled service explains this fee", "月租"),
                ("other", "other（号码维护费）5.00 元：套餐条款及已开通业务中均无此项收费", "other (号码维护费) 5.00: no plan term or enabled service explains this fee", "号码维护费"),
                ("靓号保底费", "靓号保底费 8.00 元：套餐条款及已开通业务中均无此项收费", "靓号保底费 8.00: no plan term or enabled service explains this fee", null),
            ],
            r.Findings.Select(f => (f.LineType, f.Detail.Zh, f.Detail.En, f.Wording)).OrderBy(x => x.LineType, StringComparer.Ordinal));
        Assert.All(r.Findings, f => Assert.Equal(AuditCause.FeeNotInPlan, f.Cause));
    }

    [Fact]
    public void A_service_fee_for_a_service_the_number_does_not_have_is_a_hidden_fee()
    {
        var r = Audit($"{Flat},2026-03,service_fee:ivr,,,,,25.00,语音导航月费");
        var f = Single(r, AuditCause.FeeNotInPlan);
        Assert.Equal("service_fee:ivr", f.LineType);
        Assert.Equal(25.00m, r.AtStake.Yuan);
    }

    [Fact]
    public void The_yearly_IVR_fee_billed_in_the_month_its_service_year_starts_is_no_finding()
    {
        var r = Audit($"{IvrNumber},2026-01,service_fee:ivr,,,,,300.00,语音导航年费");
        Assert.True(r.Ok, string.Join("\n", r.Findings));
    }

    [Fact]
    public void A_fee_written_with_more_than_two_decimals_counts_rounded_to_the_fen_and_never_differs_by_0_00()
    {
        Assert.True(Audit($"{IvrNumber},2026-01,service_fee:ivr,,,,,300.004,语音导航年费").Ok);
        var r = Audit($"{IvrNumber},2026-01,service_fee:ivr,,,,,299.994,语音导航年费");
        var f = Single(r, AuditCause.FeeDiffers);
        Assert.Equal((300.00m, 299.99m, -0.01m), (f.Expected.Yuan, f.Billed.Yuan, f.Difference.Yuan));
    }

    [Fact]
    public void A_minimum_top_up_that_ignores_package_covered_minutes_is_misapplied_by_their_value()
    {
        // 82 covered minutes are 8.20 of consumption on a package plan: the top-up is 100 − 8.20 = 91.80.
        var pkg = NumberFor("pkg");
        var r = Audit($"""
            {pkg},2026-03,call,c1,,82,0.10,0.00,
            {pkg},2026-03,minimum,,,,,100.00,月最低消费补足
            """, Answered("c1", pkg, "2026-03-03T10:00:00", 82 * 60 - 5));
        var f = Single(r, AuditCause.MinimumMisapplied);
        Assert.Equal(("minimum", 91.80m, 100.00m, 8.20m), (f.LineType, f.Expected.Yuan, f.Billed.Yuan, f.Difference.Yuan));
    }

    [Fact]
    public void A_minimum_top_up_left_off_the_statement_is_misapplied_with_negative_money_at_stake()
    {
        var pkg = NumberFor("pkg");
        var r = Audit($"{pkg},2026-03,call,c1,,1,0.10,0.00,", Answered("c1", pkg, "2026-03-03T10:00:00", 30));
        var f = Single(r, AuditCause.MinimumMisapplied);
        Assert.Equal((99.90m, 0m, -99.90m), (f.Expected.Yuan, f.Billed.Yuan, f.Difference.Yuan));
    }

    [Fact]
    public void A_call_charged_while_the_monthly_allowance_still_covered_it_is_allowance_not_honoured()
    {
        // The call files start on the 1st, with the month's allowance: the finding is certain.
        var allow = NumberFor("allow");
        var r = Audit($"{allow},2026-03,call,c1,,5,0.10,0.50,", Answered("c1", allow, "2026-03-01T10:00:00", 290));
        var f = Single(r, AuditCause.AllowanceNotHonoured);
        Assert.Equal((0m, 0.50m, true), (f.Expected.Yuan, f.Billed.Yuan, f.Verified));
        Assert.Equal(0.50m, r.AtStake.Yuan);
    }

    [Fact]
    public void A_call_past_the_allowance_billed_at_the_overage_rate_is_right()
    {
        var allow = NumberFor("allow");
        var r = Audit($"""
            {allow},2026-03,call,c1,,10,0.10,0.00,
            {allow},2026-03,call,c2,,2,0.15,0.30,
            """, Answered("c1", allow, "2026-03-03T10:00:00", 595), Answered("c2", allow, "2026-03-04T10:00:00", 115));
        Assert.True(r.Ok, string.Join("\n", r.Findings));
    }

    [Fact]
    public void A_correct_hand_made_statement_gives_ok_and_no_findings()
    {
        var pkg = NumberFor("pkg");
        var r = Audit($"""
            {Flat},2026-03,call,c1,2026-03-03T10:00:00+08:00,2,0.10,0.20,通话费
            {Flat},2026-03,call,c2,,3,0.10,0.30,
            {pkg},2026-03,call,c3,,10,0.10,0.00,套餐内
            {pkg},2026-03,minimum,,,,,99.00,月最低消费补足
            """,
            Answered("c1", Flat, "2026-03-03T10:00:00", 61),
            Answered("c2", Flat, "2026-03-04T10:00:00", 170),
            Answered("c3", pkg, "2026-03-04T10:00:00", 595),
            Missed("c4", Flat, "2026-03-05T10:00:00", 20));
        Assert.True(r.Ok);
        Assert.Empty(r.Findings);
        Assert.Equal(0m, r.AtStake.Yuan);
        Assert.Equal((3, 1), (r.CallLines, r.FeeLines));
        Assert.Equal(r.Expected, r.Billed);
    }

    // secline: 0.12/min per second, rounded once per line. P1 talks 61 s (0.122), P2 62 s (0.124):
    // the usage line is 0.246 → 0.25, and our statement lists 0.12 + 0.13 (the running sum rounded).
    private static readonly string SecLine = NumberFor("secline");

    private static AuditResult PerLine(string p1, string p2) => Audit($"""
        {SecLine},2026-03,call,P1,,1.02,0.12,{p1},
        {SecLine},2026-03,call,P2,,1.03,0.12,{p2},
        """, Answered("P1", SecLine, "2026-03-03T10:00:00", 61), Answered("P2", SecLine, "2026-03-03T10:05:00", 62));

    [Theory]
    [InlineData("0.12", "0.13")]
    [InlineData("0.13", "0.12")]
    [InlineData("0.122", "0.124")]
    [InlineData("0.12", "0.134")]
    public void On_a_per_line_plan_calls_within_a_fen_of_their_exact_charge_that_add_up_to_the_rounded_line_are_right(string p1, string p2)
    {
        var r = PerLine(p1, p2);
        Assert.True(r.Ok, string.Join("\n", r.Findings));
        Assert.Equal(0.25m, r.Expected.Yuan);
    }

    [Fact]
    public void On_a_per_line_plan_calls_each_rounded_to_0_12_leave_the_line_one_fen_short()
    {
        var r = PerLine("0.12", "0.12");
        var f = Single(r, AuditCause.LineTotalDiffers);
        Assert.Equal(((string?)null, 2, 0.25m, 0.24m, -0.01m), (f.CallId, f.Line, f.Expected.Yuan, f.Billed.Yuan, f.Difference.Yuan));
        Assert.Equal("按行取整（p/secline v1 standard 0.12 元/分钟）：2 通通话精确合计 0.246 元，整行取整为 0.25 元；账单上这些通话行合计 0.24 元", f.Detail.Zh);
        Assert.Equal(-0.01m, r.AtStake.Yuan);
    }

    [Fact]
    public void On_a_per_line_plan_a_call_billed_a_fen_or_more_off_is_measured_against_its_share_of_the_line()
    {
        // 0.12 + 0.20 = 0.32 against a 0.25 line: P2's share is 0.13, so 0.07 too much, and nothing else.
        var r = PerLine("0.12", "0.20");
        var f = Single(r, AuditCause.ChargeDiffers);
        Assert.Equal(("P2", 0.13m, 0.20m, 0.07m), (f.CallId, f.Expected.Yuan, f.Billed.Yuan, f.Difference.Yuan));
        Assert.Contains("0.124", f.Detail.Zh);
        Assert.Equal(0.07m, r.AtStake.Yuan);
    }

    [Fact]
    public void On_a_per_line_plan_a_call_left_off_is_not_billed_at_its_share_of_the_line()
    {
        var r = Audit($"{SecLine},2026-03,call,P1,,1.02,0.12,0.12,",
            Answered("P1", SecLine, "2026-03-03T10:00:00", 61), Answered("P2", SecLine, "2026-03-03T10:05:00", 62));
        var f = Single(r, AuditCause.NotBilled);
        Assert.Equal(("P2", 0.13m, -0.13m), (f.CallId, f.Expected.Yuan, f.Difference.Yuan));
        Assert.Equal((0.12m, 0.25m, -0.13m), (r.Billed.Yuan, r.Expected.Yuan, r.AtStake.Yuan));
    }

    [Fact]
    public void On_a_per_call_plan_an_amount_with_more_than_two_decimals_counts_rounded_to_the_fen()
    {
        // sec: per second, each call rounded: 61 s at 0.12 is 0.122 → 0.12. 0.122 is that; 0.125 counts as 0.13, a fen too much.
        var sec = NumberFor("sec");
        Assert.True(Audit($"{sec},2026-03,call,c1,,1.02,0.12,0.122,", Answered("c1", sec, "2026-03-03T10:00:00", 61)).Ok);
        var f = Single(Audit($"{sec},2026-03,call,c1,,1.02,0.12,0.125,", Answered("c1", sec, "2026-03-03T10:00:00", 61)), AuditCause.ChargeDiffers);
        Assert.Equal((0.12m, 0.13m, 0.01m), (f.Expected.Yuan, f.Billed.Yuan, f.Difference.Yuan));
        Assert.Contains("账单 0.125 元", f.Detail.Zh);
    }

    [Fact]
    public void Our_statement_of_a_per_line_plan_spreads_the_rounded_line_over_its_calls_as_0_12_and_0_13()
    {
        var catalog = TestWorld.Catalog;
        var accounts = TestWorld.Accounts(catalog);
        var (calls, _) = Rate(catalog, accounts, [Answered("P1", SecLine, "2026-03-03T10:00:00", 61), Answered("P2", SecLine, "2026-03-03T10:05:00", 62)]);
        var statements = new[] { (HotlineNumber.Parse(SecLine), BillingPeriod.Parse("2026-03")) };
        var text = ProviderStatementWriter.Write(statements, calls.Rated, catalog, accounts);
        var amounts = text.Split('\n').Where(l => l.Contains(",call,", StringComparison.Ordinal)).Select(l => l.Split(',')[7]).ToList();
        Assert.Equal(["0.12", "0.13"], amounts);
        var built = StatementBuilder.Build(accounts.Find(HotlineNumber.Parse(SecLine))!, BillingPeriod.Parse("2026-03"), catalog, calls.Rated, null, new StatementOptions { CallDetails = false });
        Assert.Equal(0.25m, Assert.Single(built.Lines, l => l.Kind == LineKind.Usage).Amount.Yuan);
    }

    [Fact]
    public void On_a_per_line_plan_with_split_bands_and_connect_fees_our_statement_is_right_and_a_fen_more_on_any_call_is_one_fen_at_stake()
    {
        // Calls split at 20:00 and connect fees join every call into one group of three rounded lines.
        var catalog = LoadCatalog("""
            vat_rate: 0.06
            caller_rates: { mobile: 0.15, landline: 0.22, withheld: 0.22 }
            providers:
              - id: p
                name: 测试
                grades: [ { id: standard, name: 普通 } ]
                plans:
                  - id: splitline
                    name: 分段按行
                    versions:
                      - version: 1
                        effective: 2026-01-01
                        rate: 0.12
                        billing: { increment: 1, rounding: per_line, bands_by: split, connect_fee: 0.015 }
                        bands:
                          - { id: peak, name: 忙时, days: [all], from: "08:00", to: "20:00", rate: 0.13 }
                          - { id: offpeak, name: 闲时, days: [all], from: "20:00", to: "08:00", rate: 0.07 }
            """);
        var accounts = LoadAccounts("""
            enterprises:
              - id: e
                name: 企业
                numbers:
                  - { number: 4008111111, plan: p/splitline, start: 2026-01-01 }
            """, catalog);
        var n = "4008111111";
        var (calls, _) = Rate(catalog, accounts, [
            Answered("s1", n, "2026-03-03T19:59:00", 77), Answered("s2", n, "2026-03-04T10:00:00", 13), Answered("s3", n, "2026-03-04T19:58:30", 101),
            Answered("s4", n, "2026-03-05T21:00:00", 7), Answered("s5", n, "2026-03-06T09:00:00", 44)]);
        var text = ProviderStatementWriter.Write([(HotlineNumber.Parse(n), BillingPeriod.Parse("2026-03"))], calls.Rated, catalog, accounts);
        var sorted = calls.Rated.OrderBy(c => c.Call.StartedMs).ToList();
        var group = Assert.Single(BillAuditor.PerLineUsage(sorted).Groups);
        Assert.Equal("p/splitline v1 peak 0.13 元/分钟、p/splitline v1 offpeak 0.07 元/分钟、接通费", group.Name.Zh);
        var written = text.Split('\n').Where(l => l.Contains(",call,", StringComparison.Ordinal)).ToDictionary(l => l.Split(',')[3], l => decimal.Parse(l.Split(',')[7], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(group.Total.Yuan, written.Values.Sum());
        Assert.Contains(sorted, c => written[c.Call.CallId] != c.Charge.RoundToFen().Yuan); // the spread is not each call rounded
        var clean = StatementAuditing(text);
        Assert.True(clean.Ok, string.Join("\n", clean.Findings));
        Assert.Equal(clean.Expected, clean.Billed);
        var rows = text.TrimEnd('\n').Split('\n');
        for (var i = 1; i < rows.Length; i++)
        {
            if (!rows[i].Contains(",call,", StringComparison.Ordinal))
            {
                continue;
            }
            var cells = rows[i].Split(',');
            cells[7] = (decimal.Parse(cells[7], System.Globalization.CultureInfo.InvariantCulture) + 0.01m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            var changed = rows.ToArray();
            changed[i] = string.Join(",", cells);
            var r = StatementAuditing(string.Join("\n", changed) + "\n");
            Assert.Equal(0.01m, r.AtStake.Yuan);
            Assert.All(r.Findings, f => Assert.NotEqual(0m, f.Difference.Yuan));
        }

        AuditResult StatementAuditing(string statementText)
        {
            var statement = ProviderStatementReader.ReadText(statementText, "s.csv", StatementColumnMap.Default, accounts, out var error)!;
            Assert.Null(error);
            return BillAuditor.Audit(statement, calls.Rated, catalog, accounts);
        }
    }

    [Fact]
    public void A_statement_written_from_the_computation_audits_clean_for_every_test_plan()
    {
        var catalog = TestWorld.Catalog;
        var accounts = TestWorld.Accounts(catalog);
        var rows = new List<string>();
        var i = 0;
        foreach (var number in AllNumbers)
        {
            rows.Add(Answered($"a{i++}", number, "2026-03-03T10:00:00", 61, recorded: 1));
            rows.Add(Answered($"a{i++}", number, "2026-03-07T21:30:00", 1234));
            rows.Add(Missed($"a{i++}", number, "2026-03-09T08:00:00", 30));
        }
        var (calls, _) = Rate(catalog, accounts, rows.ToArray());
        var text = ProviderStatementWriter.Write(AllNumbers.Select(n => (HotlineNumber.Parse(n), BillingPeriod.Parse("2026-03"))), calls.Rated, catalog, accounts);
        var statement = ProviderStatementReader.ReadText(text, "s.csv", StatementColumnMap.Default, accounts, out var error)!;
        Assert.Null(error);
        Assert.Empty(statement.Rejects);
        var r = BillAuditor.Audit(statement, calls.Rated, catalog, accounts);
        Assert.True(r.Ok, string.Join("\n", r.Findings));
    }
}
