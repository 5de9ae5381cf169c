using Hotline400.Calls;
using Hotline400.Numbers;
using Hotline400.Storage;
using Microsoft.Data.Sqlite;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Storage;

/// <summary>The SQLite workspace on real files in a temp folder: schema, versions, call imports.</summary>
public sealed class WorkspaceTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string DbPath => _dir.File("w.db");

    private SqliteWorkspace Open() => SqliteWorkspace.Open(DbPath);

    /// <summary>A workspace with the test catalog and accounts imported.</summary>
    private SqliteWorkspace Ready()
    {
        var w = Open();
        Assert.True(w.ImportCatalog(CatalogYaml, "catalog.yaml").Ok);
        Assert.True(w.ImportAccounts(AccountsYaml, "accounts.yaml").Ok);
        return w;
    }

    private string Calls(string name, params string[] rows) => _dir.Write(name, Header + "\n" + string.Join("\n", rows) + "\n");

    private static readonly string Flat = NumberFor("flat");
    private static readonly string Six = NumberFor("six");

    /// <summary>Every stored call as text, provenance (file, line) left out, in call id order.</summary>
    private static List<string> Stored(IWorkspace w) => w.CallsBetween(null, long.MinValue, long.MaxValue)
        .Select(c => $"{c.CallId}|{c.Number}|{c.Caller}|{c.StartedMs}|{c.AnsweredMs}|{c.EndedMs}|{c.Outcome}|{c.Recorded}|{c.Direction}|{c.AnsweredBy}")
        .Order(StringComparer.Ordinal).ToList();

    private List<string> Tables()
    {
        using var c = new SqliteConnection($"Data Source={DbPath};Pooling=false");
        c.Open();
        using var cmd = new SqliteCommand("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name", c);
        using var r = cmd.ExecuteReader();
        var names = new List<string>();
        while (r.Read())
        {
            names.Add(r.GetString(0));
        }
        return names;
    }

    // ---- schema ------------------------------------------------------------------------------------

    [Fact]
    public void Opening_creates_the_schema_and_reopening_applies_nothing()
    {
        IReadOnlyList<(int, string)> first;
        using (var w = Open())
        {
            Assert.Equal(SqliteWorkspace.LatestSchemaVersion, w.SchemaVersion);
            first = w.AppliedMigrations();
            Assert.Equal(SqliteMigrations.All.Select(m => m.Version), first.Select(m => m.Item1));
        }
        Assert.Equal(["accounts_snapshots", "call_chunks", "call_chunks_by_number", "call_hashes", "catalog_versions", "import_runs", "ledger_by_subscription", "ledger_entries", "schema_version", "statement_calls", "statements"], Tables());
        using (var w = Open())
        {
            Assert.Equal(first, w.AppliedMigrations());
            Assert.Equal(new WorkspaceCounts(0, 0, 0, 0), w.Counts());
        }
        using var c = new SqliteConnection($"Data Source={DbPath};Pooling=false");
        c.Open();
        Assert.Equal("wal", new SqliteCommand("PRAGMA journal_mode", c).ExecuteScalar());
        Assert.Equal((long)SqliteMigrations.All.Count, new SqliteCommand("SELECT count(*) FROM schema_version", c).ExecuteScalar());
    }

    [Fact]
    public void A_workspace_from_a_newer_version_is_refused_with_a_message()
    {
        using (Open())
        {
        }
        using (var c = new SqliteConnection($"Data Source={DbPath};Pooling=false"))
        {
            c.Open();
            new SqliteCommand("INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'future', 0)", c).ExecuteNonQuery();
        }
        var ex = Assert.Throws<WorkspaceException>(() => Open());
        Assert.Contains("999", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_workspace_is_refused_with_a_message()
    {
        var path = _dir.Write("not.db", "this is not a database, just some text that is long enough to have a header page........................................................");
        var ex = Assert.Throws<WorkspaceException>(() => SqliteWorkspace.Open(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    // ---- catalog and accounts -------------------------------------------------------------------------

    [Fact]
    public void Importing_the_same_catalog_twice_adds_one_version()
    {
        using var w = Open();
        var first = w.ImportCatalog(CatalogYaml, "catalog.yaml");
        var second = w.ImportCatalog(CatalogYaml, "again.yaml");
        Assert.Equal((1, true), (first.Version, first.Added));
        Assert.Equal((1, false), (second.Version, second.Added));
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal(1, w.Counts().CatalogVersions);
        Assert.Equal("catalog.yaml", w.LatestCatalog()!.Source);
        Assert.Equal([new ImportCounts(1, 1, 0, 0), new ImportCounts(1, 0, 0, 1)], w.ImportRuns().Select(r => r.Counts));
    }

    [Fact]
    public void A_changed_catalog_adds_a_second_version_and_the_first_stays_readable()
    {
        using var w = Open();
        w.ImportCatalog(CatalogYaml, "v1.yaml");
        var changed = CatalogYaml.Replace("rate: 0.08 }", "rate: 0.07 }", StringComparison.Ordinal);
        Assert.NotEqual(CatalogYaml, changed);
        var second = w.ImportCatalog(changed, "v2.yaml");
        Assert.Equal((2, true), (second.Version, second.Added));
        Assert.Equal(2, w.LatestCatalog()!.Version);
        var v1 = w.Catalog(1)!;
        Assert.Equal("v1.yaml", v1.Source);
        Assert.Equal(0.08m, v1.Catalog.Plans.Single(p => p.Key == "p/flat").Versions[^1].Rate.YuanPerMinute);
        Assert.Equal(0.07m, w.Catalog(2)!.Catalog.Plans.Single(p => p.Key == "p/flat").Versions[^1].Rate.YuanPerMinute);
        // Back to the first text: a third version (the latest differs), never an edit of version 1.
        Assert.Equal((3, true), (w.ImportCatalog(CatalogYaml, "v1.yaml").Version, true));
    }

    [Fact]
    public void A_catalog_with_problems_stores_nothing_and_gives_every_problem()
    {
        using var w = Open();
        var result = w.ImportCatalog("providers:\n  - id: p\n    name: P\n    colour: blue\n", "bad.yaml");
        Assert.False(result.Ok);
        Assert.Contains(result.Problems, d => d.File == "bad.yaml" && d.Line == 4);
        Assert.Equal(new WorkspaceCounts(0, 0, 0, 0), w.Counts());
        Assert.Null(w.LatestCatalog());
    }

    [Fact]
    public void Accounts_need_a_catalog_and_are_checked_against_it()
    {
        using var w = Open();
        Assert.False(w.ImportAccounts(AccountsYaml, "accounts.yaml").Ok);
        w.ImportCatalog(CatalogYaml, "catalog.yaml");
        var bad = w.ImportAccounts(AccountsYaml.Replace("plan: p/flat", "plan: p/nope", StringComparison.Ordinal), "bad.yaml");
        Assert.False(bad.Ok);
        Assert.All(bad.Problems, d => Assert.Equal("bad.yaml", d.File));
        Assert.Equal(0, w.Counts().AccountsSnapshots);
        Assert.Equal((1, true), (w.ImportAccounts(AccountsYaml, "accounts.yaml").Version, true));
        Assert.Equal((1, false), (w.ImportAccounts(AccountsYaml, "accounts.yaml").Version, w.ImportAccounts(AccountsYaml, "accounts.yaml").Added));
        var stored = w.LatestAccounts(w.LatestCatalog()!.Catalog)!;
        Assert.Equal((1, 1), (stored.Snapshot, stored.CatalogVersion));
        Assert.Equal(AllNumbers.Count, stored.Accounts.Numbers.Count());
    }

    [Fact]
    public void A_catalog_under_which_the_stored_accounts_no_longer_load_is_refused()
    {
        using var w = Ready();
        var withoutPlan = CatalogYaml.Replace("- id: tollfree", "- id: tollfree-renamed", StringComparison.Ordinal);
        var result = w.ImportCatalog(withoutPlan, "v2.yaml");
        Assert.False(result.Ok);
        Assert.Equal(1, w.Counts().CatalogVersions);
    }

    // ---- calls ---------------------------------------------------------------------------------------

    [Fact]
    public void Importing_calls_twice_changes_nothing()
    {
        using var w = Ready();
        var file = Calls("calls.csv",
            Answered("a1", Flat, "2026-03-02T10:00:00", 100),
            Missed("a2", Flat, "2026-03-02T10:05:00", 20),
            Answered("a3", Six, "2026-03-02T11:00:00", 61, caller: "021-62345678", recorded: 1));
        var first = w.ImportCalls([file], ColumnMap.Default);
        Assert.Equal(new ImportCounts(3, 3, 0, 0), first.Total);
        var stored = Stored(w);
        var second = w.ImportCalls([file], ColumnMap.Default);
        Assert.Equal(new ImportCounts(3, 0, 0, 3), second.Total);
        Assert.Equal(stored, Stored(w));
        Assert.Equal(3, w.Counts().Calls);
        var runs = w.ImportRuns().Where(r => r.Kind == "calls").ToList();
        Assert.Equal([first.Total, second.Total], runs.Select(r => r.Counts));
        Assert.All(runs, r => Assert.NotNull(r.FinishedAt));
    }

    [Fact]
    public void Duplicates_within_one_run_are_counted_and_stored_once()
    {
        using var w = Ready();
        var a = Calls("a.csv", Answered("x1", Flat, "2026-03-02T10:00:00", 100), Answered("x1", Flat, "2026-03-02T10:00:00", 100));
        var b = Calls("b.csv", Answered("x1", Flat, "2026-03-02T10:00:00", 100), Answered("x2", Flat, "2026-03-02T10:10:00", 10));
        var result = w.ImportCalls([a, b], ColumnMap.Default);
        Assert.Equal(new ImportCounts(4, 2, 0, 2), result.Total);
        Assert.Equal([new ImportCounts(2, 1, 0, 1), new ImportCounts(2, 1, 0, 1)], result.Files.Select(f => f.Counts));
    }

    [Fact]
    public void The_order_of_two_files_does_not_change_what_is_stored()
    {
        string[] rowsA = [Answered("o1", Flat, "2026-03-02T10:00:00", 100), Answered("o2", Six, "2026-03-03T10:00:00", 5), Missed("o3", Flat, "2026-03-04T10:00:00", 9)];
        string[] rowsB = [Answered("o2", Six, "2026-03-03T10:00:00", 5), Answered("o4", Six, "2026-03-05T23:59:59", 500, caller: "")];
        var a = Calls("a.csv", rowsA);
        var b = Calls("b.csv", rowsB);
        List<string> forward, backward;
        using (var w = SqliteWorkspace.Open(_dir.File("ab.db")))
        {
            w.ImportCatalog(CatalogYaml, "c");
            w.ImportAccounts(AccountsYaml, "a");
            Assert.Equal(new ImportCounts(5, 4, 0, 1), w.ImportCalls([a, b], ColumnMap.Default).Total);
            forward = Stored(w);
        }
        using (var w = SqliteWorkspace.Open(_dir.File("ba.db")))
        {
            w.ImportCatalog(CatalogYaml, "c");
            w.ImportAccounts(AccountsYaml, "a");
            w.ImportCalls([b], ColumnMap.Default);
            w.ImportCalls([a], ColumnMap.Default);
            backward = Stored(w);
        }
        Assert.Equal(4, forward.Count);
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Rejects_name_file_line_field_and_reason_as_rate_does()
    {
        using var w = Ready();
        string[] rows =
        [
            Answered("r1", Flat, "2026-03-02T10:00:00", 100),
            Answered("r2", "4001234", "2026-03-02T10:00:00", 100),
            "r3,4008000000,13800138000,2026-03-32T10:00:00,,2026-03-02T10:01:00,,missed,0,in",
            Answered("r4", "4008123456", "2026-03-02T10:00:00", 100),
            "r5,4008000000,13800138000,2026-03-02T10:00:00,,2026-03-02T10:01:00,,missed,0",
            Missed("r6", Flat, "2026-03-02T10:00:00", 30, outcome: "ringing"),
        ];
        var file = Calls("bad.csv", rows);
        var rejects = new List<CallReject>();
        var result = w.ImportCalls([file], ColumnMap.Default, rejected: rejects.Add);
        Assert.Equal(new ImportCounts(6, 1, 5, 0), result.Total);
        Assert.Equal([(3, "number"), (4, "started_at"), (5, "number"), (6, ""), (7, "outcome")], rejects.Select(r => (r.Line, r.Field)));
        Assert.All(rejects, r => Assert.Equal(file, r.File));
        // `rate` reports the same rows with the same line, field, code and reason in both languages.
        var catalog = TestWorld.Catalog;
        var (rated, _) = RateTexts(catalog, TestWorld.Accounts(catalog), ColumnMap.Default, File.ReadAllText(file));
        Assert.Equal(rated.Rejected.Select(r => (r.Line, r.Field, r.Code, r.Reason.Text.Zh, r.Reason.Text.En, r.Raw)).Order(),
            rejects.Select(r => (r.Line, r.Field, r.Code, r.Reason.Text.Zh, r.Reason.Text.En, r.Raw)).Order());
    }

    [Fact]
    public void Calls_read_back_with_every_field_and_in_rating_order_within_a_number()
    {
        using var w = Ready();
        var file = Calls("calls.csv",
            Answered("b", Flat, "2026-03-02T10:00:00", 100, caller: "+86 138-0013-8000", recorded: 1),
            Answered("a", Flat, "2026-03-02T10:00:00", 50),
            Missed("c", Six, "2026-03-01T09:00:00", 20, outcome: "busy"),
            Answered("d", NumberFor("out"), "2026-03-03T08:00:00", 30, caller: "0571-88886666", direction: "out"),
            Missed("e", Flat, "2026-04-01T00:00:00", 20));
        Assert.Equal(5, w.ImportCalls([file], ColumnMap.Default).Total.Imported);
        var march = ChinaStart(2026, 3, 1);
        var april = ChinaStart(2026, 4, 1);
        var flat = w.CallsBetween(HotlineNumber.Parse(Flat), march, april).ToList();
        Assert.Equal(["a", "b"], flat.Select(c => c.CallId));
        var b = flat[1];
        Assert.Equal((CallerKind.Mobile, 13800138000L), (b.Caller.Kind, b.Caller.NationalNumber));
        Assert.Equal((Outcome.Answered, true, Direction.In, "13900000000"), (b.Outcome, b.Recorded, b.Direction, b.AnsweredBy));
        Assert.Equal(b.StartedMs + 5000, b.AnsweredMs);
        Assert.Equal(2, b.Line);
        var all = w.CallsBetween(null, march, april).ToList();
        Assert.Equal(["a", "b", "c", "d"], all.Select(c => c.CallId));
        var c = all.Single(x => x.CallId == "c");
        Assert.Equal((Outcome.Busy, CallRecord.NotAnswered, ""), (c.Outcome, c.AnsweredMs, c.AnsweredBy));
        var d = all.Single(x => x.CallId == "d");
        Assert.Equal((Direction.Out, CallerKind.Landline, 571), (d.Direction, d.Caller.Kind, d.Caller.AreaCode));
        Assert.Equal(["e"], w.CallsBetween(null, april, long.MaxValue).Select(x => x.CallId));
    }

    private static long ChinaStart(int y, int m, int d) => Hotline400.Common.ChinaTime.StartOfDay(new DateOnly(y, m, d));

    [Fact]
    public void Calls_need_accounts_and_usable_files_or_nothing_is_stored()
    {
        using (var w = Open())
        {
            w.ImportCatalog(CatalogYaml, "c");
            var noAccounts = w.ImportCalls([Calls("a.csv", Answered("n1", Flat, "2026-03-02T10:00:00", 1))], ColumnMap.Default);
            Assert.False(noAccounts.Usable);
            Assert.Contains("accounts", noAccounts.Errors[0].En, StringComparison.Ordinal);
            Assert.Contains("工作区中还没有客户档案", noAccounts.Errors[0].Zh, StringComparison.Ordinal);
        }
        using (var w = Ready())
        {
            var good = Calls("good.csv", Answered("n1", Flat, "2026-03-02T10:00:00", 1));
            var badHeader = _dir.Write("header.csv", "id,number\n1,4008000000\n");
            var result = w.ImportCalls([good, badHeader, _dir.File("missing.csv")], ColumnMap.Default);
            Assert.False(result.Usable);
            Assert.Equal(2, result.Errors.Count);
            Assert.Equal(0, w.Counts().Calls);
        }
    }

    [Fact]
    public void An_import_interrupted_midway_leaves_the_store_consistent_and_a_rerun_finishes_it()
    {
        using var w = Ready();
        var good = Calls("first.csv", Answered("k1", Flat, "2026-03-02T10:00:00", 1), Answered("k2", Flat, "2026-03-02T10:01:00", 1));
        var second = Calls("second.csv", Answered("k3", Flat, "2026-03-02T10:02:00", 1), Answered("k4", "4001234", "2026-03-02T10:03:00", 1), Answered("k5", Flat, "2026-03-02T10:04:00", 1));
        // The process "dies" at the reject in the second file, in the middle of its transaction.
        Assert.Throws<InvalidOperationException>(() => w.ImportCalls([good, second], ColumnMap.Default, rejected: _ => throw new InvalidOperationException("killed")));
        Assert.Equal(2, w.Counts().Calls);
        var runs = w.ImportRuns().Where(r => r.Kind == "calls").ToList();
        Assert.NotNull(runs[0].FinishedAt);
        Assert.Null(runs[1].FinishedAt);
        var rerun = w.ImportCalls([good, second], ColumnMap.Default);
        Assert.Equal(new ImportCounts(5, 2, 1, 2), rerun.Total);
        Assert.Equal(4, w.Counts().Calls);
    }
}
