namespace Hotline400.Advisor;

/// <summary>One plan's annual cost at a range of monthly volumes (minutes), for charts.</summary>
public sealed record CostCurve(string PlanKey, string Name, IReadOnlyList<(long MonthlyMinutes, decimal AnnualCost)> Points);

/// <summary>Annual cost against monthly minutes for a few plans, plus the history's own volume.</summary>
public sealed record AdviceChartData(IReadOnlyList<CostCurve> Curves, decimal CurrentMonthlyMinutes)
{
    /// <summary>Evaluates each plan at <paramref name="points"/> + 1 volumes from 0 to <paramref name="maxMinutes"/>.</summary>
    public static AdviceChartData Build(PlanAdvisor advisor, IReadOnlyList<Catalog.Plan> plans, long maxMinutes, int points)
    {
        var (offered, _) = advisor.Candidates();
        var curves = plans.Select(p =>
        {
            var services = offered.First(o => o.Plan.Key == p.Key).Services;
            var pts = Enumerable.Range(0, points + 1)
                .Select(k => maxMinutes * k / points)
                .Select(m => (m, advisor.CostAtMonthlyMinutes(p, services, m).Total.Yuan))
                .ToList();
            return new CostCurve(p.Key, p.Name.Zh, pts);
        }).ToList();
        return new AdviceChartData(curves, advisor.History.MonthlyMinutes);
    }
}
