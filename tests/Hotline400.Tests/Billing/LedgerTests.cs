using CsCheck;
using global::Hotline400.Accounts;
using global::Hotline400.Common;
using M = global::Hotline400.Money.Money;
using static Hotline400.Tests.Billing.BillingWorld;

namespace Hotline400.Tests.Billing;

public sealed class LedgerTests
{
    private static PrepaidLedger NewLedger(string plan = "p480")
    {
        var accounts = Book(Tariffs, $"{{ number: {Number(1)}, plan: b/{plan}, start: 2026-01-01 }}");
        return new PrepaidLedger(accounts.Subscriptions[0]);
    }

    [Fact]
    public void A_top_up_below_the_minimum_is_refused_with_a_message_and_changes_nothing()
    {
        var ledger = NewLedger();
        var r = ledger.TopUp(new M(500m), new DateOnly(2026, 5, 1));
        Assert.False(r.Ok);
        // 600 and 3 × 40 = 120: the 600 sets the minimum, so it is said once and the months are not mentioned.
        Assert.Equal("充值 500.00 元未受理：480元年套餐（b/p480 v1）每次充值须不少于 600.00 元", r.Refusal!.Zh);
        Assert.Equal("top-up of 500.00 refused: 480 annual (b/p480 v1) takes top-ups of at least 600.00", r.Refusal.En);
        Assert.Empty(ledger.Entries);
    }

    [Fact]
    public void A_top_up_refusal_names_the_months_of_the_minimum_once_when_they_set_it()
    {
        // 20 × 40 = 800 is more than the 600 of the rule: 800 is the smallest top-up, and why.
        var catalog = TestWorld.LoadCatalog(CatalogYaml.Replace("minimum_topup: { amount: 600, months_of_minimum: 3 }", "minimum_topup: { amount: 600, months_of_minimum: 20 }", StringComparison.Ordinal));
        var ledger = new PrepaidLedger(Book(catalog, $"{{ number: {Number(1)}, plan: b/p480, start: 2026-01-01 }}").Subscriptions[0]);
        var r = ledger.TopUp(new M(700m), new DateOnly(2026, 5, 1));
        Assert.Equal("充值 700.00 元未受理：480元年套餐（b/p480 v1）每次充值须不少于 800.00 元，即 20 个月的月最低消费（每月 40.00 元）", r.Refusal!.Zh);
        Assert.Equal("top-up of 700.00 refused: 480 annual (b/p480 v1) takes top-ups of at least 800.00, 20 months of its 40.00 monthly minimum", r.Refusal.En);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(r.Refusal.Zh, "不少于"));
    }

    [Fact]
    public void A_top_up_must_also_cover_months_of_the_minimum()
    {
        // 600 and 3 × 40 = 120: 600 wins; 600 is accepted.
        var ledger = NewLedger();
        var r = ledger.TopUp(new M(600m), new DateOnly(2026, 5, 1));
        Assert.True(r.Ok);
        Assert.Equal(600m, ledger.Balance().Yuan);
    }

    [Fact]
    public void A_plan_without_a_minimum_top_up_accepts_any_positive_amount()
    {
        var ledger = NewLedger("flat");
        Assert.True(ledger.TopUp(new M(1m), new DateOnly(2026, 5, 1)).Ok);
        Assert.False(ledger.TopUp(new M(-1m), new DateOnly(2026, 5, 1)).Ok);
    }

    [Fact]
    public void The_projection_runs_out_at_the_pace_of_the_last_30_days()
    {
        var ledger = NewLedger();
        ledger.Append(new LedgerEntry(LedgerEntryKind.Prepayment, new DateOnly(2026, 1, 1), new M(480m), 0m, new LocalizedText("预存", "Prepaid"), "t"));
        ledger.Append(new LedgerEntry(LedgerEntryKind.AllowanceGrant, new DateOnly(2026, 1, 1), M.Zero, 3200m, new LocalizedText("分钟", "Minutes"), "t"));
        ledger.Append(new LedgerEntry(LedgerEntryKind.UsageDebit, new DateOnly(2026, 1, 31), new M(-60m), -400m, new LocalizedText("消费", "Usage"), "s"));
        var p = ledger.Project(new DateOnly(2026, 1, 31));
        Assert.Equal(420m, p.MoneyLeft.Yuan);
        Assert.Equal(2800m, p.MinutesLeft);
        Assert.Equal(2m, p.DailyMoney.Yuan);               // 60 / 30
        Assert.Equal(new DateOnly(2026, 1, 31).AddDays(210), p.MoneyRunsOut);  // 420 / 2
        Assert.Equal(new DateOnly(2026, 1, 31).AddDays(210), p.MinutesRunOut); // 2800 / (400/30) = 210
        Assert.Null(ledger.Project(new DateOnly(2026, 6, 1)).MoneyRunsOut); // no use in the last 30 days
    }

    [Fact]
    public void Balance_and_minutes_are_the_sums_of_the_entries()
    {
        var kinds = Enum.GetValues<LedgerEntryKind>();
        Gen.Select(Gen.Int[0, kinds.Length - 1], Gen.Int[-100_000, 100_000], Gen.Int[-500, 500], Gen.Int[0, 364])
            .Array[0, 40]
            .Sample(entries =>
            {
                var ledger = NewLedger();
                foreach (var (k, fen, minutes, day) in entries)
                {
                    ledger.Append(new LedgerEntry(kinds[k], new DateOnly(2026, 1, 1).AddDays(day), M.FromFen(fen), minutes, new LocalizedText("x", "x"), "t"));
                }
                Assert.Equal(entries.Sum(e => e.Item2) / 100m, ledger.Balance().Yuan);
                Assert.Equal(entries.Sum(e => (decimal)e.Item3), ledger.MinutesLeft());
                var cut = new DateOnly(2026, 7, 1);
                Assert.Equal(entries.Where(e => new DateOnly(2026, 1, 1).AddDays(e.Item4) <= cut).Sum(e => e.Item2) / 100m, ledger.Balance(cut).Yuan);
                Assert.Equal(ledger.Balance(cut.AddDays(-1)), ledger.Before(cut).Balance());
            }, iter: 200);
    }
}
