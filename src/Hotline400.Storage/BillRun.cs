using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
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
/// <remarks>
/// Three stages: one thread reads the numbers' calls (its own connection, in the accounts' order),
/// the calling thread rates them and builds the statements (one rater for the run, so each
/// number's calls reach it in start order), and one thread writes: new statements a batch per
/// transaction (each statement whole with its ledger entries, or nothing), adjustments one by one.
/// The ledger is read once at the start: a run only adds entries dated inside the month, which no
/// statement of the month reads.
/// </remarks>
public sealed class BillRun(IWorkspace workspace)
{
    /// <summary>New statements per transaction, at most.</summary>
    public const int StatementsPerTransaction = 128;

    /// <summary>Calls on the statements of one transaction, at most (before the one that crosses it): bounds the memory held.</summary>
    public const int CallsPerTransaction = 200_000;

    public sealed record Result(BillingPeriod Period, IReadOnlyList<BillOutcome> Outcomes)
    {
        public int Issued => Outcomes.Count(o => o.Kind == BillOutcomeKind.Issued);
        public int Adjusted => Outcomes.Count(o => o.Kind == BillOutcomeKind.Adjusted);
    }

    /// <summary>
    /// Whether the outcomes keep each statement whole (default). When false they keep it without the
    /// itemized call detail and the lines' call ids (the issued documents have them), so a run over
    /// millions of calls does not hold them all in memory.
    /// </summary>
    public bool KeepCallDetail { get; init; } = true;

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
        var context = new RunContext(period, stored.Catalog, accounts.Accounts, stored.Version, accounts.Snapshot);
        var billable = new List<(NumberAccount Account, Subscription Last)>();
        var isBillable = new bool[numbers.Count];
        for (var n = 0; n < numbers.Count; n++)
        {
            Subscription? last = null;
            foreach (var s in numbers[n].Subscriptions)
            {
                if (period.DaysOverlapping(s.Start, s.End?.AddDays(1)) > 0)
                {
                    last = s;
                }
            }
            if (last is not null)
            {
                billable.Add((numbers[n], last));
                isBillable[n] = true;
            }
        }
        var issuedBefore = workspace.NumbersIssued(period);
        var ledger = workspace.AllLedgerEntries();
        var outcomes = new BillOutcome?[billable.Count];

        using var cancel = new CancellationTokenSource();
        using var toRate = new BlockingCollection<List<CallRecord>>(boundedCapacity: 16);
        using var toWrite = new BlockingCollection<Work>(boundedCapacity: 32);
        var reader = Task.Factory.StartNew(() => Read(billable, period, toRate, cancel), cancel.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var writer = Task.Factory.StartNew(() => Write(context, toWrite, outcomes, cancel), cancel.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            // One rater for the run: its allowance and tier state is per subscription, and each
            // number's calls are given to it in start order, from the number's first subscription on.
            var rater = new Rater(stored.Catalog, accounts.Accounts);
            var i = 0;
            for (var n = 0; n < numbers.Count; n++)
            {
                if (isBillable[n])
                {
                    var (account, last) = billable[i];
                    var calls = toRate.Take(cancel.Token);
                    var (statement, rated, notRated) = Build(rater, account, period, stored.Catalog, calls, ledger);
                    var adjust = issuedBefore.Contains(account.Number.Value);
                    toWrite.Add(new Work(i, statement, adjust ? null : PreparedStatement.Of(statement), last, rated, notRated, adjust), cancel.Token);
                    i++;
                }
                progress?.Report(n + 1);
            }
            toWrite.CompleteAdding();
            writer.Wait();
            reader.Wait();
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // A stage failed: its exception is rethrown below.
        }
        catch
        {
            cancel.Cancel();
            throw;
        }
        finally
        {
            toWrite.CompleteAdding();
            cancel.Cancel();
            Rethrow(writer);
            Rethrow(reader);
        }
        return new Result(period, outcomes.Select(o => o!).ToList());
    }

    private sealed record RunContext(BillingPeriod Period, Catalog.TariffCatalog Catalog, AccountBook Book, int CatalogVersion, int Snapshot);

    /// <summary>A built statement for the writer; <see cref="Prepared"/> is its stored form when it is to be issued (not adjusted).</summary>
    private sealed record Work(int Index, Statement Statement, PreparedStatement? Prepared, Subscription Last, long Rated, long NotRated, bool Adjust);

