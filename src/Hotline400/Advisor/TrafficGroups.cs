using Hotline400.Calendar;
using Hotline400.Calls;
using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Numbers;
using Hotline400.Rating;

namespace Hotline400.Advisor;

/// <summary>
/// A history folded into groups of calls that every plan of a catalog rates alike: same month,
/// outcome class, billed seconds under each distinct billing rule of the catalog (from answer and
/// from pick-up), started minutes of the caller's share, band under every banded table (at answer
/// and at pick-up), caller region (when a plan has region rates), caller kind, recorded flag and
/// direction. Each group keeps its first call as representative and a count. Rating a group's
/// representative once stands for all its calls (see <see cref="Rater.TryRepeat"/>).
/// </summary>
public sealed class TrafficGroups
{
    private readonly record struct Key(int Month, int Durations, int SlotAnswer, int SlotPickup, int Region, byte OutcomeClass, byte CallerKind, bool Recorded, bool Out, int OutArea, long Exact);

    public TrafficGroups(TrafficHistory history, TariffCatalog catalog, HolidayCalendar? calendar = null, RegionResolver? regions = null)
    {
        calendar ??= HolidayCalendar.China;
        regions ??= RegionResolver.Shared;
        var versions = catalog.Plans.SelectMany(p => p.Versions).ToList();
        var rules = versions.Select(v => (v.Billing.FirstBlockSeconds, v.Billing.IncrementSeconds, v.Billing.MinimumSeconds)).Distinct().ToArray();
        var tables = versions.Where(v => !v.Bands.IsFlat).Select(v => v.Bands).Distinct().ToArray();
        // Split bands price each unit by its own start: such calls are kept apart (no folding), which is exact.
        var split = versions.Any(v => !v.Bands.IsFlat && v.Billing.BandsBy == BandsBy.Split);
        var byRegion = versions.Any(v => v.Regions.Count > 0);

        var durationIds = new Dictionary<(long, long), int>();
        var durationVectors = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = new Dictionary<Key, int>();
        var reps = new List<CallRecord>();
        var counts = new List<long>();
        var calls = history.Calls;
        for (var i = 0; i < calls.Count; i++)
        {
            var c = calls[i];
            var outcomeClass = c.Outcome switch
            {
                Outcome.Blocked => (byte)0,
                Outcome.Voicemail => (byte)1,
                _ => c.WasAnswered ? (byte)2 : (byte)3,
            };
            var answerSecs = c.WasAnswered ? CeilSeconds(c.EndedMs - c.AnsweredMs) : -1;
            var pickupSecs = CeilSeconds(c.EndedMs - c.StartedMs);
            if (!durationIds.TryGetValue((answerSecs, pickupSecs), out var dur))
            {
                var parts = new List<long>(rules.Length * 2 + 2);
                foreach (var (first, inc, min) in rules)
                {
                    var r = new BillingRules(BillingStart.Answer, first, null, inc, min, Money.Money.Zero, RoundingPoint.PerCall, BandsBy.Start);
                    parts.Add(answerSecs < 0 ? -1 : Rater.Units(answerSecs, r).BilledSeconds);
                    parts.Add(Rater.Units(pickupSecs, r).BilledSeconds);
                }
                parts.Add(answerSecs < 0 ? -1 : (answerSecs + 59) / 60);
                parts.Add((pickupSecs + 59) / 60);
                var vector = string.Join(',', parts);
                if (!durationVectors.TryGetValue(vector, out dur))
                {
                    dur = durationVectors.Count;
                    durationVectors[vector] = dur;
                }
                durationIds[(answerSecs, pickupSecs)] = dur;
            }
            var key = new Key(
                ChinaTime.MonthKey(c.StartedMs),
                dur,
                c.WasAnswered ? Slot(tables, calendar, c.AnsweredMs) : -1,
                Slot(tables, calendar, c.StartedMs),
                byRegion ? regions.ResolveId(c.Caller) : 0,
                outcomeClass,
                (byte)c.Caller.Kind,
                c.Recorded,
                c.Direction == Direction.Out,
                c.Direction == Direction.Out ? c.Caller.AreaCode : 0,
                split ? i : 0);
            if (index.TryGetValue(key, out var g))
            {
                counts[g]++;
            }
            else
            {
                index[key] = reps.Count;
                reps.Add(c);
                counts.Add(1);
            }
        }
        Representatives = reps;
        Counts = counts;
        History = history;
    }

    public TrafficHistory History { get; }

    /// <summary>Each group's first call, in rating order of first occurrence.</summary>
    public IReadOnlyList<CallRecord> Representatives { get; }

    /// <summary>How many calls each group stands for.</summary>
    public IReadOnlyList<long> Counts { get; }

    public int Count => Representatives.Count;

    /// <summary>
    /// The group counts scaled by <paramref name="factor"/> (growth or volume), deterministically:
    /// each group gets the rounded running total minus the rounded running total before it, so the
    /// scaled total is the rounded scaled total and no group drifts by more than one call.
    /// </summary>
    public long[] Scaled(decimal factor)
    {
        var result = new long[Counts.Count];
        decimal running = 0;
        long before = 0;
        for (var i = 0; i < result.Length; i++)
        {
            running += Counts[i] * factor;
            var now = (long)decimal.Round(running, MidpointRounding.AwayFromZero);
            result[i] = now - before;
            before = now;
        }
        return result;
    }

    private static long CeilSeconds(long ms) => ms <= 0 ? 0 : (ms + 999) / 1000;

    /// <summary>The bands every banded table gives at <paramref name="atMs"/>, as one number.</summary>
    private static int Slot(BandTable[] tables, HolidayCalendar calendar, long atMs)
    {
        if (tables.Length == 0)
        {
            return 0;
        }
        var day = ChinaTime.DayNumber(atMs);
        var cls = calendar.Classify(day);
        var weekday = (DayClass)(((day % 7) + 7) % 7);
        var ms = ChinaTime.MsOfDay(atMs);
        var slot = 0;
        foreach (var t in tables)
        {
            slot = slot * 31 + t.BandAt(cls, weekday, ms, out _) + 1;
        }
        return slot;
    }
}
