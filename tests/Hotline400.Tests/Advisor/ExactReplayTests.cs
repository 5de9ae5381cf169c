using Hotline400.Advisor;
using Hotline400.Calls;
using Hotline400.Catalog;
using Hotline400.Numbers;
using Xunit;

namespace Hotline400.Tests.Advisor;

/// <summary>
/// The advisor's aggregated replay must give exactly what rating every call one by one gives, on
/// histories dense enough that allowances run out and tier steps change in the middle of a month,
/// calls cross band boundaries, and per-second calls are rounded per call.
/// </summary>
public class ExactReplayTests
{
    private static readonly HotlineNumber Number = HotlineNumber.Parse("4006001234");

    private static readonly string[] Callers = ["13800138000", "02087654321", "01012345678", "", "15912345678", "075512345678", "13912345678", "02112345678"];

    /// <summary>
    /// September and October 2026 (National Day holidays and the adjusted working Saturday
    /// included): calls at any time of day, 1 s to 30 min, every outcome, some outbound.
    /// </summary>
    private static List<CallRecord> Dense(int callsPerDay, int seed)
    {
        var rnd = new Random(seed);
        var calls = new List<CallRecord>();
        var first = new DateOnly(2026, 9, 1);
        for (var d = 0; d < 61; d++)
        {
            var dayStart = global::Hotline400.Common.ChinaTime.StartOfDay(first.AddDays(d));
            for (var k = 0; k < callsPerDay; k++)
            {
                var start = dayStart + rnd.NextInt64(0, 86_400_000);
                var ring = rnd.Next(0, 30_000);
                var talk = rnd.Next(4) switch
                {
                    0 => rnd.Next(1, 60) * 1000L + rnd.Next(0, 1000),
                    1 => rnd.Next(60, 300) * 1000L,
                    2 => rnd.Next(1, 8) * 60_000L,
                    _ => rnd.Next(300, 1800) * 1000L + rnd.Next(0, 1000),
                };
                var kind = rnd.Next(20);
                var outcome = kind switch
                {
                    < 15 => Outcome.Answered,
                    15 => Outcome.Voicemail,
                    16 => Outcome.Busy,
                    17 => Outcome.Blocked,
                    _ => Outcome.Missed,
                };
                var answered = outcome == Outcome.Answered;
                calls.Add(new CallRecord
                {
                    CallId = $"d{d:D2}-{k:D4}",
                    Number = Number,
                    Caller = CallerNumber.Classify(Callers[rnd.Next(Callers.Length)]),
                    StartedMs = start,
                    AnsweredMs = answered ? start + ring : CallRecord.NotAnswered,
                    EndedMs = start + ring + (answered ? talk : rnd.Next(1_000, 20_000)),
                    Outcome = outcome,
                    Recorded = rnd.Next(3) == 0,
                    Direction = rnd.Next(25) == 0 && Callers[k % Callers.Length].Length > 0 ? Direction.Out : Direction.In,
                });
            }
        }
        return calls;
    }

    public static TheoryData<bool> WithAndWithoutServices => new() { false, true };

    [Theory]
    [MemberData(nameof(WithAndWithoutServices))]
    public void Every_plan_replays_exactly_when_allowances_run_out_and_tiers_change_mid_month(bool withServices)
    {
        var history = new TrafficHistory(Number, Dense(140, 11));
        Assert.True(history.MonthlyMinutes > 2_500, $"the history must exhaust the month allowances (it has {history.MonthlyMinutes:N0} min a month)");
        foreach (var catalog in new[] { TestWorld.Catalog, CatalogLoader.Sample() })
        {
            var needs = withServices ? new[] { "ivr", "recording" }.Where(n => catalog.Providers.All(p => p.FindService(n) is not null)).ToArray() : [];
            var advisor = new PlanAdvisor(catalog, history, needs);
            foreach (var (plan, services) in advisor.Candidates().Offered)
            {
                Assert.True(advisor.Groups.ClassOf(plan, services).Count < advisor.Year.Calls.Count, $"{plan.Key}: calls it rates alike fold");
                var straight = PlanReplay.Straight(catalog, plan, services, advisor.Year);
                var aggregated = PlanReplay.Aggregated(catalog, plan, services, advisor.Groups);
                Assert.True(straight.Breakdown == aggregated.Breakdown, $"{plan.Key}: straight {straight.Breakdown} vs aggregated {aggregated.Breakdown}");
                Assert.Equal(straight.Statements.Select(s => s.Total), aggregated.Statements.Select(s => s.Total));
                Assert.Equal(straight.RejectedCalls, aggregated.RejectedCalls);
            }
        }
    }

