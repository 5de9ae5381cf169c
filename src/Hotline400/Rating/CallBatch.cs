using System.Collections.Concurrent;
using Hotline400.Calls;

namespace Hotline400.Rating;

/// <summary>
/// A block of validated rows read from one file by a reader thread: plain field values plus the
/// rows' bytes in one buffer, so that thousands of calls waiting in the reorder window cost no
/// object each. A batch goes back to its pool once all its calls have been rated.
/// </summary>
internal sealed class CallBatch
{
    public const int Capacity = 1024;

    public CallBatch(BatchRegistry registry)
    {
        Id = registry.Add(this);
    }

    /// <summary>The batch's index in its <see cref="BatchRegistry"/>; calls refer to their batch by it, so arrays of calls hold no references for the GC to trace.</summary>
    public int Id { get; }

    public readonly PendingCall[] Calls = new PendingCall[Capacity];
    public int Count;
    public byte[] Bytes = new byte[Capacity * 160];
    public int BytesUsed;
    public readonly List<CallReject> Rejects = [];

    /// <summary>The last batch of its file.</summary>
    public bool EndOfFile;

    /// <summary>
    /// Holders of this batch: each of its calls until rated or found a duplicate, and the merge
    /// until it has moved past it (<see cref="RatingStage.Release"/>); it is reused at 0.
    /// </summary>
    public int Live;

    public void Reset()
    {
        Count = 0;
        BytesUsed = 0;
        Rejects.Clear();
        EndOfFile = false;
        Live = 0;
    }

    /// <summary>Adds the reader's current row; false when the batch is full.</summary>
    public bool TryAdd(CallReader reader, in CallFields fields)
    {
        var raw = reader.CurrentRaw;
        var callId = reader.CurrentCallId;
        var escaped = reader.CurrentAnsweredByEscaped is { } e ? System.Text.Encoding.UTF8.GetBytes(e) : null;
        var need = raw.Length + callId.Length + (escaped?.Length ?? 0);
        if (Count == Capacity || (Count > 0 && BytesUsed + need > Bytes.Length))
        {
            return false;
        }
        if (BytesUsed + need > Bytes.Length)
        {
            Bytes = new byte[Math.Max(Bytes.Length * 2, need)];
        }
        var rawAt = BytesUsed;
        raw.CopyTo(Bytes.AsSpan(rawAt));
        BytesUsed += raw.Length;
        int idAt;
        if (reader.CurrentCallIdRange.Length > 0)
        {
            idAt = rawAt + reader.CurrentCallIdRange.Start;
        }
        else
        {
            idAt = BytesUsed;
            callId.CopyTo(Bytes.AsSpan(idAt));
            BytesUsed += callId.Length;
        }
        var answeredBy = reader.CurrentAnsweredByRange;
        var answeredByInRaw = escaped is null;
        if (escaped is not null)
        {
            answeredBy = (BytesUsed, escaped.Length);
            escaped.CopyTo(Bytes.AsSpan(BytesUsed));
            BytesUsed += escaped.Length;
        }
        Calls[Count++] = new PendingCall
        {
            Fields = fields,
            BatchId = Id,
            RawStart = rawAt,
            RawLength = raw.Length,
            CallIdStart = idAt,
            CallIdLength = callId.Length,
            CallIdInRaw = reader.CurrentCallIdRange.Length > 0,
            AnsweredBy = answeredBy,
            AnsweredByInRaw = answeredByInRaw,
        };
        return true;
    }
}

/// <summary>A call waiting to be rated: its fields and where its bytes are in its batch.</summary>
internal struct PendingCall
{
    public CallFields Fields;
    public int BatchId;
    public int RawStart;
    public int RawLength;
    public int CallIdStart;
    public int CallIdLength;
    public bool CallIdInRaw;
    public (int Start, int Length) AnsweredBy;

    /// <summary>False when answered_by had to be unescaped: <see cref="AnsweredBy"/> then points past the row in the batch (rare).</summary>
    public bool AnsweredByInRaw;

    public readonly ReadOnlySpan<byte> CallId(BatchRegistry batches) => batches[BatchId].Bytes.AsSpan(CallIdStart, CallIdLength);

    /// <summary>The row as it stood in the file.</summary>
    public readonly ReadOnlySpan<byte> Raw(BatchRegistry batches) => batches[BatchId].Bytes.AsSpan(RawStart, RawLength);

