using System.Text.Json;
using global::Hotline400.Audit;
using global::Hotline400.Billing;
using global::Hotline400.Common;
using global::Hotline400.Numbers;

namespace Hotline400.Tests.Audit;

/// <summary>
/// samples/provider-statement.csv is the statement of two numbers for October 2026, built by
/// <see cref="ProviderStatementWriter"/> and then given planted errors; samples/audit-expected.json
/// lists what the audit must find, and nothing else.
/// </summary>
public sealed class SampleAuditTests
{
    private static readonly (HotlineNumber, BillingPeriod)[] Statements =
        [(HotlineNumber.Parse("4008261357"), BillingPeriod.Parse("2026-10")), (HotlineNumber.Parse("4009301234"), BillingPeriod.Parse("2026-10"))];

    [Fact]
    public void The_sample_statement_as_built_by_code_before_planting_errors_audits_clean()
    {
        var text = ProviderStatementWriter.Write(Statements, AuditSamples.Rated, AuditSamples.Catalog, AuditSamples.Accounts);
        var statement = ProviderStatementReader.ReadText(text, "clean.csv", StatementColumnMap.Default, AuditSamples.Accounts, out _)!;
        var r = BillAuditor.Audit(statement, AuditSamples.Rated, AuditSamples.Catalog, AuditSamples.Accounts);
        Assert.True(r.Ok, string.Join("\n", r.Findings));
    }

    [Fact]
    public void The_sample_statement_gives_exactly_the_expected_findings_and_nothing_else()
    {
        var statement = ProviderStatementReader.ReadFile(AuditSamples.Sample("provider-statement.csv"), StatementColumnMap.Default, AuditSamples.Accounts, out var error);
        Assert.Null(error);
        var r = BillAuditor.Audit(statement!, AuditSamples.Rated, AuditSamples.Catalog, AuditSamples.Accounts);
        using var expected = JsonDocument.Parse(File.ReadAllText(AuditSamples.Sample("audit-expected.json")));
        var want = expected.RootElement.GetProperty("findings").EnumerateArray().Select(f => string.Join("|",
            f.GetProperty("cause").GetString(),
            f.TryGetProperty("call_id", out var id) ? id.GetString() : "",
            f.GetProperty("number").GetString(),
            f.GetProperty("line_type").GetString(),
            f.GetProperty("line").GetInt32(),
            f.GetProperty("expected").GetString(),
            f.GetProperty("billed").GetString(),
            f.GetProperty("difference").GetString(),
            f.GetProperty("verified").GetBoolean())).ToList();
        var got = r.Findings.Select(f => string.Join("|",
            AuditCauses.Code(f.Cause), f.CallId ?? "", f.Number.Value, f.LineType, f.Line,
            f.Expected.Yuan.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            f.Billed.Yuan.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            f.Difference.Yuan.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            f.Verified)).ToList();
        Assert.Equal(want, got);
        Assert.Equal(expected.RootElement.GetProperty("at_stake").GetString(), r.AtStake.Yuan.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.RootElement.GetProperty("at_stake_unverified").GetString(), r.AtStakeUnverified.Yuan.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(r.StatementRejects);
        Assert.Empty(r.AllowanceAssumedFull);
    }

    [Fact]
    public void The_sample_calls_start_at_400_826_1357s_term_so_its_allowance_on_12_October_is_what_July_to_September_left()
    {
        // July–September used 2,961 minutes and …20261012-000001 one more: 12,000 − 2,962 = 9,038 left.
        var first = AuditSamples.Rated.Where(c => c.Call.Number == HotlineNumber.Parse("4008261357")).Min(c => ChinaTime.Date(c.Call.StartedMs));
        Assert.Equal(new DateOnly(2026, 7, 1), first);
        var statement = ProviderStatementReader.ReadFile(AuditSamples.Sample("provider-statement.csv"), StatementColumnMap.Default, AuditSamples.Accounts, out _)!;
        var r = BillAuditor.Audit(statement, AuditSamples.Rated, AuditSamples.Catalog, AuditSamples.Accounts);
        var f = r.Findings.Single(f => f.Cause == AuditCause.AllowanceNotHonoured);
        Assert.Equal("通话 4008261357-20261012-000002：5 分钟应由套餐余量抵扣（余量 9038 分钟），账单却收费", f.Detail.Zh);
        Assert.True(f.Verified);
    }

    [Fact]
    public void The_sample_audited_with_only_its_October_week_leaves_the_allowance_and_minimum_findings_unverified_and_out_of_the_money_at_stake()
    {
        // The same week without July–September: the allowance is taken as full (11,999 minutes left at
        // …000002) and the top-up rests on it; the eight other planted errors do not depend on it.
        var october = string.Join("\n", File.ReadLines(AuditSamples.Sample("provider-statement-calls.csv")).Where((l, i) => i == 0 || l.Split(',')[3].StartsWith("2026-10", StringComparison.Ordinal))) + "\n";
        var (calls, _) = TestWorld.RateTexts(AuditSamples.Catalog, AuditSamples.Accounts, global::Hotline400.Calls.ColumnMap.Default, october);
        Assert.Equal(126, calls.Rated.Count);
        var statement = ProviderStatementReader.ReadFile(AuditSamples.Sample("provider-statement.csv"), StatementColumnMap.Default, AuditSamples.Accounts, out _)!;
        var r = BillAuditor.Audit(statement, calls.Rated, AuditSamples.Catalog, AuditSamples.Accounts);
        Assert.Equal(
            ["allowance_not_honoured", "minimum_misapplied"],
            r.Findings.Where(f => !f.Verified).Select(f => AuditCauses.Code(f.Cause)));
        Assert.All(r.Findings.Where(f => !f.Verified), f => Assert.Equal(new DateOnly(2026, 7, 1), f.NeedsCallsFrom));
        Assert.Equal(8, r.Findings.Count(f => f.Verified));
        Assert.Contains("余量 11999 分钟", r.Findings.Single(f => f.Cause == AuditCause.AllowanceNotHonoured).Detail.Zh, StringComparison.Ordinal);
        // 231.90 less the allowance's 0.60 and the minimum's 19.00.
        Assert.Equal((212.30m, 19.60m), (r.AtStake.Yuan, r.AtStakeUnverified.Yuan));
        var assumed = Assert.Single(r.AllowanceAssumedFull);
        Assert.Equal((new DateOnly(2026, 7, 1), new DateOnly(2026, 10, 12)), (assumed.AllowanceFrom!.Value, assumed.FirstCall));
    }

    [Fact]
    public void The_planted_errors_cover_every_cause_the_issue_names()
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(AuditSamples.Sample("audit-expected.json")));
        var causes = expected.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("cause").GetString()).ToHashSet();
        Assert.Superset(causes, new HashSet<string?> { "billed_minutes", "rate_differs", "charged_twice", "not_in_records", "not_billed", "fee_not_in_plan", "minimum_misapplied", "allowance_not_honoured" });
    }
}
