using System.Text.Json;
using Hotline400.Cli;
using Hotline400.Tests.Catalog;
using static Hotline400.Tests.TestWorld;
using static Hotline400.Tests.CliRun;

namespace Hotline400.Tests.Cli;

/// <summary>
/// Calls priced on days the holiday calendar has no notice for, under bands that depend on the
/// day type, are said once per run by every command that rates them; the catalog's own years
/// silence it, and plans whose bands never tell holidays apart never raise it. (The 2027 days are
/// the tests' example notice, <see cref="CatalogHolidaysTests.Example2027"/>, not the real one.)
/// </summary>
public sealed class HolidayWarningTests : IDisposable
{
    private static readonly string Peak = NumberFor("peak");
    private readonly TempDir _dir = new();
    private readonly string _catalog;
    private readonly string _catalog2027;
    private readonly string _accounts;

    public HolidayWarningTests()
    {
        _catalog = _dir.Write("catalog.yaml", CatalogYaml);
        _catalog2027 = _dir.Write("catalog-2027.yaml", CatalogYaml + "\n" + CatalogHolidaysTests.Example2027);
        _accounts = _dir.Write("accounts.yaml", AccountsYaml);
    }

    public void Dispose() => _dir.Dispose();

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private string Calls(params string[] rows) => _dir.Write("calls.csv", Header + "\n" + string.Join("\n", rows) + "\n");

    private (int Code, JsonElement Json) RateJson(string catalog, string calls, params string[] extra)
    {
        var (code, output, error) = Run(["rate", "--catalog", catalog, "--accounts", _accounts, "--out", _dir.File("rated.csv"), "--json", .. extra, calls]);
        Assert.True(code == 0, error);
        return (code, JsonDocument.Parse(output).RootElement.Clone());
    }

    // ---- rate ---------------------------------------------------------------------------------------

    [Fact]
    public void Rate_json_on_a_2027_call_under_a_banded_plan_without_2027_data_says_holidays_unknown_from()
    {
        var calls = Calls(Answered("h1", Peak, "2027-01-01T10:00:00", 120), Answered("h2", Peak, "2027-01-04T10:00:00", 120));
        var (_, json) = RateJson(_catalog, calls);
        Assert.Equal("2027-01-01", json.GetProperty("holidays_unknown_from").GetString());
        Assert.Equal(2, json.GetProperty("holidays_unknown_calls").GetInt64());
        Assert.StartsWith("2027-01-01 起的法定节假日和调休安排尚未收录", json.GetProperty("holidays_unknown").GetString(), StringComparison.Ordinal);
        Assert.Equal("0.48", json.GetProperty("total").GetString()); // both priced as plain workdays at peak: 2 × 0.24
    }

