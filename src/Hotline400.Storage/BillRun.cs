using Hotline400.Accounts;
using Hotline400.Billing;
using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Numbers;
using Hotline400.Rating;

namespace Hotline400.Storage;

/// <summary>What one bill run did for one number.</summary>
public sealed record BillOutcome(HotlineNumber Number, BillOutcomeKind Kind, Money.Money Total, Statement Statement, StatementAdjustment? Adjustment, long CallsRated, long CallsNotRated);

public enum BillOutcomeKind
{
    /// <summary>A statement was issued for the first time.</summary>
    Issued,

    /// <summary>The issued statement no longer matches (late calls, a corrected catalog): an adjustment was issued.</summary>
    Adjusted,

    /// <summary>Billing again found nothing new.</summary>
    Unchanged,
}

/// <summary>
/// Bills a month from a workspace: for every number subscribed in the month, re-rates its stored
/// calls from its first subscription's start (allowances and tiers depend on everything before),
/// builds the statement and issues it, or, when one is issued already, issues an adjustment for
/// what changed. Running it twice issues nothing new.
/// </summary>
public sealed class BillRun(IWorkspace workspace)
{
    public sealed record Result(BillingPeriod Period, IReadOnlyList<BillOutcome> Outcomes)
    {
        public int Issued => Outcomes.Count(o => o.Kind == BillOutcomeKind.Issued);
        public int Adjusted => Outcomes.Count(o => o.Kind == BillOutcomeKind.Adjusted);
    }

    /// <summary>Bills the month; null with the reason when the workspace has no catalog or accounts.</summary>
    public Result? Run(BillingPeriod period, HotlineNumber? only, out string? problem, IProgress<int>? progress = null)
    {
        var stored = workspace.LatestCatalog();
        if (stored is null)
        {
            problem = "the workspace has no catalog: run 'hotline400 import catalog FILE' first";
            return null;
        }
        var accounts = workspace.LatestAccounts(stored.Catalog);
        if (accounts is null)
        {
            problem = "the workspace has no accounts: run 'hotline400 import accounts FILE' first";
            return null;
        }
        var numbers = accounts.Accounts.Numbers.Where(n => only is null || n.Number == only.Value).ToList();
        if (only is not null && numbers.Count == 0)
        {
            problem = $"{only.Value.ToDisplayString()} is not in the accounts";
            return null;
        }
        problem = null;
        var outcomes = new List<BillOutcome>();
        var done = 0;
        // One rater for the run: its allowance and tier state is per subscription, and each
        // number's calls are given to it in start order, from the number's first subscription on.
        var rater = new Rater(stored.Catalog, accounts.Accounts);
        foreach (var account in numbers)
        {
            var active = account.Subscriptions.Where(s => period.DaysOverlapping(s.Start, s.End?.AddDays(1)) > 0).ToList();
            if (active.Count > 0)
            {
                outcomes.Add(BillNumber(rater, account, period, stored.Version, accounts.Snapshot, stored.Catalog, accounts.Accounts, active[^1]));
            }
            progress?.Report(++done);
        }
        return new Result(period, outcomes);
    }

    private BillOutcome BillNumber(Rater rater, NumberAccount account, BillingPeriod period, int catalogVersion, int snapshot, Catalog.TariffCatalog catalog, AccountBook book, Subscription last)
    {
        var from = ChinaTime.StartOfDay(account.Subscriptions.Min(s => s.Start));
        var rated = new List<RatedCall>();
        long notRated = 0;
        foreach (var call in workspace.CallsBetween(account.Number, from, period.EndMs))
        {
            var r = rater.Rate(call, out _);
            if (r is null)
            {
                notRated += period.ContainsInstant(call.StartedMs) ? 1 : 0;
            }
            else if (period.ContainsInstant(call.StartedMs))
            {
                rated.Add(r);
            }
        }
        var ledgers = account.Subscriptions
            .Select(s => new PrepaidLedger(s, workspace.LedgerEntries(s).Where(e => e.Date < period.Start)))
            .ToList();
        var statement = StatementBuilder.Build(account, period, catalog, rated, ledgers);
        var issued = workspace.Issued(account.Number, period);
        if (issued.Count == 0)
        {
            workspace.IssueStatement(statement, book, catalogVersion, snapshot);
            return new BillOutcome(account.Number, BillOutcomeKind.Issued, statement.Total, statement, null, rated.Count, notRated);
        }
        var adjustment = Rebilling.Adjust(issued[0].Statement!, issued.Skip(1).Select(d => d.Adjustment!), statement);
        if (adjustment.IsEmpty)
        {
            return new BillOutcome(account.Number, BillOutcomeKind.Unchanged, issued[0].Total, issued[0].Statement!, null, rated.Count, notRated);
        }
        workspace.IssueAdjustment(adjustment, last, catalogVersion, snapshot);
        return new BillOutcome(account.Number, BillOutcomeKind.Adjusted, adjustment.Total, statement, adjustment, rated.Count, notRated);
    }
}
