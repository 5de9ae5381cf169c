using Hotline400.Accounts;
using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Numbers;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Catalog;

/// <summary>The accounts loader checks a file against its catalog and reports every problem with its line and column.</summary>
public class AccountsLoaderTests
{
    private const string BrokenAccounts = """
        enterprises:
          - id: acme
            name: Acme
            numbers:
              - number: 400-800-1000
                plan: p/nope
                start: 2026-01-01
              - number: 401-123-4567
                plan: p/flat
                start: 2026-01-01
              - number: 400-800-1001
                subscriptions:
                  - { plan: p/flat, start: 2026-01-01, end: 2026-06-30 }
                  - { plan: p/six, start: 2026-06-01 }
              - number: 400-800-1002
                plan: p/flat
                start: 2026-01-01
                services:
                  - { id: fax, start: 2026-01-01 }
              - number: 400-800-1003
                plan: p/flat
                start: 2026-01-01
                services:
                  - { id: ivr, start: 2026-01-01, end: 2026-03-31 }
                  - { id: crbt, start: 2026-03-01 }
              - number: 400-800-1004
                grade: diamond
                plan: p/flat
                start: 2026-01-01
        """;

    public static TheoryData<int, int, string> BrokenAccountsProblems => new()
    {
        { 6, 15, "unknown plan 'p/nope'" },
        { 8, 17, "'401-123-4567' is not a 400 number" },
        { 14, 35, "subscription starting 2026-06-01 overlaps the one before it" },
        { 19, 19, "unknown service 'fax' for provider 'p'" },
        { 25, 19, "services 'ivr' and 'crbt' are incompatible and both enabled from 2026-03-01" },
        { 27, 16, "unknown grade 'diamond' for provider 'p'" },
    };

    [Theory]
    [MemberData(nameof(BrokenAccountsProblems))]
    public void Every_problem_of_an_accounts_file_is_reported_with_its_line_and_column(int line, int column, string fragment)
    {
        var diagnostics = AccountsLoader.Load(BrokenAccounts, "accounts.yaml", TestWorld.Catalog).Diagnostics;
        Assert.True(
            diagnostics.Any(d => d.Line == line && d.Column == column && d.Message.Contains(fragment, StringComparison.Ordinal) && d.File == "accounts.yaml"),
            $"expected {line}:{column} '{fragment}' in:\n{string.Join("\n", diagnostics)}");
    }

    [Fact]
    public void A_broken_accounts_file_reports_exactly_its_problems_and_no_value()
    {
        var result = AccountsLoader.Load(BrokenAccounts, "accounts.yaml", TestWorld.Catalog);
        Assert.Null(result.Value);
        Assert.Equal(BrokenAccountsProblems.Count(), result.Diagnostics.Count);
    }

    private static IReadOnlyList<Diagnostic> Problems(string numberEntry) =>
        AccountsLoader.Load("enterprises:\n  - id: e\n    name: E\n    numbers:\n" + numberEntry, "a.yaml", TestWorld.Catalog).Diagnostics;

    [Theory]
    [InlineData("      - { number: 4008001000, plan: p/flat, start: 2026-01-01 }\n      - { number: 400-800-1000, plan: p/six, start: 2026-01-01 }\n", 6, "appears more than once")]
    [InlineData("      - { number: 4008001000, plan: p/flat, start: 2026-01-01, end: 2025-12-31 }\n", 5, "before it starts")]
    [InlineData("      - { number: 4008001000, plan: p/flat, start: 2025-01-01 }\n", 5, "has no version in force on 2025-01-01")]
    [InlineData("      - { number: 4008001000 }\n", 5, "a number needs 'subscriptions'")]
    [InlineData("      - { number: 4008001000, plan: p/flat, start: 2026-01-01, distribution: shuffled }\n", 5, "distribution' must be one of sequential, round_robin")]
    [InlineData("      - { number: 4008001000, plan: p/flat, start: 2026-01-01, area_code: \"5\" }\n", 5, "'area_code' must be an area code")]
    [InlineData("      - { number: 4008001000, plan: p/flat, start: 2026-01-01, colour: red }\n", 5, "unknown key")]
    [InlineData("      - { number: 400123, plan: p/flat, start: 2026-01-01 }\n", 5, "is not a 400 number")]
    public void Each_number_rule_is_checked(string entry, int line, string fragment)
    {
        var d = Assert.Single(Problems(entry));
        Assert.Equal(line, d.Line);
        Assert.Contains(fragment, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Incompatible_services_on_days_that_do_not_overlap_are_fine()
    {
        var diagnostics = Problems("      - number: 4008001000\n        plan: p/flat\n        start: 2026-01-01\n        services:\n"
            + "          - { id: ivr, start: 2026-01-01, end: 2026-02-28 }\n          - { id: crbt, start: 2026-03-01 }\n");
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Back_to_back_subscriptions_are_fine_and_each_date_finds_its_own()
    {
        var book = LoadAccounts("enterprises:\n  - id: e\n    name: E\n    numbers:\n      - number: 4008001000\n        subscriptions:\n"
            + "          - { plan: p/flat, start: 2026-01-01, end: 2026-06-30 }\n          - { plan: p/six, start: 2026-07-01 }\n", TestWorld.Catalog);
        var account = book.Find(HotlineNumber.Parse("4008001000"))!;
        Assert.Equal("p/flat", account.SubscriptionOn(new DateOnly(2026, 6, 30))!.Plan.Key);
        Assert.Equal("p/six", account.SubscriptionOn(new DateOnly(2026, 7, 1))!.Plan.Key);
        Assert.Null(account.SubscriptionOn(new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public void The_sample_accounts_load_over_the_sample_catalog_without_problems()
    {
        var catalog = CatalogLoader.Sample();
        var result = AccountsLoader.Load(SampleData.AccountsYaml, "samples/accounts.yaml", catalog);
        Assert.Empty(result.Diagnostics);
        Assert.NotEmpty(result.Value!.Numbers);
        Assert.NotNull(AccountsLoader.Sample(catalog));
    }

    [Fact]
    public void The_test_accounts_have_every_number_of_the_test_world()
    {
        var book = TestWorld.Accounts(TestWorld.Catalog);
        Assert.All(AllNumbers, n => Assert.NotNull(book.Find(HotlineNumber.Parse(n))));
    }
    [Fact]
    public void A_number_is_refused_on_a_plan_of_another_carriers_provider()
    {
        // The sample's unicom provider sells China Unicom numbers (4000/4006); 400-711-9090 is China Mobile's.
        var catalog = CatalogLoader.Sample();
        const string accounts = """
            enterprises:
              - id: e
                name: E
                numbers:
                  - { number: 400-711-9090, plan: unicom/uni-1200, start: 2026-07-01 }
                  - { number: 400-611-9090, plan: unicom/uni-1200, start: 2026-07-01 }
            """;
        var problem = Assert.Single(AccountsLoader.Load(accounts, "a.yaml", catalog).Diagnostics);
        Assert.Equal((5, 39), (problem.Line, problem.Column)); // the plan's value
        Assert.Contains("400-711-9090 is a China Mobile number (by its prefix); plan 'unicom/uni-1200' is sold by 'unicom' for China Unicom numbers", problem.Message, StringComparison.Ordinal);
    }
}
