using Hotline400.Calendar;
using Hotline400.Calls;
using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Numbers;
using Hotline400.Rating;

namespace Hotline400.Advisor;

/// <summary>
/// A history prepared for replaying it under many plans. Each call is reduced once to the facts
/// any plan of the catalog rates it by: month and catalog epoch (which versions are in force),
/// outcome class, seconds from answer and from pick-up, its band under every band table of the
/// catalog (at answer and at pick-up), whether it may cross a band boundary of a split table,
/// caller kind, the region rate every region list gives it, recorded flag and direction. Calls
/// with equal facts form a group (<see cref="Count"/> groups).
/// <para>
/// Plans that price calls by the same rules, bands and region lists in every epoch form a rating
/// class, and for a class the groups fold further (<see cref="ClassOf"/>): a per-minute plan does
/// not tell a 61-second call from a 100-second one. <see cref="PlanReplay.Aggregated"/> rates one
/// call of each class group with the count of calls it stands for.
/// </para>
/// </summary>
public sealed class TrafficGroups
{
    private readonly RegionResolver _regions;
    private readonly DateOnly[] _epochStarts;
    private readonly BandTable[] _tables;
    private readonly bool[] _splitTables;
    private readonly List<IReadOnlyList<RegionRate>> _regionLists = [];
    private readonly Dictionary<string, int> _regionListIds = new(StringComparer.Ordinal);

    // The group of each call (in rating order), and where each month's calls start.
    private readonly int[] _groupOfCall;
    private readonly int[] _monthStarts;
    private readonly int[] _groupStarts;

    // One entry per group: its first call and its facts.
    private readonly List<int> _groupRep = [];
    private readonly GroupFacts[] _facts;
    private readonly byte[] _bands; // per group, the band of every table at answer, then at pick-up
    private readonly long[] _groupCalls;

    private readonly Dictionary<string, Lazy<RatingClass>> _classes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly RecentByFactor<int[]> _copies = new(4);

    private readonly record struct GroupFacts(int MonthEpoch, int AnswerSecs, int PickupSecs, int RegionId, int Crossing, byte Outcome, byte CallerKind, bool Recorded, bool Out, int OutArea)
    {
        /// <summary>Month and epoch, outcome, caller kind, recorded and direction as one word.</summary>
        public long Basics => (uint)MonthEpoch | (long)Outcome << 16 | (long)CallerKind << 18 | (Recorded ? 1L : 0) << 21 | (Out ? 1L : 0) << 22;
    }

    /// <summary>A grouping key of four 64-bit words (facts packed by the code that builds it).</summary>
    private readonly record struct Key4(long A, long B, long C, long D)
    {
        public bool Equals(Key4 other) => A == other.A && B == other.B && C == other.C && D == other.D;

        public override int GetHashCode()
        {
            var h = (ulong)A * 0x9E3779B97F4A7C15UL;
            h = (h ^ (h >> 29) ^ (ulong)B) * 0xBF58476D1CE4E5B9UL;
            h = (h ^ (h >> 32) ^ (ulong)C) * 0x94D049BB133111EBUL;
            h = (h ^ (h >> 29) ^ (ulong)D) * 0x9E3779B97F4A7C15UL;
            return (int)(h ^ (h >> 32));
        }
    }

    // Limits of the packed keys; a call beyond them is kept apart (exact, only slower).
    private const int MaxMonthEpoch = 1 << 16;
    private const int MaxSeconds = (1 << 18) - 2;
    private const long MaxRegionClass = 1L << 40;

