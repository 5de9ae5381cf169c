using CsCheck;
using Hotline400.Advisor;
using Hotline400.Calls;
using Hotline400.Catalog;
using Hotline400.Numbers;
using Xunit;

namespace Hotline400.Tests.Advisor;

public class AdvisorTests
{
    private static readonly HotlineNumber Number = HotlineNumber.Parse("4006001234");

    /// <summary>One answered call of <paramref name="talkSeconds"/> at 10:00 China time plus <paramref name="minuteOffset"/>.</summary>
    internal static CallRecord Call(string id, DateOnly day, int talkSeconds, int minuteOffset = 0, string caller = "13800138000", HotlineNumber? number = null)
    {
        var start = global::Hotline400.Common.ChinaTime.StartOfDay(day) + (10 * 60 + minuteOffset) * 60_000L;
        return new CallRecord
        {
            CallId = id,
            Number = number ?? Number,
            Caller = CallerNumber.Classify(caller),
            StartedMs = start,
            AnsweredMs = start + 5_000,
            EndedMs = start + 5_000 + talkSeconds * 1000L,
            Outcome = Outcome.Answered,
            Recorded = false,
            Direction = Direction.In,
        };
    }

    /// <summary>Every month from January 2026: <paramref name="callsPerMonth"/> calls of <paramref name="talkSeconds"/> each.</summary>
    internal static List<CallRecord> Months(int months, int callsPerMonth, int talkSeconds)
    {
        var calls = new List<CallRecord>();
        for (var m = 0; m < months; m++)
        {
            var first = new DateOnly(2026, 1, 1).AddMonths(m);
            for (var i = 0; i < callsPerMonth; i++)
            {
                calls.Add(Call($"c{m}-{i}", first.AddDays(i % 28), talkSeconds, i / 28));
            }
        }
        return calls;
    }

    private static decimal Annual(PlanAdvisor advisor, string key) => advisor.Advise().Plans.Single(p => p.Plan.Key == key).AnnualCost.Yuan;

    [Fact]
    public void Five_hundred_minutes_a_month_ranks_the_998_plan_first_of_the_998_1700_5000_ladder()
    {
        // 10 calls of 50 minutes a month for a year. Sample catalog (first_month: actual on all three):
        // uni-998  (0.12/min, minimum 83): Jan 60.00, Feb–Dec 60 < 83 → 83 each: 60 + 11×83 = 973 < 998 → 998.00
        // uni-1700 (0.10/min, minimum 141): 50 + 11×141 = 1601 < 1700 → 1700.00
        // uni-5000 (0.08/min, minimum 416): 40 + 11×416 = 4616 < 5000 → 5000.00
        var advisor = new PlanAdvisor(CatalogLoader.Sample(), new TrafficHistory(Number, Months(12, 10, 3000)), []);
        Assert.Equal(998.00m, Annual(advisor, "unicom/uni-998"));
        Assert.Equal(1700.00m, Annual(advisor, "unicom/uni-1700"));
        Assert.Equal(5000.00m, Annual(advisor, "unicom/uni-5000"));
    }

    [Fact]
    public void Five_thousand_minutes_a_month_ranks_the_5000_plan_first_of_the_ladder()
    {
        // 100 calls of 50 minutes a month for a year:
        // uni-998: 5000 × 0.12 = 600/month → 7200 > 998 → 7200.00
        // uni-1700: 5000 × 0.10 = 500/month → 6000.00
        // uni-5000: 5000 × 0.08 = 400/month < 416: 400 + 11 × 416 = 4976 < 5000 → 5000.00
        var advisor = new PlanAdvisor(CatalogLoader.Sample(), new TrafficHistory(Number, Months(12, 100, 3000)), []);
        Assert.Equal(7200.00m, Annual(advisor, "unicom/uni-998"));
        Assert.Equal(6000.00m, Annual(advisor, "unicom/uni-1700"));
        Assert.Equal(5000.00m, Annual(advisor, "unicom/uni-5000"));
        var ladder = advisor.Advise().Plans.Where(p => p.Plan.Key is "unicom/uni-998" or "unicom/uni-1700" or "unicom/uni-5000").ToList();
        Assert.Equal("unicom/uni-5000", ladder[0].Plan.Key);
    }

