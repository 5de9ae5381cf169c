using Hotline400.Common;
using Hotline400.Rating;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Rating;

/// <summary>Hand-computed tariff cases: each row is worked out on paper from the plan's terms.</summary>
public class RatingCaseTests
{
    [Theory]
    // plan, talk seconds, billable, units, billed seconds, charge
    [InlineData("flat", 1, 1, 1, 60, "0.10")]
    [InlineData("flat", 60, 60, 1, 60, "0.10")]
    [InlineData("flat", 61, 61, 2, 120, "0.20")]
    [InlineData("flat", 3600, 3600, 60, 3600, "6.00")]
    [InlineData("six", 30, 30, 1, 60, "0.12")]          // the 60 s first block is billed whole
    [InlineData("six", 61, 61, 2, 66, "0.13")]          // 60 + 6 s = 66 s × 0.12/60 = 0.132 → 0.13
    [InlineData("six", 121, 121, 12, 126, "0.25")]      // 60 + 11×6 = 126 s → 0.252 → 0.25
    [InlineData("sec", 61, 61, 61, 61, "0.12")]         // 0.122 → 0.12
    [InlineData("sec", 125, 125, 125, 125, "0.25")]     // 0.25 exactly
    [InlineData("sec", 1, 1, 1, 1, "0.00")]             // 0.002 → 0.00
    [InlineData("secline", 61, 61, 61, 61, "0.122")]    // per-line rounding keeps the exact amount
    [InlineData("minimum", 5, 5, 5, 30, "0.095")]       // raised to 30 s: 0.045 + 0.05 connect fee = 0.095 → 0.10
    [InlineData("minimum", 31, 31, 6, 36, "0.104")]     // 36 s × 0.09/60 = 0.054 + 0.05 = 0.104 → 0.10
    public void Units_and_charges_follow_the_plan_billing_rules(string plan, int talk, long billable, int units, long billed, string charge)
    {
        var (result, _) = Rate([Answered("c1", NumberFor(plan), "2026-03-02T10:00:00", talk)]);
        var call = result.Call("c1");
        Assert.Equal(billable, call.BillableSeconds);
        Assert.Equal(units, call.Units);
        Assert.Equal(billed, call.BilledSeconds);
        var expected = decimal.Parse(charge, System.Globalization.CultureInfo.InvariantCulture);
        if (call.Version.Billing.Rounding == Hotline400.Catalog.RoundingPoint.PerCall)
        {
            expected = decimal.Round(expected, 2, MidpointRounding.AwayFromZero);
        }
        Assert.Equal(expected, call.Charge.Yuan);
    }

