using CsCheck;
using Hotline400.Calendar;

namespace Hotline400.Tests.Calendar;

public class HolidayCalendarTests
{
    [Theory]
    [InlineData("2026-10-01", DayClass.Holiday, "国庆节")]
    [InlineData("2026-10-10", DayClass.AdjustedWorkday, "国庆节")] // a Saturday
    [InlineData("2026-10-11", DayClass.Sun, null)]
    [InlineData("2026-10-12", DayClass.Mon, null)]
    [InlineData("2026-02-14", DayClass.AdjustedWorkday, "春节")] // a Saturday
    [InlineData("2026-02-17", DayClass.Holiday, "春节")]
    [InlineData("2026-02-28", DayClass.AdjustedWorkday, "春节")]
    [InlineData("2025-01-01", DayClass.Holiday, "元旦")]
    [InlineData("2025-01-02", DayClass.Thu, null)]
    [InlineData("2025-01-26", DayClass.AdjustedWorkday, "春节")] // a Sunday
    [InlineData("2024-05-01", DayClass.Holiday, "劳动节")]
    [InlineData("2007-01-01", DayClass.Holiday, "元旦")]
    [InlineData("2006-12-30", DayClass.AdjustedWorkday, "元旦")] // listed in 2007's notice
    [InlineData("2026-12-31", DayClass.Thu, null)]
    public void China_classifies_holidays_adjusted_workdays_and_weekdays(string date, DayClass expected, string? name)
    {
        DateOnly day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, HolidayCalendar.China.Classify(day));
        Assert.Equal(expected, HolidayCalendar.China.Classify(day.DayNumber));
        Assert.Equal(name, HolidayCalendar.China.HolidayName(day));
    }

    [Fact]
    public void China_covers_the_years_whose_notices_are_in_the_data()
    {
        HolidayCalendar china = HolidayCalendar.China;
        Assert.Equal(new DateOnly(2006, 12, 30), china.FirstCovered);
        // 2027.json lists no days yet (the State Council had not published 2027's notice).
        Assert.Equal(new DateOnly(2026, 12, 31), china.LastCovered);
        Assert.True(china.Covers(new DateOnly(2007, 1, 1)));
        Assert.True(china.Covers(new DateOnly(2026, 12, 31)));
        Assert.False(china.Covers(new DateOnly(2027, 1, 1)));
        Assert.False(china.Covers(new DateOnly(2006, 12, 29)));
        Assert.Same(china, HolidayCalendar.China);
    }

    [Fact]
    public void Classifying_by_date_and_by_day_number_agree_and_outside_coverage_gives_the_weekday()
    {
        HolidayCalendar china = HolidayCalendar.China;
        int from = new DateOnly(2000, 1, 1).DayNumber;
        int to = new DateOnly(2035, 12, 31).DayNumber;
        Gen.Int[from, to].Sample(dayNumber =>
        {
            DateOnly date = DateOnly.FromDayNumber(dayNumber);
            DayClass byDate = china.Classify(date);
            Assert.Equal(byDate, china.Classify(dayNumber));
            DayClass weekday = (DayClass)(((int)date.DayOfWeek + 6) % 7);
            if (!china.Covers(date))
            {
                Assert.Equal(weekday, byDate);
                Assert.Null(china.HolidayName(date));
            }
            else if (byDate is not DayClass.Holiday and not DayClass.AdjustedWorkday)
            {
                Assert.Equal(weekday, byDate);
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Classifying_does_not_allocate()
    {
        HolidayCalendar china = HolidayCalendar.China;
        int day = new DateOnly(2026, 10, 1).DayNumber;
        // Once before measuring: the first runs of a loop may be compiled again on this thread (tiering), which allocates.
        Classify10000(china, day);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int sum = Classify10000(china, day);

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(sum > 0);
    }

    private static int Classify10000(HolidayCalendar calendar, int day)
    {
        int sum = 0;
        for (int i = -5000; i < 5000; i++)
        {
            sum += (int)calendar.Classify(day + i);
        }

        return sum;
    }

    [Fact]
    public void A_test_calendar_is_built_from_listed_days()
    {
        HolidayCalendar calendar = HolidayCalendar.FromDays(
        [
            (new DateOnly(2030, 10, 1), "国庆节", true),
            (new DateOnly(2030, 9, 29), "国庆节", false),
        ]);
        Assert.Equal(new DateOnly(2030, 1, 1), calendar.FirstCovered);
        Assert.Equal(new DateOnly(2030, 12, 31), calendar.LastCovered);
        Assert.Equal(DayClass.Holiday, calendar.Classify(new DateOnly(2030, 10, 1)));
        Assert.Equal(DayClass.AdjustedWorkday, calendar.Classify(new DateOnly(2030, 9, 29)));
        Assert.Equal(DayClass.Mon, calendar.Classify(new DateOnly(2030, 9, 30)));
        Assert.Equal("国庆节", calendar.HolidayName(new DateOnly(2030, 9, 29)));
        Assert.Equal(DayClass.Wed, calendar.Classify(new DateOnly(2031, 10, 1)));
    }

    [Fact]
    public void A_day_listed_as_both_off_and_working_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => HolidayCalendar.FromDays(
        [
            (new DateOnly(2030, 10, 1), "国庆节", true),
            (new DateOnly(2030, 10, 1), "国庆节", false),
        ]));
        Assert.Throws<ArgumentException>(() => HolidayCalendar.FromDays([]));
    }

    [Theory]
    [InlineData(DayClass.Mon, "周一", "Monday")]
    [InlineData(DayClass.Sun, "周日", "Sunday")]
    [InlineData(DayClass.Holiday, "法定节假日", "Public holiday")]
    [InlineData(DayClass.AdjustedWorkday, "调休工作日", "Adjusted workday")]
    public void Day_classes_have_Chinese_and_English_names(DayClass day, string zh, string en)
    {
        Assert.Equal(zh, DayClassNames.Zh(day));
        Assert.Equal(en, DayClassNames.En(day));
    }

    // Days of years the product has no notice for are made up for these tests (an example 2027
    // notice); the real 2027 notice is not in the data.
    private static HolidayYear Example2027 => new(2027,
    [
        new HolidayDay(new DateOnly(2027, 1, 1), "元旦", true),
        new HolidayDay(new DateOnly(2027, 2, 6), "春节", true),
        new HolidayDay(new DateOnly(2027, 2, 7), "春节", false), // a Sunday
    ], HolidayOrigin.Catalog, "示例通知（测试用）");

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void China_lists_each_year_of_its_data_as_built_in_with_the_notice_it_comes_from()
    {
        var years = HolidayCalendar.China.Years;
        Assert.Equal(Enumerable.Range(2007, 20), years.Select(y => y.Year));
        Assert.All(years, y => Assert.Equal(HolidayOrigin.BuiltIn, y.Origin));
        Assert.Equal("https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm", HolidayCalendar.China.YearOf(2026)!.Url);
        Assert.Null(HolidayCalendar.China.YearOf(2027));
    }

    [Fact]
    public void A_year_added_is_covered_and_classifies_its_days_while_the_built_in_years_stay()
    {
        var calendar = HolidayCalendar.China.WithYears([Example2027]);
        Assert.Equal(D("2027-12-31"), calendar.LastCovered);
        Assert.True(calendar.Covers(D("2027-06-30")));
        Assert.Equal(DayClass.Holiday, calendar.Classify(D("2027-01-01"))); // a Friday
        Assert.Equal(DayClass.AdjustedWorkday, calendar.Classify(D("2027-02-07")));
        Assert.Equal(DayClass.Mon, calendar.Classify(D("2027-02-08")));
        Assert.Equal("春节", calendar.HolidayName(D("2027-02-07")));
        Assert.Equal(DayClass.Holiday, calendar.Classify(D("2026-10-01")));
        Assert.Equal(HolidayOrigin.Catalog, calendar.YearOf(2027)!.Origin);
        Assert.Equal(HolidayOrigin.BuiltIn, calendar.YearOf(2026)!.Origin);
        Assert.False(HolidayCalendar.China.Covers(D("2027-06-30"))); // the built-in calendar is untouched
    }

    [Fact]
    public void A_year_given_replaces_that_year_of_the_built_in_data_entirely()
    {
        // 2026 given with National Day only: the built-in Spring Festival of 2026 is gone.
        var calendar = HolidayCalendar.China.WithYears([new HolidayYear(2026, [new HolidayDay(D("2026-10-01"), "国庆节", true)], HolidayOrigin.Catalog, "测试")]);
        Assert.Equal(DayClass.Holiday, calendar.Classify(D("2026-10-01")));
        Assert.Equal(DayClass.Tue, calendar.Classify(D("2026-02-17")));
        Assert.Equal(DayClass.Sat, calendar.Classify(D("2026-02-14")));
        Assert.Null(calendar.HolidayName(D("2026-02-17")));
        Assert.True(calendar.Covers(D("2026-02-17")));
        Assert.Equal(DayClass.Holiday, calendar.Classify(D("2025-01-01")));
        Assert.Equal(20, calendar.Years.Count);
    }

    [Fact]
    public void No_year_given_keeps_the_same_calendar()
    {
        Assert.Same(HolidayCalendar.China, HolidayCalendar.China.WithYears([]));
    }

    [Theory]
    [InlineData("2026-12-31", null)]
    [InlineData("2027-01-01", "2027-01-01")]
    [InlineData("2027-07-15", "2027-01-01")]
    [InlineData("2031-03-01", "2027-01-01")]
    [InlineData("2005-05-05", "2005-05-05")] // before the data: unknown from the day itself
    public void Unknown_from_is_where_the_stretch_without_a_notice_starts(string date, string? expected)
    {
        Assert.Equal(expected is null ? null : D(expected), HolidayCalendar.China.UnknownFrom(D(date)));
    }

    [Fact]
    public void A_year_skipped_leaves_a_gap_that_is_not_covered()
    {
        var calendar = HolidayCalendar.China.WithYears([new HolidayYear(2029, [new HolidayDay(D("2029-01-01"), "元旦", true)], HolidayOrigin.Catalog, "测试")]);
        Assert.False(calendar.Covers(D("2027-01-01")));
        Assert.False(calendar.Covers(D("2028-12-31")));
        Assert.True(calendar.Covers(D("2029-01-01")));
        Assert.Equal(D("2027-01-01"), calendar.UnknownFrom(D("2028-05-05")));
        Assert.Equal(D("2030-01-01"), calendar.UnknownFrom(D("2030-05-05")));
        Assert.Equal(DayClass.Fri, calendar.Classify(D("2027-01-01")));
    }

    [Fact]
    public void A_December_day_a_notice_lists_before_its_year_is_covered_and_the_rest_of_that_year_is_not()
    {
        var calendar = HolidayCalendar.FromYears([new HolidayYear(2030, [new HolidayDay(D("2029-12-31"), "元旦", true), new HolidayDay(D("2030-01-01"), "元旦", true)], HolidayOrigin.Catalog, "测试")]);
        Assert.Equal(D("2029-12-31"), calendar.FirstCovered);
        Assert.Equal(DayClass.Holiday, calendar.Classify(D("2029-12-31")));
        Assert.False(calendar.Covers(D("2029-12-30")));
    }
}
