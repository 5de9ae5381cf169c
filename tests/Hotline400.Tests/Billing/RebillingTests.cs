using global::Hotline400.Accounts;
using global::Hotline400.Billing;
using global::Hotline400.Common;
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

    [Fact]
    public void A_package_credit_recorded_short_of_the_package_price_is_corrected_once()
    {
        var cat = Tariffs;
        var book = Book(cat, $"{{ number: {Number(1)}, plan: b/fy, start: 2026-10-01 }}");
        var sub = book.Subscriptions[0];
        var trace = StatementBuilder.PackageTrace(sub, 0);
        var (recomputed, _) = Bill(cat, book, Number(1), "2026-10", []);
        // As issued under the rule before: the first-year price (398) credited instead of the package price (480).
        var ledger = new PrepaidLedger(sub, [new LedgerEntry(LedgerEntryKind.Prepayment, new DateOnly(2026, 10, 1), new global::Hotline400.Money.Money(398m), 0m, new LocalizedText("套餐预存", "Package prepayment"), trace)]);

        var correction = Assert.Single(Rebilling.CreditCorrections(recomputed, [ledger]));
        Assert.Equal(sub.Index, correction.SubscriptionIndex);
        Assert.Equal((LedgerEntryKind.Adjustment, new DateOnly(2026, 10, 31), 82.00m, trace),
            (correction.Entry.Kind, correction.Entry.Date, correction.Entry.Amount.Yuan, correction.Entry.Trace));
        Assert.Contains("480", correction.Entry.Reason.Zh, StringComparison.Ordinal);

        ledger.Append(correction.Entry);
        Assert.Equal(480m, ledger.Balance().Yuan);
        Assert.Empty(Rebilling.CreditCorrections(recomputed, [ledger])); // once corrected, nothing more
    }

    [Fact]
    public void A_package_no_longer_charged_on_recomputation_takes_its_credit_back()
    {
        var cat = Tariffs;
        var issuedBook = Book(cat, $"{{ number: {Number(1)}, plan: b/fy, start: 2026-10-01 }}");
        var sub = issuedBook.Subscriptions[0];
        var (issued, _) = Bill(cat, issuedBook, Number(1), "2026-10", []);
        var ledger = new PrepaidLedger(sub, issued.LedgerEntries.Select(e => e.Entry));
        Assert.Equal(480m, ledger.Balance().Yuan);
        // The subscription was entered a month too early: it starts in November, and October has no package.
        var corrected = Book(cat, $"{{ number: {Number(1)}, plan: b/fy, start: 2026-11-01 }}");
        var (recomputed, _) = Bill(cat, corrected, Number(1), "2026-10", []);
        Assert.DoesNotContain(recomputed.Lines, l => l.Kind == LineKind.Package);
        Assert.Equal(-398m, Rebilling.Adjust(issued, [], recomputed).Total.Yuan);

        var correction = Assert.Single(Rebilling.CreditCorrections(recomputed, [ledger]));
        Assert.Equal(-480.00m, correction.Entry.Amount.Yuan);
    }
}