    private const string TwoPlans = """
        vat_rate: 0.06
        providers:
          - id: p
            name: { zh: 测试, en: Test }
            grades:
              - { id: standard, name: 普通 }
            services:
              - { id: ivr, name: { zh: 语音导航, en: IVR }, yearly: 300, answers_first: true }
            plans:
              - id: flat
                name: { zh: 按量, en: Flat }
                versions:
                  - { version: 1, effective: 2024-01-01, rate: 0.30 }
              - id: pkg
                name: { zh: 600套餐, en: 600 package }
                versions:
                  - version: 1
                    effective: 2024-01-01
                    package: { price: 600, buys: minutes }
                    rate: 0.10
                    allowance: { minutes: package, per: term, on_exhausted: overage }
        """;

    [Fact]
    public void Break_even_of_a_flat_plan_and_a_package_is_exact_to_the_minute()
    {
        // flat: 12 × 0.30 × M = 3.6 M; pkg: 600 as long as 12 × 0.10 × M ≤ 600 (M ≤ 500).
        // 3.6 M > 600 ⇔ M > 166.67: at 166 flat costs 597.60 < 600, at 167 it costs 601.20 > 600.
        var catalog = TestWorld.LoadCatalog(TwoPlans);
        var advisor = new PlanAdvisor(catalog, new TrafficHistory(Number, Months(12, 100, 60)), []);
        var plans = catalog.Plans.ToList();
        var be = Assert.Single(advisor.BreakEvens(plans, 1000));
        Assert.Equal(167, be.MonthlyMinutes);
        Assert.Equal("p/flat", be.CheaperBelow);
        Assert.Equal("p/pkg", be.CheaperFrom);
    }

    [Fact]
    public void A_break_even_where_the_plans_cost_the_same_is_that_volume()
    {
        // flat at 0.20: 12 × 0.20 × M = 2.4 M; pkg: 600 up to 500 minutes a month. At 250 minutes
        // both cost 600.00, so from 250 the package costs less or the same: the break-even is 250.
        var catalog = TestWorld.LoadCatalog(TwoPlans.Replace("rate: 0.30", "rate: 0.20", StringComparison.Ordinal));
        var advisor = new PlanAdvisor(catalog, new TrafficHistory(Number, Months(12, 100, 60)), []);
        var plans = catalog.Plans.ToList();
        Assert.Equal(600.00m, advisor.CostAtMonthlyMinutes(plans[0], [], 250).Total.Yuan);
        Assert.Equal(600.00m, advisor.CostAtMonthlyMinutes(plans[1], [], 250).Total.Yuan);
        var be = Assert.Single(advisor.BreakEvens(plans, 1000));
        Assert.Equal(("p/flat", "p/pkg", 250L), (be.CheaperBelow, be.CheaperFrom, be.MonthlyMinutes));
    }

    [Fact]
    public void A_three_month_history_is_annualized_times_four()
    {
        // 100 one-minute calls a month at 0.30 = 30.00 a month, 90.00 in 3 months → 360.00 a year.
        var advisor = new PlanAdvisor(TestWorld.LoadCatalog(TwoPlans), new TrafficHistory(Number, Months(3, 100, 60)), []);
        var advice = advisor.Advise();
        Assert.Equal(3, advice.MonthsUsed);
        Assert.True(advice.Annualized);
        Assert.Equal(360.00m, advice.Plans.Single(p => p.Plan.Key == "p/flat").AnnualCost.Yuan);
        // The package is paid once a year, not four times: 3 months of 10.00 → 120 a year, covered by the 600.
        Assert.Equal(600.00m, advice.Plans.Single(p => p.Plan.Key == "p/pkg").AnnualCost.Yuan);
    }

