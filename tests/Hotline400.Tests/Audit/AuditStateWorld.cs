using global::Hotline400.Accounts;
using global::Hotline400.Audit;
using global::Hotline400.Catalog;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Audit;

/// <summary>
/// A catalog for audits whose expected figures depend on calls before the statement's month.
/// <c>term</c> (400-800-0101, from 2026-07-01): a 3-yuan yearly package that buys 30 minutes at
/// 0.10 for the term, 0.15 a minute once they are used up, a 5.00 monthly minimum.
/// <c>tiers</c> (400-800-0102, from 2026-01-01): 0.10 a minute for a month's first 100 minutes,
/// 0.08 after them (graduated).
/// </summary>
internal static class AuditStateWorld
{
    public const string Term = "4008000101";
    public const string Tiers = "4008000102";

    public const string CatalogYaml = """
        vat_rate: 0.06
        caller_rates: { mobile: 0.15, landline: 0.22, withheld: 0.22 }
        providers:
          - id: p
            name: { zh: 测试供应商, en: Test provider }
            grades:
              - { id: standard, name: 普通 }
            plans:
              - id: term
                name: { zh: 三元年套餐, en: 3 yuan yearly package }
                versions:
                  - version: 1
                    effective: 2026-01-01
                    term_months: 12
                    package: { price: 3, buys: minutes }
                    rate: 0.10
                    allowance: { minutes: package, per: term, on_exhausted: overage, overage_rate: 0.15 }
                    monthly_minimum: 5
              - id: tiers
                name: { zh: 阶梯, en: Tiers }
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.10
                    tiers: { mode: graduated, steps: [ { from: 0, rate: 0.10 }, { from: 100, rate: 0.08 } ] }
        """;

    public const string AccountsYaml = $"""
        enterprises:
          - id: acme
            name: {"{"} zh: 测试企业, en: Acme {"}"}
            numbers:
              - {"{"} number: {Term}, area_code: "0571", plan: p/term, start: 2026-07-01 {"}"}
              - {"{"} number: {Tiers}, area_code: "0571", plan: p/tiers, start: 2026-01-01 {"}"}
        """;

    public const string StatementHead = "number,period,line_type,call_id,started_at,billed_minutes,rate,amount,description";

    /// <summary>July to September of the term number: 20 + 5 + 5 minutes, the whole 30-minute allowance.</summary>
    public static readonly string[] TermJulyToSeptember =
    [
        Answered("j1", Term, "2026-07-01T10:00:00", 1200),
        Answered("a1", Term, "2026-08-03T10:00:00", 300),
        Answered("s1", Term, "2026-09-01T10:00:00", 300),
    ];

    /// <summary>October of the term number: one call of 170 s, 3 minutes.</summary>
    public static readonly string[] TermOctober = [Answered("o1", Term, "2026-10-12T10:00:00", 170)];

    public static TariffCatalog StateCatalog => LoadCatalog(CatalogYaml);

    public static AuditResult AuditState(string statementRows, params string[] callRows)
    {
        var catalog = StateCatalog;
        var accounts = LoadAccounts(AccountsYaml, catalog);
        var (calls, _) = Rate(catalog, accounts, callRows);
        var statement = ProviderStatementReader.ReadText(StatementHead + "\n" + statementRows.Trim() + "\n", "statement.csv", StatementColumnMap.Default, accounts, out var error);
        Assert.Null(error);
        return BillAuditor.Audit(statement!, calls.Rated, catalog, accounts);
    }
}
