using Hotline400.Accounts;
using Hotline400.Billing;
using Hotline400.Common;
using Hotline400.Storage;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Storage;

/// <summary>
/// Re-billing a month whose statement was issued when a promotion on the package still lowered its
/// credit (the ledger credited tel-398's term with 398 instead of the 480 the package buys): the
/// bill run issues what changed in the statement and corrects the credit in the ledger.
/// </summary>
public sealed class PackageCreditRebillingTests : IDisposable
{
    private static readonly BillingPeriod August = BillingPeriod.Parse("2026-08");
    private static readonly string Number = Billing.BillingWorld.Number(1);

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private SqliteWorkspace Open(string name, string[] calls)
    {
        var w = SqliteWorkspace.Open(_dir.File(name));
        Assert.True(w.ImportCatalog(SampleData.CatalogYaml, "samples/catalog.yaml").Ok);
        Assert.True(w.ImportAccounts(
            $"enterprises:\n  - id: e\n    name: {{ zh: 企业, en: Firm }}\n    numbers:\n      - {{ number: {Number}, plan: telecom/tel-398, start: 2026-08-01, services: [ {{ id: ivr, start: 2026-08-01 }} ] }}\n",
            "accounts.yaml").Ok);
        Assert.True(w.ImportCalls([_dir.Write(name + ".csv", Header + "\n" + string.Join("\n", calls) + "\n")], Hotline400.Calls.ColumnMap.Default).Usable);
        return w;
    }

    /// <summary>The statement as the rule before issued it: the first-year price lowered the credit to 398.</summary>
    private static Statement AsIssuedBefore(Statement now, decimal drawnBefore)
    {
        var was = new Money.Money(drawnBefore);
        var change = was - now.Totals.PrepaymentDrawn;
        return new Statement
        {
            Number = now.Number,
            EnterpriseId = now.EnterpriseId,
            Period = now.Period,
            Lines = now.Lines.Select(l => l.Kind == LineKind.PrepaymentDrawn ? l with { Amount = was } : l).ToArray(),
            Totals = now.Totals with { PrepaymentDrawn = was, Due = now.Totals.Due + change, BalanceCarried = new Money.Money(398m) + was },
            Alerts = now.Alerts,
            CallDetails = now.CallDetails,
            LedgerEntries = now.LedgerEntries.Select(e => e.Entry.Kind switch
            {
                LedgerEntryKind.Prepayment => e with { Entry = e.Entry with { Amount = new Money.Money(398m) } },
                LedgerEntryKind.UsageDebit => e with { Entry = e.Entry with { Amount = was } },
                _ => e,
            }).ToArray(),
            Plans = now.Plans,
        };
    }

    [Theory]
    // 163 × 75 = 12,225 minutes: 1,833.75 + IVR 300 = 2,133.75 of consumption. Issued before: drawn −398
    // (all of the 398 credit), due 2,133.75. Now: drawn −480, so the adjustment credits −82 (due
    // 2,051.75) and the ledger, 398 − 398 before, gets −82 drawn and +82 credit: 480 − 480 = 0.
    [InlineData(163, 75, -398.00, -480.00, -82.00, 0.00)]
    // 4 × 50 = 200 minutes: 30.00 + IVR 300 = 330 of consumption, drawn −330 either way: no adjustment,
    // but the ledger, 398 − 330 = 68 before, is credited +82: 480 − 330 = 150.
    [InlineData(4, 50, -330.00, -330.00, 0.00, 150.00)]
    public void Rebilling_a_month_issued_when_the_first_year_price_lowered_the_credit_corrects_statement_and_ledger(
        int calls, int minutes, decimal drawnBefore, decimal drawnNow, decimal adjustmentTotal, decimal balance)
    {
        var rows = Billing.PackageCreditTests.Calls(Number, "2026-08", calls, minutes);
        Statement now;
        using (var probe = Open("probe.db", rows))
        {
            now = Assert.Single(new BillRun(probe).Run(August, null, out _)!.Outcomes).Statement;
        }
        Assert.Equal(drawnNow, now.Totals.PrepaymentDrawn.Yuan);

        using var w = Open("w.db", rows);
        var stored = w.LatestCatalog()!;
        var accounts = w.LatestAccounts(stored.Catalog)!;
        var sub = accounts.Accounts.Subscriptions[0];
        w.IssueStatement(AsIssuedBefore(now, drawnBefore), accounts.Accounts, stored.Version, accounts.Snapshot);
        Assert.Equal(398m + drawnBefore, new PrepaidLedger(sub, w.LedgerEntries(sub)).Balance().Yuan);

        var outcome = Assert.Single(new BillRun(w).Run(August, null, out _)!.Outcomes);

        Assert.Equal(adjustmentTotal == 0 ? BillOutcomeKind.Unchanged : BillOutcomeKind.Adjusted, outcome.Kind);
        if (adjustmentTotal != 0)
        {
            var line = Assert.Single(outcome.Adjustment!.Lines);
            Assert.Equal((LineKind.PrepaymentDrawn, drawnBefore, drawnNow, adjustmentTotal), (line.Kind, line.Was.Yuan, line.Now.Yuan, line.Amount.Yuan));
        }
        var ledger = new PrepaidLedger(sub, w.LedgerEntries(sub));
        Assert.Equal(balance, ledger.Balance().Yuan);
        var trace = StatementBuilder.PackageTrace(sub, 0);
        Assert.Equal(480.00m, ledger.Entries.Where(e => e.Trace == trace).Sum(e => e.Amount.Yuan));
        var correction = Assert.Single(ledger.Entries, e => e.Kind == LedgerEntryKind.Adjustment && e.Trace == trace);
        Assert.Equal((82.00m, August.LastDay), (correction.Amount.Yuan, correction.Date));

        // Billing the month again finds nothing to issue and nothing to correct.
        var entries = w.LedgerEntries(sub).Count;
        Assert.Equal(BillOutcomeKind.Unchanged, Assert.Single(new BillRun(w).Run(August, null, out _)!.Outcomes).Kind);
        Assert.Equal(entries, w.LedgerEntries(sub).Count);
    }
}