    [Fact]
    public void Growth_scales_the_cost_of_a_flat_plan_in_proportion()
    {
        var advisor = new PlanAdvisor(TestWorld.LoadCatalog(TwoPlans), new TrafficHistory(Number, Months(12, 100, 60)), []);
        Assert.Equal(360.00m, advisor.Advise(0).Plans.Single(p => p.Plan.Key == "p/flat").AnnualCost.Yuan);
        Assert.Equal(468.00m, advisor.Advise(30).Plans.Single(p => p.Plan.Key == "p/flat").AnnualCost.Yuan);   // 130 calls × 0.30 × 12
        Assert.Equal(252.00m, advisor.Advise(-30).Plans.Single(p => p.Plan.Key == "p/flat").AnnualCost.Yuan);  // 70 calls
        Assert.Equal(720.00m, advisor.Advise(100).Plans.Single(p => p.Plan.Key == "p/flat").AnnualCost.Yuan);
    }

    [Fact]
    public void A_needed_service_is_priced_in_and_a_provider_without_it_is_listed_as_not_offering_it()
    {
        var catalog = TestWorld.LoadCatalog(TwoPlans);
        var advisor = new PlanAdvisor(catalog, new TrafficHistory(Number, Months(12, 100, 60)), ["ivr"]);
        var flat = advisor.Advise().Plans.Single(p => p.Plan.Key == "p/flat");
        Assert.Equal(300.00m, flat.Breakdown.ServiceFees.Yuan);
        Assert.Equal(["nope"], PlanAdvisor.UnknownServices(catalog, ["ivr", "nope"]));
    }

