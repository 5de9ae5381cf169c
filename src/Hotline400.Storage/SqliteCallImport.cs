using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text;
using Hotline400.Calls;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Hotline400.Storage;

/// <summary>
/// Importing call files. Each file is read and validated on its own thread (<see cref="CallBatchReader"/>)
/// into reusable batches of plain values; the calling thread inserts them with prepared multi-row
/// statements bound straight from the batches' bytes, in transactions of <see cref="BlockRows"/> rows.
/// </summary>
public sealed partial class SqliteWorkspace
{
    /// <summary>Calls per transaction: large enough for speed, small enough to keep the WAL bounded.</summary>
    public const int BlockRows = 500_000;

    private const int ProgressEveryRows = 1 << 14;

    private static readonly byte[][] OutcomeNames = [.. Enum.GetValues<Outcome>().Select(o => Encoding.UTF8.GetBytes(OutcomeName(o)))];

    /// <summary>Calls per INSERT statement: one statement per row costs more in statement overhead than in the inserts.</summary>
    private const int RowsPerStatement = 32;

    public CallImportResult ImportCalls(IReadOnlyList<string> files, ColumnMap map, IProgress<ImportProgress>? progress = null, Action<CallReject>? rejected = null)
    {
        var errors = new List<string>();
        var catalog = LatestCatalog();
        var accounts = catalog is null ? null : LatestAccounts(catalog.Catalog);
        if (catalog is null || accounts is null)
        {
            errors.Add($"{Path}: the workspace has no {(catalog is null ? "catalog" : "accounts")} yet: import {(catalog is null ? "a catalog and accounts" : "accounts")} first (hotline400 import {(catalog is null ? "catalog" : "accounts")} FILE)");
            return new CallImportResult(ImportCounts.Zero, [], errors);
        }
        var known = accounts.Accounts.Numbers.Select(n => n.Number.Value).ToHashSet();
        var readers = new List<CallReader>();
        for (var i = 0; i < files.Count; i++)
        {
            var reader = CallReader.Open(files[i], i, map, out var error);
            if (reader is null)
            {
                errors.Add(error!);
            }
            else
            {
                readers.Add(reader);
            }
        }
        try
        {
            if (errors.Count > 0)
            {
                return new CallImportResult(ImportCounts.Zero, [], errors);
            }
            var perFile = new List<(string, ImportCounts)>();
            var total = ImportCounts.Zero;
            long bytesBefore = 0, rowsBefore = 0;
            // Off while the calls are inserted, so that a multi-row INSERT needs no statement journal
            // (an immediate foreign key check could abort it midway). The only foreign key of calls is
            // import_run, bound to the run this import has just created. Set outside any transaction.
            var foreignKeys = (long)Scalar("PRAGMA foreign_keys")! == 1;
            Execute("PRAGMA foreign_keys = OFF");
            try
            {
                using var insert = new CallInserter(_connection.Handle!, RowsPerStatement);
                var pool = new ConcurrentQueue<CallImportBatch>();
                foreach (var reader in readers)
                {
                    var counts = ImportFile(reader, insert, known, pool, rejected, progress, bytesBefore, rowsBefore);
                    perFile.Add((reader.File, counts));
                    total += counts;
                    bytesBefore += reader.BytesConsumed;
                    rowsBefore += counts.Read;
                }
            }
            finally
            {
                if (foreignKeys)
                {
                    Execute("PRAGMA foreign_keys = ON");
                }
            }
            progress?.Report(new ImportProgress(bytesBefore, rowsBefore));
            return new CallImportResult(total, perFile, []);
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
    }

    private ImportCounts ImportFile(CallReader reader, CallInserter insert, HashSet<long> known, ConcurrentQueue<CallImportBatch> pool,
        Action<CallReject>? rejected, IProgress<ImportProgress>? progress, long bytesBefore, long rowsBefore)
    {
        long runId = 0;
        InTransaction(() => runId = (long)Scalar("INSERT INTO import_runs (kind, file, started_at) VALUES ('calls', $f, $at) RETURNING id",
            ("$f", reader.File), ("$at", NowMs()))!);
        insert.BindRun(runId);
        long read = 0, imported = 0, rejects = 0, duplicates = 0;
        void SaveCounts(bool finished) =>
            Execute("UPDATE import_runs SET read = $r, imported = $i, rejected = $j, duplicates = $d, finished_at = $f WHERE id = $id",
                ("$r", read), ("$i", imported), ("$j", rejects), ("$d", duplicates), ("$f", finished ? NowMs() : null), ("$id", runId));
        using var batches = new CallBatchReader(reader, known, pool);
        Begin();
        try
        {
            while (batches.Take() is { } batch)
            {
                foreach (var reject in batch.Rejects)
                {
                    rejects++;
                    rejected?.Invoke(reject);
                }
                var stored = insert.Insert(batch);
                imported += stored;
                duplicates += batch.Count - stored;
                var before = read;
                read += batch.Read;
                if (batch.EndOfBlock)
                {
                    SaveCounts(finished: false);
                    Commit();
                    Begin();
                }
                if (progress is not null && (before / ProgressEveryRows != read / ProgressEveryRows))
                {
                    progress.Report(new ImportProgress(bytesBefore + batch.BytesConsumed, rowsBefore + read));
                }
                batches.Return(batch);
            }
            SaveCounts(finished: true);
            Commit();
        }
        catch
        {
            Rollback();
            throw;
        }
        return new ImportCounts(read, imported, rejects, duplicates);
    }

    /// <summary>The insert statements (one of <c>rows</c> rows and one of a single row), prepared once and bound from a batch's bytes.</summary>
    private sealed class CallInserter : IDisposable
    {
        private const int Columns = 11;
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _many;
        private readonly sqlite3_stmt _one;
        private readonly int _rows;

        public CallInserter(sqlite3 db, int rows)
        {
            _db = db;
            _rows = Math.Max(1, rows);
            Check(raw.sqlite3_prepare_v2(db, Sql(_rows), out _many));
            Check(raw.sqlite3_prepare_v2(db, Sql(1), out _one));
        }

        /// <summary>?1 is the import run; row r's values are ?(2 + 11r) … ?(12 + 11r).</summary>
        private static string Sql(int rows)
        {
            // OR IGNORE rather than ON CONFLICT (call_id) DO NOTHING: the same for a stored call id,
            // and it leaves the NOT NULL checks nothing to abort (every value bound is non-null), so
            // SQLite needs no statement journal for the multi-row statement.
            var sql = new StringBuilder("INSERT OR IGNORE INTO calls (call_id, number, caller, started_ms, answered_ms, ended_ms, outcome, recorded, direction, answered_by, line, import_run) VALUES ");
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? "(" : ",(");
                for (var c = 0; c < Columns; c++)
                {
                    sql.Append('?').Append(2 + r * Columns + c).Append(',');
                }
                sql.Append("?1)");
            }
            return sql.ToString();
        }

