using Hotline400.Accounts;
using Hotline400.Billing;
using Hotline400.Calendar;
using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Numbers;
using Hotline400.Rating;
using Cny = Hotline400.Money.Money;

namespace Hotline400.Advisor;

/// <summary>
/// An annual cost split the way a finance person reads it. The parts add up exactly to
/// <see cref="Total"/>. <see cref="CoveredByPackage"/> is the consumption the package's prepayment
/// paid for (negative): with a package, the year costs the package or the consumption, whichever
/// is more.
/// </summary>
public sealed record CostBreakdown(
    Cny Package,
    Cny Usage,
    Cny ServiceUsage,
    Cny CallerShare,
    Cny MinimumTopUp,
    Cny MonthlyFees,
    Cny ServiceFees,
    Cny Promotions,
    Cny CoveredByPackage)
{
    public Cny Total => Package + Usage + ServiceUsage + CallerShare + MinimumTopUp + MonthlyFees + ServiceFees + Promotions + CoveredByPackage;

    /// <summary>(json name, amount) in display order.</summary>
    public IEnumerable<(string Name, Cny Amount)> Parts()
    {
        yield return ("package", Package);
        yield return ("usage", Usage);
        yield return ("service_usage", ServiceUsage);
        yield return ("caller_share", CallerShare);
        yield return ("minimum_topup", MinimumTopUp);
        yield return ("monthly_fees", MonthlyFees);
        yield return ("service_fees", ServiceFees);
        yield return ("promotions", Promotions);
        yield return ("covered_by_package", CoveredByPackage);
    }
}

/// <summary>
/// Replays a history under one plan: a synthetic number subscribed to the plan for the history's
/// months with the needed services, calls rated by the real <see cref="Rater"/>, each month billed
/// by the real <see cref="StatementBuilder"/>, the months summed and annualized.
/// </summary>
public static class PlanReplay
{
    /// <summary>The synthetic account: the history's number on <paramref name="plan"/> from its first to its last month.</summary>
    public static AccountBook SyntheticAccount(TariffCatalog catalog, Plan plan, IReadOnlyList<ServiceDefinition> services, HotlineNumber number, DateOnly from, DateOnly to, int areaCode = 0)
    {
        var provider = catalog.FindProvider(plan.ProviderId);
        var grade = provider?.FindGrade("standard") ?? provider?.Grades.FirstOrDefault(g => g.SelectionFee == Cny.Zero && g.MonthlyMinimum == Cny.Zero)
            ?? new Grade("standard", new LocalizedText("普通号码", "Standard number"), null, Cny.Zero, Cny.Zero, Cny.Zero);
        var sub = new Subscription(0, number, plan, from, to);
        var enrolled = services.Select(s => new ServiceEnrollment(s, from, to)).ToList();
        var account = new NumberAccount(number, "advisor", grade, areaCode, [sub], enrolled, [], Distribution.Sequential);
        return new AccountBook("advisor", [new Enterprise("advisor", new LocalizedText("比价", "Advisor"), [account])]);
    }

    /// <summary>The straightforward replay: every call rated one by one. The reference the aggregated replay must equal.</summary>
    public static ReplayResult Straight(TariffCatalog catalog, Plan plan, IReadOnlyList<ServiceDefinition> services, TrafficHistory history, HolidayCalendar? calendar = null, RegionResolver? regions = null)
    {
        var book = SyntheticAccount(catalog, plan, services, history.Number, history.FirstDay, history.LastDay);
        var rater = new Rater(catalog, book, calendar, regions);
        var rated = new List<RatedCall>(history.Calls.Count);
        var rejected = 0;
        foreach (var c in history.Calls)
        {
            var r = rater.Rate(c, out _);
            if (r is null)
            {
                rejected++;
            }
            else
            {
                rated.Add(r);
            }
        }
        return Bill(catalog, book, plan, history, rated, rejected, regions);
    }

