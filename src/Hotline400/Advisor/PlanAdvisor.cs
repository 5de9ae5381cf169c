using Hotline400.Accounts;
using Hotline400.Calendar;
using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Numbers;
using Cny = Hotline400.Money.Money;

namespace Hotline400.Advisor;

/// <summary>One plan's place in the ranking.</summary>
public sealed record RankedPlan(Plan Plan, LocalizedText ProviderName, CostBreakdown Breakdown, Cny? SavingVsCurrent)
{
    public Cny AnnualCost => Breakdown.Total;

    /// <summary>
    /// Whether the enterprise keeps its 400 number on this plan: its provider sells numbers of the
    /// number's carrier (and the plan is a 400 plan, not 800). False: the plan needs a new number.
    /// Null when there is no current number or the catalog does not say the provider's carrier.
    /// </summary>
    public bool? KeepsNumber { get; init; }

    /// <summary>Minutes the plan bills a month (<see cref="ReplayResult.BilledMinutesPerMonth"/>), at the ranking's traffic.</summary>
    public decimal BilledMinutesPerMonth { get; init; }
}

/// <summary>A plan left out of the ranking, and why (a needed service not offered, no version in force, calls it cannot rate): a stable code and the reason in Chinese and English.</summary>
public sealed record UnavailablePlan(Plan Plan, Calls.RejectReason Reason)
{
    /// <summary>The reason's stable code (<c>services_not_offered</c>, <c>no_plan_version</c>, <c>calls_not_rated</c>).</summary>
    public string Code => Reason.Code;
}

/// <summary>The monthly volume at which two plans swap places: below it <see cref="CheaperBelow"/> costs less.</summary>
public sealed record BreakEven(string CheaperBelow, string CheaperFrom, long MonthlyMinutes);

/// <summary>Annual cost of the best plans at a traffic growth.</summary>
public sealed record Sensitivity(decimal GrowthPercent, IReadOnlyList<(string PlanKey, Cny AnnualCost)> Costs);

/// <summary>Everything the advisor found for a history.</summary>
public sealed record AdviceResult(
    int MonthsUsed,
    bool Annualized,
    decimal GrowthPercent,
    decimal MonthlyMinutes,
    IReadOnlyList<RankedPlan> Plans,
    IReadOnlyList<UnavailablePlan> Unavailable,
    RankedPlan? Recommended,
    RankedPlan? Current)
{
    /// <summary>The cheapest plan that keeps the current number, when the cheapest of all would need a new one; else null.</summary>
    public RankedPlan? RecommendedKeepingNumber { get; init; }

    /// <summary>Every call was taken as recorded (a needed service charges per recorded minute and the history marks none).</summary>
    public bool RecordingAssumed { get; init; }

    /// <summary>Days the calls cover, first call's day to last call's (see <see cref="TrafficHistory.CoveredDays"/>).</summary>
    public int CoveredDays { get; init; }

    /// <summary>Days of the months used.</summary>
    public int MonthDays { get; init; }

    /// <summary>How much the traffic is scaled to fill the months used: <see cref="MonthDays"/> / <see cref="CoveredDays"/>, or 1.</summary>
    public decimal Coverage { get; init; } = 1m;

    /// <summary>The calls leave much of the months used uncovered (<see cref="TrafficHistory.PartialMonths"/>): their traffic is scaled by <see cref="Coverage"/>.</summary>
    public bool PartialMonths => Coverage != 1m;

    /// <summary>Partial first or last months of the calls given, left out because whole months remain (first days of those months).</summary>
    public IReadOnlyList<DateOnly> DroppedMonths { get; init; } = [];

    /// <summary>From this day on the priced year has no holiday data: holidays count as plain weekdays (see <see cref="PlanAdvisor.HolidaysUnknownFrom"/>).</summary>
    public DateOnly? HolidaysUnknownFrom { get; init; }
}