        public void BindRun(long runId)
        {
            Check(raw.sqlite3_bind_int64(_many, 1, runId));
            Check(raw.sqlite3_bind_int64(_one, 1, runId));
        }

        /// <summary>Inserts the batch's calls in their order; returns how many were stored (the rest were duplicates).</summary>
        public int Insert(CallImportBatch batch)
        {
            var count = batch.Count;
            var stored = 0;
            var i0 = 0;
            for (; i0 + _rows <= count; i0 += _rows)
            {
                for (var r = 0; r < _rows; r++)
                {
                    Bind(_many, 2 + r * Columns, batch, i0 + r);
                }
                stored += Step(_many);
            }
            for (; i0 < count; i0++)
            {
                Bind(_one, 2, batch, i0);
                stored += Step(_one);
            }
            return stored;
        }

        private static void Bind(sqlite3_stmt s, int p, CallImportBatch batch, int index)
        {
            ref readonly var row = ref batch.Rows[index];
            var bytes = batch.Bytes;
            raw.sqlite3_bind_text(s, p, bytes.AsSpan(row.IdStart, row.IdLength));
            raw.sqlite3_bind_int64(s, p + 1, row.Number);
            raw.sqlite3_bind_text(s, p + 2, bytes.AsSpan(row.CallerStart, row.CallerLength));
            raw.sqlite3_bind_int64(s, p + 3, row.StartedMs);
            if (row.AnsweredMs == CallRecord.NotAnswered)
            {
                raw.sqlite3_bind_null(s, p + 4);
            }
            else
            {
                raw.sqlite3_bind_int64(s, p + 4, row.AnsweredMs);
            }
            raw.sqlite3_bind_int64(s, p + 5, row.EndedMs);
            raw.sqlite3_bind_text(s, p + 6, OutcomeNames[row.Outcome]);
            raw.sqlite3_bind_int(s, p + 7, row.Recorded ? 1 : 0);
            raw.sqlite3_bind_text(s, p + 8, row.Out ? "out"u8 : "in"u8);
            raw.sqlite3_bind_text(s, p + 9, bytes.AsSpan(row.AnsweredByStart, row.AnsweredByLength));
            raw.sqlite3_bind_int(s, p + 10, row.Line);
        }