    [Fact]
    public void Rate_json_with_the_catalogs_2027_data_does_not_warn_and_prices_the_holiday()
    {
        var calls = Calls(Answered("h1", Peak, "2027-01-01T10:00:00", 120), Answered("h2", Peak, "2027-01-04T10:00:00", 120));
        var (_, json) = RateJson(_catalog2027, calls);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("holidays_unknown_from").ValueKind);
        Assert.Equal(0, json.GetProperty("holidays_unknown_calls").GetInt64());
        Assert.Equal("0.34", json.GetProperty("total").GetString()); // New Year's Day at the rest rate 0.10 + a Monday at peak 0.24
    }

    [Fact]
    public void Rate_says_it_once_under_the_summary_in_Chinese_and_in_English_with_lang_en()
    {
        var calls = Calls(Answered("h1", Peak, "2027-01-01T10:00:00", 120), Answered("h2", Peak, "2027-02-14T10:00:00", 120));
        var (code, zh, _) = Run("rate", "--catalog", _catalog, "--accounts", _accounts, "--out", _dir.File("rated.csv"), calls);
        Assert.Equal(0, code);
        Assert.Single(zh.Split('\n'), l => l.Contains("尚未收录", StringComparison.Ordinal));
        Assert.Contains("注意：2027-01-01 起的法定节假日和调休安排尚未收录", zh, StringComparison.Ordinal);
        Assert.Contains("（涉及 2 通通话）", zh, StringComparison.Ordinal);
        var (_, en, _) = Run("rate", "--catalog", _catalog, "--accounts", _accounts, "--out", _dir.File("rated.csv"), "--lang", "en", calls);
        Assert.Contains("Note: the public holidays and adjusted working days from 2027-01-01 on are not in the holiday calendar", en, StringComparison.Ordinal);
        Assert.Contains("(2 calls affected)", en, StringComparison.Ordinal);
        var (_, quiet, _) = Run("rate", "--catalog", _catalog2027, "--accounts", _accounts, "--out", _dir.File("rated.csv"), calls);
        Assert.DoesNotContain("尚未收录", quiet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("flat")]   // no bands
    [InlineData("split")]  // day and night bands on all days: a holiday is priced alike
    [InlineData("region")]
    [InlineData("tiers")]
    public void A_plan_without_day_type_bands_never_warns(string plan)
    {
        var (_, json) = RateJson(_catalog, Calls(Answered("x1", NumberFor(plan), "2027-01-01T10:00:00", 120), Answered("x2", NumberFor(plan), "2027-10-01T22:00:00", 120)));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("holidays_unknown_from").ValueKind);
    }

    [Fact]
    public void A_2026_call_under_a_banded_plan_never_warns()
    {
        var (_, json) = RateJson(_catalog, Calls(Answered("c1", Peak, "2026-10-01T10:00:00", 120)));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("holidays_unknown_from").ValueKind);
    }

    // ---- bill and statements ----------------------------------------------------------------------

    [Fact]
    public void Bill_says_it_for_the_run_and_the_statement_carries_the_note_until_the_notice_is_imported_and_an_adjustment_corrects_it()
    {
        var db = _dir.File("w.db");
        Assert.Equal(0, Run("import", "catalog", _catalog, "--db", db).Code);
        Assert.Equal(0, Run("import", "accounts", _accounts, "--db", db).Code);
        Assert.Equal(0, Run("import", "calls", Calls(Answered("h1", Peak, "2027-01-01T10:00:00", 120), Answered("f1", NumberFor("flat"), "2027-01-01T10:00:00", 120)), "--db", db).Code);

        var (code, output, error) = Run("bill", "2027-01", "--json", "--db", db);
        Assert.True(code == 0, error);
        var bill = JsonDocument.Parse(output).RootElement;
        Assert.Equal("2027-01-01", bill.GetProperty("holidays_unknown_from").GetString());
        var peak = bill.GetProperty("statements").EnumerateArray().Single(s => s.GetProperty("number").GetString() == Peak);
        Assert.Equal("0.24", peak.GetProperty("total").GetString()); // New Year's Day priced as a Friday at peak
        Assert.Contains(peak.GetProperty("alerts").EnumerateArray(), a => a.GetString()!.StartsWith("本账单有 1 通通话的日期在 2027-01-01 或之后", StringComparison.Ordinal));
        var flat = bill.GetProperty("statements").EnumerateArray().Single(s => s.GetProperty("number").GetString() == NumberFor("flat"));
        Assert.Empty(flat.GetProperty("alerts").EnumerateArray());

        var (_, statement, _) = Run("statement", Peak, "2027-01", "--format", "json", "--db", db);
        var alert = Assert.Single(JsonDocument.Parse(statement).RootElement.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("kind").GetString() == "holidays_unknown");
        Assert.Contains("已按普通星期几计费", alert.GetProperty("message").GetString(), StringComparison.Ordinal);
        var (_, text, _) = Run("bill", "2027-01", "--db", db);
        Assert.Contains("注意：2027-01-01 起的法定节假日和调休安排尚未收录", text, StringComparison.Ordinal);
        var (_, english, _) = Run("statement", Peak, "2027-01", "--lang", "en", "--db", db);
        Assert.Contains("priced as plain weekdays", english, StringComparison.Ordinal);

        // The notice comes out: the catalog with 2027 is imported and billing again corrects the holiday by an adjustment.
        Assert.Equal(0, Run("import", "catalog", _catalog2027, "--db", db).Code);
        var again = JsonDocument.Parse(Run("bill", "2027-01", "--json", "--db", db).Out).RootElement;
        Assert.Equal(JsonValueKind.Null, again.GetProperty("holidays_unknown_from").ValueKind);
        var adjusted = again.GetProperty("statements").EnumerateArray().Single(s => s.GetProperty("number").GetString() == Peak);
        Assert.Equal("adjusted", adjusted.GetProperty("outcome").GetString());
        Assert.Equal("-0.14", adjusted.GetProperty("adjustment").GetString()); // 0.10 at the rest rate instead of 0.24
    }

    // ---- audit --------------------------------------------------------------------------------------

    [Fact]
    public void Audit_warns_when_the_expected_prices_have_no_holiday_data_and_not_once_the_catalog_has_it()
    {
        var calls = Calls(Answered("h1", Peak, "2027-01-01T10:00:00", 120));
        // The provider knew New Year's Day: 2 minutes at the rest rate.
        var statement = _dir.Write("statement.csv", "number,period,line_type,call_id,started_at,billed_minutes,rate,amount,description\n"
            + $"{Peak},2027-01,call,h1,,2,0.05,0.10,\n");
        var (code, output, error) = Run("audit", "--statement", statement, "--calls", calls, "--catalog", _catalog, "--accounts", _accounts, "--json");
        Assert.Equal(1, code); // expected at a Friday's peak rate: 0.24
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("2027-01-01", json.GetProperty("holidays_unknown_from").GetString());
        Assert.Contains(json.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("这些日期上的差异可能由此而来", StringComparison.Ordinal));
        Assert.Contains("注意：2027-01-01 起的法定节假日和调休安排尚未收录", error, StringComparison.Ordinal);

        (code, output, _) = Run("audit", "--statement", statement, "--calls", calls, "--catalog", _catalog2027, "--accounts", _accounts, "--json");
        Assert.Equal(0, code);
        json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(JsonValueKind.Null, json.GetProperty("holidays_unknown_from").ValueKind);
        Assert.Empty(json.GetProperty("warnings").EnumerateArray());
    }

    // ---- report -------------------------------------------------------------------------------------

    [Fact]
    public void Report_with_a_catalog_says_it_on_stderr_with_json_and_not_once_the_catalog_has_2027()
    {
        var calls = Calls(Answered("h1", Peak, "2027-01-01T10:00:00", 120));
        var (code, output, error) = Run("report", "--calls", calls, "--catalog", _catalog, "--accounts", _accounts, "--json");
        Assert.True(code == 0, error);
        using (JsonDocument.Parse(output))
        {
        }
        Assert.Contains("注意：2027-01-01 起的法定节假日和调休安排尚未收录", error, StringComparison.Ordinal);
        (code, _, error) = Run("report", "--calls", calls, "--catalog", _catalog2027, "--accounts", _accounts, "--json");
        Assert.True(code == 0, error);
        Assert.DoesNotContain("尚未收录", error, StringComparison.Ordinal);
    }

    // ---- advise -------------------------------------------------------------------------------------

    private static readonly StoppedClock Nov2026 = new(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Advise_uses_the_catalogs_calendar_a_profile_into_2027_is_not_flagged_when_the_catalog_has_2027()
    {
        var (code, output, err) = RunAt(Nov2026, "advise", "--catalog", _catalog, "--minutes-per-month", "1000", "--json");
        Assert.True(code == 0, err);
        Assert.Equal("2027-01-01", JsonDocument.Parse(output).RootElement.GetProperty("holidays_unknown_from").GetString());
        (code, output, err) = RunAt(Nov2026, "advise", "--catalog", _catalog2027, "--minutes-per-month", "1000", "--json");
        Assert.True(code == 0, err);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(output).RootElement.GetProperty("holidays_unknown_from").ValueKind);
    }

    [Fact]
    public void Advise_does_not_flag_a_catalog_whose_plans_never_tell_holidays_apart()
    {
        var catalog = _dir.Write("nobands.yaml", """
            providers:
              - id: q
                name: Q
                plans:
                  - id: flat
                    name: Flat
                    versions:
                      - { version: 1, effective: 2026-01-01, rate: 0.10 }
                  - id: daynight
                    name: Day and night
                    versions:
                      - version: 1
                        effective: 2026-01-01
                        rate: 0.10
                        bands:
                          - { id: day, name: Day, days: [all], from: "08:00", to: "20:00", rate: 0.10 }
                          - { id: night, name: Night, days: [all], from: "20:00", to: "08:00", rate: 0.05 }
                  - id: weekdays
                    name: Weekdays and weekends
                    versions:
                      - version: 1
                        effective: 2026-01-01
                        rate: 0.10
                        bands:
                          - { id: week, name: Week, days: [mon, tue, wed, thu, fri], from: "00:00", to: "24:00", rate: 0.10 }
                          - { id: weekend, name: Weekend, days: [weekend], from: "00:00", to: "24:00", rate: 0.05 }
            """);
        var (code, output, err) = RunAt(Nov2026, "advise", "--catalog", catalog, "--minutes-per-month", "1000", "--json");
        Assert.True(code == 0, err);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(output).RootElement.GetProperty("holidays_unknown_from").ValueKind);
    }

    // ---- catalog check ------------------------------------------------------------------------------

    [Fact]
    public void Catalog_check_lists_the_calendars_years_and_where_each_comes_from()
    {
        var (code, output, error) = Run("catalog", "check", _catalog2027);
        Assert.True(code == 0, output + error);
        Assert.Contains("节假日日历：", output, StringComparison.Ordinal);
        Assert.Contains("  2007–2026  内置数据", output, StringComparison.Ordinal);
        Assert.Contains("  2027       本目录 holidays：示例：2027年部分节假日安排的通知（测试用，非真实通知） https://example.invalid/2027-holidays", output, StringComparison.Ordinal);
        Assert.Contains("2028-01-01 起未收录：按节假日、工作日分时段计费的套餐（p/peak）", output, StringComparison.Ordinal);

        (_, output, _) = Run("catalog", "check", _catalog, "--lang", "en");
        Assert.Contains("Holiday calendar:", output, StringComparison.Ordinal);
        Assert.Contains("  2007–2026  built in", output, StringComparison.Ordinal);
        Assert.Contains("not covered from 2027-01-01: plans with bands by day type (p/peak)", output, StringComparison.Ordinal);

        (_, output, _) = Run("catalog", "check", _catalog2027, "--json");
        var calendar = JsonDocument.Parse(output).RootElement.GetProperty("calendar");
        var years = calendar.GetProperty("years").EnumerateArray().ToList();
        Assert.Equal(21, years.Count);
        Assert.Equal("built_in", years[0].GetProperty("origin").GetString());
        Assert.Equal(2027, years[^1].GetProperty("year").GetInt32());
        Assert.Equal("catalog", years[^1].GetProperty("origin").GetString());
        Assert.Equal("示例：2027年部分节假日安排的通知（测试用，非真实通知）", years[^1].GetProperty("source").GetString());
        Assert.False(years[^1].GetProperty("replaces_built_in").GetBoolean());
        Assert.Equal("2028-01-01", calendar.GetProperty("unknown_from").GetString());
        Assert.Empty(calendar.GetProperty("missing_years").EnumerateArray());
        Assert.Equal(["p/peak"], calendar.GetProperty("plans_by_day_type").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public void Catalog_check_says_when_a_catalog_year_replaces_the_built_in_one()
    {
        var path = _dir.Write("catalog-2026.yaml", CatalogYaml + "\n" + """
            holidays:
              2026:
                source: 测试：重录的2026年通知
                days:
                  - { name: 国庆节, off: 2026-10-01..2026-10-07 }
            """);
        var (code, output, error) = Run("catalog", "check", path);
        Assert.True(code == 0, output + error);
        Assert.Contains("  2007–2025  内置数据", output, StringComparison.Ordinal);
        Assert.Contains("  2026       本目录 holidays：测试：重录的2026年通知（替换内置数据）", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_check_shows_a_year_missing_between_the_built_in_data_and_a_catalog_year()
    {
        var path = _dir.Write("catalog-2028.yaml", CatalogYaml + "\n" + """
            holidays:
              2028:
                source: 测试：2028年（虚构）
                days:
                  - { name: 元旦, off: 2028-01-01 }
            """);
        var (code, output, error) = Run("catalog", "check", path);
        Assert.True(code == 0, output + error);
        Assert.Contains("  2027       未收录（没有该年的国务院通知）", output, StringComparison.Ordinal);
        Assert.Contains("  2029-01-01 起未收录", output, StringComparison.Ordinal);
        var calendar = JsonDocument.Parse(Run("catalog", "check", path, "--json").Out).RootElement.GetProperty("calendar");
        Assert.Equal([2027], calendar.GetProperty("missing_years").EnumerateArray().Select(y => y.GetInt32()));
    }

    [Fact]
    public void Catalog_check_of_a_broken_holidays_section_exits_1_with_file_line_column()
    {
        var path = _dir.Write("broken.yaml", CatalogYaml + "\n" + """
            holidays:
              2027:
                source: 测试
                days:
                  - { name: 春节, work: 2027-02-08 }
            """);
        var (code, output, _) = Run("catalog", "check", path);
        Assert.Equal(CliApp.SomeRejected, code);
        var line = CatalogYaml.Split('\n').Length + 5;
        Assert.Contains($"{path}:{line}:27: 2027-02-08 is a Monday", output, StringComparison.Ordinal);
    }
}
