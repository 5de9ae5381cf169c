using global::Hotline400.Accounts;
using global::Hotline400.Billing;
using global::Hotline400.Common;
using static Hotline400.Tests.Billing.BillingWorld;

namespace Hotline400.Tests.Billing;

public sealed class StatementTests
{
    private static readonly global::Hotline400.Catalog.TariffCatalog Cat = Tariffs;

    [Fact]
    public void A_480_number_with_12_30_of_usage_in_a_non_first_month_is_charged_the_40_minimum()
    {
        var accounts = Book(Cat, $"{{ number: {Number(1)}, plan: b/p480, start: 2026-01-01 }}");
        // 82 minutes at 0.15 = 12.30, all from the package's 3,200 minutes.
        var (s, _) = Bill(Cat, accounts, Number(1), "2026-10", [TestWorld.Answered("c1", Number(1), "2026-10-05T10:00:00", 82 * 60)]);

        var usage = Line(s, LineKind.Usage);
        Assert.Equal(12.30m, usage.Amount.Yuan);
        Assert.Equal(82m, usage.AllowanceMinutes);
        Assert.Equal(0m, usage.ChargedMinutes);
        Assert.Equal(27.70m, Line(s, LineKind.MinimumTopUp).Amount.Yuan);
        Assert.Equal(40.00m, s.Totals.Charges.Yuan);
        Assert.Equal(40.00m, s.Total.Yuan); // nothing prepaid in the ledger: all of it is due
        Assert.Equal(2.26m, s.Totals.VatIncluded.Yuan); // 40 × 0.06 / 1.06 = 2.2641…
        Assert.Equal(Sum(s), s.Total.Yuan);
        Assert.Equal("b/p480 v1 monthly_minimum", Line(s, LineKind.MinimumTopUp).Trace.ToString());
    }

    [Fact]
    public void The_minimum_is_drawn_from_the_prepaid_package_and_the_balance_is_carried()
    {
        var accounts = Book(Cat, $"{{ number: {Number(1)}, plan: b/p480, start: 2026-01-01 }}");
        var sub = accounts.Subscriptions[0];
        var ledger = new PrepaidLedger(sub);
        ledger.Append(new LedgerEntry(LedgerEntryKind.Prepayment, new DateOnly(2026, 1, 1), new global::Hotline400.Money.Money(480m), 0m,
            new LocalizedText("套餐预存", "Package"), StatementBuilder.PackageTrace(sub, 0)));
        var (s, _) = Bill(Cat, accounts, Number(1), "2026-10", [TestWorld.Answered("c1", Number(1), "2026-10-05T10:00:00", 82 * 60)], [ledger]);

        Assert.Equal(40.00m, s.Totals.Charges.Yuan);
        Assert.Equal(-40.00m, Line(s, LineKind.PrepaymentDrawn).Amount.Yuan);
        Assert.Equal(0m, s.Total.Yuan);
        Assert.Equal(480m, s.Totals.OpeningBalance.Yuan);
        Assert.Equal(440m, s.Totals.BalanceCarried.Yuan);
        Assert.DoesNotContain(s.Lines, l => l.Kind == LineKind.Package); // already prepaid
        var debit = Assert.Single(s.LedgerEntries, e => e.Entry.Kind == LedgerEntryKind.UsageDebit).Entry;
        Assert.Equal(-40m, debit.Amount.Yuan);
        Assert.Equal(-82m, debit.Minutes);
    }

    [Theory]
    [InlineData("p480", null)]        // actual: usage only
    [InlineData("p480full", "27.70")] // full: 40 − 12.30
    [InlineData("p480pro", "8.35")]   // prorated: 40 × 16/31 = 20.645… → 20.65, − 12.30
    public void The_first_month_follows_the_plans_first_month_rule(string plan, string? minimumLine)
    {
        var accounts = Book(Cat, $"{{ number: {Number(1)}, plan: b/{plan}, start: 2026-10-16 }}");
        var (s, _) = Bill(Cat, accounts, Number(1), "2026-10", [TestWorld.Answered("c1", Number(1), "2026-10-20T10:00:00", 82 * 60)]);

        Assert.Equal(480m, Line(s, LineKind.Package).Amount.Yuan);
        var min = s.Lines.SingleOrDefault(l => l.Kind == LineKind.MinimumTopUp);
        Assert.Equal(minimumLine, min?.Amount.ToString());
        // The month's consumption is drawn from the package bought this month: the package is what is due.
        Assert.Equal(480m, s.Total.Yuan);
        Assert.Equal(Sum(s), s.Total.Yuan);
    }

    [Fact]
    public void A_service_starting_on_the_16th_of_a_30_day_month_is_prorated_15_of_30_days()
    {
        var accounts = Book(Cat, $"{{ number: {Number(1)}, plan: b/flat, start: 2026-01-01, services: [ {{ id: crbt, start: 2026-11-16 }} ] }}");
        var (s, _) = Bill(Cat, accounts, Number(1), "2026-11", []);

        var fee = Line(s, LineKind.ServiceFee);
        Assert.Equal(5.00m, fee.Amount.Yuan); // 10 × 15 / 30
        Assert.Equal(15m, fee.Quantity);
        Assert.Contains("15/30", fee.Description.Zh, StringComparison.Ordinal);
        Assert.Equal(100m, Line(s, LineKind.OneOff).Amount.Yuan); // ring-back recording, once
        Assert.Equal(105m, s.Total.Yuan);
    }