        private int Step(sqlite3_stmt s)
        {
            var rc = raw.sqlite3_step(s);
            raw.sqlite3_reset(s);
            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }
            return raw.sqlite3_changes(_db);
        }

        private void Check(int rc)
        {
            if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            {
                throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
            }
        }

        public void Dispose()
        {
            _many.Dispose();
            _one.Dispose();
        }
    }
}

/// <summary>One valid call of a <see cref="CallImportBatch"/>: its values and where its texts are in the batch's bytes.</summary>
internal struct CallImportRow
{
    public long Number;
    public long StartedMs;
    public long AnsweredMs;
    public long EndedMs;
    public int Line;
    public int IdStart;
    public int IdLength;
    public int CallerStart;
    public int CallerLength;
    public int AnsweredByStart;
    public int AnsweredByLength;
    public int Outcome;
    public bool Recorded;
    public bool Out;
}

/// <summary>
/// Consecutive rows of one file as read and validated: the valid calls (plain values, their texts in
/// one buffer) and the rejects. A batch never spans two transactions: it ends at every
/// <see cref="SqliteWorkspace.BlockRows"/>-th row read (<see cref="EndOfBlock"/>).
/// </summary>
internal sealed class CallImportBatch
{
    public const int Capacity = 4096;

    public readonly CallImportRow[] Rows = new CallImportRow[Capacity];
    public int Count;
    public byte[] Bytes = new byte[Capacity * 64];
    public int BytesUsed;
    public readonly List<CallReject> Rejects = [];

    /// <summary>Rows read: the calls and the rejects.</summary>
    public int Read;

    /// <summary>The file's bytes read when the batch was full, for progress.</summary>
    public long BytesConsumed;

    /// <summary>The transaction is committed after this batch.</summary>
    public bool EndOfBlock;

    public void Reset()
    {
        Count = 0;
        BytesUsed = 0;
        Rejects.Clear();
        Read = 0;
        BytesConsumed = 0;
        EndOfBlock = false;
    }

    /// <summary>Adds the reader's current (valid) row; the batch must not be full.</summary>
    public void Add(CallReader reader, in CallFields f)
    {
        ref var row = ref Rows[Count++];
        row.Number = f.Number.Value;
        row.StartedMs = f.StartedMs;
        row.AnsweredMs = f.AnsweredMs;
        row.EndedMs = f.EndedMs;
        row.Line = f.Line;
        row.Outcome = (int)f.Outcome;
        row.Recorded = f.Recorded;
        row.Out = f.Direction == Direction.Out;
        // Each span is copied before the next is asked for: they may share the reader's scratch buffer.
        (row.IdStart, row.IdLength) = Append(reader.CurrentCallId);
        (row.CallerStart, row.CallerLength) = Append(reader.CurrentCaller);
        (row.AnsweredByStart, row.AnsweredByLength) = Append(reader.CurrentAnsweredBy);
    }

