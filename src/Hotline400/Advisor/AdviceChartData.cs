namespace Hotline400.Advisor;

/// <summary>One plan's annual cost at a range of monthly volumes (minutes), for charts.</summary>
public sealed record CostCurve(string PlanKey, string Name, string NameEn, IReadOnlyList<(long MonthlyMinutes, decimal AnnualCost)> Points);

/// <summary>Annual cost against monthly minutes for a few plans, plus the history's own volume.</summary>
public sealed record AdviceChartData(IReadOnlyList<CostCurve> Curves, decimal CurrentMonthlyMinutes)
{
    /// <summary>Evaluates each plan at <paramref name="points"/> + 1 volumes from 0 to <paramref name="maxMinutes"/>.</summary>
    public static AdviceChartData Build(PlanAdvisor advisor, IReadOnlyList<Catalog.Plan> plans, long maxMinutes, int points)
    {
        var (offered, _) = advisor.Candidates();
        var services = plans.Select(p => offered.First(o => o.Plan.Key == p.Key).Services).ToArray();
        // Every (plan, volume) replays on its own: all on all cores, then read in order.
        var costs = new decimal[plans.Count, points + 1];
        Parallel.For(0, plans.Count * (points + 1), n =>
        {
            var (p, k) = (n / (points + 1), n % (points + 1));
            costs[p, k] = advisor.CostAtMonthlyMinutes(plans[p], services[p], maxMinutes * k / points).Total.Yuan;
        });
        var curves = plans.Select((p, i) => new CostCurve(p.Key, p.Name.Zh, p.Name.En.Length > 0 ? p.Name.En : p.Name.Zh,
            Enumerable.Range(0, points + 1).Select(k => (maxMinutes * k / points, costs[i, k])).ToList())).ToList();
        return new AdviceChartData(curves, advisor.MonthlyMinutes);
    }
}
