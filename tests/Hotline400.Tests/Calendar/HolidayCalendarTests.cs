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
}
