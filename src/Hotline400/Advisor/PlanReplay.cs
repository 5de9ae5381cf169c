using Hotline400.Accounts;
using Hotline400.Billing;
using Hotline400.Calendar;
using Hotline400.Calls;
using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Numbers;
using Hotline400.Rating;
using Cny = Hotline400.Money.Money;

namespace Hotline400.Advisor;

/// <summary>
/// An annual cost split the way a finance person reads it. The parts add up exactly to
/// <see cref="Total"/>. <see cref="CoveredByPackage"/> is the consumption the package's prepayment
/// paid for (negative), up to the package price (the credit it buys): with a package, the year
/// costs the package or the consumption, whichever is more, less the promotions on the package.
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
    /// <summary>
    /// The synthetic account: the history's number on <paramref name="plan"/> from its first to its
    /// last month, on <paramref name="grade"/> (the number's own, when it keeps it) or else the
    /// provider's standard grade.
    /// </summary>
    public static AccountBook SyntheticAccount(TariffCatalog catalog, Plan plan, IReadOnlyList<ServiceDefinition> services, HotlineNumber number, DateOnly from, DateOnly to, int areaCode = 0, Grade? grade = null)
    {
        var provider = catalog.FindProvider(plan.ProviderId);
        grade ??= provider?.FindGrade("standard") ?? provider?.Grades.FirstOrDefault(g => g.SelectionFee == Cny.Zero && g.MonthlyMinimum == Cny.Zero)
            ?? new Grade("standard", new LocalizedText("普通号码", "Standard number"), null, Cny.Zero, Cny.Zero, Cny.Zero);
        var sub = new Subscription(0, number, plan, from, to);
        var enrolled = services.Select(s => new ServiceEnrollment(s, from, to)).ToList();
        var account = new NumberAccount(number, "advisor", grade, areaCode, [sub], enrolled, [], Distribution.Sequential);
        return new AccountBook("advisor", [new Enterprise("advisor", new LocalizedText("比价", "Advisor"), [account])]);
    }

    /// <summary>The straightforward replay: every call rated one by one. The reference the aggregated replay must equal.</summary>
    public static ReplayResult Straight(TariffCatalog catalog, Plan plan, IReadOnlyList<ServiceDefinition> services, TrafficHistory history, HolidayCalendar? calendar = null, RegionResolver? regions = null, Grade? grade = null)
    {
        var book = SyntheticAccount(catalog, plan, services, history.Number, history.FirstDay, history.LastDay, grade: grade);
        var rater = new Rater(catalog, book, calendar, regions);
        var rated = NewMonths(history);
        var rejected = 0;
        RatingReject? firstReject = null;
        for (var i = 0; i < history.Count; i++)
        {
            var c = history.Call(i);
            var r = rater.Rate(c, out var reject);
            if (r is null)
            {
                firstReject ??= reject;
                rejected++;
            }
            else
            {
                var date = ChinaTime.Date(c.StartedMs);
                rated[(date.Year - history.FirstDay.Year) * 12 + date.Month - history.FirstDay.Month].Add(r);
            }
        }
        return Bill(catalog, book, plan, history, rated, regions) with { RejectedCalls = rejected, FirstReject = firstReject };
    }

    /// <summary>
    /// The aggregated replay, exact: each month's calls are cut where the plan's allowance runs out
    /// and where a tier step begins (found from the seconds each call consumes, in rating order);
    /// between two cuts every call of a class group rates alike, so one call is rated for the group
    /// with its count (<see cref="Rater.TryRepeat"/>), and a call across a cut is rated on its own.
    /// With <paramref name="factor"/> ≠ 1 each call occurs as many times as <see cref="CallCopies"/> says.
    /// </summary>
    public static ReplayResult Aggregated(TariffCatalog catalog, Plan plan, IReadOnlyList<ServiceDefinition> services, TrafficGroups groups, decimal factor = 1m, HolidayCalendar? calendar = null, RegionResolver? regions = null, Grade? grade = null)
    {
        var history = groups.History;
        var book = SyntheticAccount(catalog, plan, services, history.Number, history.FirstDay, history.LastDay, grade: grade);
        var rater = new Rater(catalog, book, calendar, regions);
        var ratingClass = groups.ClassOf(plan, services);
        var groupCounts = ratingClass.Counts(factor);
        var reps = ratingClass.Representatives;
        var scaled = factor != 1m;
        var consumed = new long[ratingClass.Count];
        Array.Fill(consumed, -1);
        var counts = new long[ratingClass.Count];
        var touched = new List<int>();
        var cuts = new List<long>();
        var byMonth = NewMonths(history);
        var rated = byMonth[0]; // the month being replayed
        long rejected = 0;
        RatingReject? firstReject = null;

        void Rate(CallRecord call, long count)
        {
            while (count > 0)
            {
                var r = rater.Rate(call, out var reject);
                if (r is null)
                {
                    firstReject ??= reject;
                    rejected += count;
                    return;
                }
                count--;
                long weight = 1;
                if (count > 0 && count <= int.MaxValue && rater.TryRepeat(r, (int)count))
                {
                    weight += count;
                    count = 0;
                }
                rated.Add(r.Times(weight));
            }
        }

        void Flush()
        {
            foreach (var g in touched)
            {
                Rate(history.Call(reps[g]), counts[g]);
                counts[g] = 0;
            }
            touched.Clear();
        }

        for (var m = 0; m < history.Months; m++)
        {
            var (from, to) = groups.MonthRange(m);
            if (from == to)
            {
                continue;
            }
            rated = byMonth[m];
            var version = plan.VersionAt(ChinaTime.Date(history.Rows[from].StartedMs));
            if (version is null || !SameCutsAllMonth(plan, version, history.Rows[to - 1].StartedMs))
            {
                // No version yet (every call is rejected), or one that changes its allowance or tiers mid-month: call by call.
                var each = new CallCopies(factor, from);
                for (var i = from; i < to; i++)
                {
                    Rate(history.Call(i), scaled ? each.Next() : 1);
                }
                continue;
            }
            cuts.Clear();
            if (version.Allowance is not null && rater.AllowanceLeftSeconds(history.Call(from)) is > 0 and var left)
            {
                cuts.Add(left);
            }
            if (version.Tiers is { } tiers)
            {
                cuts.AddRange(tiers.Steps.Skip(1).Select(s => s.FromMinutes * 60).Where(s => s > 0));
            }
            cuts.Sort();
            var (firstGroup, endGroup) = ratingClass.MonthGroups(m);
            if (cuts.Count > 0)
            {
                long monthVolume = 0;
                for (var g = firstGroup; g < endGroup; g++)
                {
                    if (groupCounts[g] > 0 && consumed[g] < 0)
                    {
                        consumed[g] = rater.ConsumedSeconds(history.Call(reps[g]));
                    }
                    monthVolume += groupCounts[g] * Math.Max(0, consumed[g]);
                }
                if (monthVolume < cuts[0])
                {
                    cuts.Clear();
                }
            }
            if (cuts.Count == 0)
            {
                // No allowance runs out and no tier step begins this month: every class group rates alike.
                for (var g = firstGroup; g < endGroup; g++)
                {
                    Rate(history.Call(reps[g]), groupCounts[g]);
                }
                continue;
            }
            long volume = 0;
            var next = 0; // cuts[next] is the first cut above the volume so far
            var copies = new CallCopies(factor, from);
            for (var i = from; i < to; i++)
            {
                var n = scaled ? copies.Next() : 1;
                if (n == 0)
                {
                    continue;
                }
                var g = ratingClass.GroupOf(i);
                if (consumed[g] < 0)
                {
                    consumed[g] = rater.ConsumedSeconds(history.Call(reps[g]));
                }
                var after = volume + n * consumed[g];
                if (next < cuts.Count && after >= cuts[next])
                {
                    // This call reaches a cut: everything before it is rated, then it on its own.
                    Flush();
                    Rate(history.Call(i), n);
                    volume = after;
                    while (next < cuts.Count && cuts[next] <= volume)
                    {
                        next++;
                    }
                    continue;
                }
                if (counts[g] == 0)
                {
                    touched.Add(g);
                }
                counts[g] += n;
                volume = after;
            }
            Flush();
        }
        return Bill(catalog, book, plan, history, byMonth, regions) with { RejectedCalls = rejected, FirstReject = firstReject };
    }

    /// <summary>Whether the versions in force from <paramref name="version"/> to the date of <paramref name="lastStartedMs"/> keep the same allowance and tiers.</summary>
    private static bool SameCutsAllMonth(Plan plan, PlanVersion version, long lastStartedMs)
    {
        var lastDate = ChinaTime.Date(lastStartedMs);
        foreach (var v in plan.Versions)
        {
            if (v.Effective > version.Effective && v.Effective <= lastDate && (v.Allowance != version.Allowance || v.Tiers != version.Tiers))
            {
                return false;
            }
        }
        return true;
    }

    private static readonly StatementOptions Options = new() { CallDetails = false };

    /// <summary>An empty list of rated calls for each month of the history.</summary>
    private static List<RatedCall>[] NewMonths(TrafficHistory history) => Enumerable.Range(0, history.Months).Select(_ => new List<RatedCall>()).ToArray();

    /// <summary>Bills every month of the history and turns the statements' lines into an annual cost.</summary>
    private static ReplayResult Bill(TariffCatalog catalog, AccountBook book, Plan plan, TrafficHistory history, List<RatedCall>[] byMonth, RegionResolver? regions)
    {
        var account = book.Numbers.Single();
        var options = regions is null ? Options : Options with { Regions = regions };
        decimal billedMinutes = 0;
        decimal package = 0, usage = 0, serviceUsage = 0, share = 0, minimum = 0, monthlyFees = 0, serviceFeesMonthly = 0, serviceFeesYearly = 0, promoPackage = 0, promoOther = 0;
        var statements = new List<Statement>(history.Months);
        for (var m = 0; m < history.Months; m++)
        {
            var first = history.FirstDay.AddMonths(m);
            var period = BillingPeriod.Parse($"{first.Year:D4}-{first.Month:D2}");
            var st = StatementBuilder.Build(account, period, catalog, byMonth[m], null, options);
            statements.Add(st);
            foreach (var l in st.Lines)
            {
                var a = l.Amount.Yuan;
                switch (l.Kind)
                {
                    case LineKind.Package: package += a; break;
                    case LineKind.Usage:
                        usage += a;
                        billedMinutes += l.Unit == QuantityUnit.Minute ? l.Quantity : 0;
                        break;
                    case LineKind.UsageServiceFee or LineKind.ConnectFee: serviceUsage += a; break;
                    case LineKind.CallerShare: share += a; break;
                    case LineKind.MinimumTopUp: minimum += a; break;
                    case LineKind.MonthlyFee or LineKind.OutboundFee: monthlyFees += a; break;
                    case LineKind.ServiceFee when l.Key.Contains("|yearly", StringComparison.Ordinal):
                    case LineKind.Seats or LineKind.OneOff:
                        serviceFeesYearly += a; break;
                    case LineKind.ServiceFee: serviceFeesMonthly += a; break;
                    case LineKind.Promotion when PackageLines.IsDiscount(l):
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
        // The package's price is the credit its prepayment buys; a promotion on the package lowers
        // what is paid for it, not the consumption it covers (docs/billing.md).
        var consumption = parts.Usage + parts.ServiceUsage + parts.Share + parts.Minimum + parts.Monthly + parts.Services + parts.Promo;
        var covered = package != 0 ? -Cny.Max(Cny.Zero, Cny.Min(pkg, consumption)) : Cny.Zero;
        var breakdown = new CostBreakdown(pkg, parts.Usage, parts.ServiceUsage, parts.Share, parts.Minimum, parts.Monthly, parts.Services, parts.Promo + promoPkg, covered);
        return new ReplayResult(plan, breakdown, statements, byMonth.Sum(r => r.Count)) { BilledMinutesPerMonth = billedMinutes / months };
    }
}

/// <summary>A plan's replay: the annual cost, its parts, and the monthly statements it came from.</summary>
public sealed record ReplayResult(Plan Plan, CostBreakdown Breakdown, IReadOnlyList<Statement> Statements, int RatedEntries)
{
    /// <summary>Calls of the history (scaled, when it was) that the plan cannot rate, such as outbound calls on a plan without outbound rates.</summary>
    public long RejectedCalls { get; init; }

    /// <summary>Why the first of them could not be rated.</summary>
    public RatingReject? FirstReject { get; init; }

    /// <summary>
    /// Minutes the plan bills a month on average (its usage lines, allowance-covered minutes
    /// included): what the usage cost is made of. It differs from plan to plan (billing from pick-up
    /// with IVR or voicemail, increments of 6 s or a second) and from the history's talk minutes.
    /// </summary>
    public decimal BilledMinutesPerMonth { get; init; }

    public Cny AnnualCost => Breakdown.Total;
}
