using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Rating;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Catalog;

/// <summary>The catalog loader reports every problem of a file at once, each with its line and column, and reads the format's shorthands.</summary>
public class CatalogLoaderTests
{
    /// <summary>Twelve distinct problems; the comments give the line of each (the first line is line 1).</summary>
    private const string BrokenCatalog = """
        currency: CNY
        vat_rate: 0.06
        providers:
          - id: p
            name: { zh: 供应商, en: Provider }
            colour: blue
            services:
              - { id: ivr, name: IVR, yearly: 300, answers_first: true, incompatible_with: [crbt] }
              - { id: crbt, name: 彩铃, monthly: 10, incompatible_with: [ivr] }
            plans:
              - id: a
                name: A
                renews_to: nowhere
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: cheap
                    monthly_fee: -5
                    included_services: [ivr, crbt]
              - id: b
                name: B
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.10
                    tiers: { mode: graduated, steps: [ { from: 0, rate: 0.10 } ] }
                    bands:
                      - { id: week, name: Week, days: [mon, tue, wed, thu, fri, sat], from: "00:00", to: "24:00", rate: 0.12 }
                      - { id: sun-am, name: Sunday morning, days: [sun], from: "00:00", to: "12:00", rate: 0.06 }
                      - { id: sun-pm, name: Sunday afternoon, days: [sun], from: "13:00", to: "24:00", rate: 0.06 }
                      - { id: lunch, name: Lunch, days: [mon], from: "12:00", to: "14:00", rate: 0.05 }
                      - { id: late, name: Late, days: [sat], from: "23:00", to: "25:00", rate: 0.05 }
                      - { id: odd, name: Odd, days: [funday], from: "00:00", to: "24:00", rate: 0.05 }
              - id: c
                name: C
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.10 }
                  - { version: 2, effective: 2025-06-01, rate: 0.08 }
              - id: a
                name: A again
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.10 }
        """;

    public static TheoryData<int, int, string> BrokenCatalogProblems => new()
    {
        { 6, 5, "unknown key 'providers[0].colour'" },
        { 13, 20, "renews to unknown plan 'nowhere'" },
        { 17, 19, "versions[0].rate' must be a number, found 'cheap'" },
        { 18, 26, "monthly_fee' must not be negative, found -5" },
        { 19, 38, "included services 'crbt' and 'ivr' are incompatible" },
        { 26, 20, "bands or tiers, not both" },
        { 28, 15, "bands leave sun 12:00–13:00 uncovered" },
        { 28, 15, "bands 'week' and 'lunch' overlap on mon 12:00–14:00" },
        { 32, 73, "must be a time of day like \"08:00\" (00:00–24:00), found '25:00'" },
        { 33, 46, "unknown day 'funday'" },
        { 38, 38, "version 2 takes effect 2025-06-01, not after version 1 (2026-01-01)" },
        { 39, 13, "duplicate plan id 'a'" },
    };

    private static IReadOnlyList<Diagnostic> BrokenDiagnostics => CatalogLoader.Load(BrokenCatalog, "broken.yaml").Diagnostics;

    [Theory]
    [MemberData(nameof(BrokenCatalogProblems))]
    public void Every_problem_of_a_broken_catalog_is_reported_with_its_line_and_column(int line, int column, string fragment)
    {
        var diagnostics = BrokenDiagnostics;
        Assert.True(
            diagnostics.Any(d => d.Line == line && d.Column == column && d.Message.Contains(fragment, StringComparison.Ordinal)),
            $"expected {line}:{column} '{fragment}' in:\n{string.Join("\n", diagnostics)}");
    }

    [Fact]
    public void A_broken_catalog_reports_exactly_its_twelve_problems_and_no_value()
    {
        var result = CatalogLoader.Load(BrokenCatalog, "broken.yaml");
        Assert.False(result.Ok);
        Assert.Null(result.Value);
        Assert.Equal(BrokenCatalogProblems.Count(), result.Diagnostics.Count);
        Assert.All(result.Diagnostics, d => Assert.Equal("broken.yaml", d.File));
    }

    [Fact]
    public void A_diagnostic_prints_as_file_line_column_message()
    {
        var first = BrokenDiagnostics.Single(d => d.Message.Contains("colour", StringComparison.Ordinal));
        Assert.Equal("broken.yaml:6:5: unknown key 'providers[0].colour'", first.ToString());
    }

    [Theory]
    [InlineData("currency: CNY\nproviders:\n  - id: p\n    name: \"unclosed\n", 4)]
    [InlineData("currency: CNY\nproviders:\n  - id: p\n     name: P\n    plans: []\n", 4)]
    [InlineData("currency: CNY\nproviders:\n  - id: p\n    name: [unclosed\n  - id: q\n", 4)]      // YamlDotNet fails with InvalidOperationException here
    [InlineData("currency: CNY\nproviders:\n  - id: p\n    name: {zh: a, en: b\n", 4)]
    public void A_YAML_syntax_error_is_reported_with_its_line_not_thrown(string yaml, int fromLine)
    {
        var result = CatalogLoader.Load(yaml, "syntax.yaml");
        var d = Assert.Single(result.Diagnostics);
        Assert.StartsWith("YAML syntax error", d.Message, StringComparison.Ordinal);
        Assert.InRange(d.Line, fromLine, yaml.Count(c => c == '\n') + 1);
        Assert.True(d.Column > 0);
        Assert.Null(result.Value);
    }