    [Fact]
    public void A_yearly_service_is_charged_in_the_month_its_service_year_starts_only()
    {
        var accounts = Book(Cat, $"{{ number: {Number(1)}, plan: b/flat, start: 2026-01-01, services: [ {{ id: ivr, start: 2026-03-10 }} ] }}");
        Assert.Equal(300m, Line(Bill(Cat, accounts, Number(1), "2026-03", []).Statement, LineKind.ServiceFee).Amount.Yuan);
        Assert.DoesNotContain(Bill(Cat, accounts, Number(1), "2026-04", []).Statement.Lines, l => l.Kind == LineKind.ServiceFee);
        Assert.Equal(300m, Line(Bill(Cat, accounts, Number(1), "2027-03", []).Statement, LineKind.ServiceFee).Amount.Yuan);
    }

    [Fact]
    public void A_subscription_ending_inside_the_month_prorates_its_fee_and_minimum()
    {
        var accounts = Book(Cat, $"{{ number: {Number(1)}, subscriptions: [ {{ plan: b/seats, start: 2026-01-01, end: 2026-11-10 }} ] }}");
        var (s, _) = Bill(Cat, accounts, Number(1), "2026-11", []);
        Assert.Equal(10.00m, Line(s, LineKind.OutboundFee).Amount.Yuan);     // 30 × 10/30
        Assert.Equal(16.67m, Line(s, LineKind.MinimumTopUp).Amount.Yuan);    // 50 × 10/30 = 16.666… → 16.67
    }

    [Fact]
    public void Extra_seats_are_charged_per_year_in_the_subscription_year_start_month()
    {
        var accounts = Book(Cat, $"{{ number: {Number(1)}, plan: b/seats, start: 2026-01-01 }}");
        var (s, _) = Bill(Cat, accounts, Number(1), "2027-01", [], options: new StatementOptions { Seats = 12 });
        var seats = Line(s, LineKind.Seats);
        Assert.Equal(60m, seats.Amount.Yuan); // 2 extra × 30
        Assert.DoesNotContain(Bill(Cat, accounts, Number(1), "2027-02", [], options: new StatementOptions { Seats = 12 }).Statement.Lines, l => l.Kind == LineKind.Seats);
    }

    [Fact]
    public void A_number_grade_adds_its_selection_fee_once_and_its_higher_minimum()
    {
        var accounts = Book(Cat, $"{{ number: {Number(1)}, grade: abab, plan: b/p480full, start: 2026-10-01 }}");
        var (first, _) = Bill(Cat, accounts, Number(1), "2026-10", []);
        Assert.Equal(600m, Line(first, LineKind.OneOff).Amount.Yuan);
        var min = Line(first, LineKind.MinimumTopUp);
        Assert.Equal(100m, min.Amount.Yuan); // the grade's 100 beats the plan's 40
        Assert.Equal("grades.abab.monthly_minimum first_month: full", min.Trace.Term);
        Assert.DoesNotContain(Bill(Cat, accounts, Number(1), "2026-11", []).Statement.Lines, l => l.Kind == LineKind.OneOff);
    }

    [Fact]
    public void The_first_year_price_is_a_negative_line_against_the_package()
    {
        var accounts = Book(Cat, $"{{ number: {Number(1)}, plan: b/fy, start: 2026-10-01 }}");
        var (s, _) = Bill(Cat, accounts, Number(1), "2026-10", []);
        Assert.Equal(480m, Line(s, LineKind.Package).Amount.Yuan);
        var promo = Line(s, LineKind.Promotion);
        Assert.Equal(-82m, promo.Amount.Yuan);
        Assert.Contains("398", promo.Description.Zh, StringComparison.Ordinal);
        Assert.Contains("first_year_price", promo.Trace.Term, StringComparison.Ordinal);
        Assert.Equal(398m, s.Total.Yuan);
        // The second term has no promotion.
        var (next, _) = Bill(Cat, accounts, Number(1), "2027-10", []);
        Assert.Equal(480m, Line(next, LineKind.Package).Amount.Yuan);
        Assert.DoesNotContain(next.Lines, l => l.Kind == LineKind.Promotion);
    }

    [Fact]
    public void Free_months_waive_the_monthly_fee_for_the_first_months_only()
    {
        var accounts = Book(Cat, $"{{ number: {Number(1)}, plan: b/fee, start: 2026-08-01 }}");
        var (oct, _) = Bill(Cat, accounts, Number(1), "2026-10", []); // month 3 of 3
        Assert.Equal(30m, Line(oct, LineKind.MonthlyFee).Amount.Yuan);
        Assert.Equal(-30m, Line(oct, LineKind.Promotion).Amount.Yuan);
        Assert.Equal(0m, oct.Total.Yuan);
        var (nov, _) = Bill(Cat, accounts, Number(1), "2026-11", []); // month 4
        Assert.DoesNotContain(nov.Lines, l => l.Kind == LineKind.Promotion);
        Assert.Equal(30m, nov.Total.Yuan);
    }

