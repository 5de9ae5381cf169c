using Hotline400.Calendar;
using Hotline400.Catalog;
using Hotline400.Common;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Catalog;

/// <summary>
/// A catalog's <c>holidays</c> section adds or replaces years of the built-in holiday calendar.
/// The 2027 days here are an example made up for the tests (the real 2027 notice is not in the data).
/// </summary>
public class CatalogHolidaysTests
{
    /// <summary>An example 2027 notice as a clerk would type it: New Year 1–3 January, Spring Festival 6–12 February with Sunday 14 and Saturday 20 February worked.</summary>
    public const string Example2027 = """
        holidays:
          2027:
            source: 示例：2027年部分节假日安排的通知（测试用，非真实通知）
            url: https://example.invalid/2027-holidays
            days:
              - { name: 元旦, off: 2027-01-01..2027-01-03 }
              - { name: 春节, off: 2027-02-06 至 2027-02-12, work: [2027-02-14, 2027-02-20] }
        """;

    public static TariffCatalog With(string holidays) => LoadCatalog(CatalogYaml + "\n" + holidays);

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_catalog_without_holidays_prices_with_the_built_in_calendar()
    {
        Assert.Same(HolidayCalendar.China, TestWorld.Catalog.Calendar);
    }

    [Fact]
    public void A_catalog_adding_2027_covers_it_with_its_days_and_source()
    {
        var calendar = With(Example2027).Calendar;
        Assert.Equal(D("2027-12-31"), calendar.LastCovered);
        Assert.Equal(DayClass.Holiday, calendar.Classify(D("2027-01-01")));   // a Friday
        Assert.Equal(DayClass.Holiday, calendar.Classify(D("2027-02-08")));   // a Monday
        Assert.Equal(DayClass.AdjustedWorkday, calendar.Classify(D("2027-02-14"))); // a Sunday
        Assert.Equal(DayClass.Mon, calendar.Classify(D("2027-02-15")));
        Assert.Equal("春节", calendar.HolidayName(D("2027-02-20")));
        var year = calendar.YearOf(2027)!;
        Assert.Equal(HolidayOrigin.Catalog, year.Origin);
        Assert.Equal("示例：2027年部分节假日安排的通知（测试用，非真实通知）", year.Source);
        Assert.Equal("https://example.invalid/2027-holidays", year.Url);
        Assert.Equal(3 + 7 + 2, year.Days.Count);
        Assert.Equal(HolidayOrigin.BuiltIn, calendar.YearOf(2026)!.Origin);
    }

    [Fact]
    public void A_catalog_adding_2027_makes_a_banded_plan_price_new_years_day_at_its_holiday_rate_and_an_adjusted_Sunday_at_its_workday_rate()
    {
        // p/peak: workdays 08:00–20:00 peak 0.12, rest days (weekends and holidays) 0.05; 120 s talked = 2 minutes.
        string[] calls =
        [
            Answered("h1", NumberFor("peak"), "2027-01-01T10:00:00", 120), // New Year's Day, a Friday
            Answered("w1", NumberFor("peak"), "2027-02-14T10:00:00", 120), // a Sunday worked for the Spring Festival
        ];
        var (with, _) = Rate(With(Example2027), calls);
        Assert.Equal(("rest", 0.10m), BandAndCharge(with.Call("h1")));
        Assert.Equal(("peak", 0.24m), BandAndCharge(with.Call("w1")));
        Assert.Null(with.Call("h1").HolidaysUnknownFrom);
        Assert.Null(with.Call("w1").HolidaysUnknownFrom);

        // Without the notice the same calls are a plain Friday and a plain Sunday, and say so.
        var (without, _) = Rate(TestWorld.Catalog, calls);
        Assert.Equal(("peak", 0.24m), BandAndCharge(without.Call("h1")));
        Assert.Equal(("rest", 0.10m), BandAndCharge(without.Call("w1")));
        Assert.Equal(D("2027-01-01"), without.Call("h1").HolidaysUnknownFrom);
        Assert.Equal(D("2027-01-01"), without.Call("w1").HolidaysUnknownFrom);
    }

    private static (string Band, decimal Charge) BandAndCharge(global::Hotline400.Rating.RatedCall call) =>
        (call.Version.Bands.Bands[call.MainPiece.BandIndex].Id, call.Charge.Yuan);