/// <summary>
/// Replays a traffic history under every plan of every provider of a catalog (with the services
/// the enterprise needs priced in), ranks the plans by annual cost, and answers the what-ifs:
/// growth, break-even volumes, cost as a function of monthly minutes.
/// </summary>
public sealed class PlanAdvisor
{
    private readonly TariffCatalog _catalog;
    private readonly TrafficGroups _groups;
    private readonly HolidayCalendar? _calendar;
    private readonly RegionResolver? _regions;
    private readonly Dictionary<(string, decimal), Priced> _memo = [];

    /// <summary>A plan's annual cost at a traffic factor, and the calls it could not rate.</summary>
    private readonly record struct Priced(CostBreakdown Breakdown, long Rejected, Rating.RatingReject? FirstReject, decimal BilledMinutesPerMonth);

    public PlanAdvisor(TariffCatalog catalog, TrafficHistory history, IReadOnlyList<string> needs, HolidayCalendar? calendar = null, RegionResolver? regions = null, NumberAccount? account = null)
    {
        Account = account;
        _catalog = catalog;
        _calendar = calendar;
        _regions = regions;
        Given = history;
        // An export from mid-January to mid-December is priced on its whole months, exactly.
        History = history.WholeMonths(out var dropped);
        DroppedMonths = dropped;
        Needs = needs;
        // A needed service charged per recorded minute: the calls will be recorded from now on,
        // whatever the history says, unless the history already marks which ones are.
        RecordingAssumed = needs.Any(n => catalog.Providers.Any(p =>
            p.FindService(n) is { PerMinuteScope: PerMinuteScope.RecordedCalls } d && d.PerMinute.YuanPerMinute != 0)) && !History.AnyRecorded;
        Year = History.Year(RecordingAssumed);
        // A week's export is a week of traffic, not a month's: scaled up to the days of its months.
        Coverage = History.PartialMonths ? (decimal)History.MonthDays / History.CoveredDays : 1m;
        _groups = new TrafficGroups(Year, catalog, calendar, regions);
        // Holidays and adjusted working days are published a year at a time: a year priced past the
        // calendar's data treats those days as plain weekdays, which matters to plans whose bands
        // tell holidays or adjusted working days apart.
        HolidaysUnknownFrom = UnknownHolidays(catalog.Plans, calendar ?? catalog.Calendar, Year.FirstDay, Year.LastDay);
        _calendarInUse = calendar ?? catalog.Calendar;
    }

    private readonly HolidayCalendar _calendarInUse;

