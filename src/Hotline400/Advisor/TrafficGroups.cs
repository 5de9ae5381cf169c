using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hotline400.Calendar;
using Hotline400.Calls;
using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Numbers;
using Hotline400.Rating;

namespace Hotline400.Advisor;

/// <summary>
/// A history prepared for replaying it under many plans. Each call is reduced once to the facts
/// any plan of the catalog rates it by: catalog epoch (which versions are in force), outcome
/// class, seconds from answer and from pick-up, its band under every band table of the catalog
/// (at answer and at pick-up), whether it may cross a band boundary of a split table, caller kind,
/// region, recorded flag and direction.
/// <para>
/// Plans that price calls by the same rules, bands and region lists in every epoch form a rating
/// class, and for a class the calls of a month fold into class groups (<see cref="ClassOf"/>): a
/// per-minute plan does not tell a 61-second call from a 100-second one. Calls are folded straight
/// into class groups, not first into groups of calls with equal facts: on real traffic answer and
/// pick-up seconds both vary, so such groups would hold barely two calls each.
/// <see cref="PlanReplay.Aggregated"/> rates one call of each class group with the count of calls
/// it stands for.
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

    // Per call (in rating order): its facts and its band under every table, at answer then at
    // pick-up; where each month's calls start; per region list, the rate each region gets.
    private readonly CallFacts[] _facts;
    private readonly byte[] _bands;
    private readonly int[] _monthStarts;
    private readonly int[][] _regionIndexes;

    private readonly Dictionary<string, Lazy<SecondsClass>> _secondsClasses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lazy<RatingClass>> _classes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>What rates a call besides its bands. Seconds are −1 when the call was not answered.</summary>
    private readonly record struct CallFacts(int Epoch, int AnswerSecs, int PickupSecs, int RegionId, int Crossing, byte Outcome, byte CallerKind, bool Recorded, bool Out);

    /// <summary>A grouping key of four 64-bit words (facts packed by the code that builds it).</summary>
    internal readonly record struct Key4(long A, long B, long C, long D)
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

    /// <summary>Calls up to this long (seconds) find their billed seconds in a table made once per rating class.</summary>
    private const int BilledTableSeconds = 4096;

    /// <summary>The band stored for a table with more bands than a byte holds: such a call stays in a class group of its own.</summary>
    private const byte NoBand = byte.MaxValue;

    public TrafficGroups(TrafficHistory history, TariffCatalog catalog, HolidayCalendar? calendar = null, RegionResolver? regions = null)
    {
        calendar ??= catalog.Calendar;
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

        var calls = history.Rows;
        _facts = new CallFacts[calls.Length];
        _bands = new byte[calls.Length * _tables.Length * 2];
        _monthStarts = new int[history.Months + 1];
        for (var m = 0; m <= history.Months; m++)
        {
            _monthStarts[m] = FirstCallFrom(calls, ChinaTime.StartOfDay(history.FirstDay.AddMonths(m)));
        }
        var maxRegion = new int[history.Months];
        Parallel.For(0, history.Months, m => maxRegion[m] = ReduceMonth(m, calendar, slack));
        var regionCount = maxRegion.Length == 0 ? 0 : maxRegion.Max() + 1;
        _regionIndexes = _regionLists.Select(list => Enumerable.Range(0, regionCount).Select(r => RegionIndex(list, r)).ToArray()).ToArray();
    }

    /// <summary>The index of the first call started at or after <paramref name="ms"/> (calls are in rating order).</summary>
    private static int FirstCallFrom(ReadOnlySpan<HistoryCall> calls, long ms)
    {
        int lo = 0, hi = calls.Length;
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

    /// <summary>Reduces one month's calls to their facts and bands; returns the highest region id met (−1: none).</summary>
    private int ReduceMonth(int month, HolidayCalendar calendar, int slack)
    {
        var calls = History.Rows;
        var tables = _tables.Length;
        var maxRegion = -1;
        var dayNumber = int.MinValue;
        long dayStartMs = 0;
        var dayClass = DayClass.Mon;
        var weekday = DayClass.Mon;
        var epoch = 0;
        for (var i = _monthStarts[month]; i < _monthStarts[month + 1]; i++)
        {
            ref readonly var c = ref calls[i];
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
            var outcome = c.Outcome switch
            {
                Outcome.Blocked => (byte)0,
                Outcome.Voicemail => (byte)1,
                _ => c.WasAnswered ? (byte)2 : (byte)3,
            };
            var answerSecs = c.WasAnswered ? (int)CeilSeconds(c.EndedMs - c.AnsweredMs) : -1;
            var pickupSecs = (int)CeilSeconds(c.EndedMs - c.StartedMs);

            var bands = _bands.AsSpan(i * tables * 2, tables * 2);
            var crossing = 0;
            for (var t = 0; t < tables; t++)
            {
                var table = _tables[t];
                var pickupBand = BandAt(table, c.StartedMs, day, dayStartMs, dayClass, weekday, calendar, out var pickupEnd);
                bands[tables + t] = (byte)Math.Min(pickupBand, NoBand);
                var crosses = pickupEnd < c.StartedMs + (pickupSecs + slack) * 1000L;
                if (c.WasAnswered)
                {
                    var answerBand = BandAt(table, c.AnsweredMs, day, dayStartMs, dayClass, weekday, calendar, out var answerEnd);
                    bands[t] = (byte)Math.Min(answerBand, NoBand);
                    crosses |= answerEnd < c.AnsweredMs + (answerSecs + slack) * 1000L;
                }
                if (_splitTables[t] && crosses)
                {
                    crossing |= 1 << t;
                }
            }
            var regionId = _regionLists.Count > 0 ? _regions.ResolveId(c.Caller) : 0;
            maxRegion = Math.Max(maxRegion, regionId);
            _facts[i] = new CallFacts(epoch, answerSecs, pickupSecs, regionId, crossing, outcome, (byte)c.Caller.Kind, c.Recorded, c.Direction == Direction.Out);
        }
        return maxRegion;
    }

    public TrafficHistory History { get; }

    /// <summary>The calls of month <paramref name="month"/> (0 = the history's first): indexes [From, To) into the history's calls in rating order (<see cref="TrafficHistory.Call"/>).</summary>
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
        // Plans that differ only in how seconds become billed seconds share one grouping by seconds.
        var secondsSignature = $"{callers},{recorded},{answersFirst};" + string.Join(';', specs.Select(x => x is { } y ? $"{y.Rules.Start},{y.Table},{y.Split},{y.Regions}" : "-"));
        var signature = secondsSignature + "|" + string.Join(';', specs.Select(x => x is { } y
            ? $"{y.Rules.FirstBlockSeconds},{y.Rules.IncrementSeconds},{y.Rules.MinimumSeconds}" : "-"));
        Lazy<SecondsClass>? bySeconds;
        Lazy<RatingClass>? found;
        lock (_gate)
        {
            if (!_secondsClasses.TryGetValue(secondsSignature, out bySeconds))
            {
                bySeconds = new Lazy<SecondsClass>(() => BuildSecondsClass(specs, callers, recorded, answersFirst));
                _secondsClasses[secondsSignature] = bySeconds;
            }
            if (!_classes.TryGetValue(signature, out found))
            {
                var seconds = bySeconds;
                found = new Lazy<RatingClass>(() => BuildClass(seconds.Value, specs));
                _classes[signature] = found;
            }
        }
        return found.Value;
    }

    /// <summary>
    /// Folds the calls by everything a class tells apart but with their seconds as they are: each
    /// month in parallel, then numbered across months.
    /// </summary>
    private SecondsClass BuildSecondsClass(Spec?[] specs, bool callers, bool recorded, bool answersFirst)
    {
        var groupOfCall = new int[_facts.Length];
        var months = History.Months;
        var monthGroups = new (List<int> Reps, List<long> Counts, List<Key4> Keys)[months];
        Parallel.For(0, months, m => monthGroups[m] = BuildSecondsMonth(specs, callers, recorded, answersFirst, m, groupOfCall));
        var reps = new List<int>();
        var counts = new List<long>();
        var keys = new List<Key4>();
        var monthStarts = new int[months + 1];
        for (var m = 0; m < months; m++)
        {
            var offset = reps.Count;
            reps.AddRange(monthGroups[m].Reps);
            counts.AddRange(monthGroups[m].Counts);
            keys.AddRange(monthGroups[m].Keys);
            monthStarts[m + 1] = reps.Count;
            for (var i = _monthStarts[m]; i < _monthStarts[m + 1]; i++)
            {
                groupOfCall[i] += offset;
            }
        }
        return new SecondsClass(groupOfCall, [.. reps], [.. counts], [.. keys], monthStarts);
    }

    /// <summary>
    /// Folds the groups of a <see cref="SecondsClass"/> further by the billed seconds a plan's
    /// rules make of their seconds (<see cref="Rater.Units"/>): groups whose seconds bill alike
    /// become one class group, whose representative is the first call of the first of them.
    /// </summary>
    private RatingClass BuildClass(SecondsClass bySeconds, Spec?[] specs)
    {
        // The billed seconds of the durations most calls last, per epoch, worked out once by the rater's rule.
        var billedTables = specs.Select(x => x is { } spec ? Enumerable.Range(0, BilledTableSeconds).Select(s => Rater.Units(s, spec.Rules).BilledSeconds).ToArray() : []).ToArray();
        var classOf = new int[bySeconds.Keys.Length];
        var reps = new List<int>();
        var counts = new List<long>();
        var monthStarts = new int[bySeconds.Months + 1];
        var index = ThreadIndex();
        for (var m = 0; m < bySeconds.Months; m++)
        {
            index.Clear();
            var offset = reps.Count;
            for (var g = bySeconds.MonthStarts[m]; g < bySeconds.MonthStarts[m + 1]; g++)
            {
                var key = bySeconds.Keys[g];
                var epoch = (int)(uint)key.A;
                if (specs[epoch] is { } spec)
                {
                    var billedTable = billedTables[epoch];
                    key = key with { B = key.B < billedTable.Length ? billedTable[key.B] : Rater.Units(key.B, spec.Rules).BilledSeconds };
                }
                ref var cg = ref CollectionsMarshal.GetValueRefOrAddDefault(index, key, out var exists);
                if (!exists)
                {
                    cg = reps.Count - offset;
                    reps.Add(bySeconds.Representatives[g]);
                    counts.Add(0);
                }
                counts[offset + cg] += bySeconds.Counts[g];
                classOf[g] = offset + cg;
            }
            monthStarts[m + 1] = reps.Count;
        }
        return new RatingClass(this, bySeconds, classOf, [.. reps], [.. counts], monthStarts);
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

    /// <summary>
    /// The fold's flat tables for the common call (inbound, not apart, in a band a byte holds, its
    /// seconds below <see cref="BilledTableSeconds"/>): its context (everything the key holds but the
    /// seconds) is a small number, and the group is found at [context's slot][seconds] instead of by
    /// hashing a four-word key. One per thread, reused month after month.
    /// </summary>
    private sealed class DenseFold
    {
        private int[] _slotOfContext = [];
        private readonly List<int[]> _groups = [];
        private readonly List<int> _contexts = [];

        /// <summary>Empties the tables for a fold over <paramref name="contexts"/> contexts.</summary>
        public void Reset(int contexts)
        {
            foreach (var c in _contexts)
            {
                _slotOfContext[c] = 0;
            }
            for (var slot = 0; slot < _contexts.Count; slot++)
            {
                Array.Clear(_groups[slot]);
            }
            _contexts.Clear();
            if (_slotOfContext.Length < contexts)
            {
                _slotOfContext = new int[contexts];
            }
        }

        /// <summary>The cell holding the group + 1 (0: none yet) of a context and seconds.</summary>
        public ref int Cell(int context, int seconds)
        {
            ref var slot = ref _slotOfContext[context];
            if (slot == 0)
            {
                _contexts.Add(context);
                slot = _contexts.Count;
                if (_groups.Count < slot)
                {
                    _groups.Add(new int[BilledTableSeconds]);
                }
            }
            return ref _groups[slot - 1][seconds];
        }
    }

    [ThreadStatic]
    private static DenseFold? t_dense;

    /// <summary>Folds one month's calls into groups numbered from 0; returns their representatives, call counts and keys.</summary>
    private (List<int> Reps, List<long> Counts, List<Key4> Keys) BuildSecondsMonth(Spec?[] specs, bool callers, bool recorded, bool answersFirst, int month, int[] groupOfCall)
    {
        var index = ThreadIndex();
        var reps = new List<int>();
        var counts = new List<long>();
        var keys = new List<Key4>();
        var tables = _tables.Length;
        var facts = _facts;
        var bands = _bands;
        var calls = History.Rows;

        // Where billing starts, per epoch, outcome class and whether the call was answered: the rater's own rule, looked up.
        var startOf = new BillingFrom[specs.Length * 8];
        for (var e = 0; e < specs.Length; e++)
        {
            for (var o = 0; o < 4; o++)
            {
                for (var answered = 0; answered < 2; answered++)
                {
                    startOf[e * 8 + o * 2 + answered] = specs[e] is { } sp
                        ? Rater.BillingStartOf(o switch { 0 => Outcome.Blocked, 1 => Outcome.Voicemail, 2 => Outcome.Answered, _ => Outcome.Missed }, answered == 1, sp.Rules.Start, answersFirst)
                        : BillingFrom.NotBilled;
                }
            }
        }
        // Contexts of the flat tables: epoch × caller kind (4) × recorded × band × billing start (3) × region (+1).
        var bandCount = Math.Max(1, _tables.Length == 0 ? 1 : _tables.Max(t => t.Bands.Count));
        var regionSlots = 1 + (_regionLists.Count == 0 ? 0 : _regionLists.Max(l => l.Count));
        var contexts = (long)specs.Length * 4 * 2 * bandCount * 3 * regionSlots;
        var dense = contexts <= 1 << 16 ? t_dense ??= new DenseFold() : null;
        dense?.Reset((int)contexts);

        for (var i = _monthStarts[month]; i < _monthStarts[month + 1]; i++)
        {
            ref readonly var f = ref facts[i];
            Key4 key;
            ref int cell = ref Unsafe.NullRef<int>();
            if (specs[f.Epoch] is not { } spec)
            {
                key = new Key4(f.Epoch, 0, 0, 0); // no version: every such call is rejected alike
            }
            else
            {
                // Only the seconds from where billing starts count (the rater's own rule), and the band there.
                var from = f.Out
                    ? (f.AnswerSecs < 0 ? BillingFrom.NotBilled : BillingFrom.Answer)
                    : startOf[f.Epoch * 8 + f.Outcome * 2 + (f.AnswerSecs >= 0 ? 1 : 0)];
                var seconds = from switch { BillingFrom.Answer => f.AnswerSecs, BillingFrom.Pickup => f.PickupSecs, _ => 0 };
                var band = spec.Table < 0 || f.Out ? 0 : from switch
                {
                    BillingFrom.Answer => bands[i * tables * 2 + spec.Table],
                    BillingFrom.Pickup => bands[i * tables * 2 + tables + spec.Table],
                    _ => 0,
                };
                var region = spec.Regions < 0 ? -1 : _regionIndexes[spec.Regions][f.RegionId];
                // Outbound calls are priced by destination kind and area; inbound ones by the caller only on 800 plans.
                var caller = f.Out || callers;
                var minutes = caller ? (seconds + 59) / 60 : 0;
                var outArea = f.Out ? calls[i].Caller.AreaCode : 0;
                // A call that may cross a boundary of the plan's split table, or whose band a byte cannot hold, is a group of its own.
                var apart = band == NoBand || (spec.Split && (f.Crossing & (1 << spec.Table)) != 0);
                var kind = caller ? f.CallerKind : 0;
                var rec = recorded && f.Recorded ? 1 : 0;
                if (dense is not null && !f.Out && !apart && seconds < BilledTableSeconds && band < bandCount && kind < 4)
                {
                    var context = ((((f.Epoch * 4 + kind) * 2 + rec) * bandCount + band) * 3 + (int)from) * regionSlots + region + 1;
                    cell = ref dense.Cell(context, seconds);
                    if (cell != 0)
                    {
                        counts[cell - 1]++;
                        groupOfCall[i] = cell - 1;
                        continue;
                    }
                }
                // The epoch stays in the low 32 bits of A and the seconds in B: BuildClass turns them into billed seconds.
                key = new Key4(
                    (uint)f.Epoch | (long)kind << 32 | (long)rec << 40 | (f.Out ? 1L : 0) << 41 | (long)band << 42 | (long)from << 50,
                    seconds,
                    (uint)minutes | (long)outArea << 32,
                    (uint)(apart ? i + 1 : 0) | (long)(region + 1) << 32);
            }
            int group;
            if (!Unsafe.IsNullRef(ref cell))
            {
                // A new group of the flat tables.
                group = reps.Count;
                cell = group + 1;
                reps.Add(i);
                counts.Add(0);
                keys.Add(key);
            }
            else
            {
                ref var cg = ref CollectionsMarshal.GetValueRefOrAddDefault(index, key, out var exists);
                if (!exists)
                {
                    cg = reps.Count;
                    reps.Add(i);
                    counts.Add(0);
                    keys.Add(key);
                }
                group = cg;
            }
            counts[group]++;
            groupOfCall[i] = group;
        }
        return (reps, counts, keys);
    }

    /// <summary>
    /// How many times each call occurs when the traffic is scaled by <paramref name="factor"/>
    /// (<see cref="CallCopies"/>), as one array: for checking a replay against the history spelled
    /// out. Null for factor 1. The replay itself walks the calls with a <see cref="CallCopies"/>.
    /// </summary>
    public int[]? Copies(decimal factor)
    {
        if (factor == 1m)
        {
            return null;
        }
        var walk = new CallCopies(factor, 0);
        var copies = new int[_facts.Length];
        for (var i = 0; i < copies.Length; i++)
        {
            copies[i] = walk.Next();
        }
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

    private static long CeilSeconds(long ms) => ms <= 0 ? 0 : (ms + 999) / 1000;
}

/// <summary>
/// A history folded by everything the plans of several rating classes tell apart, with seconds
/// kept as they are: those classes differ only in how seconds become billed seconds, and each is
/// folded from these groups instead of from every call again.
/// </summary>
internal sealed record SecondsClass(int[] GroupOfCall, int[] Representatives, long[] Counts, TrafficGroups.Key4[] Keys, int[] MonthStarts)
{
    public int Months => MonthStarts.Length - 1;
}

/// <summary>
/// A history folded for the plans of one rating class: each call's class group, each class
/// group's representative call and number of calls, month by month.
/// </summary>
public sealed class RatingClass
{
    private readonly TrafficGroups _groups;
    private readonly SecondsClass _bySeconds;
    private readonly int[] _classOf;
    private readonly int[] _monthStarts;
    private readonly long[] _counts;
    private readonly RecentByFactor<long[]> _scaled = new(4);

    internal RatingClass(TrafficGroups groups, SecondsClass bySeconds, int[] classOf, int[] representatives, long[] counts, int[] monthStarts)
    {
        _groups = groups;
        _bySeconds = bySeconds;
        _classOf = classOf;
        Representatives = representatives;
        _counts = counts;
        _monthStarts = monthStarts;
    }

    /// <summary>The class group of call <paramref name="call"/> of the history (by index in rating order).</summary>
    public int GroupOf(int call) => _classOf[_bySeconds.GroupOfCall[call]];

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
        var copies = new CallCopies(factor, 0);
        var counts = new long[Count];
        var calls = _bySeconds.GroupOfCall;
        for (var i = 0; i < calls.Length; i++)
        {
            counts[_classOf[calls[i]]] += copies.Next();
        }
        _scaled.Add(factor, counts);
        return counts;
    }
}

