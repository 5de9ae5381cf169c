using System.Runtime.ExceptionServices;
using Hotline400.Accounts;
using Hotline400.Billing;
using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Numbers;
using Hotline400.Rating;

namespace Hotline400.Storage;

/// <summary>What one bill run did for one number.</summary>
/// <param name="HolidaysUnknownFrom">Set when calls of the month were priced by bands that depend on the day type on days the holiday calendar has no notice for (<see cref="RatedCall.HolidaysUnknownFrom"/>): the earliest such stretch start.</param>
public sealed record BillOutcome(HotlineNumber Number, BillOutcomeKind Kind, Money.Money Total, Statement Statement, StatementAdjustment? Adjustment, long CallsRated, long CallsNotRated,
    DateOnly? HolidaysUnknownFrom = null);

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
/// <see cref="Workers"/> threads each take the next number, read its calls (a call source of their
/// own), rate them (a rater of their own: its allowance and tier state is per subscription, and a
/// number's subscriptions are rated by one worker, in start order), build the statement and
/// serialize it. The calling thread writes, in the accounts' order whatever worker finished first:
/// new statements a batch per transaction (each statement whole with its ledger entries, or
/// nothing), adjustments one by one. So the workspace holds the same rows, in the same order, for
/// any number of workers. The ledger is read once at the start: a run only adds entries dated
/// inside the month, which no statement of the month reads.
/// </remarks>
public sealed class BillRun(IWorkspace workspace)
{
    /// <summary>New statements per transaction, at most.</summary>
    public const int StatementsPerTransaction = 128;

    /// <summary>Calls on the statements of one transaction, at most (before the one that crosses it): bounds the memory held.</summary>
    public const int CallsPerTransaction = 200_000;

    /// <summary>Numbers built ahead of the writer, at most: bounds the memory held when writing falls behind.</summary>
    public const int Window = 16;

    public sealed record Result(BillingPeriod Period, IReadOnlyList<BillOutcome> Outcomes)
    {
        public int Issued => Outcomes.Count(o => o.Kind == BillOutcomeKind.Issued);
        public int Adjusted => Outcomes.Count(o => o.Kind == BillOutcomeKind.Adjusted);

        /// <summary>The earliest <see cref="BillOutcome.HolidaysUnknownFrom"/> of the run; null when no call was priced without holiday data.</summary>
        public DateOnly? HolidaysUnknownFrom => Outcomes.Min(o => o.HolidaysUnknownFrom);
    }

    /// <summary>
    /// Whether the outcomes keep each statement whole (default). When false they keep it without the
    /// itemized call detail and the lines' call ids (the issued documents have them), so a run over
    /// millions of calls does not hold them all in memory.
    /// </summary>
    public bool KeepCallDetail { get; init; } = true;

