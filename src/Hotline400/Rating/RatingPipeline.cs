using Hotline400.Calls;
using Hotline400.Common;

namespace Hotline400.Rating;

/// <summary>Receives what a rating run produces, in rating order.</summary>
public interface IRatingSink
{
    void Rated(RatedCall call);

    void Rejected(CallReject reject);

    void Duplicate(CallRecord duplicate);
}

internal static class RatingSinkExtensions
{
    /// <summary>Gives what a stage held as an object (a rated call, a reject or a duplicate) to the sink's method for it.</summary>
    public static void Pass(this IRatingSink sink, object item)
    {
        switch (item)
        {
            case RatedCall call:
                sink.Rated(call);
                break;
            case CallReject reject:
                sink.Rejected(reject);
                break;
            case CallRecord duplicate:
                sink.Duplicate(duplicate);
                break;
        }
    }
}

/// <summary>Counts of one run. They always reconcile: read = rated + rejected + duplicates.</summary>
public sealed class RunCounts
{
    public long Read { get; set; }
    public long Rated { get; set; }
    public long Rejected { get; set; }
    public long Duplicates { get; set; }

    /// <summary>The input was not in time order within the reorder window, so the run sorted it in memory.</summary>
    public bool SortedInMemory { get; set; }

    /// <summary>The reorder window the run finished with, in hours (0 when sorted in memory).</summary>
    public long WindowHours { get; set; }

    /// <summary>
    /// Call ids given by rows that differ (a provider's correction, or a clash of ids), with the
    /// copy rated; the others count as duplicates. Such a run is always sorted in memory.
    /// </summary>
    public IReadOnlyList<ConflictingCopies> ConflictingCopies { get; set; } = [];
}

/// <summary>A call id given by rows that differ, and where the copy rated stands (the call that ends first).</summary>
public sealed record ConflictingCopies(string CallId, string File, int Line);

/// <summary>
/// Streams call records from one or more files through validation, de-duplication by
/// <c>call_id</c> and the <see cref="Rater"/>, in rating order (start time, then call id).
/// Providers write records when calls end, so files are ordered by end time; a record can be
/// rated once the input has moved four hours past its start (<see cref="ShortWindowMs"/>). That
/// bounded reorder window keeps memory flat whatever the file size; the few calls longer than it
/// are found first when one arrives late. Input that is not in end-time order is detected and
/// the run starts over sorting in memory, so any order of the same calls gives the same figures.
/// Reading runs on one thread per file, ordering on the caller's, rating on one more (<see cref="RatingStage"/>).
/// </summary>
public sealed class RatingPipeline(Func<Rater> newRater, ColumnMap map)
{

    /// <summary>Bytes of input read so far, across files, for progress bars.</summary>
    public long BytesRead => _current?.Sum(r => r.BytesConsumed) ?? 0;

    private List<CallReader>? _current;

