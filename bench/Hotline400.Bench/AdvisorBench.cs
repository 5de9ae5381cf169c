using BenchmarkDotNet.Attributes;
using Hotline400.Advisor;
using Hotline400.Calls;
using Hotline400.Catalog;
using Hotline400.Numbers;

namespace Hotline400.Bench;

/// <summary>
/// The advisor target: one year of a busy number's history (1,000,000 calls) under every plan of
/// the sample catalog (23 plans) — grouping the calls and replaying each plan, ranked.
/// </summary>
[MemoryDiagnoser]
public class AdvisorBench
{
    private TariffCatalog _catalog = null!;
    private TrafficHistory _history = null!;

    [Params(1_000_000)]
    public int Calls;

    [GlobalSetup]
    public void Setup()
    {
        _catalog = CatalogLoader.Sample();
        _history = History(Calls);
    }

    [Benchmark]
    public int AdviseAllPlans() => new PlanAdvisor(_catalog, _history, []).Advise().Plans.Count;

    /// <summary>A year of one number's answered calls, evenly spread, 1–8 minute talks, five callers.</summary>
    public static TrafficHistory History(int calls)
    {
        var number = HotlineNumber.Parse("4006001234");
        var rnd = new Random(42);
        var callers = new[] { "13800138000", "02087654321", "01012345678", "15912345678", "075512345678" };
        var list = new List<CallRecord>(calls);
        var start = Common.ChinaTime.StartOfDay(new DateOnly(2026, 1, 1));
        for (var i = 0; i < calls; i++)
        {
            var s = start + (long)i * (365L * 86_400_000 / calls) + rnd.Next(0, 1000);
            var talk = 60_000L * (1 + rnd.Next(0, 8)) - rnd.Next(0, 59_000);
            list.Add(new CallRecord
            {
                CallId = "b" + i, Number = number, Caller = CallerNumber.Classify(callers[i % callers.Length]),
                StartedMs = s, AnsweredMs = s + 8_000, EndedMs = s + 8_000 + talk,
                Outcome = Outcome.Answered, Recorded = false, Direction = Direction.In,
            });
        }
        return new TrafficHistory(number, list);
    }

    /// <summary>
    /// `advise [--calls N]`: where the advisor's time goes on the benchmark history: folding the
    /// calls, then each plan's replay (its rating class, class groups and rated entries), then the
    /// whole ranking as `advise` runs it (plans in parallel).
    /// </summary>
    public static int Run(string[] args)
    {
        var calls = 1_000_000;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--calls")
            {
                calls = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        var catalog = CatalogLoader.Sample();
        var history = History(calls);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var groups = new TrafficGroups(history, catalog);
        Console.WriteLine($"fold {calls:N0} calls into {groups.Count:N0} groups: {sw.Elapsed.TotalMilliseconds:N0} ms");
        foreach (var plan in catalog.Plans)
        {
            sw.Restart();
            var cls = groups.ClassOf(plan);
            var classMs = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var result = PlanReplay.Aggregated(catalog, plan, [], groups);
            Console.WriteLine($"{plan.Key,-28} class {cls.Count,7:N0} groups {classMs,6:N0} ms   replay {result.RatedEntries,7:N0} entries {sw.Elapsed.TotalMilliseconds,6:N0} ms   {result.AnnualCost}");
        }
        for (var run = 0; run < 3; run++)
        {
            sw.Restart();
            var again = new TrafficGroups(history, catalog);
            Console.WriteLine($"fold again: {sw.Elapsed.TotalMilliseconds:N0} ms");
            sw.Restart();
            var advice = new PlanAdvisor(catalog, history, []).Advise();
            Console.WriteLine($"advise, all {advice.Plans.Count} plans ranked: {sw.Elapsed.TotalMilliseconds:N0} ms (wall), process CPU {System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:N1} s so far");
        }
        return 0;
    }
}
