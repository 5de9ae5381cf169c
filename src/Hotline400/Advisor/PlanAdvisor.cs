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
}

/// <summary>A plan left out of the ranking, and why (a needed service not offered, no version in force…): a stable code and the reason in Chinese and English.</summary>
public sealed record UnavailablePlan(Plan Plan, Calls.RejectReason Reason);

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
    private readonly Dictionary<(string, decimal), CostBreakdown> _memo = [];

    public PlanAdvisor(TariffCatalog catalog, TrafficHistory history, IReadOnlyList<string> needs, HolidayCalendar? calendar = null, RegionResolver? regions = null)
    {
        _catalog = catalog;
        _calendar = calendar;
        _regions = regions;
        History = history;
        Needs = needs;
        // A needed service charged per recorded minute: the calls will be recorded from now on,
        // whatever the history says, unless the history already marks which ones are.
        RecordingAssumed = needs.Any(n => catalog.Providers.Any(p =>
            p.FindService(n) is { PerMinuteScope: PerMinuteScope.RecordedCalls } d && d.PerMinute.YuanPerMinute != 0)) && !history.Calls.Any(c => c.Recorded);
        Year = history.Year(RecordingAssumed);
        // A week's export is a week of traffic, not a month's: scaled up to the days of its months.
        Coverage = history.PartialMonths ? (decimal)history.MonthDays / history.CoveredDays : 1m;
        _groups = new TrafficGroups(Year, catalog, calendar, regions);
    }

    /// <summary>The history as given.</summary>
    public TrafficHistory History { get; }

    /// <summary>The year the plans are priced over (<see cref="TrafficHistory.Year"/>).</summary>
    public TrafficHistory Year { get; }

    /// <summary>Every call is taken as recorded: a needed service charges per recorded minute and the history marks none.</summary>
    public bool RecordingAssumed { get; }

    /// <summary>The factor the history's traffic is scaled by to fill the months it spans (1 unless <see cref="TrafficHistory.PartialMonths"/>).</summary>
    public decimal Coverage { get; }

    /// <summary>The traffic factor at a growth (percent): the growth applied to the traffic scaled to whole months.</summary>
    private decimal Traffic(decimal growthPercent) => (1m + growthPercent / 100m) * Coverage;
    public IReadOnlyList<string> Needs { get; }
    public TrafficGroups Groups => _groups;

    /// <summary>Service ids no provider of the catalog offers (a typo, most likely); empty when all are known.</summary>
    public static IReadOnlyList<string> UnknownServices(TariffCatalog catalog, IEnumerable<string> needs) =>
        needs.Where(n => !catalog.Providers.Any(p => p.FindService(n) is not null)).ToList();

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
    public CostBreakdown Cost(Plan plan, IReadOnlyList<ServiceDefinition> services, decimal factor)
    {
        lock (_memo)
        {
            if (_memo.TryGetValue((plan.Key, factor), out var b))
            {
                return b;
            }
        }
        var cost = PlanReplay.Aggregated(_catalog, plan, services, _groups, factor, _calendar, _regions).Breakdown;
        lock (_memo)
        {
            _memo[(plan.Key, factor)] = cost;
        }
        return cost;
    }

    /// <summary>A plan's annual cost when the history's mix is scaled to <paramref name="monthlyMinutes"/> a month.</summary>
    public CostBreakdown CostAtMonthlyMinutes(Plan plan, IReadOnlyList<ServiceDefinition> services, long monthlyMinutes) =>
        Cost(plan, services, Year.MonthlyMinutes == 0 ? 0 : monthlyMinutes / Year.MonthlyMinutes);

    /// <summary>Ranks every offered plan at a growth (percent), cheapest first, with the saving against the current plan.</summary>
    public AdviceResult Advise(decimal growthPercent = 0, string? currentPlanKey = null)
    {
        var (offered, unavailable) = Candidates();
        var factor = Traffic(growthPercent);
        // Plans replay independently, one per core, each core taking the next plan when it is done
        // (plans differ in cost tenfold: a fixed share of the list per core would leave one idle).
        var ranked = System.Collections.Concurrent.Partitioner.Create(offered, loadBalance: true)
            .AsParallel()
            .Select(o => (o.Plan, Breakdown: Cost(o.Plan, o.Services, factor)))
            .AsSequential()
            .OrderBy(x => x.Breakdown.Total).ThenBy(x => x.Plan.Key, StringComparer.Ordinal)
            .ToList();
        var currentIndex = currentPlanKey is null ? -1 : ranked.FindIndex(r => r.Plan.Key == currentPlanKey);
        var currentCost = currentIndex >= 0 ? ranked[currentIndex].Breakdown.Total : (Cny?)null;
        var plans = ranked.Select(r => new RankedPlan(r.Plan, _catalog.FindProvider(r.Plan.ProviderId)?.Name ?? new LocalizedText(r.Plan.ProviderId, r.Plan.ProviderId), r.Breakdown,
            currentCost is { } c ? c - r.Breakdown.Total : null)).ToList();
        var currentRanked = currentPlanKey is null ? null : plans.FirstOrDefault(p => p.Plan.Key == currentPlanKey);
        return new AdviceResult(History.Months, History.Months != 12, growthPercent, History.MonthlyMinutes * factor, plans, unavailable,
            plans.FirstOrDefault(), currentRanked) { RecordingAssumed = RecordingAssumed, CoveredDays = History.CoveredDays, MonthDays = History.MonthDays, Coverage = Coverage };
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
    /// where their order changes: scanned on a grid, then bisected to the minute. The volume given is
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
        var result = new List<BreakEven>();
        for (var i = 0; i < plans.Count; i++)
        {
            for (var j = i + 1; j < plans.Count; j++)
            {
                var a = plans[i];
                var b = plans[j];
                long prev = 0;
                var prevSign = Math.Sign(Diff(a, b, 0));
                for (var k = 1; k <= gridPoints; k++)
                {
                    var m = maxMinutes * k / gridPoints;
                    var sign = Math.Sign(Diff(a, b, m));
                    if (sign != 0 && prevSign != 0 && sign != prevSign)
                    {
                        // Smallest minute in (prev, m] with the new sign.
                        long lo = prev, hi = m;
                        while (hi - lo > 1)
                        {
                            var mid = lo + (hi - lo) / 2;
                            if (Math.Sign(Diff(a, b, mid)) == sign)
                            {
                                hi = mid;
                            }
                            else
                            {
                                lo = mid;
                            }
                        }
                        var (below, from) = sign > 0 ? (a.Key, b.Key) : (b.Key, a.Key);
                        result.Add(new BreakEven(below, from, hi));
                    }
                    if (sign != 0)
                    {
                        prevSign = sign;
                    }
                    prev = m;
                }
            }
        }
        return result.OrderBy(r => r.MonthlyMinutes).ToList();
    }
}