    /// <summary>
    /// The aggregated replay: each group's representative rated once and weighted by the group's
    /// (scaled) count; only where an allowance runs out inside a group are calls rated one by one.
    /// </summary>
    public static ReplayResult Aggregated(TariffCatalog catalog, Plan plan, IReadOnlyList<ServiceDefinition> services, TrafficGroups groups, long[]? counts = null, HolidayCalendar? calendar = null, RegionResolver? regions = null)
    {
        var history = groups.History;
        counts ??= groups.Counts.ToArray();
        var book = SyntheticAccount(catalog, plan, services, history.Number, history.FirstDay, history.LastDay);
        var rater = new Rater(catalog, book, calendar, regions);
        var rated = new List<RatedCall>(groups.Count);
        var rejected = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            var remaining = counts[g];
            var rep = groups.Representatives[g];
            while (remaining > 0)
            {
                var r = rater.Rate(rep, out _);
                if (r is null)
                {
                    rejected += (int)remaining;
                    break;
                }
                remaining--;
                long weight = 1;
                if (remaining > 0 && remaining <= int.MaxValue && rater.TryRepeat(r, (int)remaining))
                {
                    weight += remaining;
                    remaining = 0;
                }
                rated.Add(weight == 1 ? r : Times(r, weight));
            }
        }
        return Bill(catalog, book, plan, history, rated, rejected, regions);
    }

    /// <summary><paramref name="k"/> identical calls as one rated call carrying k times every figure.</summary>
    private static RatedCall Times(RatedCall r, long k)
    {
        var pieces = new UsagePiece[r.Pieces.Length];
        for (var i = 0; i < pieces.Length; i++)
        {
            var p = r.Pieces[i];
            pieces[i] = p with { Units = (int)Math.Min(int.MaxValue, p.Units * k), BilledSeconds = p.BilledSeconds * k, CoveredSeconds = p.CoveredSeconds * k, Charge = p.Charge * k };
        }
        return new RatedCall
        {
            Call = r.Call,
            Subscription = r.Subscription,
            Version = r.Version,
            BillingFrom = r.BillingFrom,
            BillableSeconds = r.BillableSeconds * k,
            BilledSeconds = r.BilledSeconds * k,
            Units = (int)Math.Min(int.MaxValue, r.Units * k),
            Pieces = pieces,
            RegionId = r.RegionId,
            HasAllowance = r.HasAllowance,
            AllowanceBeforeSeconds = r.AllowanceBeforeSeconds,
            AllowanceAfterSeconds = r.AllowanceBeforeSeconds - r.AllowanceUsedSeconds * k,
            OverSuspendedAllowance = r.OverSuspendedAllowance,
            UsageCharge = r.UsageCharge * k,
            ConnectFee = r.ConnectFee * k,
            ServiceFees = r.ServiceFees.Select(f => f with { Amount = f.Amount * k }).ToArray(),
            CallerShare = r.CallerShare * k,
            CallerShareCharged = r.CallerShareCharged,
            ExactCharge = r.ExactCharge * k,
            Charge = r.Charge * k,
        };
    }

    private static readonly StatementOptions Options = new() { CallDetails = false };

    /// <summary>Bills every month of the history and turns the statements' lines into an annual cost.</summary>
    private static ReplayResult Bill(TariffCatalog catalog, AccountBook book, Plan plan, TrafficHistory history, List<RatedCall> rated, int rejected, RegionResolver? regions)
    {
        var account = book.Numbers.Single();
        var byMonth = rated.GroupBy(r => ChinaTime.MonthKey(r.Call.StartedMs)).ToDictionary(g => g.Key, g => g.ToList());
        var options = regions is null ? Options : Options with { Regions = regions };
        decimal package = 0, usage = 0, serviceUsage = 0, share = 0, minimum = 0, monthlyFees = 0, serviceFeesMonthly = 0, serviceFeesYearly = 0, promoPackage = 0, promoOther = 0;
        var statements = new List<Statement>(history.Months);
        for (var m = 0; m < history.Months; m++)
        {
            var first = history.FirstDay.AddMonths(m);
            var period = BillingPeriod.Parse($"{first.Year:D4}-{first.Month:D2}");
            var calls = byMonth.GetValueOrDefault(ChinaTime.MonthKey(first)) ?? [];
            var st = StatementBuilder.Build(account, period, catalog, calls, null, options);
            statements.Add(st);
            foreach (var l in st.Lines)
            {
                var a = l.Amount.Yuan;
                switch (l.Kind)
                {
                    case LineKind.Package: package += a; break;
                    case LineKind.Usage: usage += a; break;
                    case LineKind.UsageServiceFee or LineKind.ConnectFee: serviceUsage += a; break;
                    case LineKind.CallerShare: share += a; break;
                    case LineKind.MinimumTopUp: minimum += a; break;
                    case LineKind.MonthlyFee or LineKind.OutboundFee: monthlyFees += a; break;
                    case LineKind.ServiceFee when l.Key.Contains("|yearly", StringComparison.Ordinal):
                    case LineKind.Seats or LineKind.OneOff:
                        serviceFeesYearly += a; break;
                    case LineKind.ServiceFee: serviceFeesMonthly += a; break;
                    case LineKind.Promotion when l.Key.Contains("|package", StringComparison.Ordinal) || l.Trace.Term.EndsWith("of package", StringComparison.Ordinal):
                        promoPackage += a; break;
                    case LineKind.Promotion: promoOther += a; break;
                    default: break; // prepayment drawn: how it is paid, not what it costs
                }
            }
        }

        // Annualize: monthly things × 12/months; yearly and one-off things once a year (amortized
        // over a longer history); the package per term, amortized to a year.
        var months = history.Months;
        var perMonth = 12m / months;
        var perYear = 12m / Math.Max(12, months);
        var termMonths = plan.VersionAt(history.FirstDay)?.TermMonths ?? 12;
        var terms = (months + termMonths - 1) / termMonths;
        var perTerm = 12m / (termMonths * terms);
        Cny R(decimal x) => new Cny(x).RoundToFen();
        var pkg = R(package * perTerm);
        var promoPkg = R(promoPackage * perTerm);
        var parts = new
        {
            Usage = R(usage * perMonth),
            ServiceUsage = R(serviceUsage * perMonth),
            Share = R(share * perMonth),
            Minimum = R(minimum * perMonth),
            Monthly = R(monthlyFees * perMonth),
            Services = R(serviceFeesMonthly * perMonth + serviceFeesYearly * perYear),
            Promo = R(promoOther * perMonth),
        };
        var prepaid = pkg + promoPkg;
        var consumption = parts.Usage + parts.ServiceUsage + parts.Share + parts.Minimum + parts.Monthly + parts.Services + parts.Promo;
        var covered = package != 0 ? -Cny.Max(Cny.Zero, Cny.Min(prepaid, consumption)) : Cny.Zero;
        var breakdown = new CostBreakdown(pkg, parts.Usage, parts.ServiceUsage, parts.Share, parts.Minimum, parts.Monthly, parts.Services, parts.Promo + promoPkg, covered);
        return new ReplayResult(plan, breakdown, statements, rated.Count, rejected);
    }
}

/// <summary>A plan's replay: the annual cost, its parts, and the monthly statements it came from.</summary>
public sealed record ReplayResult(Plan Plan, CostBreakdown Breakdown, IReadOnlyList<Statement> Statements, int RatedEntries, int RejectedCalls)
{
    public Cny AnnualCost => Breakdown.Total;
}
