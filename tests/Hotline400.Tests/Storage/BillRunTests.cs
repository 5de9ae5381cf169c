using System.Text;
using Hotline400.Accounts;
using Hotline400.Billing;
using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Numbers;
using Hotline400.Rating;
using Hotline400.Simulation;
using Hotline400.Storage;
using Microsoft.Data.Sqlite;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Storage;

/// <summary>
/// The bill run over many numbers (calls read on their own thread, statements written in batches,
/// the ledger read once) gives exactly what billing number by number gives.
/// </summary>
public sealed class BillRunTests : IDisposable
{
    private static readonly BillingPeriod August = BillingPeriod.Parse("2026-08");
    private static readonly BillingPeriod September = BillingPeriod.Parse("2026-09");

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A workspace with the sample catalog and accounts and three simulated months of their calls.</summary>
    private SqliteWorkspace Ready(string name) => SampleWorkspace.Open(_dir, name, "calls.csv", new SimulationOptions(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30), 3, 4));

    private static List<string> Documents(string path) => Rows(path,
        "SELECT number, period, sequence, kind, total, catalog_version, accounts_snapshot, document FROM statements ORDER BY number, period, sequence");

    private static List<string> Ledger(string path) => Rows(path,
        "SELECT number, plan, subscription_start, kind, date, amount, minutes, reason_zh, reason_en, trace FROM ledger_entries ORDER BY number, plan, subscription_start, id");

    private static List<string> Rows(string path, string sql) => SampleWorkspace.Rows(path, sql);

    [Fact]
    public void A_run_over_all_numbers_stores_what_billing_each_number_alone_stores()
    {
        using (var all = Ready("all.db"))
        {
            var run = new BillRun(all);
            Assert.NotNull(run.Run(August, null, out _));
            var september = run.Run(September, null, out _)!;
            Assert.True(september.Issued > 1);
        }
        using (var one = Ready("one.db"))
        {
            var numbers = one.LatestAccounts(one.LatestCatalog()!.Catalog)!.Accounts.Numbers.Select(n => n.Number).ToList();
            foreach (var period in new[] { August, September })
            {
                // In reverse order, to show the order of billing changes nothing either.
                foreach (var n in Enumerable.Reverse(numbers))
                {
                    Assert.NotNull(new BillRun(one).Run(period, n, out _));
                }
            }
        }
        Assert.Equal(Documents(_dir.File("one.db")), Documents(_dir.File("all.db")));
        Assert.Equal(Ledger(_dir.File("one.db")), Ledger(_dir.File("all.db")));
        Assert.NotEmpty(Ledger(_dir.File("all.db")));
    }

    [Fact]
    public void Any_number_of_workers_stores_the_same_rows_in_the_same_order()
    {
        var runs = new List<(List<string> Documents, List<string> Ledger, List<string> Calls, List<string> Outcomes)>();
        foreach (var workers in new[] { 1, 2, 3, 7 })
        {
            var name = $"w{workers}.db";
            using (var w = Ready(name))
            {
                var outcomes = new List<string>();
                foreach (var period in new[] { August, September })
                {
                    var result = new BillRun(w) { Workers = workers }.Run(period, null, out _)!;
                    outcomes.AddRange(result.Outcomes.Select(o => $"{o.Number}|{o.Kind}|{o.Total}|{o.CallsRated}|{o.CallsNotRated}|{StatementDocuments.Serialize(o.Statement)}"));
                }
                runs.Add((
                    Rows(_dir.File(name), "SELECT id, number, period, sequence, kind, total, document FROM statements ORDER BY id"),
                    Rows(_dir.File(name), "SELECT id, number, plan, subscription_start, kind, date, amount, minutes, reason_zh, reason_en, trace, statement FROM ledger_entries ORDER BY id"),
                    Rows(_dir.File(name), "SELECT statement, format, calls, hex(detail) FROM statement_calls ORDER BY statement"),
                    outcomes));
            }
        }
        Assert.NotEmpty(runs[0].Calls);
        foreach (var run in runs.Skip(1))
        {
            Assert.Equal(runs[0].Documents, run.Documents);
            Assert.Equal(runs[0].Ledger, run.Ledger);
            Assert.Equal(runs[0].Calls, run.Calls);
            Assert.Equal(runs[0].Outcomes, run.Outcomes);
        }
    }

    [Fact]
    public void A_failing_store_stops_the_run_with_its_error_and_every_worker_ends()
    {
        using var w = Ready("w.db");
        // A statement for a number in the middle of the accounts is issued already: the batch holding it is refused.
        var stored = w.LatestCatalog()!;
        var accounts = w.LatestAccounts(stored.Catalog)!;
        var middle = accounts.Accounts.Numbers.ElementAt(accounts.Accounts.Numbers.Count() / 2);
        var run = new BillRun(w) { Workers = 2 };
        using var other = SqliteWorkspace.Open(_dir.File("w.db"));
        var failed = false;
        var progress = new Progress(n =>
        {
            if (!failed)
            {
                failed = true;
                other.IssueStatement(StatementBuilder.Build(middle, September, stored.Catalog, []), accounts.Accounts, stored.Version, accounts.Snapshot);
            }
        });
        var ex = Assert.Throws<WorkspaceException>(() => run.Run(September, null, out _, progress));
        Assert.Contains("issued already", ex.Message, StringComparison.Ordinal);
    }

    private sealed class Progress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    [Fact]
    public void Statements_are_those_of_rating_and_building_each_number_on_its_own()
    {
        using var w = Ready("w.db");
        Assert.NotNull(new BillRun(w).Run(August, null, out _));
        // The reference: per number, its calls from the store one query each, a rater of its own, its
        // ledgers one query per subscription, the statement builder (what the run did before it was batched).
        var stored = w.LatestCatalog()!;
        var book = w.LatestAccounts(stored.Catalog)!.Accounts;
        var expected = new Dictionary<long, string>();
        foreach (var account in book.Numbers.Where(a => a.Subscriptions.Any(s => September.DaysOverlapping(s.Start, s.End?.AddDays(1)) > 0)))
        {
            var rater = new Rater(stored.Catalog, book);
            var from = ChinaTime.StartOfDay(account.Subscriptions.Min(s => s.Start));
            var rated = w.CallsBetween(account.Number, from, September.EndMs).Select(c => rater.Rate(c, out _))
                .Where(r => r is not null && September.ContainsInstant(r.Call.StartedMs)).Select(r => r!).ToList();
            var ledgers = account.Subscriptions.Select(s => new PrepaidLedger(s, w.LedgerEntries(s).Where(e => e.Date < September.Start))).ToList();
            expected[account.Number.Value] = StatementDocuments.Serialize(StatementBuilder.Build(account, September, stored.Catalog, rated, ledgers));
        }

        var result = new BillRun(w).Run(September, null, out _)!;

        Assert.Equal(expected.Count, result.Issued);
        foreach (var outcome in result.Outcomes)
        {
            Assert.Equal(expected[outcome.Number.Value], StatementDocuments.Serialize(outcome.Statement));
            var issued = Assert.Single(w.Issued(outcome.Number, September));
            Assert.Equal(expected[outcome.Number.Value], StatementDocuments.Serialize(issued.Statement!));
        }
    }

    [Fact]
    public void Outcomes_without_call_detail_keep_every_figure()
    {
        using var full = Ready("full.db");
        using var lean = Ready("lean.db");
        var a = new BillRun(full).Run(September, null, out _)!;
        var b = new BillRun(lean) { KeepCallDetail = false }.Run(September, null, out _)!;
        Assert.Equal(a.Outcomes.Select(o => (o.Number, o.Kind, o.Total, o.Statement.Totals)), b.Outcomes.Select(o => (o.Number, o.Kind, o.Total, o.Statement.Totals)));
        Assert.Equal(a.Outcomes.SelectMany(o => o.Statement.Lines.Select(l => (l.Key, l.Amount, l.Trace.Calls))), b.Outcomes.SelectMany(o => o.Statement.Lines.Select(l => (l.Key, l.Amount, l.Trace.Calls))));
        Assert.Contains(a.Outcomes, o => o.Statement.CallDetails.Count > 0);
        Assert.All(b.Outcomes, o => Assert.Empty(o.Statement.CallDetails));
        Assert.Equal(Documents(_dir.File("full.db")), Documents(_dir.File("lean.db")));
    }

    [Fact]
    public void A_batch_with_a_statement_issued_already_stores_nothing()
    {
        using var w = Ready("w.db");
        var stored = w.LatestCatalog()!;
        var accounts = w.LatestAccounts(stored.Catalog)!;
        var numbers = accounts.Accounts.Numbers.Take(3).ToList();
        var statements = numbers.Select(n => StatementBuilder.Build(n, September, stored.Catalog, [])).ToList();
        w.IssueStatement(statements[1], accounts.Accounts, stored.Version, accounts.Snapshot);
        var ledgerBefore = Ledger(_dir.File("w.db"));

        Assert.Throws<WorkspaceException>(() => w.IssueStatements(statements, accounts.Accounts, stored.Version, accounts.Snapshot));

        Assert.Equal([numbers[1].Number.Value], w.NumbersIssued(September));
        Assert.Equal(ledgerBefore, Ledger(_dir.File("w.db")));
    }

    [Fact]
    public void The_stored_document_is_the_statement_without_its_call_detail_in_utf8_and_the_detail_is_a_blob_beside_it()
    {
        using var w = Ready("w.db");
        var result = new BillRun(w).Run(September, null, out _)!;
        var statement = result.Outcomes.OrderByDescending(o => o.Statement.CallDetails.Count).First().Statement;
        Assert.NotEmpty(statement.CallDetails);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        StatementDocuments.Write(buffer, statement);
        Assert.Equal(StatementDocuments.Serialize(statement), Encoding.UTF8.GetString(buffer.WrittenSpan));

        var lean = StatementDocuments.Serialize(CallDetailCodec.WithoutDetail(statement));
        Assert.DoesNotContain(statement.CallDetails[0].CallId, lean, StringComparison.Ordinal);
        Assert.Contains(Documents(_dir.File("w.db")), d => d.EndsWith(lean, StringComparison.Ordinal));
        var rows = Rows(_dir.File("w.db"), $"SELECT c.format, c.calls, length(c.detail) FROM statement_calls c JOIN statements s ON s.id = c.statement WHERE s.number = {statement.Number.Value}");
        var row = Assert.Single(rows).Split('|');
        Assert.Equal("1", row[0]);
        Assert.Equal(statement.CallDetails.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), row[1]);
        Assert.True(long.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture) < 60L * statement.CallDetails.Count, $"{row[2]} bytes for {statement.CallDetails.Count} calls");

        var issued = Assert.Single(w.Issued(statement.Number, September)).Statement!;
        Assert.Equal(StatementDocuments.Serialize(statement), StatementDocuments.Serialize(issued));
    }

    [Fact]
    public void The_ledger_read_at_once_equals_the_ledger_read_per_subscription()
    {
        using var w = Ready("w.db");
        Assert.NotNull(new BillRun(w).Run(August, null, out _));
        var book = w.LatestAccounts(w.LatestCatalog()!.Catalog)!.Accounts;
        var all = w.AllLedgerEntries();
        Assert.NotEmpty(all);
        foreach (var s in book.Subscriptions)
        {
            Assert.Equal(w.LedgerEntries(s), all.GetValueOrDefault(LedgerKey.Of(s)) ?? []);
        }
    }
}