    /// <summary>Rating order: start time, then call id (ordinal, as <see cref="CallRecord.CompareForRating"/>).</summary>
    public static int Compare(in PendingCall a, in PendingCall b, BatchRegistry batches)
    {
        var c = a.Fields.StartedMs.CompareTo(b.Fields.StartedMs);
        return c != 0 ? c : CompareIds(a.CallId(batches), b.CallId(batches));
    }

    /// <summary>UTF-8 byte order is code point order, as <see cref="CallRecord.CompareForRating"/> compares ids.</summary>
    private static int CompareIds(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.SequenceCompareTo(b);

    /// <summary>A record with its own copy of the row, for the rater and the sinks.</summary>
    public readonly CallRecord ToRecord(BatchRegistry batches)
    {
        var raw = Raw(batches).ToArray();
        var batch = batches[BatchId];
        return CallRecord.Create(
            Fields,
            raw,
            CallIdInRaw ? (CallIdStart - RawStart, CallIdLength) : (0, 0),
            AnsweredByInRaw ? AnsweredBy : (0, 0),
            CallIdInRaw ? null : System.Text.Encoding.UTF8.GetString(batch.Bytes, CallIdStart, CallIdLength),
            AnsweredByInRaw ? null : System.Text.Encoding.UTF8.GetString(batch.Bytes, AnsweredBy.Start, AnsweredBy.Length));
    }
}

/// <summary>Reads one file into batches on its own thread, a few batches ahead of the rater.</summary>
internal sealed class BatchReader : IDisposable
{
    private readonly CallReader _reader;
    private readonly BlockingCollection<CallBatch> _ready = new(boundedCapacity: 4);
    private readonly ConcurrentBag<CallBatch> _pool;
    private readonly BatchRegistry _registry;
    private readonly CancellationTokenSource _cancel = new();
    private readonly Thread _thread;
    private Exception? _failure;

    public BatchReader(CallReader reader, ConcurrentBag<CallBatch> pool, BatchRegistry registry)
    {
        _reader = reader;
        _pool = pool;
        _registry = registry;
        _thread = new Thread(Fill) { IsBackground = true, Name = "read " + Path.GetFileName(reader.File) };
        _thread.Start();
    }

    public CallReader Reader => _reader;

    /// <summary>The next batch, or null after the last one.</summary>
    public CallBatch? Take()
    {
        try
        {
            if (_ready.TryTake(out var b, Timeout.Infinite, _cancel.Token))
            {
                return b;
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        return _failure is null ? null : throw new IOException($"{_reader.File}: {_failure.Message}", _failure);
    }

    private void Fill()
    {
        try
        {
            var batch = Rent();
            while (_reader.NextFields(out var fields, out var reject))
            {
                if (reject is not null)
                {
                    batch.Rejects.Add(reject);
                    continue;
                }
                if (!batch.TryAdd(_reader, fields))
                {
                    _ready.Add(batch, _cancel.Token);
                    batch = Rent();
                    batch.TryAdd(_reader, fields);
                }
            }
            batch.EndOfFile = true;
            _ready.Add(batch, _cancel.Token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _failure = ex;
        }
        finally
        {
            _ready.CompleteAdding();
        }
    }

    private CallBatch Rent()
    {
        if (_pool.TryTake(out var b))
        {
            b.Reset();
            return b;
        }
        return new CallBatch(_registry);
    }

    public void Dispose()
    {
        _cancel.Cancel();
        _thread.Join();
        _reader.Dispose();
        _cancel.Dispose();
        _ready.Dispose();
    }
}

/// <summary>Every batch of a run by id. Grows under a lock (reader threads create batches); reads take no lock.</summary>
internal sealed class BatchRegistry
{
    private CallBatch[] _items = new CallBatch[64];
    private int _count;
    private readonly Lock _gate = new();

    public CallBatch this[int id] => Volatile.Read(ref _items)[id];

    public int Count => _count;

    public int Add(CallBatch batch)
    {
        lock (_gate)
        {
            if (_count == _items.Length)
            {
                var bigger = new CallBatch[_items.Length * 2];
                _items.CopyTo(bigger, 0);
                Volatile.Write(ref _items, bigger);
            }
            _items[_count] = batch;
            return _count++;
        }
    }
}
