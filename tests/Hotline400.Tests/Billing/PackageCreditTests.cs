using global::Hotline400.Accounts;
using global::Hotline400.Billing;
using global::Hotline400.Catalog;
using static Hotline400.Tests.Billing.BillingWorld;

namespace Hotline400.Tests.Billing;

/// <summary>
/// A promotion on a package lowers what the package costs, never what it buys: the credit a
/// package's prepayment puts on the balance is the package price (docs/billing.md, "Prepayment
/// drawn, balance carried"). Hand-computed on the sample catalog's tel-398 and mob-720.
/// </summary>
public sealed class PackageCreditTests
{
    private static readonly TariffCatalog Sample = CatalogLoader.Sample();

    /// <summary>
    /// <paramref name="calls"/> calls of <paramref name="minutes"/> minutes each (6 s shorter than that
    /// of talk after 5 s of ringing: the same whole minutes whether billing starts at answer or pick-up).
    /// </summary>
    internal static string[] Calls(string number, string month, int calls, int minutes) =>
        Enumerable.Range(0, calls)
            .Select(i => TestWorld.Answered($"c{i:000}", number, $"{month}-{1 + i % 28:00}T{8 + i / 28:00}:00:00", minutes * 60 - 6))
            .ToArray();

    private static AccountBook Tel398(bool ivr = true) => Book(Sample,
        $"{{ number: {Number(1)}, plan: telecom/tel-398, start: 2026-08-01{(ivr ? ", services: [ { id: ivr, start: 2026-08-01 } ]" : "")} }}");

    [Fact]
    public void Tel_398s_first_month_draws_the_480_the_package_buys_and_the_customer_pays_398_for_it()
    {
        var accounts = Tel398();
        // 163 calls × 75 minutes = 12,225 minutes in August 2026, the subscription's first month.
        var (s, _) = Bill(Sample, accounts, Number(1), "2026-08", Calls(Number(1), "2026-08", 163, 75));

        // package                       480.00  the 480 package: 3,200 minutes at 0.15
        // first-year price   398 − 480 = −82.00  a discount on the price paid, not on what it buys
        // IVR (yearly, its first month)  300.00
        // usage  12,225 × 0.15 =        1,833.75  (3,200 from the package, 9,025 charged)
        // no minimum top-up (first_month: actual)
        // consumption = 300 + 1,833.75 = 2,133.75; available = 0 + 480 (the credit is the price)
        // prepayment drawn = −min(2,133.75, 480) = −480.00
        // due = 480 − 82 + 300 + 1,833.75 − 480 = 2,051.75 = 398 + 9,025 × 0.15 + 300
        Assert.Equal(480.00m, Line(s, LineKind.Package).Amount.Yuan);
        Assert.Equal(-82.00m, Line(s, LineKind.Promotion).Amount.Yuan);
        Assert.Equal(300.00m, Line(s, LineKind.ServiceFee).Amount.Yuan);
        var usage = Line(s, LineKind.Usage);
        Assert.Equal(1833.75m, usage.Amount.Yuan);
        Assert.Equal(12225m, usage.Quantity);
        Assert.Equal(3200m, usage.AllowanceMinutes);
        Assert.Equal(9025m, usage.ChargedMinutes);
        Assert.DoesNotContain(s.Lines, l => l.Kind == LineKind.MinimumTopUp);
        var drawn = Line(s, LineKind.PrepaymentDrawn);
        Assert.Equal(-480.00m, drawn.Amount.Yuan);
        Assert.Contains("可用 480.00", drawn.Description.Zh, StringComparison.Ordinal);
        Assert.Equal(5, s.Lines.Count);

        Assert.Equal(2051.75m, s.Total.Yuan);
        Assert.Equal(2051.75m, 398m + 9025 * 0.15m + 300m);
        Assert.Equal(Sum(s), s.Total.Yuan);
        Assert.Equal(2531.75m, s.Totals.Charges.Yuan);          // 480 − 82 + 300 + 1,833.75
        Assert.Equal(-480.00m, s.Totals.PrepaymentDrawn.Yuan);
        // VAT follows what is paid: 2,051.75 × 0.06 / 1.06 = 116.136… → 116.14 (398 for the package, the
        // 9,025 minutes beyond it and the IVR); not 2,531.75 × 0.06 / 1.06 = 143.31, which counted the 480
        // of usage the package paid for as well.
        Assert.Equal(116.14m, s.Totals.VatIncluded.Yuan);
        Assert.Equal(0m, s.Totals.OpeningBalance.Yuan);
        Assert.Equal(0m, s.Totals.BalanceCarried.Yuan);          // 480 − 480
    }

