using BenchmarkDotNet.Attributes;
using Hotline400.Advisor;
using Hotline400.Calls;
using Hotline400.Catalog;
using Hotline400.Numbers;

namespace Hotline400.Bench;

/// <summary>
/// The advisor target: one year of a busy number's history (1,000,000 calls) under 30 plans (the
/// sample catalog's 23 and 7 more, <see cref="ThirtyPlans"/>) — folding the calls and replaying
/// each plan, ranked.
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
        _catalog = ThirtyPlans();
        _history = History(Calls);
    }

    /// <summary>
    /// The sample catalog's 23 plans and 7 more of a benchmark provider, 30 in all. The extra plans
    /// add rating classes that fold least: per-second and 6-second billing with time bands, a split
    /// band plan with a month allowance, region rates by the second, graduated tiers by the second,
    /// and an 800 plan with bands.
    /// </summary>
    public static TariffCatalog ThirtyPlans()
    {
        const string extra = """

              - id: bench
                name: { zh: 基准测试运营商, en: Benchmark provider }
                grades:
                  - { id: standard, name: { zh: 普通号码, en: Standard number }, selection_fee: 0, monthly_minimum: 0, deposit: 0 }
                plans:
                  - id: b-sec-bands
                    name: { zh: 按秒忙闲时, en: "Per second, peak and off-peak" }
                    versions:
                      - version: 1
                        effective: 2025-01-01
                        rate: 0.12
                        billing: { start: answer, increment: 1, rounding: per_call }
                        bands:
                          - { id: peak, name: { zh: 忙时, en: Peak }, days: [workday], from: "08:00", to: "20:00", rate: 0.12 }
                          - { id: offpeak, name: { zh: 闲时, en: Off-peak }, days: [workday], from: "20:00", to: "08:00", rate: 0.07 }
                          - { id: rest, name: { zh: 休息日, en: Rest day }, days: [rest], from: "00:00", to: "24:00", rate: 0.06 }
                  - id: b-6s-night
                    name: { zh: 六秒夜间优惠, en: "6 seconds, night discount" }
                    versions:
                      - version: 1
                        effective: 2025-01-01
                        rate: 0.11
                        billing: { start: answer, increment: 6, minimum_seconds: 30, rounding: per_line }
                        bands:
                          - { id: day, name: { zh: 日间, en: Daytime }, days: [all], from: "07:00", to: "23:00", rate: 0.11 }
                          - { id: night, name: { zh: 夜间, en: Night }, days: [all], from: "23:00", to: "07:00", rate: 0.05 }
                  - id: b-split-allowance
                    name: { zh: 分时段含分钟, en: Split bands with minutes }
                    versions:
                      - version: 1
                        effective: 2025-01-01
                        rate: 0.10
                        billing: { start: answer, increment: 60, rounding: per_call, bands_by: split }
                        bands:
                          - { id: day, name: { zh: 日间, en: Daytime }, days: [all], from: "08:00", to: "18:00", rate: 0.10 }
                          - { id: evening, name: { zh: 晚间, en: Evening }, days: [all], from: "18:00", to: "08:00", rate: 0.06 }
                        allowance: { minutes: 20000, per: month, on_exhausted: overage, overage_rate: 0.12 }
                        monthly_fee: 100
                  - id: b-region-sec
                    name: { zh: 按秒地区价, en: "Per second, regional rates" }
                    versions:
                      - version: 1
                        effective: 2025-01-01
                        rate: 0.12
                        billing: { start: answer, increment: 1, rounding: per_call }
                        regions:
                          - { match: [广东省], rate: 0.08 }
                          - { match: [北京市, 上海市], rate: 0.10 }
                  - id: b-tiers-sec
                    name: { zh: 按秒阶梯, en: "Per second, graduated tiers" }
                    versions:
                      - version: 1
                        effective: 2025-01-01
                        rate: 0.12
                        billing: { start: answer, increment: 1, rounding: per_line }
                        tiers:
                          mode: graduated
                          steps:
                            - { from: 0, rate: 0.12 }
                            - { from: 20000, rate: 0.09 }
                            - { from: 40000, rate: 0.07 }
                  - id: b-800-bands
                    name: { zh: 800忙闲时, en: 800 with bands }
                    kind: tollfree800
                    versions:
                      - version: 1
                        effective: 2025-01-01
                        rate: 0.10
                        billing: { start: answer, increment: 60, rounding: per_call }
                        bands:
                          - { id: peak, name: { zh: 忙时, en: Peak }, days: [workday], from: "09:00", to: "18:00", rate: 0.10 }
                          - { id: offpeak, name: { zh: 闲时, en: Off-peak }, days: [workday], from: "18:00", to: "09:00", rate: 0.06 }
                          - { id: rest, name: { zh: 休息日, en: Rest day }, days: [rest], from: "00:00", to: "24:00", rate: 0.05 }
                  - id: b-min30
                    name: { zh: 三十秒起计, en: 30-second minimum then per second }
                    versions:
                      - version: 1
                        effective: 2025-01-01
                        rate: 0.10
                        billing: { start: answer, first_block: { seconds: 30, price: 0.06 }, increment: 1, rounding: per_call }
                        monthly_fee: 20
            """;
        var text = Common.SampleData.CatalogYaml.TrimEnd() + "\n" + extra;
        var result = CatalogLoader.Load(text, "sample+bench");
        if (!result.Ok || result.Value is not { } catalog)
        {
            throw new InvalidOperationException("benchmark catalog: " + string.Join("; ", result.Diagnostics));
        }
        return catalog;
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
        string? file = null;
        string? only = null;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--calls")
            {
                calls = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            }
            if (args[i] == "--file")
            {
                file = args[i + 1];
            }
            if (args[i] == "--plan")
            {
                only = args[i + 1];
            }
        }
        var catalog = ThirtyPlans();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        TrafficHistory history;
        if (file is null)
        {
            history = History(calls);
        }
        else
        {
            // A real export (e.g. one number's year from `hotline400 simulate`), read as `advise` reads it.
            var errors = new List<Common.LocalizedText>();
            history = new TrafficHistoryReader(ColumnMap.Default).ReadFiles([file], errors) ?? throw new InvalidOperationException(string.Join("; ", errors.Select(e => e.En)));
            calls = history.Count;
            Console.WriteLine($"read {calls:N0} calls of {history.Number.ToDisplayString()} from {file}: {sw.Elapsed.TotalMilliseconds:N0} ms");
        }
        sw.Restart();
        var groups = new TrafficGroups(history, catalog);
        Console.WriteLine($"reduce {calls:N0} calls to their facts: {sw.Elapsed.TotalMilliseconds:N0} ms");
        if (only is not null)
        {
            // One plan's replay, over and over: for a profiler.
            var plan = catalog.FindPlan(only) ?? throw new ArgumentException($"no plan {only} in the benchmark catalog");
            for (var run = 0; run < 20; run++)
            {
                sw.Restart();
                var result = PlanReplay.Aggregated(catalog, plan, [], groups);
                Console.WriteLine($"{plan.Key}: replay {result.RatedEntries:N0} entries {sw.Elapsed.TotalMilliseconds:N0} ms");
            }
            return 0;
        }
        // Each plan twice: the first replay pays for compiling the code its rules take.
        foreach (var plan in catalog.Plans)
        {
            sw.Restart();
            var cls = groups.ClassOf(plan, []);
            var classMs = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var result = PlanReplay.Aggregated(catalog, plan, [], groups);
            var coldMs = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            PlanReplay.Aggregated(catalog, plan, [], groups);
            Console.WriteLine($"{plan.Key,-28} class {cls.Count,7:N0} groups {classMs,6:N0} ms   replay {result.RatedEntries,7:N0} entries {coldMs,6:N0} ms cold {sw.Elapsed.TotalMilliseconds,6:N0} ms warm   {result.AnnualCost}");
        }
        static TimeSpan Cpu() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        for (var run = 0; run < 5; run++)
        {
            sw.Restart();
            var cpu = Cpu();
            var again = new TrafficGroups(history, catalog);
            Console.WriteLine($"reduce again: {sw.Elapsed.TotalMilliseconds:N0} ms (wall), {(Cpu() - cpu).TotalMilliseconds:N0} ms CPU");
            var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            sw.Restart();
            cpu = Cpu();
            var advice = new PlanAdvisor(catalog, history, []).Advise();
            Console.WriteLine($"advise (fold + rank), all {advice.Plans.Count} plans: {sw.Elapsed.TotalMilliseconds:N0} ms (wall), {(Cpu() - cpu).TotalMilliseconds:N0} ms CPU, "
                + $"GCs gen0/1/2 {GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3}");
        }
        return 0;
    }
}
