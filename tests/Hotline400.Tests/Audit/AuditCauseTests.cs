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
        var allow = NumberFor("allow");
        var r = Audit($"{allow},2026-03,call,c1,,5,0.10,0.50,", Answered("c1", allow, "2026-03-03T10:00:00", 290));
        var f = Single(r, AuditCause.AllowanceNotHonoured);
        Assert.Equal((0m, 0.50m), (f.Expected.Yuan, f.Billed.Yuan));
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
