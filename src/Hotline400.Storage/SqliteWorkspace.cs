using System.Security.Cryptography;
using System.Text;
using Hotline400.Accounts;
using Hotline400.Calls;
using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Numbers;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Hotline400.Storage;

/// <summary>
/// The embedded workspace: one SQLite file, created and migrated on first use (WAL,
/// synchronous=NORMAL, foreign keys on). Calls are stored packed, one number's calls of an import
/// block per row (<see cref="CallChunk"/>), in transactions of <see cref="BlockRows"/> rows read,
/// so a crash loses at most the block in flight and a re-run counts what was committed as
/// duplicates. One connection; not for use from several threads at once.
/// </summary>
public sealed partial class SqliteWorkspace : IWorkspace
{
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;

    private SqliteWorkspace(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    /// <summary>The workspace file.</summary>
    public string Path { get; }

    /// <summary>The schema version the file is at after opening.</summary>
    public int SchemaVersion => (int)(long)Scalar("SELECT coalesce(max(version), 0) FROM schema_version")!;

    /// <summary>The newest schema version this code knows.</summary>
    public static int LatestSchemaVersion => SqliteMigrations.All[^1].Version;

    /// <summary>
    /// Opens the workspace file, applying any migration it lacks; creates it when it is not there,
    /// unless <paramref name="create"/> is false (then a missing file is an error, not a new workspace).
    /// </summary>
    public static SqliteWorkspace Open(string path, bool create = true)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var workspace = new SqliteWorkspace(connection, path);
            workspace.Execute("PRAGMA busy_timeout = 30000");
            workspace.Execute("PRAGMA journal_mode = WAL");
            workspace.Execute("PRAGMA synchronous = NORMAL");
            workspace.Execute("PRAGMA foreign_keys = ON");
            workspace.Migrate();
            return workspace;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new WorkspaceException(WorkspaceProblems.CannotOpen(path, ex.Message), ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Migrate()
    {
        Execute(SqliteMigrations.SchemaVersionTable);
        if (SchemaVersion > LatestSchemaVersion)
        {
            throw new WorkspaceException(WorkspaceProblems.NewerSchema(Path, SchemaVersion, LatestSchemaVersion));
        }
        foreach (var migration in SqliteMigrations.All)
        {
            InTransaction(() =>
            {
                // Checked inside the (immediate) transaction: another process may have applied it meanwhile.
                if (Scalar("SELECT 1 FROM schema_version WHERE version = $v", ("$v", migration.Version)) is not null)
                {
                    return;
                }
                Execute(migration.Sql);
                migration.Code?.Invoke(this);
                Execute("INSERT INTO schema_version (version, description, applied_at) VALUES ($v, $d, $at)",
                    ("$v", migration.Version), ("$d", migration.Description), ("$at", NowMs()));
            });
        }
    }

    /// <summary>The migrations applied to this file, oldest first.</summary>
    public IReadOnlyList<(int Version, string Description)> AppliedMigrations()
    {
        var list = new List<(int, string)>();
        using var command = Command("SELECT version, description FROM schema_version ORDER BY version");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add((reader.GetInt32(0), reader.GetString(1)));
        }
        return list;
    }

    // ---- catalog and accounts ----------------------------------------------------------------------

    public VersionImport ImportCatalog(string text, string source)
    {
        var hash = Sha256(text);
        var loaded = CatalogLoader.Load(text, source);
        if (!loaded.Ok)
        {
            return new VersionImport(LatestVersion("catalog_versions", "version"), false, hash, loaded.Diagnostics);
        }
        VersionImport? result = null;
        InTransaction(() =>
        {
            var (latest, latestHash) = Latest("SELECT version, sha256 FROM catalog_versions ORDER BY version DESC LIMIT 1");
            if (latestHash == hash)
            {
                LogRun("catalog", source, added: false);
                result = new VersionImport(latest, false, hash, []);
                return;
            }
            // The latest accounts must still load under the new catalog (a plan or service they use may be gone).
            var accounts = LatestAccountsText();
            if (accounts is not null)
            {
                var check = AccountsLoader.Load(accounts.Value.Yaml, accounts.Value.Source, loaded.Value!);
                if (!check.Ok)
                {
                    result = new VersionImport(latest, false, hash,
                        [new Diagnostic(source, 0, 0, $"the workspace's accounts (snapshot {accounts.Value.Snapshot}, {accounts.Value.Source}) do not load under this catalog; import corrected accounts first or keep the plans they use"),
                         .. check.Diagnostics]);
                    return;
                }
            }
            Execute("INSERT INTO catalog_versions (version, source, sha256, yaml, imported_at) VALUES ($v, $s, $h, $y, $at)",
                ("$v", latest + 1), ("$s", source), ("$h", hash), ("$y", text), ("$at", NowMs()));
            LogRun("catalog", source, added: true);
            result = new VersionImport(latest + 1, true, hash, []);
        });
        return result!;
    }

    public VersionImport ImportAccounts(string text, string source)
    {
        var hash = Sha256(text);
        var catalog = LatestCatalog();
        var latestSnapshot = LatestVersion("accounts_snapshots", "snapshot");
        if (catalog is null)
        {
            return new VersionImport(latestSnapshot, false, hash, [new Diagnostic(source, 0, 0, "the workspace has no catalog yet: import one first (hotline400 import catalog FILE)")]);
        }
        var loaded = AccountsLoader.Load(text, source, catalog.Catalog);
        if (!loaded.Ok)
        {
            return new VersionImport(latestSnapshot, false, hash, loaded.Diagnostics);
        }
        VersionImport? result = null;
        InTransaction(() =>
        {
            var (latest, latestHash) = Latest("SELECT snapshot, sha256 FROM accounts_snapshots ORDER BY snapshot DESC LIMIT 1");
            if (latestHash == hash)
            {
                LogRun("accounts", source, added: false);
                result = new VersionImport(latest, false, hash, []);
                return;
            }
            Execute("INSERT INTO accounts_snapshots (snapshot, catalog_version, source, sha256, yaml, imported_at) VALUES ($n, $c, $s, $h, $y, $at)",
                ("$n", latest + 1), ("$c", catalog.Version), ("$s", source), ("$h", hash), ("$y", text), ("$at", NowMs()));
            LogRun("accounts", source, added: true);
            result = new VersionImport(latest + 1, true, hash, []);
        });
        return result!;
    }

    public StoredCatalog? LatestCatalog() => LoadCatalog("SELECT version, source, sha256, yaml, imported_at FROM catalog_versions ORDER BY version DESC LIMIT 1");

    public StoredCatalog? Catalog(int version) =>
        LoadCatalog("SELECT version, source, sha256, yaml, imported_at FROM catalog_versions WHERE version = $v", ("$v", version));

    private StoredCatalog? LoadCatalog(string sql, params (string, object?)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        var (version, source, hash, yaml) = (reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
        var loaded = CatalogLoader.Load(yaml, source);
        if (!loaded.Ok)
        {
            throw new WorkspaceException(WorkspaceProblems.CatalogNoLongerLoads(Path, version, source, loaded.Diagnostics));
        }
        return new StoredCatalog(version, source, hash, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), loaded.Value!);
    }

    public StoredAccounts? LatestAccounts(TariffCatalog catalog)
    {
        var stored = LatestAccountsText();
        if (stored is null)
        {
            return null;
        }
        var s = stored.Value;
        var loaded = AccountsLoader.Load(s.Yaml, s.Source, catalog);
        if (!loaded.Ok)
        {
            throw new WorkspaceException(WorkspaceProblems.AccountsDoNotLoad(Path, s.Snapshot, s.Source, loaded.Diagnostics));
        }
        return new StoredAccounts(s.Snapshot, s.Source, s.Sha256, DateTimeOffset.FromUnixTimeMilliseconds(s.ImportedAtMs), s.CatalogVersion, loaded.Value!);
    }

    private (int Snapshot, string Source, string Sha256, string Yaml, long ImportedAtMs, int CatalogVersion)? LatestAccountsText()
    {
        using var command = Command("SELECT snapshot, source, sha256, yaml, imported_at, catalog_version FROM accounts_snapshots ORDER BY snapshot DESC LIMIT 1");
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? (reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt32(5))
            : null;
    }

    private (int Version, string? Sha256) Latest(string sql)
    {
        using var command = Command(sql);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt32(0), reader.GetString(1)) : (0, null);
    }

