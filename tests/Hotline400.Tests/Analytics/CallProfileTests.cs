using global::Hotline400.Analytics;
using global::Hotline400.Calls;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Analytics;

/// <summary>Every figure of the report on <see cref="KnownCalls"/>, computed by hand.</summary>
public sealed class CallProfileTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly CallProfile _p;

    public CallProfileTests()
    {
        var errors = new List<Hotline400.Common.LocalizedText>();
        _p = new CallProfileReader(ColumnMap.Default).Read([_dir.Write("calls.csv", KnownCalls.Csv(KnownCalls.Rows))], errors)!;
        Assert.Empty(errors);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Six_inbound_calls_count_with_the_duplicate_and_the_outbound_call_left_out()
    {
        Assert.Equal(6, _p.Calls);
        Assert.Equal(1, _p.Duplicates);
        Assert.Equal(1, _p.Outbound);
        Assert.Equal(0, _p.Rejected);
    }

    [Fact]
    public void A_copy_arriving_days_after_the_call_is_still_a_duplicate()
    {
        // c2 ended on Monday the 2nd; its copy comes after a call of the next Monday, a week later.
        var rows = KnownCalls.Rows.Concat([KnownCalls.LaterCall, KnownCalls.Rows[1]]);
        var p = new CallProfileReader(ColumnMap.Default).Read([_dir.Write("late.csv", KnownCalls.Csv(rows))], [])!;
        Assert.Equal(7, p.Calls);
        Assert.Equal(2, p.Duplicates);
        Assert.Equal(3, p.CallsByHour[9]);
    }

    [Fact]
    public void The_profile_names_its_number_and_the_dates_of_its_first_and_last_call()
    {
        Assert.Equal([new NumberCount(global::Hotline400.Numbers.HotlineNumber.Parse(KnownCalls.Number), 6)], _p.Numbers);
        Assert.False(_p.CombinesNumbers);
        Assert.Equal(new DateOnly(2026, 11, 2), _p.FirstDate);
        Assert.Equal(new DateOnly(2026, 11, 7), _p.LastDate);
    }

    [Fact]
    public void Calls_of_two_numbers_are_combined_and_both_numbers_are_named()
    {
        var rows = KnownCalls.Rows.Append("x1,4008009999,13800138000,2026-10-30T23:30:00+08:00,,2026-10-30T23:30:10+08:00,,missed,0,in");
        var p = new CallProfileReader(ColumnMap.Default).Read([_dir.Write("two.csv", KnownCalls.Csv(rows))], [])!;
        Assert.True(p.CombinesNumbers);
        Assert.Equal([(KnownCalls.Number, 6L), ("4008009999", 1L)], p.Numbers.Select(n => (n.Number.ToString(), n.Calls)).OrderByDescending(n => n.Item2).ToArray());
        Assert.Equal(new DateOnly(2026, 10, 30), p.FirstDate);
    }

    [Fact]
    public void Four_of_six_answered_is_an_answer_rate_of_two_thirds()
    {
        Assert.Equal(4, _p.Answered);
        Assert.Equal(2, _p.Missed);
        Assert.Equal(4.0 / 6, _p.AnswerRate, 12);
    }

    [Fact]
    public void Load_cells_count_calls_by_weekday_Monday_first_and_China_hour()
    {
        Assert.Equal(3, _p.Load[0][9]);
        Assert.Equal(1, _p.Load[0][21]);
        Assert.Equal(2, _p.Load[5][10]);
        Assert.Equal(6, _p.Load.SelectMany(r => r).Sum());
    }

    [Fact]
    public void Nine_oclock_has_three_calls_two_answered_and_one_missed()
    {
        Assert.Equal(3, _p.CallsByHour[9]);
        Assert.Equal(2, _p.AnsweredByHour[9]);
        Assert.Equal(1, _p.MissedAt(9));
        Assert.Equal(2.0 / 3, _p.AnswerRateAt(9), 12);
        Assert.Equal(0, _p.AnswerRateAt(3));
    }

    [Fact]
    public void The_withheld_caller_counts_as_unknown_and_is_never_guessed()
    {
        Assert.Equal(
            [("北京市", 3L), ("广东省", 2L), ("未知", 1L)],
            _p.Provinces.Select(r => (r.Province, r.Calls)).ToArray());
        Assert.True(_p.Provinces[2].IsUnknown);
        Assert.Contains(_p.Cities, c => c is { Province: "广东省", City: "深圳市", Calls: 1 });
        Assert.Contains(_p.Cities, c => c is { Province: "广东省", City: "广州市", Calls: 1 });
    }

    [Fact]
    public void Talk_times_fall_in_their_buckets_with_median_45_and_p90_300_seconds()
    {
        // 20 s, 45 s, 90 s, 300 s: <30, 30–60, 1–3 min, 5–10 min (300 s opens the 5–10 min bucket).
        Assert.Equal([1L, 1, 1, 0, 1, 0, 0], _p.TalkTimeBuckets);
        Assert.Equal(455, _p.TalkSeconds);
        Assert.Equal(45, _p.MedianTalkSeconds);
        Assert.Equal(300, _p.P90TalkSeconds);
    }

    [Fact]
    public void Peak_share_is_the_talk_on_workdays_8_to_20_over_all_talk()
    {
        // c1 20 s + c2 90 s are in the band; c4 (21:00) and c5 (Saturday) are not.
        Assert.Equal(110, _p.PeakTalkSeconds);
        Assert.Equal(110.0 / 455, _p.PeakShare, 12);
    }

    [Fact]
    public void The_busiest_day_is_Monday_the_2nd_with_four_calls()
    {
        var busiest = _p.BusiestDays(2);
        Assert.Equal(new DayCount(new DateOnly(2026, 11, 2), 4, 3, 410), busiest[0]);
        Assert.Equal(new DateOnly(2026, 11, 7), busiest[1].Date);
    }

    [Fact]
    public void A_statutory_day_off_is_outside_the_peak_band_and_an_adjusted_workday_inside()
    {
        var band = PeakBand.Default;
        // 2026-10-01 National Day; 2026-11-02 09:00 ordinary Monday.
        Assert.False(band.Contains(new DateTimeOffset(2026, 10, 1, 10, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds()));
        Assert.True(band.Contains(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds()));
        Assert.False(band.Contains(new DateTimeOffset(2026, 11, 2, 20, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds()));
        var adjusted = global::Hotline400.Calendar.HolidayCalendar.China;
        var day = Enumerable.Range(0, 366).Select(i => new DateOnly(2026, 1, 1).AddDays(i))
            .First(d => adjusted.Classify(d) == global::Hotline400.Calendar.DayClass.AdjustedWorkday);
        Assert.True(band.Contains(new DateTimeOffset(day.Year, day.Month, day.Day, 9, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds()));
    }

    [Fact]
    public void Only_the_given_numbers_calls_count()
    {
        var other = KnownCalls.Rows.Append($"x1,4008009999,13800138000,2026-11-02T09:00:00,,2026-11-02T09:00:10,,missed,0,in");
        var errors = new List<Hotline400.Common.LocalizedText>();
        var p = new CallProfileReader(ColumnMap.Default, global::Hotline400.Numbers.HotlineNumber.Parse(KnownCalls.Number))
            .Read([_dir.Write("other.csv", KnownCalls.Csv(other))], errors)!;
        Assert.Equal(6, p.Calls);
    }

    [Fact]
    public void A_rejected_row_is_counted_and_kept_with_its_reason()
    {
        var rows = KnownCalls.Rows.Append($"bad,{KnownCalls.Number},,2026-11-02T09:00:00,,2026-11-02T09:00:10,,maybe,0,in");
        var reader = new CallProfileReader(ColumnMap.Default);
        var p = reader.Read([_dir.Write("bad.csv", KnownCalls.Csv(rows))], [])!;
        Assert.Equal(1, p.Rejected);
        Assert.Equal("outcome", Assert.Single(reader.Rejects).Field);
        Assert.Equal(6, p.Calls);
    }
}