    public TrafficGroups(TrafficHistory history, TariffCatalog catalog, HolidayCalendar? calendar = null, RegionResolver? regions = null)
    {
        calendar ??= HolidayCalendar.China;
        _regions = regions ?? RegionResolver.Shared;
        History = history;
        var versions = catalog.Plans.SelectMany(p => p.Versions).ToList();
        _epochStarts = versions.Select(v => v.Effective).Distinct().Order().ToArray();
        _tables = versions.Where(v => !v.Bands.IsFlat).Select(v => v.Bands).Distinct().ToArray();
        _splitTables = _tables.Select(t => versions.Any(v => v.Bands == t && v.Billing.BandsBy == BandsBy.Split && v.Regions.Count == 0)).ToArray();
        foreach (var v in versions)
        {
            RegionListId(v.Regions);
        }
        // The most a billed duration can exceed the call's seconds: a split call can only cross a
        // boundary that falls before its seconds plus this.
        var slack = versions.Count == 0 ? 0 : versions.Max(v => Math.Max(Math.Max(v.Billing.FirstBlockSeconds, v.Billing.IncrementSeconds), v.Billing.MinimumSeconds));

        // Groups are keyed by every table's band and every region list's rate as one mixed-radix
        // number each; a catalog too large for that keeps every call apart (exact, only slower).
        var foldable = FitsIn(_tables.Select(t => (long)t.Bands.Count + 1), long.MaxValue) && FitsIn(_regionLists.Select(l => (long)l.Count + 1), MaxRegionClass)
            && history.Months * (_epochStarts.Length + 1) < MaxMonthEpoch && _tables.All(t => t.Bands.Count < 255);

        var calls = history.Calls;
        var n = calls.Count;
        _groupOfCall = new int[n];
        _monthStarts = new int[history.Months + 1];
        for (var m = 0; m <= history.Months; m++)
        {
            _monthStarts[m] = FirstCallFrom(calls, ChinaTime.StartOfDay(history.FirstDay.AddMonths(m)));
        }

        // Groups never span months: fold the months in parallel, then number the groups month by month.
        var months = new MonthFold[history.Months];
        Parallel.For(0, history.Months, m => months[m] = FoldMonth(m, calendar, slack, foldable));
        var groupStarts = new int[history.Months + 1];
        var facts = new List<GroupFacts>();
        var bandList = new List<byte>();
        for (var m = 0; m < history.Months; m++)
        {
            groupStarts[m + 1] = groupStarts[m] + months[m].Reps.Count;
            _groupRep.AddRange(months[m].Reps);
            facts.AddRange(months[m].Facts);
            bandList.AddRange(months[m].Bands);
        }
        _groupStarts = groupStarts;
        _facts = facts.ToArray();
        _bands = bandList.ToArray();
        _groupCalls = new long[_groupRep.Count];
        Parallel.For(0, history.Months, m =>
        {
            var offset = groupStarts[m];
            for (var i = _monthStarts[m]; i < _monthStarts[m + 1]; i++)
            {
                var g = _groupOfCall[i] += offset;
                _groupCalls[g]++;
            }
        });
    }

    private sealed record MonthFold(List<int> Reps, List<GroupFacts> Facts, List<byte> Bands);