    [Fact]
    public void Percent_off_usage_is_its_own_line_naming_the_promotion()
    {
        var accounts = Book(Cat, $"{{ number: {Number(1)}, plan: b/pct, start: 2026-10-01 }}");
        var (s, _) = Bill(Cat, accounts, Number(1), "2026-10", [TestWorld.Answered("c1", Number(1), "2026-10-05T10:00:00", 600)]);
        Assert.Equal(1.00m, Line(s, LineKind.Usage).Amount.Yuan);
        var promo = Line(s, LineKind.Promotion);
        Assert.Equal(-0.20m, promo.Amount.Yuan);
        Assert.Contains("20%", promo.Description.En, StringComparison.Ordinal);
        Assert.Equal("b/pct v1 promotions[0] percent_off of usage", promo.Trace.ToString());
        Assert.Equal(0.80m, s.Total.Yuan);
    }

    [Fact]
    public void A_per_line_plan_rounds_the_usage_line_once_not_each_call()
    {
        var accounts = Book(Cat, $"{{ number: {Number(1)}, plan: b/secline, start: 2026-01-01 }}");
        // Three calls of 61 s at 0.12/min = 0.122 each: per line 0.366 → 0.37 (per call it would be 0.36).
        var rows = new[]
        {
            TestWorld.Answered("c1", Number(1), "2026-10-05T10:00:00", 61),
            TestWorld.Answered("c2", Number(1), "2026-10-05T11:00:00", 61),
            TestWorld.Answered("c3", Number(1), "2026-10-05T12:00:00", 61),
        };
        var (s, _) = Bill(Cat, accounts, Number(1), "2026-10", rows);
        var usage = Line(s, LineKind.Usage);
        Assert.Equal(0.37m, usage.Amount.Yuan);
        Assert.Equal(3, usage.Trace.Calls);
        Assert.Equal(["c1", "c2", "c3"], usage.Trace.CallIdList);
    }

    [Fact]
    public void Recording_fees_are_a_line_of_their_own()
    {
        var accounts = Book(Cat, $"{{ number: {Number(1)}, plan: b/flat, start: 2026-01-01, services: [ {{ id: recording, start: 2026-01-01 }} ] }}");
        var (s, _) = Bill(Cat, accounts, Number(1), "2026-10", [TestWorld.Answered("c1", Number(1), "2026-10-05T10:00:00", 300, recorded: 1)]);
        Assert.Equal(0.50m, Line(s, LineKind.Usage).Amount.Yuan);
        Assert.Equal(0.10m, Line(s, LineKind.UsageServiceFee).Amount.Yuan);
        Assert.Equal(0.60m, s.Total.Yuan);
    }

    [Fact]
    public void Alerts_warn_of_a_low_balance_and_a_term_ending()
    {
        var accounts = Book(Cat, $"{{ number: {Number(1)}, plan: b/p480, start: 2026-01-01 }}");
        var sub = accounts.Subscriptions[0];
        var ledger = new PrepaidLedger(sub);
        ledger.Append(new LedgerEntry(LedgerEntryKind.Prepayment, new DateOnly(2026, 1, 1), new global::Hotline400.Money.Money(480m), 0m,
            new LocalizedText("套餐预存", "Package"), StatementBuilder.PackageTrace(sub, 0)));
        ledger.Append(new LedgerEntry(LedgerEntryKind.UsageDebit, new DateOnly(2026, 11, 30), new global::Hotline400.Money.Money(-420m), 0m,
            new LocalizedText("消费", "Usage"), "test"));
        var (s, _) = Bill(Cat, accounts, Number(1), "2026-12", [], [ledger]);
        Assert.Equal(20m, s.Totals.BalanceCarried.Yuan); // 60 − 40
        Assert.Contains(s.Alerts, a => a.Kind == AlertKind.BalanceLow);
        Assert.Contains(s.Alerts, a => a.Kind == AlertKind.TermEnding); // term ends 2026-12-31
    }

    [Fact]
    public void An_allowance_below_ten_percent_is_flagged()
    {
        var accounts = Book(Cat, $"{{ number: {Number(1)}, plan: b/p480, start: 2026-01-01 }}");
        // 3,200 minutes; use 29 × 100 = 2,900 → 300 left (9.4%).
        var rows = Enumerable.Range(1, 29).Select(d => TestWorld.Answered($"c{d}", Number(1), $"2026-10-{d:00}T10:00:00", 100 * 60)).ToArray();
        var (s, _) = Bill(Cat, accounts, Number(1), "2026-10", rows);
        var alert = Assert.Single(s.Alerts, a => a.Kind == AlertKind.AllowanceLow);
        Assert.Contains("300", alert.Message.Zh, StringComparison.Ordinal);
    }
}
