using System.Text;
using CsCheck;
using Hotline400.Calls;
using Hotline400.Numbers;
using Hotline400.Storage;
using Microsoft.Data.Sqlite;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Storage;

/// <summary>
/// How calls are stored (migration 3): chunks, the call id hash and its in-memory table, exact
/// de-duplication when hashes collide, and the upgrade of a workspace made with the old calls table.
/// </summary>
public sealed class CallStorageTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string Flat = NumberFor("flat");
    private static readonly string Six = NumberFor("six");

    private SqliteWorkspace Ready(string name, CallIdHash? hash = null)
    {
        var w = SqliteWorkspace.Open(_dir.File(name));
        Assert.True(w.ImportCatalog(CatalogYaml, "catalog.yaml").Ok);
        Assert.True(w.ImportAccounts(AccountsYaml, "accounts.yaml").Ok);
        if (hash is not null)
        {
            w.CallHash = hash;
        }
        return w;
    }

    private string Calls(string name, IEnumerable<string> rows) => _dir.Write(name, Header + "\n" + string.Join("\n", rows) + "\n");

    private static List<string> Stored(IWorkspace w) => w.CallsBetween(null, long.MinValue, long.MaxValue)
        .Select(c => $"{c.CallId}|{c.Number}|{c.Caller}|{c.StartedMs}|{c.AnsweredMs}|{c.EndedMs}|{c.Outcome}|{c.Recorded}|{c.Direction}|{c.AnsweredBy}|{c.Line}")
        .Order(StringComparer.Ordinal).ToList();

    private static string At(int minute) => new DateTime(2026, 3, 2, 8, 0, 0).AddMinutes(minute).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_call_id_hash_never_changes()
    {
        // Stored in every workspace (call_hashes): a different function would need a migration.
        Assert.Equal(0x5A2C943D545D7BB9UL, CallKeys.Hash("4008008888-20260901-000001"u8));
        Assert.Equal(0x7548CDC0A72D003BUL, CallKeys.Hash(""u8));
    }

    [Theory]
    [InlineData("all ids share one hash")]
    [InlineData("ids share a hash by length")]
    public void Colliding_hashes_still_store_every_distinct_call_once(string how)
    {
        CallIdHash hash = how == "all ids share one hash" ? _ => 42UL : id => (ulong)id.Length * 0x1_0000_0001UL;
        using var w = Ready("collide.db", hash);
        // Within one file (one block): distinct ids with equal hashes, and true duplicates among them.
        var first = Enumerable.Range(0, 40).Select(i => Answered($"x{i}", i % 2 == 0 ? Flat : Six, At(i), 30 + i))
            .Concat(Enumerable.Range(0, 10).Select(i => Answered($"x{i * 3}", i * 3 % 2 == 0 ? Flat : Six, At(i * 3), 30 + i * 3))).ToList();
        var a = w.ImportCalls([Calls("a.csv", first)], ColumnMap.Default);
        Assert.Equal(new ImportCounts(50, 40, 0, 10), a.Total);
        Assert.Equal(40, w.Counts().Calls);
        var stored = Stored(w);
        Assert.Equal(40, stored.Select(s => s.Split('|')[0]).Distinct().Count());
        // Across imports: the stored ones are duplicates, the new ones (same hashes again) are stored.
        var second = Enumerable.Range(20, 40).Select(i => Answered($"x{i}", i % 2 == 0 ? Flat : Six, At(i), 30 + i)).ToList();
        var b = w.ImportCalls([Calls("b.csv", second)], ColumnMap.Default);
        Assert.Equal(new ImportCounts(40, 20, 0, 20), b.Total);
        Assert.Equal(60, w.Counts().Calls);
        var again = w.ImportCalls([_dir.File("a.csv"), _dir.File("b.csv")], ColumnMap.Default);
        Assert.Equal(new ImportCounts(90, 0, 0, 90), again.Total);
        Assert.Equal(60, Stored(w).Select(s => s.Split('|')[0]).Distinct().Count());
        // The same calls as a workspace with the real hash stores.
        using var plain = Ready("plain.db");
        plain.ImportCalls([_dir.File("a.csv"), _dir.File("b.csv")], ColumnMap.Default);
        Assert.Equal(Stored(plain).Select(s => s[..s.LastIndexOf('|')]), Stored(w).Select(s => s[..s.LastIndexOf('|')]));
    }

    [Fact]
    public void A_long_or_non_ascii_call_id_is_stored_and_de_duplicated()
    {
        using var w = Ready("long.db");
        var longId = new string('k', 200) + "-长";
        var rows = new[] { Answered(longId, Flat, At(1), 10), Answered("短-1", Flat, At(2), 10), Answered(longId, Flat, At(1), 10) };
        Assert.Equal(new ImportCounts(3, 2, 0, 1), w.ImportCalls([Calls("l.csv", rows)], ColumnMap.Default).Total);
        Assert.Equal(new ImportCounts(3, 0, 0, 3), w.ImportCalls([_dir.File("l.csv")], ColumnMap.Default).Total);
        Assert.Equal([longId, "短-1"], w.CallsBetween(HotlineNumber.Parse(Flat), long.MinValue, long.MaxValue).Select(c => c.CallId));
    }

    [Fact]
    public void A_number_with_more_calls_than_a_chunk_reads_back_whole_and_in_order()
    {
        using var w = Ready("many.db");
        // More than ChunkCalls calls of one number, in reverse order in the file, several per second.
        var count = SqliteWorkspace.ChunkCalls * 2 + 7;
        var rows = Enumerable.Range(0, count).Reverse().Select(i => Answered($"m{i:D6}", Flat, new DateTime(2026, 3, 2).AddSeconds(i / 3).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), 5));
        Assert.Equal(count, w.ImportCalls([Calls("m.csv", rows)], ColumnMap.Default).Total.Imported);
        var calls = w.CallsBetween(HotlineNumber.Parse(Flat), long.MinValue, long.MaxValue).ToList();
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"m{i:D6}"), calls.Select(c => c.CallId));
        // A range in the middle: exactly the calls started in it.
        var from = calls[5000].StartedMs;
        var to = calls[6000].StartedMs;
        Assert.Equal(calls.Where(c => c.StartedMs >= from && c.StartedMs < to).Select(c => c.CallId),
            w.CallsBetween(HotlineNumber.Parse(Flat), from, to).Select(c => c.CallId));
        Assert.True(ChunkRows(_dir.File("many.db")) >= 3);
    }

    [Fact]
    public void An_import_that_runs_while_another_stores_calls_stays_exact()
    {
        using var a = Ready("shared.db");
        using var b = SqliteWorkspace.Open(_dir.File("shared.db"));
        var f1 = Calls("f1.csv", [Answered("s1", Flat, At(1), 5), Answered("s2", Flat, At(2), 5)]);
        var f2 = Calls("f2.csv", [Answered("s3", Six, At(3), 5), Answered("s4", Six, At(4), 5), Answered("s1", Flat, At(1), 5)]);
        var f3 = Calls("f3.csv", [Answered("s3", Six, At(3), 5), Answered("s5", Flat, At(5), 5)]);
        // Between a's two files (after its first file's block is committed) b stores s3 and s5.
        ImportCounts? other = null;
        var progress = new Synchronous(() => other ??= b.ImportCalls([f3], ColumnMap.Default).Total);
        var result = a.ImportCalls([f1, f2], ColumnMap.Default, progress);
        Assert.Equal(new ImportCounts(2, 2, 0, 0), other);
        // s3 was stored by b meanwhile and s1 by a's first file: both are duplicates for a's second file.
        Assert.Equal([new ImportCounts(2, 2, 0, 0), new ImportCounts(3, 1, 0, 2)], result.Files.Select(f => f.Counts));
        Assert.Equal(["s1", "s2", "s3", "s4", "s5"], a.CallsBetween(null, long.MinValue, long.MaxValue).Select(c => c.CallId).Order(StringComparer.Ordinal));
        Assert.Equal(5, b.Counts().Calls);
    }

    private sealed class Synchronous(Action onReport) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => onReport();
    }

    private static long ChunkRows(string db)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=false");
        c.Open();
        return (long)new SqliteCommand("SELECT count(*) FROM call_chunks", c).ExecuteScalar()!;
    }

    [Fact]
    public void The_key_table_finds_what_was_added_and_checks_every_candidate()
    {
        var table = new CallKeyTable(10);
        var ids = new Dictionary<long, string>();
        var check = new Check(ids);
        for (var i = 1; i <= 2000; i++)
        {
            var id = $"id{i}";
            check.Id = id;
            // Few distinct hashes: many candidates per probe.
            Assert.True(table.AddIfAbsent(KeyOf(i), i, check));
            ids[i] = id;
            if (!table.Fits(1))
            {
                var kept = ids.ToList();
                table.Reset(table.Count * 2);
                foreach (var (seq, text) in kept)
                {
                    var n = int.Parse(text[2..], System.Globalization.CultureInfo.InvariantCulture);
                    table.Add(KeyOf(n), seq);
                }
            }
        }
        Assert.Equal(2000, table.Count);
        for (var i = 1; i <= 2000; i++)
        {
            check.Id = $"id{i}";
            Assert.False(table.AddIfAbsent(KeyOf(i), 5000 + i, check));
        }
        check.Id = "new";
        Assert.True(table.AddIfAbsent(3, 9999, check));
    }

    private static ulong KeyOf(int i) => ((ulong)(uint)(i % 7) << 32) + (uint)(i % 5);

    private sealed class Check(Dictionary<long, string> ids) : ICallIdCheck
    {
        public string Id = "";

        public bool SameId(long seq) => ids.TryGetValue(seq, out var id) && id == Id;
    }

    [Fact]
    public void A_chunk_decodes_what_was_encoded()
    {
        var texts = Gen.String[Gen.Char.AlphaNumeric, 0, 20];
        var values = Gen.Select(texts, texts, texts, Gen.Long[-5_000_000_000_000, 5_000_000_000_000], Gen.Long[-1, 3_600_000], Gen.Long[-1000, 86_400_000]);
        var flags = Gen.Select(Gen.Int[0, 5], Gen.Bool, Gen.Bool, Gen.Int[1, int.MaxValue]);
        var calls = Gen.Select(values, flags, (t, f) => (t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, outcome: f.Item1, recorded: f.Item2, outbound: f.Item3, line: f.Item4))
            .Array[1, 30];
        calls.Sample(list =>
        {
            var bytes = new List<byte>();
            foreach (var c in list)
            {
                var buffer = new byte[CallChunk.MaxFixedBytes + 3 * 80];
                var n = CallChunk.Encode(buffer, Encoding.UTF8.GetBytes(c.Item1), Encoding.UTF8.GetBytes(c.Item2), Encoding.UTF8.GetBytes(c.Item3),
                    c.Item4, c.Item5 < 0 ? CallRecord.NotAnswered : c.Item4 + c.Item5, c.Item4 + c.Item6, (Outcome)c.outcome, c.recorded, c.outbound ? Direction.Out : Direction.In, c.line);
                bytes.AddRange(buffer.AsSpan(0, n));
            }
            var chunk = bytes.ToArray();
            var at = 0;
            var i = 0;
            while (CallChunk.Next(chunk, ref at, out var d))
            {
                var c = list[i++];
                Assert.Equal(c.Item1, Encoding.UTF8.GetString(d.CallId));
                Assert.Equal(c.Item2, Encoding.UTF8.GetString(d.Caller));
                Assert.Equal(c.Item3, Encoding.UTF8.GetString(d.AnsweredBy));
                Assert.Equal((c.Item4, c.Item5 < 0 ? CallRecord.NotAnswered : c.Item4 + c.Item5, c.Item4 + c.Item6), (d.StartedMs, d.AnsweredMs, d.EndedMs));
                Assert.Equal(((Outcome)c.outcome, c.recorded, c.outbound ? Direction.Out : Direction.In, c.line), (d.Outcome, d.Recorded, d.Direction, d.Line));
            }
            Assert.Equal(list.Length, i);
            var offsets = new List<int>();
            Assert.Equal(list.Length, CallChunk.Offsets(chunk, offsets));
            Assert.Equal(list.Select(c => c.Item1), offsets.Select(o => Encoding.UTF8.GetString(CallChunk.CallIdOf(chunk.AsSpan(o)))));
        }, iter: 200);
    }

    // ---- migration 3 ------------------------------------------------------------------------------

    /// <summary>A workspace as the previous version made it: migrations 1 and 2, calls in the old table.</summary>
    private string OldWorkspace(int calls)
    {
        var path = _dir.File("old.db");
        using var c = new SqliteConnection($"Data Source={path};Pooling=false");
        c.Open();
        void Run(string sql) => new SqliteCommand(sql, c).ExecuteNonQuery();
        Run(SqliteMigrations.SchemaVersionTable);
        foreach (var m in SqliteMigrations.All.Where(m => m.Version <= 2))
        {
            Run(m.Sql);
            Run($"INSERT INTO schema_version (version, description, applied_at) VALUES ({m.Version}, '{m.Description}', 0)");
        }
        Run("INSERT INTO import_runs (id, kind, file, started_at, finished_at, read, imported, rejected, duplicates) VALUES (1, 'calls', 'a.csv', 0, 1, 3, 3, 0, 0)");
        Run($"INSERT INTO import_runs (id, kind, file, started_at, finished_at, read, imported, rejected, duplicates) VALUES (2, 'calls', 'b.csv', 0, 1, {calls}, {calls}, 0, 0)");
        Run($"""
            INSERT INTO calls (call_id, number, caller, started_ms, answered_ms, ended_ms, outcome, recorded, direction, answered_by, import_run, line) VALUES
              ('b', {Flat}, '+86 138-0013-8000', 1772416800000, 1772416805000, 1772416905000, 'answered', 1, 'in', '13900000000', 1, 2),
              ('a', {Flat}, '13800138000', 1772416800000, NULL, 1772416850000, 'abandoned', 0, 'in', '', 1, 3),
              ('d', {Six}, '0571-88886666', 1772500000000, 1772500001000, 1772500031000, 'answered', 0, 'out', '0755-1', 1, 4);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {calls})
            INSERT INTO calls (call_id, number, caller, started_ms, answered_ms, ended_ms, outcome, recorded, direction, answered_by, import_run, line)
            SELECT printf('g%06d', i), CASE WHEN i % 3 = 0 THEN {Six} ELSE {Flat} END, '13800138000', 1772400000000 + (i * 7919 % 100000) * 1000, NULL,
                   1772400000000 + (i * 7919 % 100000) * 1000 + 20000, CASE i % 4 WHEN 0 THEN 'missed' WHEN 1 THEN 'busy' WHEN 2 THEN 'voicemail' ELSE 'blocked' END,
                   0, 'in', '', 2, i + 1 FROM n;
            """);
        return path;
    }

    [Fact]
    public void Migration_3_moves_every_call_of_an_old_workspace_and_imports_go_on_from_there()
    {
        var calls = SqliteWorkspace.ChunkCalls + 1000;
        var path = OldWorkspace(calls);
        List<string> before;
        using (var c = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            c.Open();
            using var cmd = new SqliteCommand("SELECT call_id, number, caller, started_ms, coalesce(answered_ms, 'none'), ended_ms, outcome, recorded, direction, answered_by, line FROM calls", c);
            using var r = cmd.ExecuteReader();
            before = [];
            while (r.Read())
            {
                before.Add(string.Join("|", Enumerable.Range(0, 11).Select(i => r.GetValue(i).ToString())));
            }
        }
        using var w = SqliteWorkspace.Open(path);
        Assert.Equal(SqliteWorkspace.LatestSchemaVersion, w.SchemaVersion);
        Assert.Contains(w.AppliedMigrations(), m => m.Version == 3);
        Assert.Equal(calls + 3, w.Counts().Calls);
        var after = w.CallsBetween(null, long.MinValue, long.MaxValue)
            .Select(c => string.Join("|", c.CallId, c.Number.Value, c.Caller.ToString(), c.StartedMs, c.WasAnswered ? c.AnsweredMs.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none", c.EndedMs,
                c.Outcome.ToString().ToLowerInvariant(), c.Recorded ? 1 : 0, c.Direction == Direction.Out ? "out" : "in", c.AnsweredBy, c.Line))
            .ToList();
        Assert.Equal(before.Select(Normalize).Order(StringComparer.Ordinal), after.Order(StringComparer.Ordinal));
        // Rating order within a number, as before.
        var flat = w.CallsBetween(HotlineNumber.Parse(Flat), long.MinValue, long.MaxValue).ToList();
        Assert.Equal(flat.OrderBy(c => c, Comparer<CallRecord>.Create(CallRecord.CompareForRating)).Select(c => c.CallId), flat.Select(c => c.CallId));
        // The migrated calls are known to the de-duplication: re-sending them stores nothing, new ones are stored.
        Assert.True(w.ImportCatalog(CatalogYaml, "catalog.yaml").Ok);
        Assert.True(w.ImportAccounts(AccountsYaml, "accounts.yaml").Ok);
        var file = Calls("resend.csv", [Answered("a", Flat, At(0), 1), Answered("g000003", Six, At(1), 1), Answered("new1", Flat, At(2), 1)]);
        Assert.Equal(new ImportCounts(3, 1, 0, 2), w.ImportCalls([file], ColumnMap.Default).Total);
        Assert.Equal(calls + 4, w.Counts().Calls);
        Assert.DoesNotContain("calls", Tables(path));

        // The caller is classified again from its text: compare it the same way.
        string Normalize(string row)
        {
            var f = row.Split('|');
            f[2] = CallerNumber.Classify(f[2]).ToString();
            return string.Join("|", f);
        }
    }

    private static List<string> Tables(string path)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=false");
        c.Open();
        using var cmd = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'table'", c);
        using var r = cmd.ExecuteReader();
        var names = new List<string>();
        while (r.Read())
        {
            names.Add(r.GetString(0));
        }
        return names;
    }
}
