using global::Hotline400.Accounts;
using global::Hotline400.Billing;
using global::Hotline400.Catalog;
using global::Hotline400.Common;
using static Hotline400.Tests.Billing.BillingWorld;
using M = global::Hotline400.Money.Money;

namespace Hotline400.Tests.Billing;

/// <summary>
/// The VAT a statement shows is the part of what is paid for the period, the amount due, at the
/// plan's rate (docs/billing.md, "VAT"): a prepayment is invoiced when it is paid and consumption
/// drawn from it is not invoiced again. Hand-computed at 6 %.
/// </summary>
public sealed class VatTests
{
    private static readonly TariffCatalog Sample = CatalogLoader.Sample();

    [Fact]
    public void A_month_that_buys_a_package_shows_the_VAT_of_what_is_paid_not_of_the_package_and_the_usage_it_pays_for()
    {
        var accounts = Book(Sample, $"{{ number: {Number(1)}, plan: telecom/tel-1200, start: 2026-07-01 }}");
        var sub = accounts.Subscriptions[0];
        // July: 100 calls × 100 minutes = 10,000 minutes at 0.10 = 1,000.00, all from the package's 12,000.
        var july = PackageCreditTests.Calls(Number(1), "2026-07", 100, 100);
        var (s, _) = Bill(Sample, accounts, Number(1), "2026-07", july);

        // package 1,200.00 + usage 1,000.00 = charges 2,200.00; drawn −1,000.00; due 1,200.00 (the package price)
        // VAT 1,200 × 0.06 / 1.06 = 67.924… → 67.92. The old rule took the charges: 2,200 × 0.06 / 1.06 = 124.53,
        // 10.4 % of what is due, because the 1,000 of usage the package pays for was counted a second time.
        Assert.Equal(2200.00m, s.Totals.Charges.Yuan);
        Assert.Equal(1200.00m, s.Total.Yuan);
        Assert.Equal(67.92m, s.Totals.VatIncluded.Yuan);
        Assert.Equal(0.06m, s.Totals.VatRate);

        // August draws on the 200.00 carried: 10 calls × 100 minutes = 100.00, exactly the monthly minimum,
        // all drawn from the balance. Nothing is paid, so there is no VAT (the old rule: 100 × 0.06 / 1.06 = 5.66).
        var ledger = new PrepaidLedger(sub, s.LedgerEntries.Select(e => e.Entry));
        Assert.Equal(200.00m, ledger.Balance().Yuan);
        var august = PackageCreditTests.Calls(Number(1), "2026-08", 10, 100).Select(r => "a" + r);
        var (aug, _) = Bill(Sample, accounts, Number(1), "2026-08", [.. july, .. august], [ledger]);
        Assert.Equal(100.00m, aug.Totals.Charges.Yuan);
        Assert.Equal(-100.00m, aug.Totals.PrepaymentDrawn.Yuan);
        Assert.Equal(0.00m, aug.Total.Yuan);
        Assert.Equal(0.00m, aug.Totals.VatIncluded.Yuan);
    }

    [Fact]
    public void A_minimum_top_up_partly_paid_from_the_balance_shows_the_VAT_of_the_rest_only()
    {
        var cat = Tariffs;
        var accounts = Book(cat, $"{{ number: {Number(1)}, plan: b/p480, start: 2026-01-01 }}");
        var sub = accounts.Subscriptions[0];
        var ledger = new PrepaidLedger(sub);
        ledger.Append(new LedgerEntry(LedgerEntryKind.Prepayment, new DateOnly(2026, 1, 1), new M(480m), 0m,
            new LocalizedText("套餐预存", "Package"), StatementBuilder.PackageTrace(sub, 0)));
        ledger.Append(new LedgerEntry(LedgerEntryKind.UsageDebit, new DateOnly(2026, 9, 30), new M(-450m), 0m,
            new LocalizedText("消费", "Consumption"), "earlier months"));
        var (s, _) = Bill(cat, accounts, Number(1), "2026-10", [TestWorld.Answered("c1", Number(1), "2026-10-05T10:00:00", 82 * 60)], [ledger]);

        // usage 82 × 0.15 = 12.30 + minimum top-up 40 − 12.30 = 27.70: charges 40.00, all consumption;
        // the balance has 30.00 left, so 30.00 is drawn and 10.00 is due.
        // VAT 10 × 0.06 / 1.06 = 0.566… → 0.57 (the 30.00 drawn was invoiced when the 480 was paid).
        Assert.Equal(40.00m, s.Totals.Charges.Yuan);
        Assert.Equal(-30.00m, s.Totals.PrepaymentDrawn.Yuan);
        Assert.Equal(10.00m, s.Total.Yuan);
        Assert.Equal(0.57m, s.Totals.VatIncluded.Yuan);
    }

    [Theory]
    [InlineData("40.00", "2.26")]      // 40 × 0.06 / 1.06 = 2.2641…
    [InlineData("0.10", "0.01")]       // a late minute's adjustment: 0.00566… → 0.01
    [InlineData("-82.00", "-4.64")]    // a credit: 82 × 0.06 / 1.06 = 4.6415… → −4.64, a red-letter invoice's VAT
    [InlineData("0.00", "0.00")]
    [InlineData("-0.09", "-0.01")]     // 0.09 × 0.06 / 1.06 = 0.00509… → −0.01 (half away from zero, like every amount)
    public void The_VAT_of_an_amount_due_is_its_tax_inclusive_part_rounded_once(string due, string vat)
    {
        var d = new M(decimal.Parse(due, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(decimal.Parse(vat, System.Globalization.CultureInfo.InvariantCulture), Vat.Included(d, 0.06m).Yuan);
        Assert.Equal(-Vat.Included(d, 0.06m), Vat.Included(-d, 0.06m));   // a credit has exactly the opposite VAT
    }
}
