using System.Text.Json;
using global::Hotline400.Audit;
using global::Hotline400.Billing;
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
            f.GetProperty("difference").GetString())).ToList();
        var got = r.Findings.Select(f => string.Join("|",
            AuditCauses.Code(f.Cause), f.CallId ?? "", f.Number.Value, f.LineType, f.Line,
            f.Expected.Yuan.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            f.Billed.Yuan.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            f.Difference.Yuan.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(want, got);
        Assert.Equal(expected.RootElement.GetProperty("at_stake").GetString(), r.AtStake.Yuan.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(r.StatementRejects);
    }

    [Fact]
    public void The_planted_errors_cover_every_cause_the_issue_names()
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(AuditSamples.Sample("audit-expected.json")));
        var causes = expected.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("cause").GetString()).ToHashSet();
        Assert.Superset(causes, new HashSet<string?> { "billed_minutes", "rate_differs", "charged_twice", "not_in_records", "not_billed", "fee_not_in_plan", "minimum_misapplied", "allowance_not_honoured" });
    }
}