    /// <summary>The index of the first call started at or after <paramref name="ms"/> (calls are in rating order).</summary>
    private static int FirstCallFrom(IReadOnlyList<CallRecord> calls, long ms)
    {
        int lo = 0, hi = calls.Count;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (calls[mid].StartedMs < ms)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>Folds one month's calls; group numbers are the month's own (from 0), in order of first call.</summary>
    private MonthFold FoldMonth(int month, HolidayCalendar calendar, int slack, bool foldable)
    {
        var calls = History.Calls;
        var reps = new List<int>();
        var facts = new List<GroupFacts>();
        var bandList = new List<byte>();
        Span<byte> bands = stackalloc byte[_tables.Length * 2];
        var epochs = _epochStarts.Length + 1;
        var regionClasses = new Dictionary<int, long>();
        var index = ThreadIndex();
        var dayNumber = int.MinValue;
        long dayStartMs = 0;
        var dayClass = DayClass.Mon;
        var weekday = DayClass.Mon;
        var epoch = 0;
        for (var i = _monthStarts[month]; i < _monthStarts[month + 1]; i++)
        {
            var c = calls[i];
            var day = ChinaTime.DayNumber(c.StartedMs);
            if (day != dayNumber)
            {
                dayNumber = day;
                var date = DateOnly.FromDayNumber(day);
                dayStartMs = ChinaTime.StartOfDay(date);
                epoch = 0;
                while (epoch < _epochStarts.Length && _epochStarts[epoch] <= date)
                {
                    epoch++;
                }
                dayClass = calendar.Classify(day);
                weekday = (DayClass)(((day % 7) + 7) % 7);
            }
            var monthEpoch = month * epochs + epoch;
            var outcome = c.Outcome switch
            {
                Outcome.Blocked => (byte)0,
                Outcome.Voicemail => (byte)1,
                _ => c.WasAnswered ? (byte)2 : (byte)3,
            };
            var answerSecs = c.WasAnswered ? (int)CeilSeconds(c.EndedMs - c.AnsweredMs) : -1;
            var pickupSecs = (int)CeilSeconds(c.EndedMs - c.StartedMs);

            long bandsAtAnswer = 0, bandsAtPickup = 0;
            var crossing = 0;
            for (var t = 0; t < _tables.Length; t++)
            {
                var table = _tables[t];
                var radix = table.Bands.Count + 1;
                var pickupBand = BandAt(table, c.StartedMs, day, dayStartMs, dayClass, weekday, calendar, out var pickupEnd);
                bands[_tables.Length + t] = (byte)pickupBand;
                bandsAtPickup = bandsAtPickup * radix + pickupBand + 1;
                var crosses = pickupEnd < c.StartedMs + (pickupSecs + slack) * 1000L;
                if (c.WasAnswered)
                {
                    var answerBand = BandAt(table, c.AnsweredMs, day, dayStartMs, dayClass, weekday, calendar, out var answerEnd);
                    bands[t] = (byte)answerBand;
                    bandsAtAnswer = bandsAtAnswer * radix + answerBand + 1;
                    crosses |= answerEnd < c.AnsweredMs + (answerSecs + slack) * 1000L;
                }
                else
                {
                    bands[t] = 0;
                }
                if (_splitTables[t] && crosses)
                {
                    crossing |= 1 << t;
                }
            }

            long regionClass = 0;
            var regionId = 0;
            if (_regionLists.Count > 0)
            {
                regionId = _regions.ResolveId(c.Caller);
                if (!regionClasses.TryGetValue(regionId, out regionClass))
                {
                    regionClass = 0;
                    foreach (var list in _regionLists)
                    {
                        regionClass = regionClass * (list.Count + 1) + RegionIndex(list, regionId) + 1;
                    }
                    regionClasses[regionId] = regionClass;
                }
            }

            var isOut = c.Direction == Direction.Out;
            var fact = new GroupFacts(monthEpoch, answerSecs, pickupSecs, regionId, crossing, outcome, (byte)c.Caller.Kind, c.Recorded, isOut, isOut ? c.Caller.AreaCode : 0);
            var key = crossing != 0 || !foldable || answerSecs > MaxSeconds || pickupSecs > MaxSeconds
                ? new Key4(~(long)i, 0, 0, 0) // kept apart
                : new Key4(fact.Basics | (long)(answerSecs + 1) << 23 | (long)pickupSecs << 41, bandsAtAnswer, bandsAtPickup, regionClass | (long)fact.OutArea << 40);
            if (!index.TryGetValue(key, out var g))
            {
                g = reps.Count;
                index[key] = g;
                reps.Add(i);
                facts.Add(fact);
                foreach (var b in bands)
                {
                    bandList.Add(b);
                }
            }
            _groupOfCall[i] = g;
        }
        return new MonthFold(reps, facts, bandList);
    }

    public TrafficHistory History { get; }

    /// <summary>The group of call <paramref name="call"/> (by index in rating order).</summary>
    internal int GroupOfCall(int call) => _groupOfCall[call];

    /// <summary>How many groups of calls with equal facts the history holds.</summary>
    public int Count => _groupRep.Count;

    /// <summary>The calls of month <paramref name="month"/> (0 = the history's first): indexes [From, To) into <see cref="TrafficHistory.Calls"/>.</summary>
    public (int From, int To) MonthRange(int month) => (_monthStarts[month], _monthStarts[month + 1]);

    /// <summary>How a plan version tells calls apart, per catalog epoch (null: no version in force).</summary>
    private readonly record struct Spec(BillingRules Rules, int Table, bool Split, int Regions);

    /// <summary>
    /// The calls a plan (with the given services) rates alike, folded: each call's class group, and
    /// the first call of each class group (its representative). Shared by every plan with the same
    /// billing rules, bands and region lists in every epoch, that tells callers apart (800: the
    /// caller's share) or recorded calls apart (a per-minute fee on recorded calls) alike.
    /// </summary>
    public RatingClass ClassOf(Plan plan, IReadOnlyList<ServiceDefinition> services)
    {
        var epochs = _epochStarts.Length + 1;
        var specs = new Spec?[epochs];
        for (var e = 0; e < epochs; e++)
        {
            var v = plan.VersionAt(e == 0 ? DateOnly.MinValue : _epochStarts[e - 1]);
            if (v is null)
            {
                continue;
            }
            var table = v.Bands.IsFlat ? -1 : Array.IndexOf(_tables, v.Bands);
            var regions = -1;
            if ((!v.Bands.IsFlat && table < 0) || (v.Regions.Count > 0 && !_regionListIds.TryGetValue(RegionListText(v.Regions), out regions)))
            {
                throw new ArgumentException($"plan {plan.Key} is not from the catalog these groups were built for", nameof(plan));
            }
            specs[e] = new Spec(v.Billing, table, v.Billing.BandsBy == BandsBy.Split && !v.Bands.IsFlat && v.Regions.Count == 0, regions);
        }
        // The caller's kind and started minutes matter only where the caller's share is charged;
        // the recorded flag only where a per-minute fee applies to recorded calls.
        var callers = plan.Kind == PlanKind.TollFree800;
        var recorded = services.Any(d => d.PerMinute.YuanPerMinute != 0 && d.PerMinuteScope == PerMinuteScope.RecordedCalls);
        // Which of answer and pick-up starts billing depends on the plan's rule and on whether a service answers first.
        var answersFirst = services.Any(d => d.AnswersFirst);
        var signature = $"{callers},{recorded},{answersFirst};" + string.Join(';', specs.Select(x => x is { } y
            ? $"{y.Rules.Start},{y.Rules.FirstBlockSeconds},{y.Rules.IncrementSeconds},{y.Rules.MinimumSeconds},{y.Table},{y.Split},{y.Regions}" : "-"));
        Lazy<RatingClass>? found;
        lock (_gate)
        {
            if (!_classes.TryGetValue(signature, out found))
            {
                found = new Lazy<RatingClass>(() => BuildClass(specs, callers, recorded, answersFirst));
                _classes[signature] = found;
            }
        }
        return found.Value;
    }

    private RatingClass BuildClass(Spec?[] specs, bool callers, bool recorded, bool answersFirst)
    {
        // Class groups never span months either: fold month by month in parallel, then renumber.
        var classOfGroup = new int[_groupRep.Count];
        var months = History.Months;
        var monthReps = new (List<int> Reps, List<long> Counts)[months];
        Parallel.For(0, months, m => monthReps[m] = BuildClassMonth(specs, callers, recorded, answersFirst, m, classOfGroup));
        var reps = new List<int>();
        var counts = new List<long>();
        var monthStarts = new int[months + 1];
        for (var m = 0; m < months; m++)
        {
            var offset = reps.Count;
            reps.AddRange(monthReps[m].Reps);
            counts.AddRange(monthReps[m].Counts);
            monthStarts[m + 1] = reps.Count;
            for (var g = _groupStarts[m]; g < _groupStarts[m + 1]; g++)
            {
                classOfGroup[g] += offset;
            }
        }
        return new RatingClass(this, classOfGroup, reps.ToArray(), counts.ToArray(), monthStarts);
    }

    [ThreadStatic]
    private static Dictionary<Key4, int>? t_index;

    /// <summary>A dictionary for one fold on this thread, empty (reused: its storage is large).</summary>
    private static Dictionary<Key4, int> ThreadIndex()
    {
        var index = t_index ??= new Dictionary<Key4, int>();
        index.Clear();
        return index;
    }

    /// <summary>Folds one month's groups into class groups numbered from 0; returns their representatives and call counts.</summary>
    private (List<int> Reps, List<long> Counts) BuildClassMonth(Spec?[] specs, bool callers, bool recorded, bool answersFirst, int month, int[] classOfGroup)
    {
        var epochs = _epochStarts.Length + 1;
        var index = ThreadIndex();
        var reps = new List<int>();
        var counts = new List<long>();
        var regionIndex = new Dictionary<(int List, int Region), int>();
        var tables = _tables.Length;
        var facts = _facts;
        var bands = _bands;
        for (var g = _groupStarts[month]; g < _groupStarts[month + 1]; g++)
        {
            var i = _groupRep[g];
            var f = facts[g];
            Key4 key;
            if (specs[f.MonthEpoch % epochs] is not { } spec)
            {
                key = new Key4(f.MonthEpoch, 0, 0, 0); // no version: every such call is rejected alike
            }
            else
            {
                var region = -1;
                if (spec.Regions >= 0 && !regionIndex.TryGetValue((spec.Regions, f.RegionId), out region))
                {
                    region = RegionIndex(_regionLists[spec.Regions], f.RegionId);
                    regionIndex[(spec.Regions, f.RegionId)] = region;
                }
                // Only the seconds from where billing starts count (the rater's own rule), and the band there.
                var from = f.Out
                    ? (f.AnswerSecs < 0 ? BillingFrom.NotBilled : BillingFrom.Answer)
                    : Rater.BillingStartOf(f.Outcome switch { 0 => Outcome.Blocked, 1 => Outcome.Voicemail, 2 => Outcome.Answered, _ => Outcome.Missed },
                        f.AnswerSecs >= 0, spec.Rules.Start, answersFirst);
                var seconds = from switch { BillingFrom.Answer => f.AnswerSecs, BillingFrom.Pickup => f.PickupSecs, _ => 0 };
                var band = spec.Table < 0 || f.Out ? 0 : from switch
                {
                    BillingFrom.Answer => bands[g * tables * 2 + spec.Table],
                    BillingFrom.Pickup => bands[g * tables * 2 + tables + spec.Table],
                    _ => 0,
                };
                var billed = Rater.Units(seconds, spec.Rules).BilledSeconds;
                // Outbound calls are priced by destination kind and area; inbound ones by the caller only on 800 plans.
                var caller = f.Out || callers;
                var minutes = caller ? (seconds + 59) / 60 : 0;
                var basics = f with { Outcome = 0, CallerKind = caller ? f.CallerKind : (byte)0, Recorded = recorded && f.Recorded };
                key = new Key4(
                    basics.Basics | (long)band << 23 | (long)(region + 1) << 39 | (long)from << 56,
                    billed,
                    (uint)minutes | (long)f.OutArea << 40,
                    spec.Split && (f.Crossing & (1 << spec.Table)) != 0 ? i + 1 : 0);
            }
            if (!index.TryGetValue(key, out var cg))
            {
                cg = reps.Count;
                index[key] = cg;
                reps.Add(i);
                counts.Add(0);
            }
            counts[cg] += _groupCalls[g];
            classOfGroup[g] = cg;
        }
        return (reps, counts);
    }

    /// <summary>
    /// How many times each call occurs when the traffic is scaled by <paramref name="factor"/>:
    /// call i (in rating order) gets the rounded running total f·(i+1) minus the rounded running
    /// total before it, so the scaled history holds round(f·n) calls spread evenly over the
    /// original ones, in their order. Null for factor 1.
    /// </summary>
    public int[]? Copies(decimal factor)
    {
        if (factor == 1m)
        {
            return null;
        }
        if (_copies.TryGet(factor, out var known))
        {
            return known;
        }
        ArgumentOutOfRangeException.ThrowIfNegative(factor);
        // f = num / 10^scale exactly; the running total f·k is kept as a whole part and a
        // remainder below 10^scale, so every rounding is exact (no decimal product to overflow).
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(factor, bits);
        var num = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        UInt128 den = 1;
        for (var k = (bits[3] >> 16) & 0xFF; k > 0; k--)
        {
            den *= 10;
        }
        var wholeStep = (long)(num / den);
        var restStep = num % den;
        var copies = new int[_groupOfCall.Length];
        long whole = 0, before = 0;
        UInt128 rest = 0;
        for (var i = 0; i < copies.Length; i++)
        {
            whole += wholeStep;
            rest += restStep;
            if (rest >= den)
            {
                rest -= den;
                whole++;
            }
            var now = rest >= den - rest ? whole + 1 : whole; // half away from zero
            copies[i] = (int)(now - before);
            before = now;
        }
        _copies.Add(factor, copies);
        return copies;
    }

    private int RegionListId(IReadOnlyList<RegionRate> list)
    {
        if (list.Count == 0)
        {
            return -1;
        }
        var text = RegionListText(list);
        if (!_regionListIds.TryGetValue(text, out var id))
        {
            id = _regionLists.Count;
            _regionListIds[text] = id;
            _regionLists.Add(list);
        }
        return id;
    }

    private static string RegionListText(IReadOnlyList<RegionRate> list) => string.Join('|', list.Select(r => string.Join(',', r.Match)));

    /// <summary>The first region rate of <paramref name="list"/> matching the region (−1 = none), as the rater picks it.</summary>
    private int RegionIndex(IReadOnlyList<RegionRate> list, int regionId)
    {
        for (var r = 0; r < list.Count; r++)
        {
            foreach (var m in list[r].Match)
            {
                if (_regions.Matches(regionId, m))
                {
                    return r;
                }
            }
        }
        return -1;
    }

    private static int BandAt(BandTable table, long atMs, int startDay, long startDayMs, DayClass startClass, DayClass startWeekday, HolidayCalendar calendar, out long segmentEndMs)
    {
        var day = ChinaTime.DayNumber(atMs);
        long dayStart;
        DayClass cls, weekday;
        if (day == startDay)
        {
            (dayStart, cls, weekday) = (startDayMs, startClass, startWeekday);
        }
        else
        {
            dayStart = ChinaTime.StartOfDay(DateOnly.FromDayNumber(day));
            cls = calendar.Classify(day);
            weekday = (DayClass)(((day % 7) + 7) % 7);
        }
        var band = table.BandAt(cls, weekday, atMs - dayStart, out var end);
        segmentEndMs = dayStart + end;
        return band;
    }

    private static bool FitsIn(IEnumerable<long> radixes, long limit)
    {
        long capacity = 1;
        foreach (var r in radixes)
        {
            if (capacity > limit / r)
            {
                return false;
            }
            capacity *= r;
        }
        return true;
    }

    private static long CeilSeconds(long ms) => ms <= 0 ? 0 : (ms + 999) / 1000;
}

/// <summary>
/// A history folded for the plans of one rating class: each group's class group, each class
/// group's representative call and number of calls, month by month.
/// </summary>
public sealed class RatingClass
{
    private readonly TrafficGroups _groups;
    private readonly int[] _classOfGroup;
    private readonly int[] _monthStarts;
    private readonly long[] _counts;
    private readonly RecentByFactor<long[]> _scaled = new(4);