    [Fact]
    public void An_empty_file_is_reported()
    {
        var result = CatalogLoader.Load("", "empty.yaml");
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("empty", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_required_key_is_reported_at_its_mapping()
    {
        const string yaml = """
            providers:
              - id: p
                name: P
                plans:
                  - id: a
                    name: A
                    versions:
                      - { version: 1, effective: 2026-01-01 }
            """;
        var d = Assert.Single(CatalogLoader.Load(yaml, "c.yaml").Diagnostics);
        Assert.Equal((8, 13), (d.Line, d.Column));
        Assert.Contains("missing required key 'providers[0].plans[0].versions[0].rate'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_catalog_loads_without_problems_and_has_at_least_ten_plans()
    {
        var result = CatalogLoader.Load(SampleData.CatalogYaml, "samples/catalog.yaml");
        Assert.Empty(result.Diagnostics);
        Assert.True(result.Ok);
        Assert.True(result.Value!.Plans.Count() >= 10, $"{result.Value.Plans.Count()} plans");
        Assert.NotNull(CatalogLoader.Sample());
    }

    [Fact]
    public void The_test_catalog_loads_without_problems() => Assert.Empty(CatalogLoader.Load(CatalogYaml, "t.yaml").Diagnostics);

    /// <summary>A catalog of one plan p/a whose version 1 has <paramref name="versionBody"/> (keys at column 1); the body starts on line 10.</summary>
    private static string OnePlan(string versionBody) =>
        "providers:\n  - id: p\n    name: P\n    plans:\n      - id: a\n        name: A\n        versions:\n          - version: 1\n            effective: 2026-01-01\n"
        + string.Join("\n", versionBody.Split('\n').Select(l => "            " + l)) + "\n";

    [Theory]
    [InlineData(1200, 12, "100.00")]
    [InlineData(1000, 12, "83.33")]   // 83.333… rounded to the fen
    [InlineData(500, 6, "83.33")]
    [InlineData(2000, 24, "83.33")]
    [InlineData(600, 12, "50.00")]
    public void Monthly_minimum_package_is_the_package_price_over_the_term(int price, int term, string minimum)
    {
        var catalog = LoadCatalog(OnePlan($"rate: 0.10\nterm_months: {term}\npackage: {{ price: {price}, buys: minutes }}\nmonthly_minimum: package"));
        var v = catalog.FindPlan("p/a")!.Versions[0];
        Assert.Equal(decimal.Parse(minimum, System.Globalization.CultureInfo.InvariantCulture), v.MonthlyMinimum.Yuan);
    }

    [Fact]
    public void Monthly_minimum_package_without_a_package_is_an_error()
    {
        var d = Assert.Single(CatalogLoader.Load(OnePlan("rate: 0.10\nmonthly_minimum: package"), "c.yaml").Diagnostics);
        Assert.Contains("needs a package", d.Message, StringComparison.Ordinal);
        Assert.Equal((11, 30), (d.Line, d.Column));
    }

    [Theory]
    [InlineData("1000", "0.12", 8333)]   // 8333.33… floored
    [InlineData("1200", "0.10", 12000)]
    [InlineData("100", "0.07", 1428)]    // 1428.57… floored, never rounded up
    [InlineData("0.99", "0.10", 9)]
    public void Allowance_minutes_package_is_the_package_price_over_the_rate_floored(string price, string rate, long minutes)
    {
        var catalog = LoadCatalog(OnePlan($"rate: {rate}\npackage: {{ price: {price}, buys: money }}\nallowance: {{ minutes: package, per: term }}"));
        var allowance = catalog.FindPlan("p/a")!.Versions[0].Allowance!;
        Assert.Equal(minutes, allowance.Minutes);
        Assert.Equal(AllowancePeriod.Term, allowance.Per);
    }

    [Fact]
    public void A_package_that_buys_minutes_includes_price_over_rate_minutes_for_the_term()
    {
        var catalog = LoadCatalog(OnePlan("rate: 0.12\npackage: { price: 1000, buys: minutes }"));
        var allowance = catalog.FindPlan("p/a")!.Versions[0].Allowance!;
        Assert.Equal(8333, allowance.Minutes);
        Assert.Equal(AllowancePeriod.Term, allowance.Per);
    }

    [Fact]
    public void Allowance_minutes_package_without_a_package_is_an_error()
    {
        var d = Assert.Single(CatalogLoader.Load(OnePlan("rate: 0.10\nallowance: { minutes: package, per: term }"), "c.yaml").Diagnostics);
        Assert.Contains("'minutes: package' needs a package", d.Message, StringComparison.Ordinal);
        Assert.Equal(11, d.Line);
    }

    private const string WeekBands = """
        bands:
          - { id: weekday, name: 工作日, days: [mon, tue, wed, thu, fri], from: "00:00", to: "24:00", rate: 0.12 }
          - { id: weekend, name: 周末, days: [sat, sun], from: "00:00", to: "24:00", rate: 0.05 }
        """;

    [Fact]
    public void A_holiday_band_covering_only_part_of_the_day_is_an_error()
    {
        var yaml = OnePlan("rate: 0.10\n" + WeekBands + "\n  - { id: hol, name: 假日, days: [holiday], from: \"08:00\", to: \"20:00\", rate: 0.03 }");
        var diagnostics = CatalogLoader.Load(yaml, "c.yaml").Diagnostics;
        Assert.Equal(2, diagnostics.Count);
        Assert.Contains(diagnostics, d => d.Message.Contains("bands leave holiday 00:00–08:00 uncovered", StringComparison.Ordinal) && d.Line == 12);
        Assert.Contains(diagnostics, d => d.Message.Contains("bands leave holiday 20:00–24:00 uncovered", StringComparison.Ordinal) && d.Line == 12);
    }

    [Fact]
    public void A_weekday_left_uncovered_is_an_error()
    {
        var yaml = OnePlan("rate: 0.10\nbands:\n  - { id: wk, name: 工作日, days: [workday], from: \"00:00\", to: \"24:00\", rate: 0.12 }");
        var diagnostics = CatalogLoader.Load(yaml, "c.yaml").Diagnostics;
        Assert.Equal(2, diagnostics.Count);
        Assert.Contains(diagnostics, d => d.Message.Contains("bands leave sat uncovered", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Message.Contains("bands leave sun uncovered", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-10-01T10:00:00", "weekday", "0.12")]  // National Day, a Thursday: no holiday band, so the Thursday band
    [InlineData("2026-10-03T10:00:00", "weekend", "0.05")]  // holiday on a Saturday: the Saturday band
    [InlineData("2026-10-10T10:00:00", "weekend", "0.05")]  // adjusted working Saturday: no adjusted_workday band, so Saturday's
    [InlineData("2026-10-12T10:00:00", "weekday", "0.12")]  // ordinary Monday
    public void A_plan_without_holiday_bands_prices_a_holiday_as_its_weekday(string start, string band, string charge)
    {
        var catalog = LoadCatalog(OnePlan("rate: 0.10\n" + WeekBands));
        var accounts = LoadAccounts("enterprises:\n  - id: e\n    name: E\n    numbers:\n      - { number: 4008001234, plan: p/a, start: 2026-01-01 }\n", catalog);
        var (result, counts) = Rate(catalog, accounts, [Answered("c1", "4008001234", start, 50)]);
        Assert.Equal(1, counts.Rated);
        var call = result.Call("c1");
        Assert.Equal(band, Explanation.BandId(call, call.MainPiece.BandIndex));
        Assert.Equal(decimal.Parse(charge, System.Globalization.CultureInfo.InvariantCulture), call.Charge.Yuan);
    }

    [Theory]
    [InlineData("currency: USD", "only currency CNY")]
    [InlineData("vat_rate: 6", "'vat_rate' is a fraction")]
    public void Top_level_values_are_checked(string line, string fragment)
    {
        var yaml = line + "\nproviders:\n  - id: p\n    name: P\n    plans:\n      - id: a\n        name: A\n        versions:\n          - { version: 1, effective: 2026-01-01, rate: 0.1 }\n";
        var d = Assert.Single(CatalogLoader.Load(yaml, "c.yaml").Diagnostics);
        Assert.Contains(fragment, d.Message, StringComparison.Ordinal);
        Assert.Equal(1, d.Line);
    }

    [Fact]
    public void Tiers_out_of_order_are_reported()
    {
        var yaml = OnePlan("rate: 0.10\ntiers: { mode: graduated, steps: [ { from: 5, rate: 0.10 }, { from: 0, rate: 0.08 } ] }");
        var diagnostics = CatalogLoader.Load(yaml, "c.yaml").Diagnostics;
        Assert.Contains(diagnostics, d => d.Message.Contains("the first tier must start at 0", StringComparison.Ordinal) && d.Line == 11);
        Assert.Contains(diagnostics, d => d.Message.Contains("tiers must start at increasing minutes", StringComparison.Ordinal) && d.Line == 11);
    }

    [Fact]
    public void A_file_that_cannot_be_read_gives_a_file_level_diagnostic()
    {
        var result = CatalogLoader.LoadFile(Path.Combine(Path.GetTempPath(), "h400-no-such-dir", "catalog.yaml"));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(0, d.Line);
        Assert.Contains("cannot read the file", d.Message, StringComparison.Ordinal);
    }
}
