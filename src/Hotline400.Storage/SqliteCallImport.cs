using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text;
using Hotline400.Calls;
using Hotline400.Rating;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Hotline400.Storage;

/// <summary>
/// Importing call files. Each file is read on its own thread (<see cref="CallBlockReader"/>) in
/// blocks of <see cref="BlockRows"/> rows: validated, hashed, de-duplicated within the block,
/// encoded and sorted by number and start. The calling thread then, in one transaction per block,
/// drops the calls already stored (<see cref="CallKeyTable"/>, every hit confirmed by its call id),
/// stores the rest as chunks (one number's calls per row of <c>call_chunks</c>), their hashes and
/// the run's counts.
/// </summary>
public sealed partial class SqliteWorkspace
{
    /// <summary>Rows per transaction: large enough for speed, small enough to keep the WAL and the blocks in memory bounded.</summary>
    public const int BlockRows = 250_000;

    /// <summary>At most this many calls per chunk (one row of <c>call_chunks</c>).</summary>
    internal const int ChunkCalls = 4096;

    /// <summary>The hash of call ids, stored in <c>call_hashes</c>; tests replace it to force collisions.</summary>
    internal CallIdHash CallHash { get; set; } = CallKeys.Hash;

    public CallImportResult ImportCalls(IReadOnlyList<string> files, ColumnMap map, IProgress<ImportProgress>? progress = null, Action<CallReject>? rejected = null)
    {
        var errors = new List<Common.LocalizedText>();
        var catalog = LatestCatalog();
        var accounts = catalog is null ? null : LatestAccounts(catalog.Catalog);
        if (catalog is null || accounts is null)
        {
            errors.Add(WorkspaceProblems.NothingToImportCallsUnder(Path, catalog is null));
            return new CallImportResult(ImportCounts.Zero, [], errors);
        }
        var known = accounts.Accounts.Numbers.Select(n => n.Number.Value).ToHashSet();
        var readers = CallReader.OpenAll(files, map, errors);
        if (readers is null)
        {
            return new CallImportResult(ImportCounts.Zero, [], errors);
        }
        try
        {
            var perFile = new List<(string, ImportCounts)>();
            var total = ImportCounts.Zero;
            long bytesBefore = 0, rowsBefore = 0;
            // Room for the stored calls or about as many as the files hold (rows of ~128 bytes),
            // whichever is more, and a block; the table grows (is rebuilt) if that was short.
            var fileBytes = readers.Sum(r => SafeLength(r.File));
            using var store = new CallStore(this, Math.Max(StoredCallCount(), fileBytes / 128) + BlockRows);
            using var pool = new CallBlockPool();
            foreach (var reader in readers)
            {
                var counts = ImportFile(reader, store, known, pool, rejected, progress, bytesBefore, rowsBefore);
                perFile.Add((reader.File, counts));
                total += counts;
                bytesBefore += reader.BytesConsumed;
                rowsBefore += counts.Read;
            }
            progress?.Report(new ImportProgress(bytesBefore, rowsBefore));
            return new CallImportResult(total, perFile, []);
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
    }

    private static long SafeLength(string file)
    {
        try
        {
            return new FileInfo(file).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Calls stored, from their hashes (one per call; <c>length</c> of a blob reads no content).</summary>
    private long StoredCallCount() => (long)Scalar("SELECT coalesce(sum(length(hashes)), 0) / 8 FROM call_hashes")!;

    private ImportCounts ImportFile(CallReader reader, CallStore store, HashSet<long> known, CallBlockPool pool,
        Action<CallReject>? rejected, IProgress<ImportProgress>? progress, long bytesBefore, long rowsBefore)
    {
        long runId = 0;
        InTransaction(() => runId = (long)Scalar("INSERT INTO import_runs (kind, file, started_at) VALUES ('calls', $f, $at) RETURNING id",
            ("$f", reader.File), ("$at", NowMs()))!);
        long read = 0, imported = 0, rejects = 0, duplicates = 0;
        void SaveCounts(bool finished) =>
            Execute("UPDATE import_runs SET read = $r, imported = $i, rejected = $j, duplicates = $d, finished_at = $f WHERE id = $id",
                ("$r", read), ("$i", imported), ("$j", rejects), ("$d", duplicates), ("$f", finished ? NowMs() : null), ("$id", runId));
        using var blocks = new CallBlockReader(reader, known, CallHash, pool);
        while (blocks.Take() is { } block)
        {
            Begin();
            try
            {
                foreach (var reject in block.Rejects)
                {
                    rejected?.Invoke(reject);
                }
                var stored = store.Write(block, runId);
                read += block.Read;
                rejects += block.Rejects.Count;
                imported += stored;
                duplicates += block.Read - block.Rejects.Count - stored;
                SaveCounts(finished: false);
                Commit();
            }
            catch
            {
                Rollback();
                throw;
            }
            progress?.Report(new ImportProgress(bytesBefore + block.BytesConsumed, rowsBefore + read));
            blocks.Return(block);
        }
        InTransaction(() => SaveCounts(finished: true));
        return new ImportCounts(read, imported, rejects, duplicates);
    }

    /// <summary>
    /// Writes blocks into <c>call_chunks</c> and <c>call_hashes</c> on the workspace's connection,
    /// inside the caller's transaction. Keeps every stored call's hash in memory
    /// (<see cref="CallKeyTable"/>), caught up at each block with what other processes stored.
    /// </summary>
    private sealed class CallStore : IDisposable, ICallIdCheck
    {
        private readonly SqliteWorkspace _workspace;
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _insertChunk;
        private readonly sqlite3_stmt _insertHashes;
        private readonly sqlite3_stmt _newHashes;
        private readonly sqlite3_stmt _chunkOf;
        private readonly CallKeyTable _keys;
        private readonly StoredChunk[] _cache = [new(), new(), new(), new()];
        private int _cacheNext;
        private long _loadedTo = 1; // the hashes of sequence numbers below this are in _keys
        private byte[] _chunk = new byte[1 << 16];
        private byte[] _hashes = new byte[1 << 16];

        // The call being checked, and the calls of the block being written (sequence numbers from _pendingFirst on).
        private CallBlock? _block;
        private int _row;
        private long _pendingFirst;
        private readonly List<int> _pending = [];

        public CallStore(SqliteWorkspace workspace, long expected)
        {
            _workspace = workspace;
            _db = workspace._connection.Handle!;
            _keys = new CallKeyTable(expected);
            _insertChunk = Prepare("INSERT INTO call_chunks (first, number, first_ms, last_ms, count, import_run, calls) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
            _insertHashes = Prepare("INSERT INTO call_hashes (first, hashes) VALUES (?1, ?2)");
            _newHashes = Prepare("SELECT first, hashes FROM call_hashes WHERE first >= ?1 ORDER BY first");
            _chunkOf = Prepare("SELECT first, calls FROM call_chunks WHERE first <= ?1 ORDER BY first DESC LIMIT 1");
        }

        /// <summary>Stores the block's calls that are not stored yet; returns how many.</summary>
        public int Write(CallBlock block, long runId)
        {
            CatchUp(block.OrderCount);
            var next = _loadedTo;
            _block = block;
            _pendingFirst = next;
            _pending.Clear();
            var hashBytes = 0;
            var chunkBytes = 0;
            long chunkNumber = 0, chunkFirst = 0, firstMs = 0, lastMs = 0;
            var rows = block.Rows;
            var order = block.Order;
            const int prefetch = 8;
            for (var k = 0; k < Math.Min(prefetch, block.OrderCount); k++)
            {
                _keys.Prefetch(rows[order[k]].Hash);
            }
            for (var k = 0; k < block.OrderCount; k++)
            {
                if (k + prefetch < block.OrderCount)
                {
                    _keys.Prefetch(rows[order[k + prefetch]].Hash);
                }
                var i = order[k];
                ref readonly var row = ref rows[i];
                _row = i;
                if (!_keys.AddIfAbsent(row.Hash, next, this))
                {
                    continue;
                }
                if (chunkBytes > 0 && (row.Number != chunkNumber || next - chunkFirst == ChunkCalls))
                {
                    InsertChunk(chunkFirst, chunkNumber, firstMs, lastMs, next - chunkFirst, runId, chunkBytes);
                    chunkBytes = 0;
                }
                if (chunkBytes == 0)
                {
                    (chunkFirst, chunkNumber, firstMs) = (next, row.Number, row.StartedMs);
                }
                lastMs = row.StartedMs;
                Append(ref _chunk, ref chunkBytes, block.Bytes.AsSpan(row.Start, row.Length));
                if (hashBytes + 8 > _hashes.Length)
                {
                    Array.Resize(ref _hashes, _hashes.Length * 2);
                }
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(_hashes.AsSpan(hashBytes), row.Hash);
                hashBytes += 8;
                _pending.Add(i);
                next++;
            }
            if (chunkBytes > 0)
            {
                InsertChunk(chunkFirst, chunkNumber, firstMs, lastMs, next - chunkFirst, runId, chunkBytes);
            }
            if (hashBytes > 0)
            {
                raw.sqlite3_bind_int64(_insertHashes, 1, _pendingFirst);
                raw.sqlite3_bind_blob(_insertHashes, 2, _hashes.AsSpan(0, hashBytes));
                Step(_insertHashes);
            }
            _loadedTo = next;
            _block = null;
            return (int)(next - _pendingFirst);
        }

        private void InsertChunk(long first, long number, long firstMs, long lastMs, long count, long runId, int bytes)
        {
            var s = _insertChunk;
            raw.sqlite3_bind_int64(s, 1, first);
            raw.sqlite3_bind_int64(s, 2, number);
            raw.sqlite3_bind_int64(s, 3, firstMs);
            raw.sqlite3_bind_int64(s, 4, lastMs);
            raw.sqlite3_bind_int64(s, 5, count);
            raw.sqlite3_bind_int64(s, 6, runId);
            raw.sqlite3_bind_blob(s, 7, _chunk.AsSpan(0, bytes));
            Step(s);
        }

        private static void Append(ref byte[] buffer, ref int used, ReadOnlySpan<byte> bytes)
        {
            if (used + bytes.Length > buffer.Length)
            {
                Array.Resize(ref buffer, Math.Max(buffer.Length * 2, used + bytes.Length));
            }
            bytes.CopyTo(buffer.AsSpan(used));
            used += bytes.Length;
        }

        /// <summary>
        /// Inside the block's transaction: adds the hashes stored since the table was last brought up
        /// to date (by other processes too), rebuilding it larger first if the block may not fit.
        /// </summary>
        private void CatchUp(int incoming)
        {
            var stored = _workspace.StoredCallCount();
            if (!_keys.Fits(stored - _keys.Count + incoming))
            {
                _keys.Reset(Math.Max(stored + Math.Max(incoming, BlockRows), 2 * stored));
                _loadedTo = 1;
            }
            var s = _newHashes;
            raw.sqlite3_bind_int64(s, 1, _loadedTo);
            try
            {
                int rc;
                while ((rc = raw.sqlite3_step(s)) == raw.SQLITE_ROW)
                {
                    var first = raw.sqlite3_column_int64(s, 0);
                    var hashes = raw.sqlite3_column_blob(s, 1);
                    if (first != _loadedTo)
                    {
                        throw new WorkspaceException(WorkspaceProblems.HashesNotContiguous(_workspace.Path, _loadedTo, first));
                    }
                    for (var at = 0; at + 8 <= hashes.Length; at += 8)
                    {
                        _keys.Add(System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(hashes[at..]), _loadedTo++);
                    }
                }
                Check(rc);
            }
            finally
            {
                raw.sqlite3_reset(s);
            }
        }

        /// <summary>Whether the call of <paramref name="seq"/> has the id of the row being checked.</summary>
        public bool SameId(long seq)
        {
            var block = _block!;
            var id = block.CallId(_row);
            if (seq >= _pendingFirst)
            {
                return block.CallId(_pending[(int)(seq - _pendingFirst)]).SequenceEqual(id);
            }
            return StoredCallId(seq).SequenceEqual(id);
        }

        /// <summary>The id of a stored call, from its chunk (the last few chunks read are kept).</summary>
        private ReadOnlySpan<byte> StoredCallId(long seq)
        {
            foreach (var c in _cache)
            {
                if (c.Contains(seq))
                {
                    return c.CallId(seq);
                }
            }
            var chunk = _cache[_cacheNext];
            _cacheNext = (_cacheNext + 1) % _cache.Length;
            var s = _chunkOf;
            raw.sqlite3_bind_int64(s, 1, seq);
            try
            {
                var rc = raw.sqlite3_step(s);
                if (rc != raw.SQLITE_ROW)
                {
                    Check(rc);
                    throw new WorkspaceException(WorkspaceProblems.NoChunkHolds(_workspace.Path, seq));
                }
                chunk.Load(raw.sqlite3_column_int64(s, 0), raw.sqlite3_column_blob(s, 1));
            }
            finally
            {
                raw.sqlite3_reset(s);
            }
            if (!chunk.Contains(seq))
            {
                throw new WorkspaceException(WorkspaceProblems.NoChunkHolds(_workspace.Path, seq));
            }
            return chunk.CallId(seq);
        }

        private sealed class StoredChunk
        {
            private long _first;
            private byte[] _data = [];
            private readonly List<int> _offsets = [];

            public bool Contains(long seq) => seq >= _first && seq < _first + _offsets.Count;

            public void Load(long first, ReadOnlySpan<byte> data)
            {
                if (_data.Length < data.Length)
                {
                    _data = new byte[Math.Max(data.Length, 2 * _data.Length)];
                }
                data.CopyTo(_data);
                _first = first;
                CallChunk.Offsets(_data.AsSpan(0, data.Length), _offsets);
            }

            public ReadOnlySpan<byte> CallId(long seq) => CallChunk.CallIdOf(_data.AsSpan(_offsets[(int)(seq - _first)]));
        }

        private sqlite3_stmt Prepare(string sql)
        {
            Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
            return statement;
        }

        private void Step(sqlite3_stmt s)
        {
            var rc = raw.sqlite3_step(s);
            raw.sqlite3_reset(s);
            Check(rc);
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
            _insertChunk.Dispose();
            _insertHashes.Dispose();
            _newHashes.Dispose();
            _chunkOf.Dispose();
        }
    }
}

/// <summary>One call of a <see cref="CallBlock"/>: what it is sorted and de-duplicated by, and where its encoding is.</summary>
internal struct CallBlockRow
{
    public long Number;
    public long StartedMs;
    public ulong Hash;
    public int Start;
    public int Length;
    public int IdStart;
    public int IdLength;
}

/// <summary>
/// Up to <see cref="SqliteWorkspace.BlockRows"/> consecutive rows of one file as read: the calls not
/// seen earlier in the block, encoded (<see cref="CallChunk"/>) into one buffer, sorted by
/// <see cref="Order"/>; and the rejects. Duplicates within the block are only counted.
/// </summary>
internal sealed class CallBlock
{
    public CallBlockRow[] Rows = new CallBlockRow[4096];
    public int Count;
    public byte[] Bytes = new byte[1 << 18];
    public int BytesUsed;
    public int[] Order = new int[4096];
    private ulong[] _keys = new ulong[4096];
    public int OrderCount;
    public readonly List<CallReject> Rejects = [];

    /// <summary>Rows read: the calls, the duplicates within the block and the rejects.</summary>
    public int Read;

    /// <summary>The file's bytes read when the block was full, for progress.</summary>
    public long BytesConsumed;

    public ReadOnlySpan<byte> CallId(int row) => Bytes.AsSpan(Rows[row].IdStart, Rows[row].IdLength);

    public void Reset()
    {
        Count = 0;
        BytesUsed = 0;
        OrderCount = 0;
        Rejects.Clear();
        Read = 0;
        BytesConsumed = 0;
    }

    /// <summary>Adds the reader's current (valid) row with its call id's hash; returns its index.</summary>
    public int Add(CallReader reader, in CallFields f, ReadOnlySpan<byte> callId, ulong hash)
    {
        if (Count == Rows.Length)
        {
            Array.Resize(ref Rows, Rows.Length * 2);
        }
        var caller = reader.CurrentCaller;
        var answeredBy = reader.CurrentAnsweredBy;
        var most = CallChunk.MaxFixedBytes + callId.Length + caller.Length + answeredBy.Length;
        if (BytesUsed + most > Bytes.Length)
        {
            Array.Resize(ref Bytes, Math.Max(Bytes.Length + Bytes.Length / 2, BytesUsed + most));
        }
        // The call id is encoded first, after its length.
        var idAt = BytesUsed + (callId.Length < 0x80 ? 1 : callId.Length < 0x4000 ? 2 : callId.Length < 0x200000 ? 3 : callId.Length < 0x10000000 ? 4 : 5);
        var length = CallChunk.Encode(Bytes.AsSpan(BytesUsed), callId, caller, answeredBy, f.StartedMs, f.AnsweredMs, f.EndedMs, f.Outcome, f.Recorded, f.Direction, f.Line);
        Rows[Count] = new CallBlockRow
        {
            Number = f.Number.Value,
            StartedMs = f.StartedMs,
            Hash = hash,
            Start = BytesUsed,
            Length = length,
            IdStart = idAt,
            IdLength = callId.Length,
        };
        BytesUsed += length;
        return Count++;
    }

    /// <summary>
    /// Sorts the calls by number, start and call id (bytes): by one 64-bit key (the number's rank in
    /// the block, the start from the block's earliest), then runs of equal keys by call id.
    /// </summary>
    public void Sort()
    {
        if (Order.Length < Count)
        {
            Order = new int[Math.Max(Count, 2 * Order.Length)];
            _keys = new ulong[Order.Length];
        }
        OrderCount = Count;
        var ids = new IdComparer(this);
        var numbers = new Dictionary<long, int>();
        long min = long.MaxValue, max = long.MinValue;
        for (var i = 0; i < Count; i++)
        {
            numbers.TryAdd(Rows[i].Number, 0);
            min = Math.Min(min, Rows[i].StartedMs);
            max = Math.Max(max, Rows[i].StartedMs);
        }
        if (numbers.Count >= 1 << 20 || (Count > 0 && (ulong)(max - min) >= 1UL << 44))
        {
            // Starts more than 500 years apart in one block: sort by comparisons.
            for (var i = 0; i < Count; i++)
            {
                Order[i] = i;
            }
            Array.Sort(Order, 0, Count, new FullComparer(this, ids));
            return;
        }
        var ranked = numbers.Keys.ToArray();
        Array.Sort(ranked);
        for (var r = 0; r < ranked.Length; r++)
        {
            numbers[ranked[r]] = r;
        }
        for (var i = 0; i < Count; i++)
        {
            _keys[i] = ((ulong)numbers[Rows[i].Number] << 44) | (ulong)(Rows[i].StartedMs - min);
            Order[i] = i;
        }
        Array.Sort(_keys, Order, 0, Count);
        for (var i = 0; i < Count;)
        {
            var j = i + 1;
            while (j < Count && _keys[j] == _keys[i])
            {
                j++;
            }
            if (j - i > 1)
            {
                Array.Sort(Order, i, j - i, ids);
            }
            i = j;
        }
    }

    private sealed class IdComparer(CallBlock block) : IComparer<int>
    {
        public int Compare(int x, int y) => block.CallId(x).SequenceCompareTo(block.CallId(y));
    }

    private sealed class FullComparer(CallBlock block, IdComparer ids) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var c = block.Rows[x].Number.CompareTo(block.Rows[y].Number);
            if (c == 0)
            {
                c = block.Rows[x].StartedMs.CompareTo(block.Rows[y].StartedMs);
            }
            return c != 0 ? c : ids.Compare(x, y);
        }
    }
}

/// <summary>
/// The blocks of one import: two, so the reader fills one while the other is written (each holds up
/// to <see cref="SqliteWorkspace.BlockRows"/> calls, about 45 MB at most for 250,000).
/// </summary>
internal sealed class CallBlockPool : IDisposable
{
    private readonly BlockingCollection<CallBlock> _free = [];

    public CallBlockPool()
    {
        _free.Add(new CallBlock());
        _free.Add(new CallBlock());
    }

    public CallBlock Rent(CancellationToken cancel)
    {
        var block = _free.Take(cancel);
        block.Reset();
        return block;
    }

    public void Return(CallBlock block) => _free.Add(block);

    public void Dispose() => _free.Dispose();
}

/// <summary>Reads one call file into blocks on its own thread, a block ahead of the writes.</summary>
internal sealed class CallBlockReader : IDisposable
{
    private const int Ahead = 1;

    private readonly CallReader _reader;
    private readonly HashSet<long> _known;
    private readonly CallIdHash _hash;
    private readonly CallBlockPool _pool;
    private readonly BlockingCollection<CallBlock> _ready = new(boundedCapacity: Ahead);
    private readonly CancellationTokenSource _cancel = new();
    private readonly Thread _thread;
    private ExceptionDispatchInfo? _failure;

    // The calls of the block being filled, to find duplicates within it: open addressing by the call
    // id hash's low bits; an entry is the hash's high 44 bits and the row index + 1 (0 empty).
    private const ulong RowBits = (1UL << 20) - 1;
    private ulong[] _seen = new ulong[1 << 12];

    public CallBlockReader(CallReader reader, HashSet<long> known, CallIdHash hash, CallBlockPool pool)
    {
        _reader = reader;
        _known = known;
        _hash = hash;
        _pool = pool;
        _thread = new Thread(Fill) { IsBackground = true, Name = "import " + System.IO.Path.GetFileName(reader.File) };
        _thread.Start();
    }

    /// <summary>The next block, or null after the last one; rethrows what stopped the reader.</summary>
    public CallBlock? Take()
    {
        foreach (var block in _ready.GetConsumingEnumerable())
        {
            return block;
        }
        _failure?.Throw();
        return null;
    }

    /// <summary>Gives a block back for reuse once it is written.</summary>
    public void Return(CallBlock block) => _pool.Return(block);

    private void Fill()
    {
        try
        {
            var block = Rent();
            while (_reader.NextFields(out var fields, out var reject))
            {
                block.Read++;
                if (reject is null && !_known.Contains(fields.Number.Value))
                {
                    var unknown = RatingReject.UnknownNumber(fields.Number);
                    reject = unknown.At(_reader.File, fields.Line, Encoding.UTF8.GetString(_reader.CurrentRaw));
                }
                if (reject is not null)
                {
                    block.Rejects.Add(reject);
                }
                else
                {
                    AddUnlessSeen(block, fields);
                }
                if (block.Read == SqliteWorkspace.BlockRows)
                {
                    Hand(block);
                    block = Rent();
                }
            }
            if (block.Read > 0)
            {
                Hand(block);
            }
            else
            {
                _pool.Return(block);
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

    /// <summary>Adds the current row unless a call with its id is in the block already (exact comparison of the ids).</summary>
    private void AddUnlessSeen(CallBlock block, in CallFields fields)
    {
        if (2 * (block.Count + 1) > _seen.Length)
        {
            Grow(block);
        }
        var id = _reader.CurrentCallId;
        var hash = _hash(id);
        var mask = _seen.Length - 1;
        var slot = (int)hash & mask;
        ulong entry;
        while ((entry = _seen[slot]) != 0)
        {
            if ((entry & ~RowBits) == (hash & ~RowBits) && block.CallId((int)(entry & RowBits) - 1).SequenceEqual(id))
            {
                return;
            }
            slot = (slot + 1) & mask;
        }
        _seen[slot] = (hash & ~RowBits) | (uint)(block.Add(_reader, fields, id, hash) + 1);
    }

    private void Grow(CallBlock block)
    {
        _seen = new ulong[_seen.Length * 2];
        var mask = _seen.Length - 1;
        for (var i = 0; i < block.Count; i++)
        {
            var hash = block.Rows[i].Hash;
            var slot = (int)hash & mask;
            while (_seen[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            _seen[slot] = (hash & ~RowBits) | (uint)(i + 1);
        }
    }

    private void Hand(CallBlock block)
    {
        block.Sort();
        block.BytesConsumed = _reader.BytesConsumed;
        Array.Clear(_seen);
        _ready.Add(block, _cancel.Token);
    }

    private CallBlock Rent() => _pool.Rent(_cancel.Token);

    public void Dispose()
    {
        _cancel.Cancel();
        _thread.Join();
        _cancel.Dispose();
        _ready.Dispose();
    }
}