    /// <summary>
    /// Runs the files; <paramref name="makeSink"/> is called again if the run has to start over in
    /// sorted mode, so the sink can discard what it wrote.
    /// </summary>
    public RunCounts Run(IReadOnlyList<string> files, Func<IRatingSink> makeSink, List<LocalizedText> errors)
    {
        _files = files;
        // Most calls last minutes: a 4-hour window keeps memory small. A longer call that arrives
        // after later calls were rated starts the run over with the calls longer than the window
        // found first (a parse-only pass) and put into it at their start; input that is out of
        // order even for that is sorted in memory.
        foreach (var longCallsAhead in (bool[])[false, true])
        {
            var readers = CallReader.OpenAll(files, map, errors);
            if (readers is null)
            {
                return new RunCounts();
            }
            try
            {
                _current = readers;
                var counts = Stream(readers, newRater(), makeSink(), longCallsAhead ? files : null, errors);
                counts.WindowHours = ShortWindowMs / 3_600_000;
                return counts;
            }
            catch (OutOfOrderException)
            {
                // Everything the attempt held is garbage now: give it back before reading again,
                // so the run's peak memory is that of one attempt.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }
            catch (ConflictingCopiesException)
            {
                break; // which copy to rate must not depend on the order rows come in: only the sorted run can tell
            }
            finally
            {
                readers.ForEach(r => r.Dispose());
                _current = null;
            }
        }
        var all = CallReader.OpenAll(files, map, errors)!;
        try
        {
            _current = all;
            var counts = Sorted(all, newRater(), makeSink());
            counts.SortedInMemory = true;
            return counts;
        }
        finally
        {
            all.ForEach(r => r.Dispose());
            _current = null;
        }
    }

    /// <summary>How much heap a streaming run lets itself grow to before it collects (at least; see <see cref="HeapGovernor"/>).</summary>
    private const long HeapFloorBytes = 96L << 20;

    /// <summary>The heap is looked at every this many rows + 1 (a power of two less one).</summary>
    private const long HeapCheckEvery = (1 << 14) - 1;

    /// <summary>The first reorder window: calls lasting longer than this are rare.</summary>
    public const long ShortWindowMs = 4 * 3_600_000L;

    private sealed class OutOfOrderException : Exception;

    private sealed class ConflictingCopiesException : Exception;

    /// <param name="longCallsOf">When given, the files are first read for calls longer than the window, which enter the window as the input reaches their start.</param>
    private RunCounts Stream(List<CallReader> readers, Rater rater, IRatingSink sink, IReadOnlyList<string>? longCallsOf, List<LocalizedText> errors)
    {
        const long windowMs = ShortWindowMs;
        var counts = new RunCounts();
        var pool = new System.Collections.Concurrent.ConcurrentBag<CallBatch>();
        var batches = new BatchRegistry();
        var sources = readers.Select(r => new BatchReader(r, pool, batches)).ToList();
        try
        {
            using var stage = new RatingStage(batches, pool, sink, record => RateOrReject(rater, record, sink));
            // Files are merged by end time; each cursor points at its file's next call.
            var cursors = new (CallBatch? Batch, int Index)[sources.Count];
            var merge = new PriorityQueue<int, (long, int)>();
            for (var i = 0; i < sources.Count; i++)
            {
                cursors[i] = (null, 0);
                if (Advance(sources[i], ref cursors[i], stage, counts, pool))
                {
                    ref var head = ref cursors[i].Batch!.Calls[cursors[i].Index];
                    merge.Enqueue(i, (head.Fields.EndedMs, i));
                }
            }
            var window = new CallWindow(new CallWindow.KeyOrder(batches), windowMs);
            var (longCalls, longIds) = longCallsOf is null ? ([], []) : LongCalls(longCallsOf, windowMs, batches, errors);
            var nextLong = 0;
            // An id must be remembered at least as long as its call can wait in the window: a
            // duplicate of a call still waiting is caught here, one of a call already rated by the order check.
            var seen = new RecentCallIds(windowMs);
            var heap = new HeapGovernor(HeapFloorBytes);
            var hasEmitted = false;
            long lastStarted = 0;
            var lastId = new byte[256];
            var lastIdLength = 0;
            var maxEnded = long.MinValue;
            // The file whose next call is the earliest to end; it stays current without going
            // through the queue while its calls keep ending first (always, with one file).
            var source = -1;
            while (source >= 0 || merge.TryDequeue(out source, out _))
            {
                ref var cursor = ref cursors[source];
                var batch = cursor.Batch!;
                var slot = cursor.Index;
                ref readonly var call = ref batch.Calls[slot];
                cursor.Index++;
                if ((++counts.Read & HeapCheckEvery) == 0)
                {
                    heap.Check();
                }
                var ended = call.Fields.EndedMs;
                var idDigest = RecentCallIds.Digest(call.CallId(batches));
                var longCallRow = longIds.Remove(idDigest);
                var copy = seen.Add(idDigest, RecentCallIds.ContentDigest(call.Raw(batches)), ended);
                if (copy == RecentCallIds.Seen.Different)
                {
                    throw new ConflictingCopiesException();
                }
                if (longCallRow)
                {
                    // A long call's own row: the call went into the window ahead of it. Later copies are duplicates.
                    RatingStage.Release(batch, pool);
                }
                else if (copy == RecentCallIds.Seen.Same)
                {
                    counts.Duplicates++;
                    stage.Pass(call.ToRecord(batches));
                    RatingStage.Release(batch, pool);
                }
                // Equal means the same start and call id as a call already rated: a duplicate that outlived the de-duplication window.
                else if (hasEmitted && (call.Fields.StartedMs < lastStarted || (call.Fields.StartedMs == lastStarted && call.CallId(batches).SequenceCompareTo(lastId.AsSpan(0, lastIdLength)) <= 0)))
                {
                    if (rater.Accounts.Find(call.Fields.Number) is not null)
                    {
                        throw new OutOfOrderException();
                    }
                    // A number the accounts do not hold rates nothing and changes no other call's
                    // figures: rejected as read, it need not make the run start over.
                    counts.Rejected++;
                    var record = call.ToRecord(batches);
                    var unknown = RatingReject.UnknownNumber(record.Number);
                    stage.Pass(unknown.At(FileName(record), record.Line, System.Text.Encoding.UTF8.GetString(record.Raw)));
                    RatingStage.Release(batch, pool);
                }
                else
                {
                    window.Push(new CallWindow.Key(call.Fields.StartedMs, batch.Id, slot));
                }
                if (!Advance(sources[source], ref cursor, stage, counts, pool))
                {
                    source = -1;
                }
                else if (merge.TryPeek(out _, out var earliest) && (cursor.Batch!.Calls[cursor.Index].Fields.EndedMs, source).CompareTo(earliest) > 0)
                {
                    merge.Enqueue(source, (cursor.Batch!.Calls[cursor.Index].Fields.EndedMs, source));
                    source = -1;
                }
                if (ended > maxEnded)
                {
                    maxEnded = ended;
                    // Long calls join the window once the input has reached their start, as a short call would have.
                    while (nextLong < longCalls.Count && longCalls[nextLong].StartedMs <= maxEnded)
                    {
                        window.Push(longCalls[nextLong++]);
                    }
                    var watermark = maxEnded - windowMs;
                    while (window.TryPopBefore(watermark, out var key))
                    {
                        // The call's batch stays alive until the call is rated, so its id is copied first.
                        ref readonly var next = ref batches[key.BatchId].Calls[key.Slot];
                        lastStarted = next.Fields.StartedMs;
                        if (next.CallIdLength > lastId.Length)
                        {
                            lastId = new byte[next.CallIdLength * 2];
                        }
                        next.CallId(batches).CopyTo(lastId);
                        lastIdLength = next.CallIdLength;
                        hasEmitted = true;
                        stage.Rate(key);
                    }
                }
            }
            while (nextLong < longCalls.Count)
            {
                window.Push(longCalls[nextLong++]);
            }
            while (window.TryPop(out var key))
            {
                stage.Rate(key);
            }
            stage.Complete();
            counts.Rated = stage.Rated;
            counts.Rejected += stage.Rejected;
            return counts;
        }
        finally
        {
            sources.ForEach(s => s.Dispose());
        }
    }

    /// <summary>
    /// The valid calls of the files that last longer than the window (first copy of each id), in
    /// start order, kept in batches of their own that are never reused, and their ids' digests.
    /// There are few: the window is longer than nearly every call.
    /// </summary>
    private (List<CallWindow.Key> Calls, HashSet<UInt128> Ids) LongCalls(IReadOnlyList<string> files, long windowMs, BatchRegistry batches, List<LocalizedText> errors)
    {
        var found = new List<CallWindow.Key>();
        var ids = new HashSet<UInt128>();
        var readers = CallReader.OpenAll(files, map, errors) ?? [];
        try
        {
            CallBatch? batch = null;
            foreach (var reader in readers)
            {
                while (reader.NextFields(out var fields, out var reject))
                {
                    if (reject is not null || fields.EndedMs - fields.StartedMs <= windowMs || !ids.Add(RecentCallIds.Digest(reader.CurrentCallId)))
                    {
                        continue;
                    }
                    if (batch is null || !batch.TryAdd(reader, fields))
                    {
                        batch = new CallBatch(batches) { Live = int.MaxValue };
                        batch.TryAdd(reader, fields);
                    }
                    found.Add(new CallWindow.Key(fields.StartedMs, batch.Id, batch.Count - 1));
                }
            }
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
        found.Sort(new CallWindow.KeyOrder(batches));
        return (found, ids);
    }

    /// <summary>Moves a cursor to its file's next call, passing on the rejects of each new batch; false at the end of the file.</summary>
    private static bool Advance(BatchReader source, ref (CallBatch? Batch, int Index) cursor, RatingStage stage, RunCounts counts, System.Collections.Concurrent.ConcurrentBag<CallBatch> pool)
    {
        while (cursor.Batch is null || cursor.Index >= cursor.Batch.Count)
        {
            if (cursor.Batch is { EndOfFile: true })
            {
                return false;
            }
            if (cursor.Batch is not null)
            {
                RatingStage.Release(cursor.Batch, pool);
            }
            var next = source.Take();
            if (next is null)
            {
                cursor.Batch = null;
                return false;
            }
            next.Live = next.Count + 1;
            foreach (var reject in next.Rejects)
            {
                counts.Read++;
                counts.Rejected++;
                stage.Pass(reject);
            }
            cursor = (next, 0);
            if (next.Count == 0 && next.EndOfFile)
            {
                return false;
            }
        }
        return true;
    }

    private RunCounts Sorted(List<CallReader> readers, Rater rater, IRatingSink sink)
    {
        var counts = new RunCounts();
        var all = new List<CallRecord>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal); // call id → its copy in `all`
        var conflicting = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var reader in readers)
        {
            while (reader.Next(out var record, out var reject))
            {
                if (reject is not null)
                {
                    counts.Read++;
                    counts.Rejected++;
                    sink.Rejected(reject);
                    continue;
                }
                counts.Read++;
                if (seen.TryGetValue(record!.CallId, out var at))
                {
                    counts.Duplicates++;
                    var kept = all[at];
                    if (kept.Raw.AsSpan().SequenceEqual(record.Raw) || !FirstOfCopies(record, kept))
                    {
                        sink.Duplicate(record);
                    }
                    else
                    {
                        all[at] = record;
                        sink.Duplicate(kept);
                    }
                    if (!kept.Raw.AsSpan().SequenceEqual(record.Raw))
                    {
                        conflicting.Add(record.CallId);
                    }
                    continue;
                }
                seen[record.CallId] = all.Count;
                all.Add(record);
            }
        }
        counts.ConflictingCopies = [.. conflicting.Select(id => all[seen[id]]).Select(kept => new ConflictingCopies(kept.CallId, FileName(kept), kept.Line))];
        all.Sort(CallRecord.CompareForRating);
        foreach (var record in all)
        {
            Emit(rater, record, sink, counts);
        }
        return counts;
    }

