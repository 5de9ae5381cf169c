using global::Hotline400.Accounts;
using global::Hotline400.Billing;
using global::Hotline400.Catalog;
using global::Hotline400.Numbers;
using global::Hotline400.Rating;

namespace Hotline400.Tests.Billing;

/// <summary>Plans and helpers for hand-computed statements.</summary>
internal static class BillingWorld
{
    public const string CatalogYaml = """
        vat_rate: 0.06
        caller_rates: { mobile: 0.15, landline: 0.22, withheld: 0.22 }
        providers:
          - id: b
            name: { zh: 账单测试, en: Billing test }
            grades:
              - { id: standard, name: 普通 }
              - { id: abab, name: { zh: ABAB靓号, en: ABAB number }, selection_fee: 600, monthly_minimum: 100 }
            services:
              - { id: crbt, name: { zh: 企业彩铃, en: Ring-back tone }, monthly: 10, one_off: 100 }
              - { id: ivr, name: { zh: 语音导航, en: IVR }, yearly: 300, answers_first: true }
              - { id: recording, name: { zh: 录音, en: Recording }, per_minute: 0.02, per_minute_when: recorded }
            plans:
              - id: p480
                name: { zh: 480元年套餐, en: 480 annual }
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.15, package: { price: 480, buys: minutes }, monthly_minimum: package, first_month: actual, minimum_topup: { amount: 600, months_of_minimum: 3 } }
              - id: p480full
                name: 480 full
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.15, package: { price: 480, buys: minutes }, monthly_minimum: package, first_month: full }
              - id: p480pro
                name: 480 prorated
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.15, package: { price: 480, buys: minutes }, monthly_minimum: package, first_month: prorated }
              - id: fy
                name: 首年398
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.15, package: { price: 480, buys: minutes }, monthly_minimum: package, promotions: [ { kind: first_year_price, price: 398 } ] }
              - id: fee
                name: { zh: 月租, en: Monthly fee }
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.10, monthly_fee: 30, promotions: [ { kind: free_months, months: 3, of: monthly_fee } ] }
              - id: pct
                name: 八折
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.10, promotions: [ { kind: percent_off, percent: 20, months: 6, of: usage } ] }
              - id: flat
                name: { zh: 按分钟, en: Per minute }
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.10 }
              - id: secline
                name: 按秒按行
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.12, billing: { increment: 1, rounding: per_line } }
              - id: seats
                name: 坐席
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.10, monthly_minimum: 50, seats: { included: 10, yearly_per_extra: 30 }, outbound: { local: 0.10, long_distance: 0.15, mobile: 0.12, monthly_fee: 30 } }
        """;

    public static TariffCatalog Tariffs => TestWorld.LoadCatalog(CatalogYaml);

    /// <summary>Accounts with one number per (plan, start) given, numbers 400-900-00NN in order.</summary>
    public static AccountBook Book(TariffCatalog catalog, params string[] numberLines)
    {
        var yaml = "enterprises:\n  - id: e\n    name: { zh: 企业, en: Firm }\n    numbers:\n" + string.Concat(numberLines.Select(l => "      - " + l + "\n"));
        return TestWorld.LoadAccounts(yaml, catalog);
    }

    public static string Number(int i) => $"40090000{i:00}";

    /// <summary>Rates the rows and builds the number's statement for the period.</summary>
    public static (Statement Statement, List<RatedCall> Rated) Bill(TariffCatalog catalog, AccountBook accounts, string number, string period, string[] rows,
        IReadOnlyList<PrepaidLedger>? ledgers = null, StatementOptions? options = null)
    {
        var rated = rows.Length == 0 ? [] : TestWorld.Rate(catalog, accounts, rows).Item1.Rated;
        var account = accounts.Find(HotlineNumber.Parse(number))!;
        return (StatementBuilder.Build(account, BillingPeriod.Parse(period), catalog, rated, ledgers, options), rated);
    }

    public static StatementLine Line(Statement s, LineKind kind) => Assert.Single(s.Lines, l => l.Kind == kind);

    public static decimal Sum(Statement s) => s.Lines.Sum(l => l.Amount.Yuan);
}
