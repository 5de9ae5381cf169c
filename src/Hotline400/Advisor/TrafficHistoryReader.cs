using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Numbers;
using Hotline400.Rating;

namespace Hotline400.Advisor;

/// <summary>
/// Reads call files into one number's <see cref="TrafficHistory"/>, row by row without a
/// <see cref="CallRecord"/> per row: rows are validated by the <see cref="CallReader"/> (rejects are
/// counted, the first ones kept with their reason), a <c>call_id</c> seen before is a duplicate
/// (within a file and across files), and only one number's calls are kept. Counts reconcile:
/// <see cref="Read"/> = used + <see cref="Rejected"/> + <see cref="Duplicates"/> + <see cref="OtherNumbers"/>.
/// </summary>
public sealed class TrafficHistoryReader(ColumnMap map, HotlineNumber? number = null)
{
    /// <summary>How many rejects are kept for messages.</summary>
    public int KeepRejects { get; init; } = 10;

    /// <summary>The first rejects of the last read.</summary>
    public List<CallReject> Rejects { get; } = [];

    /// <summary>Every rejected row of the last read, counted by its reason's code.</summary>
    public SortedDictionary<string, long> RejectsByCode { get; } = new(StringComparer.Ordinal);

    /// <summary>Data rows read (header rows not counted).</summary>
    public long Read { get; private set; }

    public long Rejected { get; private set; }

    /// <summary>Rows whose call id was seen before: copies, and the later of two rows that differ (<see cref="Conflicting"/>).</summary>
    public long Duplicates { get; private set; }

    /// <summary>Call ids under which rows differ; the one that ends first is kept (whatever their order), as <c>rate</c> rates it.</summary>
    public long Conflicting { get; private set; }

    /// <summary>Rows of other numbers than the one picked (with <c>--number</c>).</summary>
    public long OtherNumbers { get; private set; }

    /// <summary>
    /// Reads the files; null with a message in <paramref name="errors"/> when a file is unusable, no
    /// call is usable, the number picked has none, or several numbers have calls and none was picked.
    /// </summary>
    public TrafficHistory? ReadFiles(IReadOnlyList<string> files, List<LocalizedText> errors)
    {
        var readers = CallReader.OpenAll(files, map, errors);
        if (readers is null)
        {
            return null;
        }
        (Read, Rejected, Duplicates, Conflicting, OtherNumbers) = (0, 0, 0, 0, 0);
        Rejects.Clear();
        RejectsByCode.Clear();
        // Sized from the files (a canonical row is about 110 bytes), so that a year of calls is not
        // copied again and again as the lists grow.
        var expected = (int)Math.Clamp(files.Sum(f => new FileInfo(f).Length) / 110, 1024, 50_000_000);
        var calls = new List<HistoryCall>(expected);
        var ids = new IdStore(expected * 28);
        var seen = new Dictionary<UInt128, int>(expected);
        var conflicting = new HashSet<UInt128>();
        // Calls of each number met; without --number the first number's calls are kept, and any other makes the read fail.
        var present = new Dictionary<HotlineNumber, long>();
        HotlineNumber? kept = number;
        try
        {
            foreach (var reader in readers)
            {
                while (reader.NextFields(out var fields, out var reject))
                {
                    Read++;
                    if (reject is not null)
                    {
                        Rejected++;
                        RejectsByCode[reject.Code] = RejectsByCode.GetValueOrDefault(reject.Code) + 1;
                        if (Rejects.Count < KeepRejects)
                        {
                            Rejects.Add(reject);
                        }
                        continue;
                    }
                    present[fields.Number] = present.GetValueOrDefault(fields.Number) + 1;
                    kept ??= fields.Number;
                    if (fields.Number != kept)
                    {
                        OtherNumbers++;
                        continue;
                    }
                    var id = reader.CurrentCallId;
                    var call = new HistoryCall(fields.StartedMs, fields.AnsweredMs, fields.EndedMs, fields.Caller, fields.Outcome, fields.Recorded, fields.Direction, 0, 0);
                    var digest = RecentCallIds.Digest(id);
                    if (seen.TryGetValue(digest, out var index))
                    {
                        Duplicates++;
                        var known = calls[index];
                        if (Order(call, known) != 0)
                        {
                            conflicting.Add(digest);
                            if (Order(call, known) < 0)
                            {
                                calls[index] = call with { IdStart = known.IdStart, IdLength = known.IdLength };
                            }
                        }
                        continue;
                    }
                    var (start, length) = ids.Add(id, []);
                    seen.Add(digest, calls.Count);
                    calls.Add(call with { IdStart = start, IdLength = length });
                }
            }
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
        Conflicting = conflicting.Count;
        if (calls.Count == 0)
        {
            errors.Add(number is { } n && present.Count > 0 ? Problems.NoCallsOf(n, present.Keys) : Problems.NoUsableCalls());
            return null;
        }
        if (number is null && present.Count > 1)
        {
            errors.Add(Problems.SeveralNumbers(present.Keys));
            return null;
        }
        return new TrafficHistory(kept!.Value, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(calls), ids.ToArray());
    }

    /// <summary>Which of two rows under one call id counts: the call that ends first, then by every other field, so the choice does not depend on their order.</summary>
    private static int Order(in HistoryCall a, in HistoryCall b) =>
        (a.EndedMs, a.StartedMs, a.AnsweredMs, a.Outcome, a.Caller.Kind, a.Caller.NationalNumber, (a.Recorded, a.Direction))
            .CompareTo((b.EndedMs, b.StartedMs, b.AnsweredMs, b.Outcome, b.Caller.Kind, b.Caller.NationalNumber, (b.Recorded, b.Direction)));
}