    private int LatestVersion(string table, string column) =>
        // Table and column names are constants of this class, never user input.
        (int)(long)Scalar($"SELECT coalesce(max({column}), 0) FROM {table}")!;

    private void LogRun(string kind, string file, bool added)
    {
        var now = NowMs();
        Execute("INSERT INTO import_runs (kind, file, started_at, finished_at, read, imported, rejected, duplicates) VALUES ($k, $f, $at, $at, 1, $i, 0, $d)",
            ("$k", kind), ("$f", file), ("$at", now), ("$i", added ? 1 : 0), ("$d", added ? 0 : 1));
    }

    // ---- calls ---------------------------------------------------------------------------------------

    public IEnumerable<CallRecord> CallsBetween(HotlineNumber? number, long fromMs, long toMs)
    {
        if (number is { } one)
        {
            foreach (var call in CallsOf(one.Value, fromMs, toMs))
            {
                yield return call;
            }
            yield break;
        }
        // Number by number through the index: one seek per number, no sort of the whole table.
        long previous = -1;
        while (Scalar("SELECT number FROM call_chunks WHERE number > $p ORDER BY number LIMIT 1", ("$p", previous)) is long next)
        {
            foreach (var call in CallsOf(next, fromMs, toMs))
            {
                yield return call;
            }
            previous = next;
        }
    }

