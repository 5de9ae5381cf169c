using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Numbers;
using Hotline400.Rating;

namespace Hotline400.Analytics;

/// <summary>
/// Reads call files once, row by row, into a <see cref="CallProfile"/>: rows are validated by the
/// <see cref="CallReader"/> (rejects are counted, the first ones kept with their reason), a
/// <c>call_id</c> seen again anywhere in the run is a duplicate (as in <see cref="RatingPipeline"/>,
/// so the profile and its cost count the same calls), and with a number given only that number's
/// calls count. Memory is the profile's fixed counters plus a 128-bit digest per distinct call id.
/// </summary>
public sealed class CallProfileReader(ColumnMap map, HotlineNumber? number = null, RegionResolver? regions = null, PeakBand? peak = null)
{
    /// <summary>How many rejects are kept for messages.</summary>
    public int KeepRejects { get; init; } = 20;

    /// <summary>The first rejects of the last run.</summary>
    public List<CallReject> Rejects { get; } = [];

    /// <summary>Every reject of the last run counted by its reason's code (<see cref="RejectCodes"/>).</summary>
    public SortedDictionary<string, long> RejectsByCode { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads the files; null with the messages in <paramref name="errors"/> when a file is unusable.</summary>
    public CallProfile? Read(IReadOnlyList<string> files, List<LocalizedText> errors)
    {
        var readers = CallReader.OpenAll(files, map, errors);
        if (readers is null)
        {
            return null;
        }
        try
        {
            Rejects.Clear();
            RejectsByCode.Clear();
            var builder = new CallProfileBuilder(regions, peak);
            // Every id of the run, not a window of recent ones: a provider re-sending a file days
            // later must not count its calls twice here while the rating pipeline (the cost) does not.
            var seen = new HashSet<UInt128>();
            foreach (var reader in readers)
            {
                while (reader.NextFields(out var fields, out var reject))
                {
                    if (reject is not null)
                    {
                        builder.Rejected++;
                        if (Rejects.Count < KeepRejects)
                        {
                            Rejects.Add(reject);
                        }
                        RejectsByCode[reject.Code] = RejectsByCode.GetValueOrDefault(reject.Code) + 1;
                        continue;
                    }
                    if (number is { } n && fields.Number != n)
                    {
                        continue;
                    }
                    // A profile counts a call once, whichever copy: the content is not compared.
                    if (!seen.Add(RecentCallIds.Digest(reader.CurrentCallId)))
                    {
                        builder.Duplicates++;
                        continue;
                    }
                    builder.Add(fields);
                }
            }
            return builder.Build();
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
    }
}

/// <summary>
/// Sums what rated calls cost, for <see cref="CallCost"/>: hand it to a <see cref="RatingPipeline"/>
/// run so the calls are rated by the real <see cref="Rater"/>. Only inbound calls (of one number, when given) count.
/// </summary>
public sealed class CallCostSink(HotlineNumber? number = null) : IRatingSink
{
    private long _rated, _answered, _rejected;
    private Money.Money _total;

    public void Rated(RatedCall call)
    {
        var c = call.Call;
        if (c.Direction == Direction.Out || (number is { } n && c.Number != n))
        {
            return;
        }
        _rated++;
        _answered += c.WasAnswered ? 1 : 0;
        _total += call.Charge;
        if (call.HolidaysUnknownFrom is { } from && (HolidaysUnknownFrom is null || from < HolidaysUnknownFrom))
        {
            HolidaysUnknownFrom = from;
        }
    }

    /// <summary>The earliest <see cref="RatedCall.HolidaysUnknownFrom"/> of the calls costed: some were priced without holiday data.</summary>
    public DateOnly? HolidaysUnknownFrom { get; private set; }

    public void Rejected(CallReject reject) => _rejected++;

    public void Duplicate(CallRecord duplicate)
    {
    }

    public CallCost Result => new(_rated, _answered, _total, _rejected);
}