    [Fact]
    public void A_61_second_call_bills_two_minutes()
    {
        var (result, _) = Rate([Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61)]);
        Assert.Equal(2, result.Call("c1").Units);
        Assert.Equal(0.20m, result.Call("c1").Charge.Yuan);
    }

    [Fact]
    public void An_unanswered_call_on_a_ring_back_number_costs_nothing()
    {
        var (result, _) = Rate([Missed("c1", NumberFor("flat"), "2026-03-02T10:00:00", 25)]);
        var call = result.Call("c1");
        Assert.Equal(BillingFrom.NotBilled, call.BillingFrom);
        Assert.Equal(0, call.BilledSeconds);
        Assert.Equal(0m, call.Charge.Yuan);
    }

    [Fact]
    public void An_unanswered_call_on_an_IVR_number_is_billed_from_pick_up()
    {
        var (result, _) = Rate([Missed("c1", IvrNumber, "2026-03-02T10:00:00", 25, "abandoned")]);
        var call = result.Call("c1");
        Assert.Equal(BillingFrom.Pickup, call.BillingFrom);
        Assert.Equal(25, call.BillableSeconds);
        Assert.Equal(1, call.Units);
        Assert.Equal(0.10m, call.Charge.Yuan);
    }

    [Fact]
    public void An_answered_IVR_call_includes_the_ring_and_menu_time()
    {
        // 5 s of ring before answer + 56 s talk = 61 s from pick-up: 2 minutes.
        var (result, _) = Rate([Answered("c1", IvrNumber, "2026-03-02T10:00:00", 56)]);
        Assert.Equal(61, result.Call("c1").BillableSeconds);
        Assert.Equal(0.20m, result.Call("c1").Charge.Yuan);
    }

    [Fact]
    public void A_blocked_call_costs_nothing_even_with_IVR()
    {
        var (result, _) = Rate([Missed("c1", IvrNumber, "2026-03-02T10:00:00", 3, "blocked")]);
        Assert.Equal(0m, result.Call("c1").Charge.Yuan);
    }

    [Theory]
    [InlineData("2026-10-01T10:00:00", "rest", "0.05")]     // National Day: statutory holiday
    [InlineData("2026-10-10T10:00:00", "peak", "0.12")]     // Saturday made a working day (调休)
    [InlineData("2026-10-11T10:00:00", "rest", "0.05")]     // ordinary Sunday
    [InlineData("2026-10-12T10:00:00", "peak", "0.12")]     // Monday
    [InlineData("2026-10-12T21:00:00", "offpeak", "0.06")]  // Monday evening
    [InlineData("2026-10-13T07:59:00", "offpeak", "0.06")]  // before 08:00, wrapped band
    [InlineData("2026-02-14T09:00:00", "peak", "0.12")]     // Saturday before Spring Festival, a working day
    [InlineData("2026-02-17T09:00:00", "rest", "0.05")]     // Spring Festival, a Tuesday
    public void Bands_follow_the_holiday_calendar(string start, string band, string charge)
    {
        // Answered 5 s after start; 50 s of talk: one minute in the band at the answer time.
        var (result, _) = Rate([Answered("c1", NumberFor("peak"), start, 50)]);
        var call = result.Call("c1");
        Assert.Equal(band, Explanation.BandId(call, call.MainPiece.BandIndex));
        Assert.Equal(decimal.Parse(charge, System.Globalization.CultureInfo.InvariantCulture), call.Charge.Yuan);
    }

    [Fact]
    public void A_split_band_call_prices_each_minute_by_its_own_band()
    {
        // Answered 19:58:05, 3 minutes: units start 19:58:05 and 19:59:05 (peak), 20:00:05 (off-peak).
        var (result, _) = Rate([Answered("c1", NumberFor("split"), "2026-03-02T19:58:00", 180)]);
        var call = result.Call("c1");
        Assert.Equal(2, call.Pieces.Length);
        Assert.Equal((2, 0.12m), (call.Pieces[0].Units, call.Pieces[0].Rate.YuanPerMinute));
        Assert.Equal((1, 0.06m), (call.Pieces[1].Units, call.Pieces[1].Rate.YuanPerMinute));
        Assert.Equal(0.30m, call.Charge.Yuan);
    }

    [Theory]
    [InlineData("075588886666", "0.05")]   // 广东省深圳市
    [InlineData("02088886666", "0.08")]    // 广东省广州市: the province entry
    [InlineData("01088886666", "0.12")]    // 北京市: no entry, the plan rate
    [InlineData("", "0.20")]               // withheld: the unknown entry
    public void Caller_region_rates_take_precedence(string caller, string charge)
    {
        var (result, _) = Rate([Answered("c1", NumberFor("region"), "2026-03-02T10:00:00", 60, caller)]);
        Assert.Equal(decimal.Parse(charge, System.Globalization.CultureInfo.InvariantCulture), result.Call("c1").Charge.Yuan);
    }

    [Fact]
    public void Graduated_tiers_price_the_minutes_past_the_boundary_at_the_next_tier()
    {
        // Two 60-minute calls: the second crosses 100 minutes after 40 of its minutes.
        var (result, _) = Rate([
            Answered("c1", NumberFor("tiers"), "2026-03-02T10:00:00", 3600),
            Answered("c2", NumberFor("tiers"), "2026-03-02T12:00:00", 3600),
        ]);
        Assert.Equal(6.00m, result.Call("c1").Charge.Yuan);
        Assert.Equal(40 * 0.10m + 20 * 0.08m, result.Call("c2").Charge.Yuan);
    }

    [Fact]
    public void Graduated_tiers_start_again_each_month()
    {
        var (result, _) = Rate([
            Answered("c1", NumberFor("tiers"), "2026-03-31T10:00:00", 6000),
            Answered("c2", NumberFor("tiers"), "2026-04-01T10:00:00", 60),
        ]);
        Assert.Equal(0.10m, result.Call("c2").Charge.Yuan);
    }

    [Fact]
    public void Volume_tiers_price_a_call_at_the_tier_the_month_reaches_with_it()
    {
        var (result, _) = Rate([
            Answered("c1", NumberFor("volume"), "2026-03-02T10:00:00", 3600),
            Answered("c2", NumberFor("volume"), "2026-03-02T12:00:00", 3600),
        ]);
        Assert.Equal(6.00m, result.Call("c1").Charge.Yuan);
        Assert.Equal(60 * 0.08m, result.Call("c2").Charge.Yuan);
    }

    [Fact]
    public void A_call_that_exhausts_the_allowance_is_split_into_free_and_overage_minutes()
    {
        // 10 free minutes a month: 8 used by c1; c2 (5 min) gets 2 free and 3 at the 0.15 overage rate.
        var (result, _) = Rate([
            Answered("c1", NumberFor("allow"), "2026-03-02T10:00:00", 480),
            Answered("c2", NumberFor("allow"), "2026-03-02T11:00:00", 300),
            Answered("c3", NumberFor("allow"), "2026-03-02T12:00:00", 60),
        ]);
        var c1 = result.Call("c1");
        Assert.Equal((600L, 120L, 0m), (c1.AllowanceBeforeSeconds, c1.AllowanceAfterSeconds, c1.Charge.Yuan));
        var c2 = result.Call("c2");
        Assert.Equal((120L, 0L), (c2.AllowanceBeforeSeconds, c2.AllowanceAfterSeconds));
        Assert.Equal(0.45m, c2.Charge.Yuan);
        Assert.Equal(0.15m, result.Call("c3").Charge.Yuan);
    }

    [Fact]
    public void The_allowance_is_consumed_in_start_order_whatever_the_file_order()
    {
        var (result, _) = Rate([
            Answered("late", NumberFor("allow"), "2026-03-02T11:00:00", 300),
            Answered("early", NumberFor("allow"), "2026-03-02T10:00:00", 480),
        ]);
        Assert.Equal(0m, result.Call("early").Charge.Yuan);
        Assert.Equal(0.45m, result.Call("late").Charge.Yuan);
    }

    [Fact]
    public void A_monthly_allowance_is_granted_again_next_month()
    {
        var (result, _) = Rate([
            Answered("c1", NumberFor("allow"), "2026-03-31T10:00:00", 600),
            Answered("c2", NumberFor("allow"), "2026-04-01T10:00:00", 60),
        ]);
        Assert.Equal(0m, result.Call("c2").Charge.Yuan);
        Assert.Equal(540, result.Call("c2").AllowanceAfterSeconds);
    }

    [Fact]
    public void Going_past_an_allowance_that_suspends_is_flagged()
    {
        var (result, _) = Rate([
            Answered("c1", NumberFor("suspend"), "2026-03-02T10:00:00", 540),
            Answered("c2", NumberFor("suspend"), "2026-03-02T11:00:00", 120),
        ]);
        Assert.False(result.Call("c1").OverSuspendedAllowance);
        var c2 = result.Call("c2");
        Assert.True(c2.OverSuspendedAllowance);
        Assert.Equal(0.10m, c2.Charge.Yuan);
        Assert.Contains("停机", Explanation.Of(c2));
    }

    [Fact]
    public void A_package_that_buys_minutes_covers_price_over_rate_minutes_per_term()
    {
        var (result, _) = Rate([Answered("c1", NumberFor("pkg"), "2026-03-02T10:00:00", 60)]);
        var call = result.Call("c1");
        Assert.Equal(12000 * 60, call.AllowanceBeforeSeconds);
        Assert.Equal(0m, call.Charge.Yuan);
        Assert.Equal(100m, call.Version.MonthlyMinimum.Yuan);
    }

    [Fact]
    public void The_version_in_force_at_the_call_start_rates_it()
    {
        var (result, _) = Rate([
            Answered("june", NumberFor("flat"), "2026-06-30T23:58:00", 60),
            Answered("july", NumberFor("flat"), "2026-07-01T00:00:00", 60),
        ]);
        Assert.Equal((1, 0.10m), (result.Call("june").Version.Number, result.Call("june").Charge.Yuan));
        Assert.Equal((2, 0.08m), (result.Call("july").Version.Number, result.Call("july").Charge.Yuan));
    }

    [Fact]
    public void Recording_is_charged_per_billed_minute_on_recorded_calls_only()
    {
        var (result, _) = Rate([
            Answered("rec", RecordingNumber, "2026-03-02T10:00:00", 61, recorded: 1),
            Answered("plain", RecordingNumber, "2026-03-02T11:00:00", 61, recorded: 0),
        ]);
        Assert.Equal(0.20m + 0.04m, result.Call("rec").Charge.Yuan);
        Assert.Equal(0.20m, result.Call("plain").Charge.Yuan);
    }

    [Theory]
    [InlineData("13900001111", "0.12")]    // mobile
    [InlineData("057188886666", "0.10")]   // local landline (the number's area code is 0571)
    [InlineData("01088886666", "0.15")]    // long distance
    public void Outbound_calls_are_priced_by_destination_type(string destination, string charge)
    {
        var (result, _) = Rate([Answered("o1", NumberFor("out"), "2026-03-02T10:00:00", 60, destination, direction: "out")]);
        Assert.Equal(decimal.Parse(charge, System.Globalization.CultureInfo.InvariantCulture), result.Call("o1").Charge.Yuan);
        Assert.Equal(0m, result.Call("o1").CallerShare.Yuan);
    }

    [Fact]
    public void An_unanswered_outbound_call_costs_nothing_and_says_why()
    {
        var (result, _) = Rate([$"o1,{NumberFor("out")},13900001111,2026-03-02T10:00:00+08:00,,2026-03-02T10:00:30+08:00,,missed,0,out"]);
        var call = result.Call("o1");
        Assert.Equal(0m, call.Charge.Yuan);
        Assert.StartsWith("外呼：对方未接听，不计费", Explanation.Of(call));
    }

    [Fact]
    public void An_outbound_call_on_a_plan_without_outbound_rates_is_rejected_with_a_reason()
    {
        var (result, counts) = Rate([Answered("o1", NumberFor("flat"), "2026-03-02T10:00:00", 60, direction: "out")]);
        var reject = Assert.Single(result.Rejected);
        Assert.Equal("direction", reject.Field);
        Assert.Contains("has no outbound rates", reject.Message(Language.En), StringComparison.Ordinal);
        Assert.Equal("no_outbound_rates", reject.Code);
        Assert.Equal(2, reject.Line);
        Assert.Equal(1, counts.Rejected);
    }

    [Fact]
    public void The_caller_share_is_shown_and_charged_only_on_800_plans()
    {
        var (result, _) = Rate([
            Answered("c400", NumberFor("flat"), "2026-03-02T10:00:00", 61),
            Answered("c800", NumberFor("tollfree"), "2026-03-02T10:00:00", 61),
        ]);
        var c400 = result.Call("c400");
        Assert.Equal((0.30m, 0.20m), (c400.CallerShare.Yuan, c400.Charge.Yuan));   // mobile caller: 2 min × 0.15
        var c800 = result.Call("c800");
        Assert.Equal((0.30m, 0.50m), (c800.CallerShare.Yuan, c800.Charge.Yuan));
    }

    [Fact]
    public void A_call_sent_again_20_hours_later_is_charged_once()
    {
        // The copy of c1 arrives after 20 hours of later calls: past the short reorder window,
        // so the run must start over with the long one and still count c1 once.
        var original = Answered("c1", NumberFor("flat"), "2026-03-02T09:00:00", 120);
        var later = Enumerable.Range(0, 20).Select(h => Answered($"d{h:00}", NumberFor("flat"), $"2026-03-02T{10 + h / 2:00}:{h % 2 * 30:00}:00", 60)).ToList();
        var lines = new List<string> { original };
        lines.AddRange(later);
        lines.Add(original);
        var (result, counts) = Rate([.. lines]);
        Assert.Equal((22L, 21L, 1L), (counts.Read, counts.Rated, counts.Duplicates));
        Assert.Single(result.Rated, r => r.Call.CallId == "c1");
    }

    [Fact]
    public void Every_rated_call_explains_itself()
    {
        var (result, _) = Rate([Answered("c1", NumberFor("allow"), "2026-03-02T10:00:00", 61)]);
        var zh = Explanation.Of(result.Call("c1"));
        Assert.Contains("自接听起计费", zh);
        Assert.Contains("2单位共120秒", zh);
        Assert.Contains("套餐余量10分→8分", zh);
        var en = Explanation.Of(result.Call("c1"), Common.Language.En);
        Assert.Contains("billed from answer", en);
        Assert.Contains("61 s billable → 2 units = 120 s", en);
        Assert.DoesNotContain(",", zh + en);
    }

    [Fact]
    public void A_call_of_one_unit_says_unit_in_English()
    {
        var (result, _) = Rate([Answered("c1", NumberFor("allow"), "2026-03-02T10:00:00", 30)]);
        Assert.Contains("30 s billable → 1 unit = 60 s", Explanation.Of(result.Call("c1"), Common.Language.En));
        Assert.Contains("1单位共60秒", Explanation.Of(result.Call("c1")));
    }
}
