using global::Hotline400.Audit;
using static Hotline400.Tests.Audit.AuditStateWorld;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Audit;

/// <summary>
/// Call files that start after the allowance period or tier month in force began: the audit took
/// the allowance as unused and the volume as zero, says so once, and marks the findings that rest
/// on it unverified, out of the money at stake. Figures: <see cref="AuditStateWorld"/> (30 minutes
/// for the term from 2026-07-01 at 0.10, then 0.15; a 5.00 minimum; tiers 0.10 then 0.08 from 100 minutes).
/// </summary>
public sealed class AuditStateUnknownTests
{
    [Fact]
    public void With_only_Octobers_calls_a_call_billed_at_the_overage_rate_is_an_unverified_allowance_not_honoured_kept_out_of_the_money_at_stake()
    {
        // Taken as unused, the 30 minutes cover o1 (expected 0.00, billed 0.45) and count 3 × 0.10 = 0.30
        // in the consumption: top-up 4.70 expected, 4.55 billed. Both rest on July–September.
        var r = AuditState($"""
            {Term},2026-10,call,o1,,3,0.15,0.45,
            {Term},2026-10,minimum,,,,,4.55,
            """, TermOctober);
        Assert.False(r.Ok);
        var call = r.Findings.Single(f => f.Cause == AuditCause.AllowanceNotHonoured);
        Assert.Equal((0m, 0.45m, false, new DateOnly(2026, 7, 1)), (call.Expected.Yuan, call.Billed.Yuan, call.Verified, call.NeedsCallsFrom));
        Assert.EndsWith("；待核实：套餐额度周期从 2026-07-01 开始，早于话单中该号码的第一通通话（2026-10-12），此前的用量无从得知，按余量未用计算", call.Detail.Zh, StringComparison.Ordinal);
        Assert.Contains("unverified: the allowance period began on 2026-07-01, before the number's first call in the files (2026-10-12)", call.Detail.En, StringComparison.Ordinal);
        var minimum = r.Findings.Single(f => f.Cause == AuditCause.MinimumMisapplied);
        Assert.Equal((4.70m, 4.55m, -0.15m, false, new DateOnly(2026, 7, 1)), (minimum.Expected.Yuan, minimum.Billed.Yuan, minimum.Difference.Yuan, minimum.Verified, minimum.NeedsCallsFrom));
        Assert.Contains("待核实：本月 1 通通话的费用取决于 2026-07-01 起的用量", minimum.Detail.Zh, StringComparison.Ordinal);
        Assert.Equal((0m, 0m, 0m, 0.30m), (r.AtStake.Yuan, r.Overcharged.Yuan, r.Undercharged.Yuan, r.AtStakeUnverified.Yuan));
        var byCause = r.ByCause.Single(c => c.Cause == AuditCause.AllowanceNotHonoured);
        Assert.Equal((1, 0m, 1, 0.45m), (byCause.Count, byCause.AtStake.Yuan, byCause.Unverified, byCause.AtStakeUnverified.Yuan));

        var assumed = Assert.Single(r.AllowanceAssumedFull);
        Assert.Equal((Term, new DateOnly(2026, 7, 1), (DateOnly?)null, new DateOnly(2026, 10, 12)),
            (assumed.Number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), assumed.AllowanceFrom!.Value, assumed.TierMonthFrom, assumed.FirstCall));
    }

    [Fact]
    public void With_only_Octobers_calls_a_statement_billing_the_call_as_covered_has_no_finding_but_the_audit_says_what_it_could_not_know()
    {
        var r = AuditState($"""
            {Term},2026-10,call,o1,,3,0.10,0.00,
            {Term},2026-10,minimum,,,,,4.70,
            """, TermOctober);
        Assert.True(r.Ok, string.Join("\n", r.Findings));
        var note = BillAuditor.StateNote(Assert.Single(r.AllowanceAssumedFull));
        Assert.Equal("400-800-0101（三元年套餐）的套餐额度周期从 2026-07-01 开始，早于话单中该号码的第一通通话（2026-10-12）：此前用掉多少无从得知，稽核按余量未用计算；"
            + "取决于它的差异标为“待核实”，不计入涉及金额。补充自 2026-07-01 起的通话记录后重新稽核即可核实", note.Zh);
        Assert.StartsWith("400-800-0101 (3 yuan yearly package): its allowance period began on 2026-07-01, before the number's first call in the files (2026-10-12);", note.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_that_do_not_rest_on_the_allowance_stay_verified_beside_those_that_do()
    {
        // o1 listed twice (0.45 at stake whatever the allowance) and a hidden fee of 10.00: verified;
        // the allowance and minimum findings of the first test: not.
        var r = AuditState($"""
            {Term},2026-10,call,o1,,3,0.15,0.45,
            {Term},2026-10,call,o1,,3,0.15,0.45,
            {Term},2026-10,minimum,,,,,4.55,
            {Term},2026-10,other,,,,,10.00,号码维护费
            """, TermOctober);
        Assert.Equal(
            [(AuditCause.AllowanceNotHonoured, false), (AuditCause.ChargedTwice, true), (AuditCause.FeeNotInPlan, true), (AuditCause.MinimumMisapplied, false)],
            r.Findings.Select(f => (f.Cause, f.Verified)));
        Assert.Equal((10.45m, 10.45m, 0m, 0.30m), (r.AtStake.Yuan, r.Overcharged.Yuan, r.Undercharged.Yuan, r.AtStakeUnverified.Yuan));
    }

    [Fact]
    public void A_call_after_the_allowance_ran_out_within_the_files_is_verified_although_the_term_began_before_them()
    {
        // Taken as unused: o1 covered (27 min left), o2 (40 min) 27 covered and 13 × 0.15 = 1.95, o3 3 × 0.15 = 0.45.
        // Whatever July–September used, no more than 30 minutes were left: o3 is at the overage rate for certain.
        // Consumption 30 × 0.10 + 1.95 + 0.45 = 5.40 reaches the minimum: no top-up.
        var r = AuditState($"""
            {Term},2026-10,call,o1,,3,0.10,0.00,
            {Term},2026-10,call,o2,,40,0.15,1.95,
            {Term},2026-10,call,o3,,3,0.10,0.30,
            """, [.. TermOctober, Answered("o2", Term, "2026-10-13T10:00:00", 2400), Answered("o3", Term, "2026-10-14T10:00:00", 170)]);
        var f = Assert.Single(r.Findings);
        Assert.Equal(("o3", AuditCause.RateDiffers, 0.45m, 0.30m, true), (f.CallId, f.Cause, f.Expected.Yuan, f.Billed.Yuan, f.Verified));
        Assert.Equal((-0.15m, 0m), (r.AtStake.Yuan, r.AtStakeUnverified.Yuan));
        Assert.Single(r.AllowanceAssumedFull);
    }

    [Fact]
    public void A_call_the_allowance_partly_covered_left_off_the_statement_is_an_unverified_call_not_billed()
    {
        // o2: 27 of its 40 minutes covered as far as the files show, 13 × 0.15 = 1.95; with less left it would cost more.
        // Consumption 30 × 0.10 + 1.95 = 4.95: the 0.05 top-up is billed as the files show it.
        var r = AuditState($"""
            {Term},2026-10,call,o1,,3,0.10,0.00,
            {Term},2026-10,minimum,,,,,0.05,
            """, [.. TermOctober, Answered("o2", Term, "2026-10-13T10:00:00", 2400)]);
        var f = Assert.Single(r.Findings);
        Assert.Equal(("o2", AuditCause.NotBilled, -1.95m, false), (f.CallId, f.Cause, f.Difference.Yuan, f.Verified));
        Assert.Equal((0m, -1.95m), (r.AtStake.Yuan, r.AtStakeUnverified.Yuan));
    }

    [Fact]
    public void A_call_billed_at_the_second_tier_when_the_files_start_on_the_10th_is_an_unverified_rate_difference()
    {
        // The month's volume counts from 1 October; the files start on the 10th, so t1 (3 min) is
        // expected at the first tier, 0.30, against 0.24 billed at the second.
        var r = AuditState($"{Tiers},2026-10,call,t1,,3,0.08,0.24,", Answered("t1", Tiers, "2026-10-10T10:00:00", 170));
        var f = Assert.Single(r.Findings);
        Assert.Equal((AuditCause.RateDiffers, 0.30m, 0.24m, false, new DateOnly(2026, 10, 1)), (f.Cause, f.Expected.Yuan, f.Billed.Yuan, f.Verified, f.NeedsCallsFrom));
        Assert.EndsWith("；待核实：阶梯用量从 2026-10-01 起按月累计，早于话单中该号码的第一通通话（2026-10-10），此前的用量无从得知，按零计算", f.Detail.Zh, StringComparison.Ordinal);
        Assert.Equal((0m, -0.06m), (r.AtStake.Yuan, r.AtStakeUnverified.Yuan));
        var assumed = Assert.Single(r.AllowanceAssumedFull);
        Assert.Equal(((DateOnly?)null, new DateOnly(2026, 10, 1)), (assumed.AllowanceFrom, assumed.TierMonthFrom!.Value));
    }

    [Fact]
    public void With_the_months_first_100_minutes_in_the_files_the_second_tier_is_certain()
    {
        // t0 on 1 October: 100 min × 0.10 = 10.00; t1 then starts at 100 minutes: 3 × 0.08 = 0.24.
        var r = AuditState($"""
            {Tiers},2026-10,call,t0,,100,0.10,10.00,
            {Tiers},2026-10,call,t1,,3,0.08,0.24,
            """, Answered("t0", Tiers, "2026-10-01T09:00:00", 6000), Answered("t1", Tiers, "2026-10-10T10:00:00", 170));
        Assert.True(r.Ok, string.Join("\n", r.Findings));
        Assert.Empty(r.AllowanceAssumedFull);
    }
}
