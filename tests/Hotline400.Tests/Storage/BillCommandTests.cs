using System.Globalization;
using System.Text;
using System.Text.Json;
using static Hotline400.Tests.TestWorld;
using static Hotline400.Tests.CliRun;

namespace Hotline400.Tests.Storage;

/// <summary>The billing verbs end to end on a real workspace file: bill, re-bill, statements in every format, top-ups and balances.</summary>
public sealed class BillCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _db;

    public BillCommandTests() => _db = _dir.File("w.db");

    public void Dispose() => _dir.Dispose();

    private void Import(string catalogYaml, string accountsYaml, params string[] rows)
    {
        Assert.Equal(0, Run("import", "catalog", _dir.Write("catalog.yaml", catalogYaml), "--db", _db).Code);
        Assert.Equal(0, Run("import", "accounts", _dir.Write("accounts.yaml", accountsYaml), "--db", _db).Code);
        if (rows.Length > 0)
        {
            ImportCalls("calls.csv", rows);
        }
    }

    private void ImportCalls(string name, params string[] rows) =>
        Assert.Equal(0, Run("import", "calls", _dir.Write(name, Header + "\n" + string.Join("\n", rows) + "\n"), "--db", _db).Code);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static decimal Dec(JsonElement e) => decimal.Parse(e.GetString()!, CultureInfo.InvariantCulture);

    private JsonElement StatementFor(string number, string period)
    {
        var (code, output, error) = Run("statement", number, period, "--format", "json", "--db", _db);
        Assert.True(code == 0, error);
        return Json(output);
    }

    [Fact]
    public void Billing_a_month_issues_statements_and_billing_again_issues_nothing()
    {
        Import(CatalogYaml, AccountsYaml,
            Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61),
            Answered("c2", NumberFor("flat"), "2026-03-03T10:00:00", 120));
        var (code, output, error) = Run("bill", "2026-03", "--json", "--db", _db);
        Assert.True(code == 0, error);
        var first = Json(output);
        Assert.Equal("2026-03", first.GetProperty("period").GetString());
        Assert.Equal(Plans.Length + 2, first.GetProperty("issued").GetInt32());
        var flat = first.GetProperty("statements").EnumerateArray().Single(s => s.GetProperty("number").GetString() == NumberFor("flat"));
        Assert.Equal("0.40", flat.GetProperty("total").GetString());

        var again = Json(Run("bill", "2026-03", "--json", "--db", _db).Out);
        Assert.Equal((0, 0), (again.GetProperty("issued").GetInt32(), again.GetProperty("adjusted").GetInt32()));
    }

    [Fact]
    public void A_late_call_leads_to_one_adjustment_that_says_what_changed_and_the_issued_statement_stays()
    {
        Import(CatalogYaml, AccountsYaml, Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61));
        Run("bill", "2026-03", "--db", _db);
        ImportCalls("late.csv", Answered("late", NumberFor("flat"), "2026-03-20T10:00:00", 30));
        var rerun = Json(Run("bill", "2026-03", "--number", NumberFor("flat"), "--json", "--db", _db).Out);
        Assert.Equal((0, 1), (rerun.GetProperty("issued").GetInt32(), rerun.GetProperty("adjusted").GetInt32()));

        var statement = StatementFor(NumberFor("flat"), "2026-03");
        Assert.Equal("0.20", statement.GetProperty("total").GetString());              // as issued
        var adjustment = Assert.Single(statement.GetProperty("adjustments").EnumerateArray().ToList());
        Assert.Equal("0.10", adjustment.GetProperty("total").GetString());            // the late minute
        Assert.Equal(0m, statement.GetProperty("lines").EnumerateArray().Sum(l => Dec(l.GetProperty("amount"))) - Dec(statement.GetProperty("total")));

        var third = Json(Run("bill", "2026-03", "--json", "--db", _db).Out);
        Assert.Equal((0, 0), (third.GetProperty("issued").GetInt32(), third.GetProperty("adjusted").GetInt32()));
    }

    [Fact]
    public void The_statement_shows_its_adjustments_in_every_format_with_the_amount_due_after_them()
    {
        Import(CatalogYaml, AccountsYaml, Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61));
        Run("bill", "2026-03", "--db", _db);
        ImportCalls("late.csv", Answered("late", NumberFor("flat"), "2026-03-20T10:00:00", 30));
        Run("bill", "2026-03", "--db", _db);
        // Issued 0.20 (2 minutes × 0.10); the late minute adds 0.10: 0.30 due after the adjustment.

        string Show(params string[] more) => Run(["statement", NumberFor("flat"), "2026-03", "--db", _db, .. more]).Out;
        var text = Show();
        Assert.Matches(@"调整单 #1  \d{4}-\d\d-\d\d 出具\n原因：补计迟到话单 1 条\n", text);
        Assert.Matches(@"调整后应缴金额\s+0\.30\n", text);
        Assert.Matches(@"Amount due after adjustments\s+0\.30\n", Show("--lang", "en"));
        var csv = Show("--format", "csv").TrimEnd('\n').Split('\n');
        Assert.Contains(csv, r => r.Contains(",adjustment,", StringComparison.Ordinal) && r.Contains("补计迟到话单 1 条", StringComparison.Ordinal));
        Assert.Contains(",total_after_adjustments,", csv[^1], StringComparison.Ordinal);
        Assert.Contains(",0.30,", csv[^1], StringComparison.Ordinal);
        var html = Show("--format", "html");
        Assert.Contains("调整单 #1", html, StringComparison.Ordinal);
        Assert.Matches("调整后应缴金额</td><td class=\"n\">0\\.30<", html);
        var json = Json(Show("--format", "json", "--lang", "en"));
        Assert.Equal("0.30", json.GetProperty("due_after_adjustments").GetString());
        Assert.Equal("1 late call record billed", json.GetProperty("adjustments")[0].GetProperty("reason").GetString());
        var pdf = _dir.File("adjusted.pdf");
        Assert.Equal(0, Run("statement", NumberFor("flat"), "2026-03", "--format", "pdf", "--out", pdf, "--db", _db).Code);
    }

    [Fact]
    public void A_corrected_catalog_leads_to_an_adjustment_line_and_the_issued_statement_stays()
    {
        Import(CatalogYaml, AccountsYaml, Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61));
        Run("bill", "2026-03", "--db", _db);
        // The provider corrects the March rate of the flat plan from 0.10 to 0.15 yuan a minute.
        var corrected = CatalogYaml.Replace("- { version: 1, effective: 2026-01-01, rate: 0.10 }", "- { version: 1, effective: 2026-01-01, rate: 0.15 }", StringComparison.Ordinal);
        Assert.NotEqual(CatalogYaml, corrected);
        Assert.Equal(0, Run("import", "catalog", _dir.Write("corrected.yaml", corrected), "--db", _db).Code);
        var rerun = Json(Run("bill", "2026-03", "--number", NumberFor("flat"), "--json", "--db", _db).Out);
        Assert.Equal(1, rerun.GetProperty("adjusted").GetInt32());
        var statement = StatementFor(NumberFor("flat"), "2026-03");
        Assert.Equal("0.20", statement.GetProperty("total").GetString());
        var adjustment = Assert.Single(statement.GetProperty("adjustments").EnumerateArray().ToList());
        Assert.Equal("0.10", adjustment.GetProperty("total").GetString());   // 2 minutes × 0.05
    }

    [Fact]
    public void A_statement_renders_in_every_format_and_an_unbilled_month_is_refused()
    {
        Import(CatalogYaml, AccountsYaml, Answered("c1", NumberFor("pkg"), "2026-03-02T10:00:00", 61, caller: "13800138000"));
        Run("bill", "2026-03", "--db", _db);
        var text = Run("statement", NumberFor("pkg"), "2026-03", "--db", _db);
        Assert.Equal(0, text.Code);
        Assert.Contains("400电话账单", text.Out);
        Assert.Contains("月最低消费", text.Out);                                        // the 1200 package's 100.00 minimum
        Assert.Contains("\n套餐：1200年套餐（p/pkg）\n", text.Out, StringComparison.Ordinal);  // the plan's name, kept by the stored statement
        Assert.Contains("400 number statement", Run("statement", NumberFor("pkg"), "2026-03", "--lang", "en", "--db", _db).Out);
        Assert.StartsWith("号码,账期,kind,类型,", Run("statement", NumberFor("pkg"), "2026-03", "--format", "csv", "--db", _db).Out, StringComparison.Ordinal);
        Assert.Contains("<html", Run("statement", NumberFor("pkg"), "2026-03", "--format", "html", "--db", _db).Out, StringComparison.OrdinalIgnoreCase);
        var pdf = _dir.File("s.pdf");
        Assert.Equal(0, Run("statement", NumberFor("pkg"), "2026-03", "--format", "pdf", "--out", pdf, "--db", _db).Code);
        Assert.StartsWith("%PDF-", Encoding.Latin1.GetString(File.ReadAllBytes(pdf)[..5]), StringComparison.Ordinal);

        var missing = Run("statement", NumberFor("pkg"), "2026-04", "--db", _db);
        Assert.Equal(2, missing.Code);
        Assert.Contains("hotline400 bill 2026-04", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_balance_shows_minutes_only_for_a_plan_whose_allowance_is_minutes()
    {
        Import(global::Hotline400.Common.SampleData.CatalogYaml, global::Hotline400.Common.SampleData.AccountsYaml);
        // 400-886-2047 is on tel-600, whose package buys money: a balance, no minutes.
        var money = Run("balance", "400-886-2047", "--date", "2026-08-03", "--db", _db).Out;
        Assert.Contains("400-886-2047  600元预存话费（telecom/tel-600）  截至 2026-08-03\n  预存余额：¥0.00\n", money, StringComparison.Ordinal);
        Assert.DoesNotContain("分钟", money, StringComparison.Ordinal);
        Assert.DoesNotContain("minutes", Run("balance", "400-886-2047", "--date", "2026-08-03", "--lang", "en", "--db", _db).Out, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, Json(Run("balance", "400-886-2047", "--date", "2026-08-03", "--json", "--db", _db).Out).GetProperty("minutes").ValueKind);
        // 400-826-1357 is on tel-1200, whose package buys 12,000 minutes: both.
        var minutes = Run("balance", "400-826-1357", "--date", "2026-08-03", "--db", _db).Out;
        Assert.Contains("1200元年套餐（telecom/tel-1200）", minutes, StringComparison.Ordinal);
        Assert.Contains("  剩余分钟：", minutes, StringComparison.Ordinal);
        Assert.Contains("  minutes left: ", Run("balance", "400-826-1357", "--date", "2026-08-03", "--lang", "en", "--db", _db).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_top_up_below_the_plan_minimum_is_refused_with_the_rule_and_the_balance_is_the_sum_of_entries()
    {
        Import(global::Hotline400.Common.SampleData.CatalogYaml, global::Hotline400.Common.SampleData.AccountsYaml);
        var refused = Run("topup", "400-886-2047", "100", "--date", "2026-08-01", "--db", _db);
        Assert.Equal(1, refused.Code);
        Assert.Contains("600", refused.Err, StringComparison.Ordinal);
        Assert.Equal(0, Run("topup", "400-886-2047", "600", "--date", "2026-08-01", "--db", _db).Code);
        Assert.Equal(0, Run("topup", "400-886-2047", "700.50", "--date", "2026-08-02", "--db", _db).Code);
        var balance = Json(Run("balance", "400-886-2047", "--date", "2026-08-03", "--json", "--db", _db).Out);
        Assert.Equal("1300.50", balance.GetProperty("money").GetString());
        Assert.Equal(2, Run("topup", "400-886-2047", "-5", "--db", _db).Code);
        Assert.Equal(2, Run("balance", "400-999-9999", "--db", _db).Code);
    }
}
