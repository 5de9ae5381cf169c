using global::Hotline400.Billing;
using static Hotline400.Tests.Billing.BillingWorld;

namespace Hotline400.Tests.Billing;

public sealed class RebillingTests
{
    private static readonly string[] OnTime =
    [
        TestWorld.Answered("a1", Number(1), "2026-10-05T10:00:00", 120),
        TestWorld.Answered("a2", Number(1), "2026-10-06T10:00:00", 60),
    ];

    private static readonly string Late = TestWorld.Answered("late", Number(1), "2026-10-20T10:00:00", 300);

    [Fact]
    public void Billing_again_with_nothing_new_issues_no_adjustment()
    {
        var cat = Tariffs;
        var book = Book(cat, $"{{ number: {Number(1)}, plan: b/flat, start: 2026-01-01 }}");
        var (issued, _) = Bill(cat, book, Number(1), "2026-10", OnTime);
        var (again, _) = Bill(cat, book, Number(1), "2026-10", OnTime);
        Assert.True(Rebilling.Adjust(issued, [], again).IsEmpty);
    }

    [Fact]
    public void One_late_call_gives_exactly_one_adjustment_line_with_its_amount()
    {
        var cat = Tariffs;
        var book = Book(cat, $"{{ number: {Number(1)}, plan: b/flat, start: 2026-01-01 }}");
        var (issued, _) = Bill(cat, book, Number(1), "2026-10", OnTime);
        var before = issued.Lines.Select(l => l.Amount).ToList();
        var (recomputed, _) = Bill(cat, book, Number(1), "2026-10", [.. OnTime, Late]);

        var adjustment = Rebilling.Adjust(issued, [], recomputed);
        var line = Assert.Single(adjustment.Lines);
        Assert.Equal(0.50m, line.Amount.Yuan);        // 5 minutes at 0.10
        Assert.Equal(0.30m, line.Was.Yuan);
        Assert.Equal(0.80m, line.Now.Yuan);
        Assert.Equal(LineKind.Usage, line.Kind);
        Assert.Contains("1 late call", line.Reason.En, StringComparison.Ordinal);
        Assert.Equal(before, issued.Lines.Select(l => l.Amount)); // the issued statement is untouched

        // A third run with the same calls issues nothing: the adjustment already counted the late call.
        Assert.True(Rebilling.Adjust(issued, [adjustment], recomputed).IsEmpty);
    }

    [Fact]
    public void A_corrected_catalog_gives_an_adjustment_that_names_the_versions()
    {
        var cat = Tariffs;
        var book = Book(cat, $"{{ number: {Number(1)}, plan: b/flat, start: 2026-01-01 }}");
        var (issued, _) = Bill(cat, book, Number(1), "2026-10", OnTime);
        var yaml = CatalogYaml.Replace(
            "- { version: 1, effective: 2026-01-01, rate: 0.10 }\n      - id: secline",
            "- { version: 1, effective: 2026-01-01, rate: 0.10 }\n          - { version: 2, effective: 2026-10-01, rate: 0.08 }\n      - id: secline", StringComparison.Ordinal);
        Assert.NotEqual(CatalogYaml, yaml);
        var corrected = TestWorld.LoadCatalog(yaml);
        var book2 = Book(corrected, $"{{ number: {Number(1)}, plan: b/flat, start: 2026-01-01 }}");
        var (recomputed, _) = Bill(corrected, book2, Number(1), "2026-10", OnTime);

        var adjustment = Rebilling.Adjust(issued, [], recomputed);
        Assert.Equal(-0.06m, adjustment.Total.Yuan); // 3 minutes: 0.30 → 0.24
        Assert.All(adjustment.Lines, l => Assert.NotEqual(l.Was, l.Now));
        Assert.Contains(adjustment.Lines, l => l.Reason.En.Contains("v1", StringComparison.Ordinal) || l.Reason.En.Contains("withdrawn", StringComparison.Ordinal));
    }
}
