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

/// <summary>Counts of one run. They always reconcile: read = rated + rejected + duplicates.</summary>
public sealed class RunCounts
{
    public long Read { get; set; }
    public long Rated { get; set; }
    public long Rejected { get; set; }
    public long Duplicates { get; set; }

    /// <summary>The input was not in time order within the reorder window, so the run sorted it in memory.</summary>
    public bool SortedInMemory { get; set; }
}

/// <summary>
/// Streams call records from one or more files through validation, de-duplication by
/// <c>call_id</c> and the <see cref="Rater"/>, in rating order (start time, then call id).
/// Providers write records when calls end, so files are ordered by end time; since no call
/// lasts more than 24 hours, a record can be rated once the input has reached 24 hours past its
/// start. That bounded reorder window keeps memory flat whatever the file size. Input that is not
/// in end-time order is detected and the run starts over sorting in memory, so any order of the
/// same calls gives the same figures.
/// </summary>
public sealed class RatingPipeline(Func<Rater> newRater, ColumnMap map)
{
    /// <summary>How long a call id is remembered for de-duplication in streaming mode, past the newest end time read.</summary>
    public const long DuplicateWindowMs = 48 * 3_600_000L;

    /// <summary>Bytes of input read so far, across files, for progress bars.</summary>
    public long BytesRead => _current?.Sum(r => r.BytesConsumed) ?? 0;

    private List<CallReader>? _current;

    /// <summary>Opens every file and checks its header; null with the messages when any is unusable.</summary>
    public List<CallReader>? OpenAll(IReadOnlyList<string> files, List<string> errors)
    {
        var readers = new List<CallReader>();
        for (var i = 0; i < files.Count; i++)
        {
            var r = CallReader.Open(files[i], i, map, out var error);
            if (r is null)
            {
                errors.Add(error!);
            }
            else
            {
                readers.Add(r);
            }
        }
        if (errors.Count > 0)
        {
            readers.ForEach(r => r.Dispose());
            return null;
        }
        return readers;
    }

    /// <summary>
    /// Runs the files; <paramref name="makeSink"/> is called again if the run has to start over in
    /// sorted mode, so the sink can discard what it wrote.
    /// </summary>
    public RunCounts Run(IReadOnlyList<string> files, Func<IRatingSink> makeSink, List<string> errors)
    {
        _files = files;
        var readers = OpenAll(files, errors);
        if (readers is null)
        {
            return new RunCounts();
        }
        try
        {
            _current = readers;
            return Stream(readers, newRater(), makeSink());
        }
        catch (OutOfOrderException)
        {
            readers.ForEach(r => r.Dispose());
            _current = null;
            readers = OpenAll(files, errors)!;
            _current = readers;
            var counts = Sorted(readers, newRater(), makeSink());
            counts.SortedInMemory = true;
            return counts;
        }
        finally
        {
            readers?.ForEach(r => r.Dispose());
            _current = null;
        }
    }

    private sealed class OutOfOrderException : Exception;

    private RunCounts Stream(List<CallReader> readers, Rater rater, IRatingSink sink)
    {
        var counts = new RunCounts();
        var merge = new PriorityQueue<CallReader, (long, int)>();
        var heads = new CallRecord?[readers.Count];
        foreach (var r in readers)
        {
            Advance(r, heads, merge, sink, counts);
        }
        var window = new PriorityQueue<CallRecord, CallRecord>(Comparer<CallRecord>.Create(CallRecord.CompareForRating));
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var seenOrder = new Queue<(long EndedMs, string CallId)>();
        CallRecord? lastEmitted = null;
        var maxEnded = long.MinValue;
        while (merge.TryDequeue(out var reader, out _))
        {
            var record = heads[reader.FileIndex]!;
            Advance(reader, heads, merge, sink, counts);
            counts.Read++;
            if (!seen.TryAdd(record.CallId, record.EndedMs))
            {
                counts.Duplicates++;
                sink.Duplicate(record);
                continue;
            }
            seenOrder.Enqueue((record.EndedMs, record.CallId));
            // Equal means the same start and call id as a call already rated: a duplicate that outlived the de-duplication window.
            if (lastEmitted is not null && CallRecord.CompareForRating(record, lastEmitted) <= 0)
            {
                throw new OutOfOrderException();
            }
            window.Enqueue(record, record);
            if (record.EndedMs > maxEnded)
            {
                maxEnded = record.EndedMs;
                var watermark = maxEnded - CallReader.MaxDurationMs;
                while (window.TryPeek(out var next, out _) && next.StartedMs < watermark)
                {
                    window.Dequeue();
                    Emit(rater, next, sink, counts);
                    lastEmitted = next;
                }
                while (seenOrder.TryPeek(out var old) && old.EndedMs < maxEnded - DuplicateWindowMs)
                {
                    seenOrder.Dequeue();
                    seen.Remove(old.CallId);
                }
            }
        }
        while (window.TryDequeue(out var next, out _))
        {
            Emit(rater, next, sink, counts);
        }
        return counts;
    }

    private RunCounts Sorted(List<CallReader> readers, Rater rater, IRatingSink sink)
    {
        var counts = new RunCounts();
        var all = new List<CallRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
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
                if (!seen.Add(record!.CallId))
                {
                    counts.Duplicates++;
                    sink.Duplicate(record);
                    continue;
                }
                all.Add(record);
            }
        }
        all.Sort(CallRecord.CompareForRating);
        foreach (var record in all)
        {
            Emit(rater, record, sink, counts);
        }
        return counts;
    }

    private static void Advance(CallReader reader, CallRecord?[] heads, PriorityQueue<CallReader, (long, int)> merge, IRatingSink sink, RunCounts counts)
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
            heads[reader.FileIndex] = record;
            merge.Enqueue(reader, (record!.EndedMs, reader.FileIndex));
            return;
        }
        heads[reader.FileIndex] = null;
    }

    private void Emit(Rater rater, CallRecord record, IRatingSink sink, RunCounts counts)
    {
        var rated = rater.Rate(record, out var reject);
        if (rated is null)
        {
            counts.Rejected++;
            sink.Rejected(new CallReject(FileName(record), record.Line, reject!.Field, reject.Reason, System.Text.Encoding.UTF8.GetString(record.Raw)));
            return;
        }
        counts.Rated++;
        sink.Rated(rated);
    }

    private string FileName(CallRecord record) => record.FileIndex < _files.Count ? _files[record.FileIndex] : $"file {record.FileIndex + 1}";

    private IReadOnlyList<string> _files = [];
}