    [Fact]
    public void A_year_given_in_the_catalog_replaces_the_built_in_year_entirely()
    {
        // 2026 given with National Day only: the built-in Spring Festival of 2026 (15–23 February) is gone.
        var catalog = With("""
            holidays:
              2026:
                source: 测试：只有国庆节的2026年
                days:
                  - { name: 国庆节, off: 2026-10-01..2026-10-07 }
            """);
        Assert.Equal(HolidayOrigin.Catalog, catalog.Calendar.YearOf(2026)!.Origin);
        Assert.Equal(DayClass.Tue, catalog.Calendar.Classify(D("2026-02-17")));
        Assert.Equal(DayClass.Sat, catalog.Calendar.Classify(D("2026-10-10"))); // the built-in notice made it a working day
        Assert.Equal(DayClass.Holiday, catalog.Calendar.Classify(D("2025-01-01")));
        var (rated, _) = Rate(catalog, [Answered("c1", NumberFor("peak"), "2026-02-17T10:00:00", 120), Answered("c2", NumberFor("peak"), "2026-10-02T10:00:00", 120)]);
        Assert.Equal(("peak", 0.24m), BandAndCharge(rated.Call("c1"))); // a plain Tuesday now
        Assert.Equal(("rest", 0.10m), BandAndCharge(rated.Call("c2")));
        var (builtIn, _) = Rate(TestWorld.Catalog, [Answered("c1", NumberFor("peak"), "2026-02-17T10:00:00", 120)]);
        Assert.Equal(("rest", 0.10m), BandAndCharge(builtIn.Call("c1")));
    }

    [Fact]
    public void A_notice_may_list_the_end_of_the_December_before_its_year()
    {
        var calendar = With("""
            holidays:
              2027:
                source: 测试
                days:
                  - { name: 元旦, off: 2026-12-31..2027-01-01 }
            """).Calendar;
        Assert.Equal(DayClass.Holiday, calendar.Classify(D("2026-12-31")));
        Assert.Equal("元旦", calendar.HolidayName(D("2026-12-31")));
    }

    /// <summary>Every problem of a holidays section; the comments give the line of each (the first line is line 1).</summary>
    private const string BrokenHolidays = """
        vat_rate: 0.06
        providers:
          - id: p
            name: P
            plans:
              - id: a
                name: A
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.10 }
        holidays:
          2027:
            source: 示例通知（测试用）
            colour: red
            days:
              - { name: 元旦, off: 2026-06-01 }
              - { name: 春节, off: 2027-02-06..2027-02-12, work: [2027-02-07, 2027-02-08] }
              - { name: 清明节, off: true }
              - { name: 劳动节, off: [2027-05-01, 2027-05-01] }
              - { name: 端午节, off: 2027-06-12..2027-06-10 }
              - { name: 中秋节 }
              - { name: 国庆节, off: { from: 2027-10-01 } }
              - { name: 国庆节, off: 2027-10-01..2027-11-30 }
          next: {}
          2028: [2028-01-01]
          2029:
            days: [ { name: 元旦, off: 2029-01-01 } ]
        """;

    public static TheoryData<int, int, string> BrokenHolidaysProblems => new()
    {
        { 13, 5, "unknown key 'holidays.2027.colour'" },
        { 15, 26, "2026-06-01 is not in 2027" },
        { 16, 57, "2027-02-07 is listed twice in 2027 (first at line 16)" },
        { 16, 69, "2027-02-08 is a Monday: an adjusted working day ('work') is a Saturday or Sunday" },
        { 16, 69, "2027-02-08 is listed twice in 2027 (first at line 16)" },
        { 17, 27, "'holidays.2027.days[2].off' must be a date like 2027-01-01, a range like 2027-02-06..2027-02-12, or a list of them, found 'true'" },
        { 18, 40, "2027-05-01 is listed twice in 2027 (first at line 18)" },
        { 19, 27, "the range 2027-06-12..2027-06-10 ends before it starts" },
        { 20, 9, "'holidays.2027.days[5]' lists no days" },
        { 21, 27, "'holidays.2027.days[6].off' must be a date like 2027-01-01" },
        { 22, 27, "the range 2027-10-01..2027-11-30 is 61 days long" },
        { 23, 3, "'holidays' lists years like 2027: 'next' is not a year" },
        { 24, 9, "'holidays.2028' must be a mapping with source and days" },
        { 26, 5, "missing required key 'holidays.2029.source'" },
    };