    internal RatingClass(TrafficGroups groups, int[] classOfGroup, int[] representatives, long[] counts, int[] monthStarts)
    {
        _groups = groups;
        _classOfGroup = classOfGroup;
        Representatives = representatives;
        _counts = counts;
        _monthStarts = monthStarts;
    }

    /// <summary>The class group of call <paramref name="call"/> of the history (by index in rating order).</summary>
    public int GroupOf(int call) => _classOfGroup[_groups.GroupOfCall(call)];

    /// <summary>The index of each class group's first call.</summary>
    public int[] Representatives { get; }

    public int Count => Representatives.Length;

    /// <summary>The class groups of month <paramref name="month"/>: [From, To), in order of first call.</summary>
    public (int From, int To) MonthGroups(int month) => (_monthStarts[month], _monthStarts[month + 1]);

    /// <summary>How many calls each class group holds in the history scaled by <paramref name="factor"/> (<see cref="TrafficGroups.Copies"/>).</summary>
    public long[] Counts(decimal factor)
    {
        if (factor == 1m)
        {
            return _counts;
        }
        if (_scaled.TryGet(factor, out var known))
        {
            return known;
        }
        var copies = _groups.Copies(factor)!;
        var counts = new long[Count];
        for (var i = 0; i < copies.Length; i++)
        {
            counts[GroupOf(i)] += copies[i];
        }
        _scaled.Add(factor, counts);
        return counts;
    }
}

/// <summary>The last few values computed per traffic factor (thread-safe): scans ask for the same factor for several plans in a row.</summary>
internal sealed class RecentByFactor<T>(int capacity) where T : class
{
    private readonly LinkedList<(decimal Factor, T Value)> _recent = new();

    public bool TryGet(decimal factor, out T value)
    {
        lock (_recent)
        {
            foreach (var (f, v) in _recent)
            {
                if (f == factor)
                {
                    value = v;
                    return true;
                }
            }
        }
        value = null!;
        return false;
    }

    public void Add(decimal factor, T value)
    {
        lock (_recent)
        {
            _recent.AddFirst((factor, value));
            while (_recent.Count > capacity)
            {
                _recent.RemoveLast();
            }
        }
    }
}