    private (int, int) Append(ReadOnlySpan<byte> text)
    {
        if (BytesUsed + text.Length > Bytes.Length)
        {
            Array.Resize(ref Bytes, Math.Max(Bytes.Length * 2, BytesUsed + text.Length));
        }
        var at = BytesUsed;
        text.CopyTo(Bytes.AsSpan(at));
        BytesUsed += text.Length;
        return (at, text.Length);
    }
}

/// <summary>Reads one call file into batches on its own thread, a few batches ahead of the inserts.</summary>
internal sealed class CallBatchReader : IDisposable
{
    private const int Ahead = 4;

    private readonly CallReader _reader;
    private readonly HashSet<long> _known;
    private readonly ConcurrentQueue<CallImportBatch> _pool;
    private readonly BlockingCollection<CallImportBatch> _ready = new(boundedCapacity: Ahead);
    private readonly CancellationTokenSource _cancel = new();
    private readonly Thread _thread;
    private ExceptionDispatchInfo? _failure;

    public CallBatchReader(CallReader reader, HashSet<long> known, ConcurrentQueue<CallImportBatch> pool)
    {
        _reader = reader;
        _known = known;
        _pool = pool;
        _thread = new Thread(Fill) { IsBackground = true, Name = "import " + System.IO.Path.GetFileName(reader.File) };
        _thread.Start();
    }

    /// <summary>The next batch, or null after the last one; rethrows what stopped the reader.</summary>
    public CallImportBatch? Take()
    {
        foreach (var batch in _ready.GetConsumingEnumerable())
        {
            return batch;
        }
        _failure?.Throw();
        return null;
    }

    /// <summary>Gives a batch back for reuse once its calls are inserted.</summary>
    public void Return(CallImportBatch batch) => _pool.Enqueue(batch);

    private void Fill()
    {
        try
        {
            long read = 0;
            var batch = Rent();
            while (_reader.NextFields(out var fields, out var reject))
            {
                read++;
                batch.Read++;
                if (reject is null && !_known.Contains(fields.Number.Value))
                {
                    // Worded as `rate` words it, so both commands report the same row the same way.
                    reject = new CallReject(_reader.File, fields.Line, "number", $"unknown 400 number {fields.Number.ToDisplayString()}: it is not in the accounts", Encoding.UTF8.GetString(_reader.CurrentRaw));
                }
                if (reject is not null)
                {
                    batch.Rejects.Add(reject);
                }
                else
                {
                    batch.Add(_reader, fields);
                }
                var endOfBlock = read % SqliteWorkspace.BlockRows == 0;
                if (endOfBlock || batch.Count == CallImportBatch.Capacity || batch.Rejects.Count == CallImportBatch.Capacity)
                {
                    batch.EndOfBlock = endOfBlock;
                    batch.BytesConsumed = _reader.BytesConsumed;
                    _ready.Add(batch, _cancel.Token);
                    batch = Rent();
                }
            }
            if (batch.Read > 0)
            {
                batch.BytesConsumed = _reader.BytesConsumed;
                _ready.Add(batch, _cancel.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            _ready.CompleteAdding();
        }
    }

    private CallImportBatch Rent()
    {
        if (_pool.TryDequeue(out var b))
        {
            b.Reset();
            return b;
        }
        return new CallImportBatch();
    }

    public void Dispose()
    {
        _cancel.Cancel();
        _thread.Join();
        _cancel.Dispose();
        _ready.Dispose();
    }
}