    /// <summary>
    /// Of two different rows with one call id, the one rated: the call that ends first, then the
    /// row that sorts first by its bytes, so the choice never depends on the order rows come in.
    /// </summary>
    private static bool FirstOfCopies(CallRecord a, CallRecord b) =>
        a.EndedMs != b.EndedMs ? a.EndedMs < b.EndedMs : a.Raw.AsSpan().SequenceCompareTo(b.Raw) < 0;

    private void Emit(Rater rater, CallRecord record, IRatingSink sink, RunCounts counts)
    {
        if (RateOrReject(rater, record, sink) is { } rated)
        {
            counts.Rated++;
            sink.Rated(rated);
        }
        else
        {
            counts.Rejected++;
        }
    }

    /// <summary>Rates a call and gives it to the sink, or tells the sink why it cannot be rated.</summary>
    private RatedCall? RateOrReject(Rater rater, CallRecord record, IRatingSink sink)
    {
        var rated = rater.Rate(record, out var reject);
        if (rated is null)
        {
            sink.Rejected(reject!.At(FileName(record), record.Line, System.Text.Encoding.UTF8.GetString(record.Raw)));
            return null;
        }
        return rated;
    }

    private string FileName(CallRecord record) => record.FileIndex < _files.Count ? _files[record.FileIndex] : $"file {record.FileIndex + 1}";

    private IReadOnlyList<string> _files = [];
}

/// <summary>
/// Keeps a streaming run's heap near what it holds live. Left alone, the collector lets the heap of
/// a run that holds about 60 MB grow past 200 MB (batches and rated rows die old, after hours of
/// calls in the window); looked at every 16,384 rows, the heap is collected whole when it has grown
/// past its budget: twice what was live after the last such collection, and never less than the
/// floor. The budget follows the live data up, so a window holding more calls (a busier platform)
/// is never starved, only collected when it has doubled. The collection does not compact: it
/// frees space for the heap to reuse, and costs the run no measurable time (10.3 million calls:
/// 18.4–22.1 s either way, peak 216–220 MB instead of 234–262 MB).
/// </summary>
internal sealed class HeapGovernor(long floorBytes)
{
    private readonly long _floor = floorBytes;
    private long _budget = floorBytes;

    /// <summary>Collections this governor made.</summary>
    public int Collections { get; private set; }

    public void Check()
    {
        if (GC.GetTotalMemory(forceFullCollection: false) <= _budget)
        {
            return;
        }
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        Collections++;
        _budget = Math.Max(_floor, 2 * GC.GetTotalMemory(forceFullCollection: false));
    }
}