    [Fact]
    public void Calls_of_an_hour_and_more_replay_exactly()
    {
        // A class fold finds the billed seconds of calls up to 4,096 s in a table made once per
        // class, and asks the rater for longer ones: calls on both sides of that length must rate
        // as they do one by one, alone and in groups.
        int[] talks = [1, 59, 61, 3599, 4094, 4095, 4096, 4097, 4100, 4156, 5000, 7200, 10_000];
        var first = new DateOnly(2026, 3, 2);
        var calls = Enumerable.Range(0, 260)
            .Select(i => AdvisorTests.Call($"l{i:D3}", first.AddDays(i % 20), talks[i % talks.Length], i / 20 * 30, Callers[i % 3]))
            .ToList();
        foreach (var catalog in new[] { TestWorld.Catalog, CatalogLoader.Sample() })
        {
            var advisor = new PlanAdvisor(catalog, new TrafficHistory(Number, calls), []);
            foreach (var (plan, services) in advisor.Candidates().Offered)
            {
                var straight = PlanReplay.Straight(catalog, plan, services, advisor.Year);
                var aggregated = PlanReplay.Aggregated(catalog, plan, services, advisor.Groups);
                Assert.True(straight.Breakdown == aggregated.Breakdown, $"{plan.Key}: straight {straight.Breakdown} vs aggregated {aggregated.Breakdown}");
                Assert.Equal(straight.Statements.Select(s => s.Total), aggregated.Statements.Select(s => s.Total));
            }
        }
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(1.3)]
    [InlineData(2.0)]
    public void A_scaled_replay_equals_rating_each_call_as_many_times_as_it_is_copied(double factorValue)
    {
        var factor = (decimal)factorValue;
        var calls = Dense(60, 5);
        var history = new TrafficHistory(Number, calls);
        var catalog = TestWorld.Catalog;
        var groups = new TrafficGroups(history, catalog);
        var copies = groups.Copies(factor)!;
        Assert.Equal((long)decimal.Round(factor * calls.Count, MidpointRounding.AwayFromZero), copies.Sum(c => (long)c));

        // The scaled history spelled out: call i occurs copies[i] times, each copy a call of its own.
        var scaled = new List<CallRecord>();
        for (var i = 0; i < history.Calls.Count; i++)
        {
            var c = history.Calls[i];
            for (var k = 0; k < copies[i]; k++)
            {
                scaled.Add(new CallRecord
                {
                    CallId = $"{c.CallId}#{k}",
                    Number = c.Number,
                    Caller = c.Caller,
                    StartedMs = c.StartedMs,
                    AnsweredMs = c.AnsweredMs,
                    EndedMs = c.EndedMs,
                    Outcome = c.Outcome,
                    Recorded = c.Recorded,
                    Direction = c.Direction,
                });
            }
        }
        var spelled = new TrafficHistory(Number, scaled);
        foreach (var plan in catalog.Plans)
        {
            var straight = PlanReplay.Straight(catalog, plan, [], spelled);
            var aggregated = PlanReplay.Aggregated(catalog, plan, [], groups, factor);
            Assert.True(straight.Breakdown == aggregated.Breakdown, $"{plan.Key} × {factor}: straight {straight.Breakdown} vs aggregated {aggregated.Breakdown}");
        }
    }

    [Fact]
    public void Groups_refuse_a_plan_of_another_catalog()
    {
        var history = new TrafficHistory(Number, Dense(5, 1));
        var groups = new TrafficGroups(history, TestWorld.Catalog);
        var stranger = TestWorld.Catalog.Plans.Single(p => p.Key == "p/peak"); // same text, another instance
        var error = Assert.Throws<ArgumentException>(() => groups.ClassOf(stranger, []));
        Assert.Contains("p/peak is not from the catalog", error.Message);
    }

    [Fact]
    public void Per_second_calls_rounded_per_call_fold_without_losing_a_fen()
    {
        // 0.30/min per second, rounded per call: a 7-second call is 0.035 → 0.04 (half away from
        // zero); three of them are 0.12, not round(0.105) = 0.11.
        const string yaml = """
            providers:
              - id: p
                name: { zh: 测试, en: Test }
                plans:
                  - id: sec
                    name: { zh: 按秒, en: Per second }
                    versions:
                      - version: 1
                        effective: 2025-01-01
                        rate: 0.30
                        billing: { increment: 1, rounding: per_call }
            """;
        var catalog = TestWorld.LoadCatalog(yaml);
        var day = new DateOnly(2026, 3, 2);
        var calls = Enumerable.Range(0, 3).Select(i => AdvisorTests.Call($"s{i}", day, 7, i)).ToList();
        var history = new TrafficHistory(Number, calls);
        var groups = new TrafficGroups(history, catalog);
        var plan = catalog.Plans.Single();
        var aggregated = PlanReplay.Aggregated(catalog, plan, [], groups);
        Assert.Equal(1, aggregated.RatedEntries); // the three calls rated once, counted three times
        Assert.Equal(0.12m, aggregated.Statements.Single().Total.Yuan);
        Assert.Equal(PlanReplay.Straight(catalog, plan, [], history).Breakdown, aggregated.Breakdown);
    }
}
