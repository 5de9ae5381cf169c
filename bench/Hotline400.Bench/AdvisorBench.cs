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
        var number = HotlineNumber.Parse("4006001234");
        var rnd = new Random(42);
        var callers = new[] { "13800138000", "02087654321", "01012345678", "15912345678", "075512345678" };
        var list = new List<CallRecord>(Calls);
        var start = Common.ChinaTime.StartOfDay(new DateOnly(2026, 1, 1));
        for (var i = 0; i < Calls; i++)
        {
            var s = start + (long)i * (365L * 86_400_000 / Calls) + rnd.Next(0, 1000);
            var talk = 60_000L * (1 + rnd.Next(0, 8)) - rnd.Next(0, 59_000);
            list.Add(new CallRecord
            {
                CallId = "b" + i, Number = number, Caller = CallerNumber.Classify(callers[i % callers.Length]),
                StartedMs = s, AnsweredMs = s + 8_000, EndedMs = s + 8_000 + talk,
                Outcome = Outcome.Answered, Recorded = false, Direction = Direction.In,
            });
        }
        _history = new TrafficHistory(number, list);
    }

    [Benchmark]
    public int AdviseAllPlans() => new PlanAdvisor(_catalog, _history, []).Advise().Plans.Count;
}