    [Fact]
    public void The_ledger_is_credited_with_the_package_price_and_the_balance_after_the_month_follows()
    {
        var accounts = Tel398();
        var sub = accounts.Subscriptions[0];
        var (s, _) = Bill(Sample, accounts, Number(1), "2026-08", Calls(Number(1), "2026-08", 163, 75));

        var prepayment = Assert.Single(s.LedgerEntries, e => e.Entry.Kind == LedgerEntryKind.Prepayment).Entry;
        Assert.Equal(480.00m, prepayment.Amount.Yuan);                          // the credit, not the 398 paid
        Assert.Equal(new DateOnly(2026, 8, 1), prepayment.Date);
        Assert.Equal(StatementBuilder.PackageTrace(sub, 0), prepayment.Trace);
        Assert.Contains("实付 398.00", prepayment.Reason.Zh, StringComparison.Ordinal);
        var debit = Assert.Single(s.LedgerEntries, e => e.Entry.Kind == LedgerEntryKind.UsageDebit).Entry;
        Assert.Equal(-480.00m, debit.Amount.Yuan);
        Assert.Equal(-3200m, debit.Minutes);

        var ledger = new PrepaidLedger(sub, s.LedgerEntries.Select(e => e.Entry));
        Assert.Equal(0.00m, ledger.Balance().Yuan);   // 480 − 480
        Assert.Equal(0m, ledger.MinutesLeft());       // 3,200 − 3,200
        Assert.Equal(s.Totals.BalanceCarried, ledger.Balance());

        // September (rated after August, so the rater has used the 3,200 minutes): nothing left to draw,
        // so its 600 minutes (90.00) are all due.
        var (sep, _) = Bill(Sample, accounts, Number(1), "2026-09", [.. Calls(Number(1), "2026-08", 163, 75), .. Calls(Number(1), "2026-09", 8, 75).Select(r => "s" + r)], [ledger]);
        Assert.Equal(90.00m, Line(sep, LineKind.Usage).Amount.Yuan);
        Assert.Equal(0m, Line(sep, LineKind.Usage).AllowanceMinutes);
        Assert.DoesNotContain(sep.Lines, l => l.Kind == LineKind.PrepaymentDrawn);
        Assert.Equal(90.00m, sep.Total.Yuan);
    }

    [Fact]
    public void A_month_using_less_than_the_package_keeps_the_rest_of_the_480_and_pays_398()
    {
        var accounts = Tel398(ivr: false);
        var sub = accounts.Subscriptions[0];
        // 20 calls × 50 minutes = 1,000 minutes = 150.00 of consumption, all from the package.
        var (s, _) = Bill(Sample, accounts, Number(1), "2026-08", Calls(Number(1), "2026-08", 20, 50));

        // 480 − 82 + 150 − min(150, 480) = 398 due; balance 480 − 150 = 330 (the old rule: 398 − 150 = 248).
        Assert.Equal(150.00m, Line(s, LineKind.Usage).Amount.Yuan);
        Assert.Equal(-150.00m, Line(s, LineKind.PrepaymentDrawn).Amount.Yuan);
        Assert.Equal(398.00m, s.Total.Yuan);
        Assert.Equal(330.00m, s.Totals.BalanceCarried.Yuan);
        var ledger = new PrepaidLedger(sub, s.LedgerEntries.Select(e => e.Entry));
        Assert.Equal(330.00m, ledger.Balance().Yuan);
        Assert.Equal(2200m, ledger.MinutesLeft());    // 3,200 − 1,000
    }