    /// <summary>The SQL that finds a number's chunks that may hold calls started in [from, to) (an index range scan).</summary>
    internal const string ChunksOfNumberSql = "SELECT calls FROM call_chunks WHERE number = ?1 AND last_ms >= ?2 AND first_ms < ?3 ORDER BY last_ms";

    private List<CallRecord> CallsOf(long number, long fromMs, long toMs)
    {
        var calls = new List<CallRecord>();
        var answeredBy = new Dictionary<string, string>(StringComparer.Ordinal);
        using var command = Command(ChunksOfNumberSql.Replace("?1", "$n").Replace("?2", "$from").Replace("?3", "$to"), ("$n", number), ("$from", fromMs), ("$to", toMs));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            CallChunk.Read((byte[])reader.GetValue(0), new HotlineNumber(number), fromMs, toMs, calls, answeredBy);
        }
        CallChunk.Order(calls);
        return calls;
    }

    /// <summary>
    /// Migration 3: moves the rows of the old <c>calls</c> table into chunks, run by run and number by
    /// number in (start, call id) order as an import would have stored them, with their hashes, then
    /// drops the table. Runs inside the migration's transaction.
    /// </summary>
    internal void MoveCallsToChunks()
    {
        const string insertChunk = "INSERT INTO call_chunks (first, number, first_ms, last_ms, count, import_run, calls) VALUES ($first, $number, $firstMs, $lastMs, $count, $run, $calls)";
        var chunk = new MemoryStream();
        var hashes = new MemoryStream();
        long seq = 1, chunkFirst = 1, chunkNumber = 0, chunkRun = 0, firstMs = 0, lastMs = 0, hashesFirst = 1;
        var buffer = new byte[256];
        var hash = new byte[8];
        void FlushChunk()
        {
            if (seq > chunkFirst)
            {
                Execute(insertChunk, ("$first", chunkFirst), ("$number", chunkNumber), ("$firstMs", firstMs), ("$lastMs", lastMs),
                    ("$count", seq - chunkFirst), ("$run", chunkRun), ("$calls", chunk.ToArray()));
                chunk.SetLength(0);
                chunkFirst = seq;
            }
        }
        void FlushHashes()
        {
            if (hashes.Length > 0)
            {
                Execute("INSERT INTO call_hashes (first, hashes) VALUES ($first, $hashes)", ("$first", hashesFirst), ("$hashes", hashes.ToArray()));
                hashes.SetLength(0);
                hashesFirst = seq;
            }
        }
        using (var command = Command("""
            SELECT call_id, number, caller, started_ms, answered_ms, ended_ms, outcome, recorded, direction, answered_by, import_run, line
            FROM calls ORDER BY import_run, number, started_ms, call_id
            """))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var callId = Encoding.UTF8.GetBytes(reader.GetString(0));
                var number = reader.GetInt64(1);
                var run = reader.GetInt64(10);
                var started = reader.GetInt64(3);
                if (number != chunkNumber || run != chunkRun || seq - chunkFirst == ChunkCalls)
                {
                    FlushChunk();
                    (chunkNumber, chunkRun, firstMs) = (number, run, started);
                }
                if (seq - hashesFirst == BlockRows)
                {
                    FlushHashes();
                }
                lastMs = started;
                var caller = Encoding.UTF8.GetBytes(reader.GetString(2));
                var answeredBy = Encoding.UTF8.GetBytes(reader.GetString(9));
                var most = CallChunk.MaxFixedBytes + callId.Length + caller.Length + answeredBy.Length;
                if (buffer.Length < most)
                {
                    buffer = new byte[most];
                }
                var n = CallChunk.Encode(buffer, callId, caller, answeredBy, started,
                    reader.IsDBNull(4) ? CallRecord.NotAnswered : reader.GetInt64(4), reader.GetInt64(5), ParseOutcome(reader.GetString(6)),
                    reader.GetInt64(7) == 1, reader.GetString(8) == "out" ? Direction.Out : Direction.In, reader.GetInt32(11));
                chunk.Write(buffer, 0, n);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(hash, CallKeys.Hash(callId));
                hashes.Write(hash);
                seq++;
            }
        }
        FlushChunk();
        FlushHashes();
        Execute("DROP TABLE calls");
    }

    public WorkspaceCounts Counts() => new(
        (int)(long)Scalar("SELECT count(*) FROM catalog_versions")!,
        (int)(long)Scalar("SELECT count(*) FROM accounts_snapshots")!,
        (long)Scalar("SELECT coalesce(sum(count), 0) FROM call_chunks")!,
        (int)(long)Scalar("SELECT count(*) FROM import_runs")!);

    public IReadOnlyList<ImportRun> ImportRuns()
    {
        var runs = new List<ImportRun>();
        using var command = Command("SELECT id, kind, file, started_at, finished_at, read, imported, rejected, duplicates FROM import_runs ORDER BY id");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            runs.Add(new ImportRun(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                new ImportCounts(reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8))));
        }
        return runs;
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static Outcome ParseOutcome(string name) => name switch
    {
        "answered" => Outcome.Answered,
        "missed" => Outcome.Missed,
        "busy" => Outcome.Busy,
        "voicemail" => Outcome.Voicemail,
        "abandoned" => Outcome.Abandoned,
        "blocked" => Outcome.Blocked,
        _ => throw new WorkspaceException(WorkspaceProblems.UnknownOutcome(name)),
    };

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new SqliteCommand(sql, _connection, _transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    private void Execute(string sql, params (string, object?)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string, object?)[] parameters)
    {
        using var command = Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private void Begin() => _transaction = _connection.BeginTransaction(deferred: false);

    private void Commit()
    {
        _transaction!.Commit();
        _transaction.Dispose();
        _transaction = null;
    }

    private void Rollback()
    {
        _transaction?.Dispose();
        _transaction = null;
    }

    /// <summary>Runs <paramref name="work"/> in an immediate transaction: committed when it returns, rolled back when it throws.</summary>
    private void InTransaction(Action work)
    {
        Begin();
        try
        {
            work();
            Commit();
        }
        catch
        {
            Rollback();
            throw;
        }
    }

    public void Dispose()
    {
        Rollback();
        _connection.Dispose();
    }
}