/// <summary>
/// How many times each call occurs when the traffic is scaled by a factor f, walked call by call
/// from a given call on: call i (in rating order) gets the rounded running total f·(i+1) minus the
/// rounded running total before it, so the scaled history holds round(f·n) calls spread evenly
/// over the original ones, in their order. f = num / 10^scale exactly, and the running total is
/// kept as a whole part and a remainder below 10^scale, so every rounding (half away from zero) is
/// exact, with no array of a million counts per factor.
/// </summary>
public struct CallCopies
{
    // 64-bit running totals when f has at most 18 decimal places and f·10^scale fits (the replay's
    // factors have 12), else 128-bit ones.
    private readonly bool _narrow;
    private readonly UInt128 _den;
    private readonly UInt128 _restStep;
    private readonly ulong _den64;
    private readonly ulong _restStep64;
    private readonly long _wholeStep;
    private long _whole;
    private long _before;
    private UInt128 _rest;
    private ulong _rest64;

    /// <summary>Starts at call <paramref name="first"/> (0-based, in rating order).</summary>
    public CallCopies(decimal factor, int first)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(factor);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(factor, bits);
        var num = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        UInt128 den = 1;
        for (var k = (bits[3] >> 16) & 0xFF; k > 0; k--)
        {
            den *= 10;
        }
        _den = den;
        _wholeStep = (long)(num / den);
        _restStep = num % den;
        // The running total f·first: num < 2^96 and first < 2^31, so the product fits.
        var total = num * (uint)first;
        _whole = (long)(total / den);
        _rest = total % den;
        _before = _rest >= _den - _rest ? _whole + 1 : _whole;
        // Below 2^62 the remainder plus a step never overflows 64 bits.
        _narrow = den < ((UInt128)1 << 62);
        _den64 = (ulong)(_narrow ? den : 0);
        _restStep64 = (ulong)(_narrow ? _restStep : 0);
        _rest64 = (ulong)(_narrow ? _rest : 0);
    }

    /// <summary>The copies of the current call; moves on to the next.</summary>
    public int Next()
    {
        bool up;
        _whole += _wholeStep;
        if (_narrow)
        {
            _rest64 += _restStep64;
            if (_rest64 >= _den64)
            {
                _rest64 -= _den64;
                _whole++;
            }
            up = _rest64 >= _den64 - _rest64;
        }
        else
        {
            _rest += _restStep;
            if (_rest >= _den)
            {
                _rest -= _den;
                _whole++;
            }
            up = _rest >= _den - _rest;
        }
        var now = up ? _whole + 1 : _whole; // half away from zero
        var copies = (int)(now - _before);
        _before = now;
        return copies;
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