    /// <summary>Threads that read, rate and build (default: one per processor). The outcome does not depend on it.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Bills the month; null with the reason when the workspace has no catalog or accounts.</summary>
    public Result? Run(BillingPeriod period, HotlineNumber? only, out LocalizedText? problem, IProgress<int>? progress = null)
    {
        // The caller-region data loads on first use (about two seconds): load it while the accounts load.
        var warm = Task.Run(() => RegionResolver.Shared.ResolveId(CallerNumber.Classify("01088888888")));
        var stored = workspace.LatestCatalog();
        if (stored is null)
        {
            problem = WorkspaceProblems.NoCatalog();
            return null;
        }
        var accounts = workspace.LatestAccounts(stored.Catalog);
        if (accounts is null)
        {
            problem = WorkspaceProblems.NoAccounts();
            return null;
        }
        var numbers = accounts.Accounts.Numbers.Where(n => only is null || n.Number == only.Value).ToList();
        if (only is not null && numbers.Count == 0)
        {
            problem = WorkspaceProblems.NotInAccounts(only.Value);
            return null;
        }
        problem = null;
        var ledger = workspace.AllLedgerEntries();
        var context = new RunContext(period, stored.Catalog, accounts.Accounts, stored.Version, accounts.Snapshot, ledger);
        var billable = new List<(NumberAccount Account, Subscription Last, int Position)>();
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
                billable.Add((numbers[n], last, n));
            }
        }
        var issuedBefore = workspace.NumbersIssued(period);
        var outcomes = new BillOutcome?[billable.Count];
        warm.Wait();

        var slots = new Slots(billable.Count);
        var workerCount = Math.Clamp(Workers, 1, Math.Max(1, billable.Count));
        var workers = new Task[workerCount];
        for (var w = 0; w < workerCount; w++)
        {
            workers[w] = Task.Factory.StartNew(() => BuildNumbers(context, billable, issuedBefore, ledger, slots), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        try
        {
            Write(context, billable, slots, outcomes, progress);
            progress?.Report(numbers.Count);
        }
        catch (Exception ex)
        {
            slots.Fail(ex);
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Wait();
            }
        }
        slots.ThrowIfFailed();
        return new Result(period, outcomes.Select(o => o!).ToList());
    }

    private sealed record RunContext(BillingPeriod Period, Catalog.TariffCatalog Catalog, AccountBook Book, int CatalogVersion, int Snapshot,
        IReadOnlyDictionary<LedgerKey, List<LedgerEntry>> Ledger);

    /// <summary>A built statement for the writer; <see cref="Prepared"/> is its stored form when it is to be issued (not adjusted).</summary>
    private sealed record Work(int Index, Statement Statement, PreparedStatement? Prepared, Subscription Last, long Rated, long NotRated, bool Adjust, DateOnly? HolidaysUnknownFrom);

    /// <summary>
    /// The hand-over between the workers and the writer: workers take numbers in order and put what
    /// they built in the number's slot; the writer takes the slots in order. A worker does not start
    /// a number more than <see cref="Window"/> ahead of the writer. The first failure stops everyone.
    /// </summary>
    private sealed class Slots(int count)
    {
        private readonly Work?[] _slots = new Work?[count];
        private readonly object _gate = new();
        private int _next = -1;
        private int _taken;
        private Exception? _failure;

        public int Count => count;

        /// <summary>The next number for a worker; −1 when there are no more or the run failed.</summary>
        public int Next()
        {
            var i = Interlocked.Increment(ref _next);
            if (i >= count)
            {
                return -1;
            }
            lock (_gate)
            {
                while (i >= _taken + Window && _failure is null)
                {
                    Monitor.Wait(_gate);
                }
                return _failure is null ? i : -1;
            }
        }

        public void Put(Work work)
        {
            lock (_gate)
            {
                _slots[work.Index] = work;
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>The work for number <paramref name="i"/>, waiting until it is built; null when the run failed.</summary>
        public Work? Take(int i)
        {
            lock (_gate)
            {
                while (_slots[i] is null && _failure is null)
                {
                    Monitor.Wait(_gate);
                }
                if (_failure is not null)
                {
                    return null;
                }
                var work = _slots[i]!;
                _slots[i] = null;
                _taken = i + 1;
                Monitor.PulseAll(_gate);
                return work;
            }
        }

        public void Fail(Exception ex)
        {
            lock (_gate)
            {
                _failure ??= ex;
                Monitor.PulseAll(_gate);
            }
        }

        public void ThrowIfFailed()
        {
            if (_failure is { } failure)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }
    }

    /// <summary>A worker: reads, rates, builds and serializes numbers until there are none left.</summary>
    private void BuildNumbers(RunContext run, List<(NumberAccount Account, Subscription Last, int Position)> billable, IReadOnlySet<long> issuedBefore,
        IReadOnlyDictionary<LedgerKey, List<LedgerEntry>> ledger, Slots slots)
    {
        try
        {
            using var source = workspace.OpenCallSource();
            var rater = new Rater(run.Catalog, run.Book);
            int i;
            while ((i = slots.Next()) >= 0)
            {
                var (account, last, _) = billable[i];
                var from = ChinaTime.StartOfDay(account.Subscriptions.Min(s => s.Start));
                var calls = source.Calls(account.Number, from, run.Period.EndMs);
                var (statement, rated, notRated, holidaysUnknownFrom) = Build(rater, account, run.Period, run.Catalog, calls, ledger);
                var adjust = issuedBefore.Contains(account.Number.Value);
                // An adjustment may need the statement whole (issued after all if the one issued is gone);
                // one to issue waits for the writer as its stored form and, unless kept, without its calls.
                var prepared = adjust ? null : PreparedStatement.Of(statement);
                slots.Put(new Work(i, adjust ? statement : Kept(statement), prepared, last, rated, notRated, adjust, holidaysUnknownFrom));
            }
        }
        catch (Exception ex)
        {
            slots.Fail(ex);
        }
    }

    /// <summary>The writer: issues what the workers built, in the accounts' order.</summary>
    private void Write(RunContext run, List<(NumberAccount Account, Subscription Last, int Position)> billable, Slots slots, BillOutcome?[] outcomes, IProgress<int>? progress)
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
                outcomes[w.Index] = new BillOutcome(w.Statement.Number, BillOutcomeKind.Issued, w.Statement.Total, w.Statement, null, w.Rated, w.NotRated, w.HolidaysUnknownFrom);
                w.Prepared!.Release();
            }
            batch.Clear();
            calls = 0;
        }
        for (var i = 0; i < slots.Count; i++)
        {
            if (slots.Take(i) is not { } work)
            {
                return; // a worker failed: Run rethrows its exception
            }
            if (work.Adjust)
            {
                Flush();
                outcomes[work.Index] = Adjust(run, work);
            }
            else
            {
                batch.Add(work);
                calls += work.Prepared!.Calls;
                // Commit when the batch is full (by statements or by calls).
                if (batch.Count == StatementsPerTransaction || calls >= CallsPerTransaction)
                {
                    Flush();
                }
            }
            progress?.Report(billable[i].Position + 1);
        }
        Flush();
    }

    private BillOutcome Adjust(RunContext run, Work work)
    {
        var statement = work.Statement;
        var issued = workspace.Issued(statement.Number, run.Period);
        if (issued.Count == 0)
        {
            workspace.IssueStatement(statement, run.Book, run.CatalogVersion, run.Snapshot);
            return new BillOutcome(statement.Number, BillOutcomeKind.Issued, statement.Total, Kept(statement), null, work.Rated, work.NotRated, work.HolidaysUnknownFrom);
        }
        var adjustment = Rebilling.Adjust(issued[0].Statement!, issued.Skip(1).Select(d => d.Adjustment!), statement);
        // A package's credit recorded otherwise than the recomputation credits it is corrected in the ledger.
        var subscriptions = run.Book.Find(statement.Number)?.Subscriptions ?? [];
        var credits = Rebilling.CreditCorrections(statement,
                subscriptions.Select(s => new PrepaidLedger(s, run.Ledger.GetValueOrDefault(LedgerKey.Of(s)) ?? [])).ToList())
            .Select(c => (run.Book.Subscriptions[c.SubscriptionIndex], c.Entry))
            .ToList();
        if (adjustment.IsEmpty)
        {
            foreach (var (subscription, entry) in credits)
            {
                workspace.AppendLedger(subscription, entry);
            }
            return new BillOutcome(statement.Number, BillOutcomeKind.Unchanged, issued[0].Total, Kept(issued[0].Statement!), null, work.Rated, work.NotRated, work.HolidaysUnknownFrom);
        }
        workspace.IssueAdjustment(adjustment, work.Last, run.CatalogVersion, run.Snapshot, credits);
        return new BillOutcome(statement.Number, BillOutcomeKind.Adjusted, adjustment.Total, Kept(statement), adjustment, work.Rated, work.NotRated, work.HolidaysUnknownFrom);
    }

    /// <summary>The statement as the outcome keeps it (see <see cref="KeepCallDetail"/>).</summary>
    private Statement Kept(Statement statement) => KeepCallDetail ? statement : CallDetailCodec.WithoutDetail(statement);

    /// <summary>Rates a number's calls (from its first subscription on) and builds its statement for the month.</summary>
    internal static (Statement Statement, long Rated, long NotRated, DateOnly? HolidaysUnknownFrom) Build(Rater rater, NumberAccount account, BillingPeriod period, Catalog.TariffCatalog catalog,
        List<CallRecord> calls, IReadOnlyDictionary<LedgerKey, List<LedgerEntry>> ledger)
    {
        var rated = new List<RatedCall>(calls.Count);
        long notRated = 0;
        DateOnly? holidaysUnknownFrom = null;
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
                if (r.HolidaysUnknownFrom is { } from && (holidaysUnknownFrom is null || from < holidaysUnknownFrom))
                {
                    holidaysUnknownFrom = from;
                }
            }
        }
        var ledgers = account.Subscriptions
            .Select(s => new PrepaidLedger(s, (ledger.GetValueOrDefault(LedgerKey.Of(s)) ?? []).Where(e => e.Date < period.Start)))
            .ToList();
        return (StatementBuilder.Build(account, period, catalog, rated, ledgers), rated.Count, notRated, holidaysUnknownFrom);
    }
}