    /// <summary>Waits for a stage that has been told to stop and rethrows what made it fail, if anything.</summary>
    private static void Rethrow(Task stage)
    {
        try
        {
            stage.Wait();
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OperationCanceledException))
        {
        }
        catch (AggregateException ex)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions.First(e => e is not OperationCanceledException)).Throw();
        }
    }

    private void Read(List<(NumberAccount Account, Subscription Last)> billable, BillingPeriod period, BlockingCollection<List<CallRecord>> output, CancellationTokenSource cancel)
    {
        try
        {
            using var source = workspace.OpenCallSource();
            foreach (var (account, _) in billable)
            {
                var from = ChinaTime.StartOfDay(account.Subscriptions.Min(s => s.Start));
                output.Add(source.Calls(account.Number, from, period.EndMs), cancel.Token);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            cancel.Cancel();
            throw;
        }
        finally
        {
            output.CompleteAdding();
        }
    }

    private void Write(RunContext run, BlockingCollection<Work> input, BillOutcome?[] outcomes, CancellationTokenSource cancel)
    {
        try
        {
            var batch = new List<Work>(StatementsPerTransaction);
            var calls = 0;
            void Flush()
            {
                if (batch.Count == 0)
                {
                    return;
                }
                workspace.IssueStatements(batch.Select(w => w.Prepared!).ToList(), run.Book, run.CatalogVersion, run.Snapshot);
                foreach (var w in batch)
                {
                    outcomes[w.Index] = new BillOutcome(w.Statement.Number, BillOutcomeKind.Issued, w.Statement.Total, Kept(w.Statement), null, w.Rated, w.NotRated);
                }
                batch.Clear();
                calls = 0;
            }
            foreach (var work in input.GetConsumingEnumerable(cancel.Token))
            {
                if (work.Adjust)
                {
                    Flush();
                    outcomes[work.Index] = Adjust(run, work);
                    continue;
                }
                batch.Add(work);
                calls += work.Statement.CallDetails.Count;
                // Commit when the batch is full (by statements or by calls).
                if (batch.Count == StatementsPerTransaction || calls >= CallsPerTransaction)
                {
                    Flush();
                }
            }
            Flush();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            cancel.Cancel();
            throw;
        }
    }

    private BillOutcome Adjust(RunContext run, Work work)
    {
        var statement = work.Statement;
        var issued = workspace.Issued(statement.Number, run.Period);
        if (issued.Count == 0)
        {
            workspace.IssueStatement(statement, run.Book, run.CatalogVersion, run.Snapshot);
            return new BillOutcome(statement.Number, BillOutcomeKind.Issued, statement.Total, Kept(statement), null, work.Rated, work.NotRated);
        }
        var adjustment = Rebilling.Adjust(issued[0].Statement!, issued.Skip(1).Select(d => d.Adjustment!), statement);
        if (adjustment.IsEmpty)
        {
            return new BillOutcome(statement.Number, BillOutcomeKind.Unchanged, issued[0].Total, Kept(issued[0].Statement!), null, work.Rated, work.NotRated);
        }
        workspace.IssueAdjustment(adjustment, work.Last, run.CatalogVersion, run.Snapshot);
        return new BillOutcome(statement.Number, BillOutcomeKind.Adjusted, adjustment.Total, Kept(statement), adjustment, work.Rated, work.NotRated);
    }

    /// <summary>The statement as the outcome keeps it (see <see cref="KeepCallDetail"/>).</summary>
    private Statement Kept(Statement statement) => KeepCallDetail ? statement : new Statement
    {
        Number = statement.Number,
        EnterpriseId = statement.EnterpriseId,
        Period = statement.Period,
        Lines = [.. statement.Lines.Select(l => l.Trace.CallIds is null ? l : l with { Trace = l.Trace with { CallIds = null } })],
        Totals = statement.Totals,
        Alerts = statement.Alerts,
        CallDetails = [],
        LedgerEntries = statement.LedgerEntries,
        Plans = statement.Plans,
    };

    /// <summary>Rates a number's calls (from its first subscription on) and builds its statement for the month.</summary>
    internal static (Statement Statement, long Rated, long NotRated) Build(Rater rater, NumberAccount account, BillingPeriod period, Catalog.TariffCatalog catalog,
        List<CallRecord> calls, IReadOnlyDictionary<LedgerKey, List<LedgerEntry>> ledger)
    {
        var rated = new List<RatedCall>(calls.Count);
        long notRated = 0;
        foreach (var call in calls)
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
            .Select(s => new PrepaidLedger(s, (ledger.GetValueOrDefault(LedgerKey.Of(s)) ?? []).Where(e => e.Date < period.Start)))
            .ToList();
        return (StatementBuilder.Build(account, period, catalog, rated, ledgers), rated.Count, notRated);
    }
}