    [Fact]
    public void A_balance_below_one_months_minimum_is_reported_from_the_480_credit()
    {
        var accounts = Tel398(ivr: false);
        // 3,000 minutes (450.00) of the 3,200: balance 480 − 450 = 30.00 < the 40 monthly minimum.
        // Under the old rule the 398 would have been exhausted (−52 short) and drawn to 0.
        var (s, _) = Bill(Sample, accounts, Number(1), "2026-08", Calls(Number(1), "2026-08", 40, 75));
        Assert.Equal(450.00m, Line(s, LineKind.Usage).Amount.Yuan);
        Assert.Equal(-450.00m, Line(s, LineKind.PrepaymentDrawn).Amount.Yuan);
        Assert.Equal(398.00m, s.Total.Yuan);
        Assert.Equal(30.00m, s.Totals.BalanceCarried.Yuan);
        var alert = Assert.Single(s.Alerts, a => a.Kind == AlertKind.BalanceLow);
        Assert.Contains("30.00", alert.Message.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Mob_720s_percent_off_the_package_lowers_its_price_not_its_credit()
    {
        // A China Mobile number: the mobile provider sells 4001 / 4007 numbers only.
        const string mobileNumber = "4007000001";
        var accounts = Book(Sample, $"{{ number: {mobileNumber}, plan: mobile/mob-720, start: 2026-09-01 }}");
        // 7,000 minutes in September 2026 (month 1): 100 calls × 70 minutes.
        var (s, _) = Bill(Sample, accounts, mobileNumber, "2026-09", Calls(mobileNumber, "2026-09", 100, 70));

        // package                       720.00  6,000 minutes at 0.12
        // 10 % off the package (month 1) −72.00  a discount on the price paid
        // usage  7,000 × 0.12 =          840.00  (6,000 from the package, 1,000 charged)
        // consumption 840.00; available 720 → drawn −720.00
        // due = 720 − 72 + 840 − 720 = 768.00 = 648 + 1,000 × 0.12
        Assert.Equal(720.00m, Line(s, LineKind.Package).Amount.Yuan);
        var promo = Line(s, LineKind.Promotion);
        Assert.Equal(-72.00m, promo.Amount.Yuan);
        Assert.Equal("mobile/mob-720 v1 promotions[0] percent_off of package", promo.Trace.ToString());
        var usage = Line(s, LineKind.Usage);
        Assert.Equal(840.00m, usage.Amount.Yuan);
        Assert.Equal((6000m, 1000m), (usage.AllowanceMinutes, usage.ChargedMinutes));
        Assert.Equal(-720.00m, Line(s, LineKind.PrepaymentDrawn).Amount.Yuan);
        Assert.Equal(768.00m, s.Total.Yuan);
        Assert.Equal(Sum(s), s.Total.Yuan);
        Assert.Equal(0m, s.Totals.BalanceCarried.Yuan);
        var prepayment = Assert.Single(s.LedgerEntries, e => e.Entry.Kind == LedgerEntryKind.Prepayment).Entry;
        Assert.Equal(720.00m, prepayment.Amount.Yuan);
        Assert.Equal(0m, new PrepaidLedger(accounts.Subscriptions[0], s.LedgerEntries.Select(e => e.Entry)).Balance().Yuan);

        // October (month 2): the promotion has nothing of the package to discount.
        var (oct, _) = Bill(Sample, accounts, mobileNumber, "2026-10", Calls(mobileNumber, "2026-10", 10, 70));
        Assert.DoesNotContain(oct.Lines, l => l.Kind == LineKind.Promotion);
    }

    private const string PromotionPlans = """

              - id: pctpkg
                name: 套餐九折
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.15, package: { price: 480, buys: minutes }, monthly_minimum: package, first_month: actual, promotions: [ { kind: percent_off, percent: 10, months: 12, of: package } ] }
              - id: fypct
                name: 首年价再九折
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.15, package: { price: 480, buys: minutes }, monthly_minimum: package, first_month: actual, promotions: [ { kind: first_year_price, price: 398 }, { kind: percent_off, percent: 10, months: 1, of: package } ] }
              - id: pctall
                name: 全部九折
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.15, package: { price: 480, buys: minutes }, monthly_minimum: package, first_month: actual, promotions: [ { kind: percent_off, percent: 10, months: 12, of: all } ] }
        """;

    private static TariffCatalog WithPromotionPlans() => TestWorld.LoadCatalog(CatalogYaml + PromotionPlans);

    [Fact]
    public void Percent_off_the_package_in_a_month_using_little_keeps_the_whole_480_for_consumption()
    {
        var cat = WithPromotionPlans();
        var accounts = Book(cat, $"{{ number: {Number(1)}, plan: b/pctpkg, start: 2026-10-01 }}");
        // 100 minutes = 15.00. Package 480, 10 % off it −48.00, drawn −15.00: due 480 − 48 + 15 − 15 = 432.00; balance 480 − 15 = 465.00.
        var (s, _) = Bill(cat, accounts, Number(1), "2026-10", Calls(Number(1), "2026-10", 2, 50));
        Assert.Equal(-48.00m, Line(s, LineKind.Promotion).Amount.Yuan);
        Assert.Equal(-15.00m, Line(s, LineKind.PrepaymentDrawn).Amount.Yuan);
        Assert.Equal(432.00m, s.Total.Yuan);
        Assert.Equal(465.00m, s.Totals.BalanceCarried.Yuan);
    }

    [Fact]
    public void Percent_off_the_package_after_a_first_year_price_is_taken_of_the_first_year_price()
    {
        var cat = WithPromotionPlans();
        var accounts = Book(cat, $"{{ number: {Number(1)}, plan: b/fypct, start: 2026-10-01 }}");
        var (s, _) = Bill(cat, accounts, Number(1), "2026-10", []);
        // The package's lines before promotions of it: 480 − 82 = 398; 10 % of 398 = 39.80. Due 480 − 82 − 39.80 = 358.20.
        var promos = s.Lines.Where(l => l.Kind == LineKind.Promotion).Select(l => l.Amount.Yuan).ToList();
        Assert.Equal([-82.00m, -39.80m], promos);
        Assert.Equal(358.20m, s.Total.Yuan);
        Assert.Equal(480.00m, s.Totals.BalanceCarried.Yuan);
        Assert.Equal(480.00m, Assert.Single(s.LedgerEntries, e => e.Entry.Kind == LedgerEntryKind.Prepayment).Entry.Amount.Yuan);
    }

    [Fact]
    public void A_promotion_of_everything_discounts_the_packages_price_on_a_line_of_its_own()
    {
        var cat = WithPromotionPlans();
        var accounts = Book(cat, $"{{ number: {Number(1)}, plan: b/pctall, start: 2026-10-01 }}");
        // 100 minutes = 15.00. 10 % of everything: the package's share 10 % × 480 = −48.00 (a discount on
        // its price), the rest 10 % × 15.00 = −1.50 (on consumption). Consumption 15 − 1.50 = 13.50, drawn
        // −13.50. Due 480 − 48 + 15 − 1.50 − 13.50 = 432.00; balance 480 − 13.50 = 466.50.
        var (s, _) = Bill(cat, accounts, Number(1), "2026-10", Calls(Number(1), "2026-10", 2, 50));
        var share = Assert.Single(s.Lines, l => l.Kind == LineKind.Promotion && l.Key.Contains("|package", StringComparison.Ordinal));
        Assert.Equal(-48.00m, share.Amount.Yuan);
        Assert.Equal("b/pctall v1 promotions[0] percent_off of all, package share", share.Trace.ToString());
        Assert.True(PackageLines.IsDiscount(share));
        var rest = Assert.Single(s.Lines, l => l.Kind == LineKind.Promotion && !l.Key.Contains("|package", StringComparison.Ordinal));
        Assert.Equal(-1.50m, rest.Amount.Yuan);
        Assert.False(PackageLines.IsDiscount(rest));
        Assert.Equal(-13.50m, Line(s, LineKind.PrepaymentDrawn).Amount.Yuan);
        Assert.Equal(432.00m, s.Total.Yuan);
        Assert.Equal(Sum(s), s.Total.Yuan);
        Assert.Equal(466.50m, s.Totals.BalanceCarried.Yuan);

        // November: no package line, so one promotion line, on consumption: 100 minutes = 15.00, topped up
        // to the 40 minimum (+25.00); 10 % of 40 = −4.00.
        var ledger = new PrepaidLedger(accounts.Subscriptions[0], s.LedgerEntries.Select(e => e.Entry));
        var (nov, _) = Bill(cat, accounts, Number(1), "2026-11", Calls(Number(1), "2026-11", 2, 50), [ledger]);
        Assert.Equal(-4.00m, Line(nov, LineKind.Promotion).Amount.Yuan);
        Assert.Equal(-36.00m, Line(nov, LineKind.PrepaymentDrawn).Amount.Yuan);
    }
}