    /// <summary>
    /// The first day without holiday data of <paramref name="first"/>..<paramref name="last"/> (the
    /// start of its stretch without data), when a plan version in force then has bands that depend on the day type.
    /// </summary>
    private static DateOnly? UnknownHolidays(IEnumerable<Plan> plans, HolidayCalendar calendar, DateOnly first, DateOnly last)
    {
        var dependent = plans.Any(p => p.Versions.Where((v, i) => v.Effective <= last && (i + 1 == p.Versions.Count || p.Versions[i + 1].Effective > first))
            .Any(v => v.Bands.DependsOnHolidays));
        if (!dependent)
        {
            return null;
        }
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (!calendar.Covers(day))
            {
                return calendar.UnknownFrom(day);
            }
        }
        return null;
    }

    /// <summary>
    /// The first day of the priced year the holiday calendar (the catalog's, unless given) has no
    /// data for (its State Council notice not yet out, or not yet in the product or the catalog),
    /// when plans whose bands depend on the day type are priced past it; null otherwise.
    /// </summary>
    public DateOnly? HolidaysUnknownFrom { get; }

    /// <summary>The history as given.</summary>
    public TrafficHistory Given { get; }

    /// <summary>
    /// The number as the accounts hold it, when given: on the plans that keep the number its own
    /// grade (its monthly minimum) prices them, without a selection fee (the number is already held).
    /// </summary>
    public NumberAccount? Account { get; }

    /// <summary>The 400 number the enterprise has now (the history's), whose carrier decides which plans keep it; null for a profile without a number.</summary>
    public HotlineNumber? CurrentNumber { get; init; }

    /// <summary>Whether <paramref name="plan"/> keeps <see cref="CurrentNumber"/> (see <see cref="RankedPlan.KeepsNumber"/>).</summary>
    public bool? KeepsNumber(Plan plan)
    {
        if (CurrentNumber is not { } number)
        {
            return null;
        }
        if (plan.Kind == PlanKind.TollFree800)
        {
            return false; // an 800 number is another number
        }
        var provider = _catalog.FindProvider(plan.ProviderId);
        if (provider is null || provider.Carrier == Carrier.Unknown || number.Carrier == Carrier.Unknown)
        {
            return null;
        }
        return provider.Carrier == number.Carrier;
    }

    /// <summary>The grade a plan is priced on: the number's own on a plan that keeps it (no selection fee), else the provider's standard grade (null).</summary>
    private Grade? GradeFor(Plan plan)
    {
        if (Account is null || KeepsNumber(plan) == false || _catalog.FindProvider(plan.ProviderId) is not { } provider)
        {
            return null;
        }
        var grade = provider.FindGrade(Account.Grade.Id) ?? Account.Grade;
        return grade with { SelectionFee = Cny.Zero };
    }

    /// <summary>
    /// The history priced: the one given without its partial first and last months when whole
    /// months remain (<see cref="TrafficHistory.WholeMonths"/>), else the one given.
    /// </summary>
    public TrafficHistory History { get; }

    /// <summary>The partial months left out of <see cref="History"/> (first days of those months); empty when none.</summary>
    public IReadOnlyList<DateOnly> DroppedMonths { get; }

    /// <summary>The year the plans are priced over (<see cref="TrafficHistory.Year"/>).</summary>
    public TrafficHistory Year { get; }

    /// <summary>Every call is taken as recorded: a needed service charges per recorded minute and the history marks none.</summary>
    public bool RecordingAssumed { get; }

    /// <summary>The factor the history's traffic is scaled by to fill the months it spans (1 unless <see cref="TrafficHistory.PartialMonths"/>).</summary>
    public decimal Coverage { get; }

    /// <summary>Answered talk minutes a month of the history priced, scaled to whole months (<see cref="Coverage"/>): the volume the what-ifs scale.</summary>
    public decimal MonthlyMinutes => History.MonthlyMinutes * Coverage;

    /// <summary>The traffic factor at a growth (percent): the growth applied to the traffic scaled to whole months.</summary>
    private decimal Traffic(decimal growthPercent) => Factor((1m + growthPercent / 100m) * Coverage);

    /// <summary>
    /// A traffic factor as the replay takes it: to 12 decimal places, which changes no call's count
    /// below a trillion calls and lets the scaled history be walked in 64-bit arithmetic (<see cref="CallCopies"/>).
    /// </summary>
    private static decimal Factor(decimal f) => decimal.Round(f, 12, MidpointRounding.AwayFromZero);
    public IReadOnlyList<string> Needs { get; }
    public TrafficGroups Groups => _groups;

    /// <summary>Service ids no provider of the catalog offers (a typo, most likely); empty when all are known.</summary>
    public static IReadOnlyList<string> UnknownServices(TariffCatalog catalog, IEnumerable<string> needs) =>
        needs.Where(n => !catalog.Providers.Any(p => p.FindService(n) is not null)).ToList();

    /// <summary>
    /// Services the history shows the number uses, with how it shows it: calls that ended in
    /// voicemail need <c>voicemail</c>, recorded calls need <c>recording</c> (when the catalog knows
    /// those ids). A comparison that left them out would leave out their fees, and with voicemail
    /// the calls it picks up are billed either way.
    /// </summary>
    public static IReadOnlyList<(string Service, LocalizedText Why)> NeedsShownBy(TrafficHistory history, TariffCatalog catalog)
    {
        var shown = new List<(string, LocalizedText)>();
        bool Known(string id) => catalog.Providers.Any(p => p.FindService(id) is not null);
        if (history.VoicemailCalls > 0 && Known("voicemail"))
        {
            shown.Add(("voicemail", new LocalizedText($"{history.VoicemailCalls:N0} 通通话转入留言", $"{history.VoicemailCalls:N0} calls went to voicemail")));
        }
        if (history.RecordedCalls > 0 && Known("recording"))
        {
            shown.Add(("recording", new LocalizedText($"{history.RecordedCalls:N0} 通通话有录音", $"{history.RecordedCalls:N0} calls were recorded")));
        }
        return shown;
    }

    /// <summary>The plans that can be priced with the needed services, and the others with the reason.</summary>
    public (List<(Plan Plan, List<ServiceDefinition> Services)> Offered, List<UnavailablePlan> Unavailable) Candidates()
    {
        var offered = new List<(Plan, List<ServiceDefinition>)>();
        var unavailable = new List<UnavailablePlan>();
        foreach (var plan in _catalog.Plans)
        {
            var provider = _catalog.FindProvider(plan.ProviderId);
            var missing = Needs.Where(n => provider?.FindService(n) is null).ToList();
            if (missing.Count > 0)
            {
                unavailable.Add(new UnavailablePlan(plan, Calls.RejectReasons.ServicesNotOffered(provider?.Name ?? new LocalizedText(plan.ProviderId, plan.ProviderId), missing)));
                continue;
            }
            if (plan.VersionAt(Year.FirstDay) is null)
            {
                unavailable.Add(new UnavailablePlan(plan, Calls.RejectReasons.NoPlanVersion(plan.Key, Year.FirstDay)));
                continue;
            }
            offered.Add((plan, Needs.Select(n => provider!.FindService(n)!).ToList()));
        }
        return (offered, unavailable);
    }

    /// <summary>A plan's annual cost with traffic scaled by <paramref name="factor"/> (1 = as recorded).</summary>
    public CostBreakdown Cost(Plan plan, IReadOnlyList<ServiceDefinition> services, decimal factor) => Price(plan, services, factor).Breakdown;

    private Priced Price(Plan plan, IReadOnlyList<ServiceDefinition> services, decimal factor)
    {
        lock (_memo)
        {
            if (_memo.TryGetValue((plan.Key, factor), out var known))
            {
                return known;
            }
        }
        var replay = PlanReplay.Aggregated(_catalog, plan, services, _groups, factor, _calendar, _regions, GradeFor(plan));
        var priced = new Priced(replay.Breakdown, replay.RejectedCalls, replay.FirstReject, replay.BilledMinutesPerMonth);
        lock (_memo)
        {
            _memo[(plan.Key, factor)] = priced;
        }
        return priced;
    }

    /// <summary>A plan's annual cost when the history's mix is scaled to <paramref name="monthlyMinutes"/> a month.</summary>
    public CostBreakdown CostAtMonthlyMinutes(Plan plan, IReadOnlyList<ServiceDefinition> services, long monthlyMinutes) =>
        Cost(plan, services, Year.MonthlyMinutes == 0 ? 0 : Factor(monthlyMinutes / Year.MonthlyMinutes));

    /// <summary>Ranks every offered plan at a growth (percent), cheapest first, with the saving against the current plan.</summary>
    public AdviceResult Advise(decimal growthPercent = 0, string? currentPlanKey = null)
    {
        var (offered, unavailable) = Candidates();
        var factor = Traffic(growthPercent);
        // Plans replay independently, one per core, each core taking the next plan when it is done
        // (plans differ in cost tenfold: a fixed share of the list per core would leave one idle).
        var priced = System.Collections.Concurrent.Partitioner.Create(offered, loadBalance: true)
            .AsParallel()
            .Select(o => (o.Plan, Priced: Price(o.Plan, o.Services, factor)))
            .ToList();
        // A plan that cannot rate some of the calls (outbound calls on a plan without outbound
        // rates) would be ranked on part of the traffic: it is left out, with the reason.
        foreach (var (plan, p) in priced.Where(x => x.Priced.Rejected > 0).OrderBy(x => x.Plan.Key, StringComparer.Ordinal))
        {
            unavailable.Add(new UnavailablePlan(plan, Calls.RejectReasons.CallsNotRated(p.Rejected, p.FirstReject?.Reason)));
        }
        var ranked = priced.Where(x => x.Priced.Rejected == 0)
            .Select(x => (x.Plan, x.Priced.Breakdown, x.Priced.BilledMinutesPerMonth))
            .OrderBy(x => x.Breakdown.Total).ThenBy(x => x.Plan.Key, StringComparer.Ordinal)
            .ToList();
        var currentIndex = currentPlanKey is null ? -1 : ranked.FindIndex(r => r.Plan.Key == currentPlanKey);
        var currentCost = currentIndex >= 0 ? ranked[currentIndex].Breakdown.Total : (Cny?)null;
        var plans = ranked.Select(r => new RankedPlan(r.Plan, _catalog.FindProvider(r.Plan.ProviderId)?.Name ?? new LocalizedText(r.Plan.ProviderId, r.Plan.ProviderId), r.Breakdown,
            currentCost is { } c ? c - r.Breakdown.Total : null) { BilledMinutesPerMonth = r.BilledMinutesPerMonth, KeepsNumber = KeepsNumber(r.Plan) }).ToList();
        var currentRanked = currentPlanKey is null ? null : plans.FirstOrDefault(p => p.Plan.Key == currentPlanKey);
        return new AdviceResult(History.Months, History.Months != 12, growthPercent, History.MonthlyMinutes * factor, plans, unavailable,
            plans.FirstOrDefault(), currentRanked)
        {
            RecordingAssumed = RecordingAssumed,
            CoveredDays = History.CoveredDays,
            MonthDays = History.MonthDays,
            Coverage = Coverage,
            DroppedMonths = DroppedMonths,
            // Said only when a plan that is ranked would be priced wrong by it.
            HolidaysUnknownFrom = HolidaysUnknownFrom is null ? null : UnknownHolidays(plans.Select(p => p.Plan), _calendarInUse, Year.FirstDay, Year.LastDay),
            RecommendedKeepingNumber = plans.FirstOrDefault()?.KeepsNumber == false ? plans.FirstOrDefault(p => p.KeepsNumber == true) : null,
        };
    }

    /// <summary>Annual costs of the given plans at each growth percent.</summary>
    public IReadOnlyList<Sensitivity> SensitivityTo(IReadOnlyList<Plan> plans, params decimal[] growths)
    {
        var (offered, _) = Candidates();
        return growths.Select(g => new Sensitivity(g, plans.Select(p =>
        {
            var services = offered.First(o => o.Plan.Key == p.Key).Services;
            return (p.Key, Cost(p, services, Traffic(g)).Total);
        }).ToList())).ToList();
    }

    /// <summary>
    /// For each pair of the given plans, every monthly volume (minutes, up to <paramref name="maxMinutes"/>)
    /// where their order changes: scanned on a grid, then narrowed to the minute. The volume given is
    /// the smallest at which the plan cheaper above it is cheaper (or equal).
    /// </summary>
    public IReadOnlyList<BreakEven> BreakEvens(IReadOnlyList<Plan> plans, long maxMinutes, int gridPoints = 32)
    {
        var (offered, _) = Candidates();
        var services = plans.ToDictionary(p => p.Key, p => (IReadOnlyList<ServiceDefinition>)offered.First(o => o.Plan.Key == p.Key).Services);
        decimal Diff(Plan a, Plan b, long m) => CostAtMonthlyMinutes(a, services[a.Key], m).Total.Yuan - CostAtMonthlyMinutes(b, services[b.Key], m).Total.Yuan;
        // Every plan at every grid volume first, on all cores; the scans below then find them memoized.
        Parallel.For(0, (gridPoints + 1) * plans.Count, n =>
        {
            var p = plans[n % plans.Count];
            CostAtMonthlyMinutes(p, services[p.Key], maxMinutes * (n / plans.Count) / gridPoints);
        });
        var pairs = new List<(Plan A, Plan B)>();
        for (var i = 0; i < plans.Count; i++)
        {
            for (var j = i + 1; j < plans.Count; j++)
            {
                pairs.Add((plans[i], plans[j]));
            }
        }
        // Pairs are narrowed independently, on all cores; their results are joined in pair order.
        var found = new List<BreakEven>[pairs.Count];
        Parallel.For(0, pairs.Count, k =>
        {
            var (a, b) = pairs[k];
            var list = new List<BreakEven>();
            // The last grid volume whose difference had the sign in force (ties do not change it).
            long prev = 0;
            var prevDiff = Diff(a, b, 0);
            var prevSign = Math.Sign(prevDiff);
            for (var g = 1; g <= gridPoints; g++)
            {
                var m = maxMinutes * g / gridPoints;
                var diff = Diff(a, b, m);
                var sign = Math.Sign(diff);
                if (sign != 0 && prevSign != 0 && sign != prevSign)
                {
                    var at = FirstWithSign(m2 => Diff(a, b, m2), sign, prev, prevDiff, m, diff);
                    var (below, from) = sign > 0 ? (a.Key, b.Key) : (b.Key, a.Key);
                    list.Add(new BreakEven(below, from, at));
                }
                if (sign != 0)
                {
                    (prev, prevDiff, prevSign) = (m, diff, sign);
                }
            }
            found[k] = list;
        });
        return found.SelectMany(f => f).OrderBy(r => r.MonthlyMinutes).ToList();
    }

    /// <summary>
    /// The smallest volume in (<paramref name="lo"/>, <paramref name="hi"/>] whose difference does not
    /// have the sign opposite to <paramref name="sign"/> (the plans cost the same there, or the plan
    /// cheaper above costs less), given that the difference at <paramref name="lo"/> has the opposite
    /// sign and the one at <paramref name="hi"/> has <paramref name="sign"/>; exact to the minute, as
    /// bisection finds it where the difference changes sign once in the range. Each probe costs a
    /// replay of both plans, so probes are chosen by the ITP method (interpolate, truncate, project;
    /// Oliveira and Takahashi, 2020): where the straight line between the ends crosses zero, nudged
    /// towards the middle, and never further from the middle than keeps the count of probes within
    /// one of bisection's. Costs grow almost in proportion to the volume, so a few probes usually do
    /// instead of bisection's ~16.
    /// </summary>
    internal static long FirstWithSign(Func<long, decimal> diff, int sign, long lo, decimal dLo, long hi, decimal dHi)
    {
        // ITP on the volumes, with the sign sought counted as positive; it stops when the ends are a minute apart.
        const double k1Scale = 0.2, k2 = 2, epsilon = 0.5;
        var width0 = (double)(hi - lo);
        var k1 = k1Scale / width0;
        var nMax = (int)Math.Ceiling(Math.Log2(width0 / (2 * epsilon))) + 1;
        double yLo = sign * (double)dLo, yHi = sign * (double)dHi;
        for (var j = 0; hi - lo > 1; j++)
        {
            double a = lo, b = hi;
            var middle = (a + b) / 2;
            var r = Math.Max(0, epsilon * Math.Pow(2, nMax - j) - (b - a) / 2);
            var delta = k1 * Math.Pow(b - a, k2);
            var falsi = yHi > yLo ? (yHi * a - yLo * b) / (yHi - yLo) : middle;
            var towards = Math.Sign(middle - falsi);
            var truncated = delta <= Math.Abs(middle - falsi) ? falsi + towards * delta : middle;
            var projected = Math.Abs(truncated - middle) <= r ? truncated : middle - towards * r;
            var probe = Math.Clamp((long)Math.Round(projected, MidpointRounding.AwayFromZero), lo + 1, hi - 1);
            var d = diff(probe);
            if (Math.Sign(d) != -sign)
            {
                (hi, yHi) = (probe, sign * (double)d);
            }
            else
            {
                (lo, yLo) = (probe, sign * (double)d);
            }
        }
        return hi;
    }
}