    /// <summary>A varied small history: durations, callers, times of day, weekends, missed and voicemail calls.</summary>
    private static List<CallRecord> Varied()
    {
        var calls = new List<CallRecord>();
        var callers = new[] { "13800138000", "02087654321", "01012345678", "", "15912345678" };
        var rnd = new Random(7);
        for (var i = 0; i < 600; i++)
        {
            var day = new DateOnly(2026, 1, 1).AddDays(rnd.Next(0, 150));
            var start = global::Hotline400.Common.ChinaTime.StartOfDay(day) + rnd.Next(0, 24 * 60) * 60_000L + rnd.Next(0, 60_000);
            var talk = new[] { 30, 60, 61, 125, 300, 59, 600 }[rnd.Next(7)] * 1000L;
            var kind = rnd.Next(10);
            calls.Add(new CallRecord
            {
                CallId = $"v{i:D4}",
                Number = Number,
                Caller = CallerNumber.Classify(callers[rnd.Next(callers.Length)]),
                StartedMs = start,
                AnsweredMs = kind < 7 ? start + 8_000 : CallRecord.NotAnswered,
                EndedMs = start + 8_000 + (kind < 7 ? talk : 4_000),
                Outcome = kind < 7 ? Outcome.Answered : kind == 7 ? Outcome.Voicemail : Outcome.Missed,
                Recorded = rnd.Next(2) == 0,
                Direction = Direction.In,
            });
        }
        return calls;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_aggregated_replay_equals_the_straightforward_replay_on_every_plan(bool withServices)
    {
        foreach (var catalog in new[] { TestWorld.Catalog, CatalogLoader.Sample() })
        {
            var history = new TrafficHistory(Number, Varied());
            var needs = withServices ? new[] { "ivr", "recording" }.Where(n => catalog.Providers.All(p => p.FindService(n) is not null)).ToArray() : [];
            var advisor = new PlanAdvisor(catalog, history, needs);
            var (offered, _) = advisor.Candidates();
            foreach (var (plan, services) in offered)
            {
                var straight = PlanReplay.Straight(catalog, plan, services, advisor.Year);
                var aggregated = PlanReplay.Aggregated(catalog, plan, services, advisor.Groups);
                Assert.True(straight.Breakdown == aggregated.Breakdown, $"{plan.Key}: straight {straight.Breakdown} vs aggregated {aggregated.Breakdown}");
            }
        }
    }

    [Fact]
    public void Identical_calls_fold_into_one_group_each_month()
    {
        var history = new TrafficHistory(Number, Months(3, 100, 60));
        var catalog = TestWorld.LoadCatalog(TwoPlans);
        var groups = new TrafficGroups(history, catalog);
        Assert.All(catalog.Plans, plan => Assert.Equal(3, groups.ClassOf(plan, []).Count));
    }

    [Fact]
    public void A_short_history_is_repeated_into_a_year_so_it_costs_what_the_same_year_costs()
    {
        // Three months of the same traffic repeated four times are the same calls, on the same
        // dates, as twelve months of it: every plan must cost exactly the same (promotions of N
        // months, first-month rules, term allowances and minimums included).
        var catalog = CatalogLoader.Sample();
        var quarter = new PlanAdvisor(catalog, new TrafficHistory(Number, Months(3, 400, 190)), []);
        var year = new PlanAdvisor(catalog, new TrafficHistory(Number, Months(12, 400, 190)), []);
        Assert.Equal(12, quarter.Year.Months);
        Assert.Equal(year.History.Calls.Count, quarter.Year.Calls.Count);
        var a = quarter.Advise();
        var b = year.Advise();
        Assert.True(a.Annualized);
        Assert.False(b.Annualized);
        Assert.Equal(b.Plans.Select(p => (p.Plan.Key, p.AnnualCost)), a.Plans.Select(p => (p.Plan.Key, p.AnnualCost)));
    }

    [Fact]
    public void Needing_recording_charged_per_recorded_minute_records_every_call_of_a_history_without_recordings()
    {
        // telecom's recording: 100 a year and 0.02 per recorded minute. 100 one-minute calls a month, none recorded.
        var catalog = CatalogLoader.Sample();
        var advisor = new PlanAdvisor(catalog, new TrafficHistory(Number, Months(12, 100, 60)), ["recording"]);
        Assert.True(advisor.RecordingAssumed);
        var flat = advisor.Advise().Plans.Single(p => p.Plan.Key == "telecom/tel-600");
        Assert.Equal(24.00m, flat.Breakdown.ServiceUsage.Yuan); // 1,200 minutes × 0.02
        Assert.False(new PlanAdvisor(catalog, new TrafficHistory(Number, Months(12, 100, 60)), []).RecordingAssumed);
    }

    [Fact]
    public void An_800_plan_includes_the_callers_share()
    {
        // TestWorld's tollfree plan: 0.10/min, mobile callers pay 0.15/min, paid by the enterprise on 800.
        // 100 one-minute mobile calls a month: usage 10.00 + caller share 15.00 = 25.00 a month → 300.00 a year.
        var advisor = new PlanAdvisor(TestWorld.Catalog, new TrafficHistory(Number, Months(12, 100, 60)), []);
        var tollfree = advisor.Advise().Plans.Single(p => p.Plan.Key == "p/tollfree");
        Assert.Equal(180.00m, tollfree.Breakdown.CallerShare.Yuan);
        Assert.Equal(300.00m, tollfree.AnnualCost.Yuan);
    }

    [Fact]
    public void Several_numbers_without_a_pick_give_a_clear_message()
    {
        var calls = new List<CallRecord> { Call("a", new DateOnly(2026, 1, 5), 60), Call("b", new DateOnly(2026, 1, 5), 60, number: HotlineNumber.Parse("4008001111")) };
        Assert.Null(TrafficHistory.For(calls, null, out var error));
        Assert.Contains("--number", error!.En);
        Assert.Contains("请用 --number 指定其中一个", error.Zh);
        Assert.NotNull(TrafficHistory.For(calls, HotlineNumber.Parse("4008001111"), out _));
    }

    [Fact]
    public void A_profile_synthesizes_its_minutes_deterministically()
    {
        var profile = new TrafficProfile(1000, 0.7m, [("广东省", 0.3m), ("北京市", 0.2m)]);
        var a = profile.Synthesize(Number, new DateOnly(2026, 3, 1));
        var b = profile.Synthesize(Number, new DateOnly(2026, 3, 1));
        Assert.Equal(a.Select(c => (c.StartedMs, c.EndedMs, c.Caller)), b.Select(c => (c.StartedMs, c.EndedMs, c.Caller)));
        Assert.Equal(1000, new TrafficHistory(Number, a).TalkMinutes);
    }
    [Fact]
    public void A_history_keeps_its_calls_in_rating_order_whatever_order_they_come_in()
    {
        // Start seconds from a small range, so many calls start together and their ids decide;
        // ids in Chinese and Latin letters, ordered by code point as the rater orders them.
        string[] stems = ["a", "b", "Z", "é", "电话", "號", "ā", "~"];
        Gen.Select(Gen.Int[0, 20], Gen.Int[0, stems.Length - 1], Gen.Int[0, 3]).Array[1, 120].Select(Gen.Int, (rows, seed) => (rows, seed)).Sample(t =>
        {
            var calls = t.rows.Select((r, i) => Call($"{stems[r.Item2]}{i % 7}-{i}", new DateOnly(2026, 3, 2), 60 + r.Item3, minuteOffset: r.Item1)).ToList();
            var expected = calls.ToArray();
            Array.Sort(expected, CallRecord.CompareForRating);
            var shuffled = calls.ToArray();
            new Random(t.seed).Shuffle(shuffled);
            var history = new TrafficHistory(Number, shuffled);
            Assert.Equal(expected.Select(c => c.CallId), history.Calls.Select(c => c.CallId));
            Assert.Equal(expected.Select(c => (c.StartedMs, c.AnsweredMs, c.EndedMs)), history.Calls.Select(c => (c.StartedMs, c.AnsweredMs, c.EndedMs)));
            Assert.All(Enumerable.Range(0, history.Count), i => Assert.Equal(expected[i].CallId, history.Call(i).CallId));
        });
    }

    [Fact]
    public void Edge_months_with_part_of_their_calls_are_dropped_only_while_whole_months_remain()
    {
        static List<CallRecord> Daily(DateOnly from, DateOnly to) =>
            Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(d => Call($"d{d:D3}", from.AddDays(d), 60)).ToList();
        // 4 March to 30 April: March covered 28 of 31 days (90.3 %, whole), April whole.
        var kept = new TrafficHistory(Number, Daily(new DateOnly(2026, 3, 4), new DateOnly(2026, 4, 30))).WholeMonths(out var none);
        Assert.Empty(none);
        Assert.Equal(2, kept.Months);
        // 5 March to 30 April: 27 of 31 days (87.1 %): March is dropped.
        var trimmed = new TrafficHistory(Number, Daily(new DateOnly(2026, 3, 5), new DateOnly(2026, 4, 30))).WholeMonths(out var dropped);
        Assert.Equal([new DateOnly(2026, 3, 1)], dropped);
        Assert.Equal((1, 30), (trimmed.Months, trimmed.Count));
        // 20 March to 10 April: no whole month would remain; nothing is dropped (the coverage scales it).
        var partial = new TrafficHistory(Number, Daily(new DateOnly(2026, 3, 20), new DateOnly(2026, 4, 10)));
        Assert.Same(partial, partial.WholeMonths(out var kept2));
        Assert.Empty(kept2);
        Assert.True(partial.PartialMonths);
    }

    [Theory]
    [InlineData(20, 1800.00, 1718.00)] // 1,000 min/month: 12 × 150 = 1,800 ≥ 480. tel-480: 480 + 1,800 − 480; tel-398: 480 − 82 + 1,800 − 480
    [InlineData(2, 480.00, 398.00)]    // 100 min/month: Jan 15 + Feb–Dec 11 × 40 (15 topped up by 25) = 455 < 480: each costs its package
    public void Tel_398_costs_82_less_than_tel_480_over_a_first_year(int callsPerMonth, decimal tel480, decimal tel398)
    {
        // Calls of 50 minutes at 0.15 from January 2026; both plans buy 3,200 minutes with the 480 package.
        var advisor = new PlanAdvisor(CatalogLoader.Sample(), new TrafficHistory(Number, Months(12, callsPerMonth, 3000)), []);
        var plans = advisor.Advise().Plans;
        var a = plans.Single(p => p.Plan.Key == "telecom/tel-480").Breakdown;
        var b = plans.Single(p => p.Plan.Key == "telecom/tel-398").Breakdown;
        Assert.Equal(tel480, a.Total.Yuan);
        Assert.Equal(tel398, b.Total.Yuan);
        Assert.Equal(a.Total.Yuan - 82.00m, b.Total.Yuan);
        // The first-year price is a promotion; the package covers consumption up to its price, 480, on both.
        Assert.Equal((480.00m, -82.00m), (b.Package.Yuan, b.Promotions.Yuan));
        Assert.Equal(a.CoveredByPackage, b.CoveredByPackage);
        Assert.Equal(-Math.Min(480.00m, a.Usage.Yuan + a.MinimumTopUp.Yuan), b.CoveredByPackage.Yuan);
    }

    [Fact]
    public void Mob_720s_ten_percent_off_the_package_saves_72_a_year()
    {
        // 20 calls of 50 minutes a month = 1,000 minutes × 0.12 = 120/month, 1,440 a year ≥ 720.
        // With the promotion: 720 − 72 + 1,440 − 720 = 1,368; without: 720 + 1,440 − 720 = 1,440.
        var history = new TrafficHistory(Number, Months(12, 20, 3000));
        var with = new PlanAdvisor(CatalogLoader.Sample(), history, []).Advise().Plans.Single(p => p.Plan.Key == "mobile/mob-720").Breakdown;
        var yaml = File.ReadAllText(Hotline400.Tests.Audit.AuditSamples.Sample("catalog.yaml"));
        var promotion = "            promotions:\n              - { kind: percent_off, percent: 10, months: 12, of: package }\n";
        Assert.Contains(promotion, yaml, StringComparison.Ordinal);
        var withoutCatalog = CatalogLoader.Load(yaml.Replace(promotion, "", StringComparison.Ordinal), "catalog.yaml").Value!;
        var without = new PlanAdvisor(withoutCatalog, history, []).Advise().Plans.Single(p => p.Plan.Key == "mobile/mob-720").Breakdown;

        Assert.Equal(1368.00m, with.Total.Yuan);
        Assert.Equal(1440.00m, without.Total.Yuan);
        Assert.Equal((720.00m, -72.00m, -720.00m), (with.Package.Yuan, with.Promotions.Yuan, with.CoveredByPackage.Yuan));
        Assert.Equal(-720.00m, without.CoveredByPackage.Yuan);
    }
    [Fact]
    public void Copies_walked_from_any_call_are_the_copies_of_the_whole_walk_from_there()
    {
        Gen.Select(Gen.Decimal[0m, 5m], Gen.Int[0, 500], Gen.Int[1, 300]).Sample((factor, first, length) =>
        {
            var whole = new CallCopies(factor, 0);
            var all = Enumerable.Range(0, first + length).Select(_ => whole.Next()).ToArray();
            var walk = new CallCopies(factor, first);
            Assert.Equal(all[first..], Enumerable.Range(0, length).Select(_ => walk.Next()));
            // round(f·n) calls in all, each call a whole number of times.
            Assert.Equal(decimal.Round(factor * all.Length, MidpointRounding.AwayFromZero), all.Sum());
            // The same factor written with 26 decimal places walks in 128-bit arithmetic: the same copies.
            var wide = new CallCopies(decimal.Round(factor, 12) + 0.00000000000000000000000000m, first);
            var narrow = new CallCopies(decimal.Round(factor, 12), first);
            Assert.All(Enumerable.Range(0, length), _ => Assert.Equal(narrow.Next(), wide.Next()));
        });
    }
}