    [Theory]
    [MemberData(nameof(BrokenHolidaysProblems))]
    public void Every_problem_of_a_holidays_section_is_reported_with_its_line_and_column(int line, int column, string fragment)
    {
        var diagnostics = CatalogLoader.Load(BrokenHolidays, "broken.yaml").Diagnostics;
        Assert.True(diagnostics.Any(d => d.Line == line && d.Column == column && d.Message.Contains(fragment, StringComparison.Ordinal)),
            $"expected {line}:{column} {fragment}; got:\n{string.Join("\n", diagnostics)}");
    }

    [Fact]
    public void A_broken_holidays_section_reports_all_its_problems_at_once_and_nothing_else()
    {
        var result = CatalogLoader.Load(BrokenHolidays, "broken.yaml");
        Assert.False(result.Ok);
        Assert.Equal(BrokenHolidaysProblems.Count, result.Diagnostics.Count);
    }

    [Fact]
    public void A_December_day_two_notices_list_must_be_the_same_kind_of_day_in_both()
    {
        var result = CatalogLoader.Load(CatalogYaml + "\n" + """
            holidays:
              2026:
                source: 测试2026
                days:
                  - { name: 测试, work: 2026-12-27 }
              2027:
                source: 测试2027
                days:
                  - { name: 元旦, off: 2026-12-27..2027-01-01 }
            """, "conflict.yaml");
        var problem = Assert.Single(result.Diagnostics);
        Assert.Contains("2026-12-27 is a day off here in 2027 but an adjusted working day in 2026", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("peak", true)]    // workday and rest bands: a holiday on a weekday is priced otherwise
    [InlineData("split", false)]  // day and night on all days: holidays are priced alike
    [InlineData("flat", false)]
    [InlineData("tiers", false)]
    public void Only_bands_that_tell_holidays_or_adjusted_working_days_apart_depend_on_the_calendar(string plan, bool depends)
    {
        Assert.Equal(depends, TestWorld.Catalog.FindPlan("p/" + plan)!.Versions[0].Bands.DependsOnHolidays);
    }

    [Theory]
    [InlineData("[mon, tue, wed, thu, fri]", "[weekend]", false)]                  // holidays not mentioned: priced as their weekday
    [InlineData("[mon, tue, wed, thu, fri, holiday]", "[weekend]", true)]          // a Saturday holiday is priced as a weekday
    [InlineData("[workday]", "[rest]", true)]
    [InlineData("[all]", "[]", false)]
    public void Whether_weekday_bands_depend_on_the_calendar_follows_the_day_types_they_name(string week, string weekend, bool depends)
    {
        var bands = weekend == "[]"
            ? $"      - {{ id: a, name: A, days: {week}, from: \"00:00\", to: \"24:00\", rate: 0.10 }}\n"
            : $"      - {{ id: a, name: A, days: {week}, from: \"00:00\", to: \"24:00\", rate: 0.10 }}\n      - {{ id: b, name: B, days: {weekend}, from: \"00:00\", to: \"24:00\", rate: 0.05 }}\n";
        var catalog = LoadCatalog("providers:\n  - id: q\n    name: Q\n    plans:\n      - id: x\n        name: X\n        versions:\n          - version: 1\n            effective: 2026-01-01\n            rate: 0.10\n            bands:\n"
            + string.Join("", bands.Split('\n').Select(l => l.Length == 0 ? "" : "      " + l + "\n")));
        Assert.Equal(depends, catalog.FindPlan("q/x")!.Versions[0].Bands.DependsOnHolidays);
    }

    private static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Hotline400.slnx")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("Hotline400.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    [Fact]
    public void The_example_of_the_tariff_format_loads_and_covers_2027_with_its_days()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot, "docs", "tariff-format.md"));
        var start = doc.IndexOf("```yaml\nholidays:", StringComparison.Ordinal);
        Assert.True(start >= 0, "the holidays example is not in docs/tariff-format.md");
        start += "```yaml\n".Length;
        var yaml = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        var calendar = With(yaml).Calendar;
        var year = calendar.YearOf(2027)!;
        Assert.Equal(HolidayOrigin.Catalog, year.Origin);
        Assert.Equal(3 + 9 + 2 + 3 + 5 + 2 + 1 + 1 + 7 + 2, year.Days.Count);
        Assert.Equal(DayClass.AdjustedWorkday, calendar.Classify(D("2027-09-26")));
        Assert.Equal(DayClass.Holiday, calendar.Classify(D("2027-10-07")));
    }

    [Fact]
    public void The_sample_catalog_carries_no_invented_holidays()
    {
        Assert.Same(HolidayCalendar.China, CatalogLoader.Sample().Calendar);
    }
}
