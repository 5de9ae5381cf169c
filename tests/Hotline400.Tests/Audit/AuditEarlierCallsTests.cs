using global::Hotline400.Audit;
using static Hotline400.Tests.Audit.AuditStateWorld;

namespace Hotline400.Tests.Audit;

/// <summary>
/// Call files that also hold the calls before the statement's month, back to the term's start:
/// they are rated in order, so the audited month starts with the allowance they left, and only the
/// statement's month is audited. Figures: <see cref="AuditStateWorld"/>.
/// </summary>
public sealed class AuditEarlierCallsTests
{
    private static readonly string[] JulyToOctober = [.. TermJulyToSeptember, .. TermOctober];

    [Fact]
    public void An_October_call_after_July_to_September_used_the_whole_allowance_is_expected_at_the_overage_rate()
    {
        // o1: 3 min × 0.15 = 0.45; consumption 0.45, so the 5.00 minimum tops up 4.55.
        var r = AuditState($"""
            {Term},2026-10,call,o1,,3,0.15,0.45,
            {Term},2026-10,minimum,,,,,4.55,
            """, JulyToOctober);
        Assert.True(r.Ok, string.Join("\n", r.Findings));
        Assert.Equal((0.45m + 4.55m, 0.45m + 4.55m), (r.Billed.Yuan, r.Expected.Yuan));
        Assert.Empty(r.AllowanceAssumedFull);
    }

    [Fact]
    public void A_statement_billing_that_call_as_covered_by_the_allowance_is_an_undercharge_and_so_is_its_minimum()
    {
        // Billed as covered: the call 0.00 instead of 0.45 (−0.45); covered minutes count 0.10 each
        // in the consumption, so the provider's top-up is 5.00 − 0.30 = 4.70 instead of 4.55 (+0.15).
        var r = AuditState($"""
            {Term},2026-10,call,o1,,3,,0.00,
            {Term},2026-10,minimum,,,,,4.70,
            """, JulyToOctober);
        Assert.False(r.Ok);
        Assert.Equal(2, r.Findings.Count);
        var call = r.Findings.Single(f => f.CallId == "o1");
        Assert.Equal((AuditCause.ChargeDiffers, 0.45m, 0m, -0.45m, true), (call.Cause, call.Expected.Yuan, call.Billed.Yuan, call.Difference.Yuan, call.Verified));
        Assert.Contains("套餐余量已用完", call.Detail.Zh);
        Assert.Contains("0.15 元/分钟", call.Detail.Zh);
        var minimum = r.Findings.Single(f => f.Cause == AuditCause.MinimumMisapplied);
        Assert.Equal((4.55m, 4.70m, 0.15m, true), (minimum.Expected.Yuan, minimum.Billed.Yuan, minimum.Difference.Yuan, minimum.Verified));
        Assert.Equal((-0.30m, 0.15m, -0.45m), (r.AtStake.Yuan, r.Overcharged.Yuan, r.Undercharged.Yuan));
        Assert.Equal(0m, r.AtStakeUnverified.Yuan);
    }

    [Fact]
    public void Billed_at_the_allowance_rate_with_the_rate_column_it_is_a_rate_difference_naming_the_overage_rate()
    {
        var r = AuditState($"""
            {Term},2026-10,call,o1,,3,0.10,0.30,
            {Term},2026-10,minimum,,,,,4.55,
            """, JulyToOctober);
        var f = Assert.Single(r.Findings);
        Assert.Equal((AuditCause.RateDiffers, 0.45m, 0.30m, -0.15m, true), (f.Cause, f.Expected.Yuan, f.Billed.Yuan, f.Difference.Yuan, f.Verified));
        Assert.Contains("套餐外", f.Detail.Zh);
        Assert.Contains("overage", f.Detail.En);
    }

    [Fact]
    public void The_months_before_the_statements_month_are_rated_but_not_audited()
    {
        // j1, a1 and s1 cost nothing (covered) and are on no line: not "not billed", not counted in the totals.
        var r = AuditState($"""
            {Term},2026-10,call,o1,,3,0.15,0.45,
            {Term},2026-10,minimum,,,,,4.55,
            """, JulyToOctober);
        Assert.Equal(4, r.CallsRated);
        Assert.Single(r.Statements);
        Assert.Empty(r.Findings);
    }

    [Fact]
    public void Earlier_calls_in_another_file_count_the_same()
    {
        var catalog = StateCatalog;
        var accounts = TestWorld.LoadAccounts(AccountsYaml, catalog);
        // October first, July–September second: the pipeline rates them in start order whatever the file order.
        var (calls, _) = TestWorld.Rate(catalog, accounts, TermOctober, TermJulyToSeptember);
        var o1 = calls.Call("o1");
        Assert.Equal((0L, 0.45m), (o1.AllowanceBeforeSeconds, o1.Charge.Yuan));
    }
}
