using System.Text.Json;
using Hotline400.Calls;
using Hotline400.Cli;
using static Hotline400.Tests.TestWorld;
using static Hotline400.Tests.CliRun;

namespace Hotline400.Tests.Cli;

/// <summary>
/// Reject reasons as every command shows them: Chinese by default, English with <c>--lang en</c>, and
/// the stable code beside them in the rejects CSV and in <c>--json</c>.
/// </summary>
public sealed class RejectLanguageTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _catalog;
    private readonly string _accounts;

    /// <summary>Line 3: ends before it starts. Line 5: a number the accounts do not hold.</summary>
    private const string EndsEarly = "c2,4008000000,13800138000,2026-03-02T10:00:00,,2026-03-02T09:59:59,,missed,0,in";

    private static readonly string Unknown = Answered("c4", "4008123456", "2026-03-02T12:00:00", 30);

    private const string EndsEarlyZh = "通话结束时间 (2026-03-02T09:59:59) 早于开始时间 (2026-03-02T10:00:00)";
    private const string EndsEarlyEn = "the call ends (2026-03-02T09:59:59) before it starts (2026-03-02T10:00:00)";
    private const string UnknownZh = "未知的400号码 400-812-3456：不在客户档案中";
    private const string UnknownEn = "unknown 400 number 400-812-3456: it is not in the accounts";

    public RejectLanguageTests()
    {
        _catalog = _dir.Write("catalog.yaml", CatalogYaml);
        _accounts = _dir.Write("accounts.yaml", AccountsYaml);
    }

    public void Dispose() => _dir.Dispose();

    private string Calls() => _dir.Write("calls.csv", Header + "\n" + string.Join("\n",
        Answered("c1", NumberFor("flat"), "2026-03-02T09:00:00", 61),
        EndsEarly,
        Answered("c3", NumberFor("flat"), "2026-03-02T11:00:00", 30),
        Unknown) + "\n");

    private string[] RateArgs(string calls, params string[] extra) =>
        ["rate", "--catalog", _catalog, "--accounts", _accounts, "--out", _dir.File("rated.csv"), .. extra, calls];

    /// <summary>The rejects CSV read with the product's CSV reader: the header, then each row's fields.</summary>
    private static List<string[]> ReadCsv(string path)
    {
        using var csv = new CsvRowReader(new MemoryStream(File.ReadAllBytes(path)));
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(csv.FieldString).ToArray());
        }
        return rows;
    }

    private static void AssertRejectsFile(string path, string calls, string endsEarly, string unknown)
    {
        var rows = ReadCsv(path);
        Assert.Equal(["file", "line", "field", "reason", "row", "code"], rows[0]);
        Assert.Equal(
            [
                [calls, "3", "ended_at", endsEarly, EndsEarly, "ended_before_started"],
                [calls, "5", "number", unknown, Unknown, "unknown_number"],
            ],
            rows.Skip(1).OrderBy(r => int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)).ToList());
    }

    // ---- rate ------------------------------------------------------------------------------------

    [Fact]
    public void Rate_writes_Chinese_reasons_with_their_codes_to_the_rejects_file_by_default()
    {
        var calls = Calls();
        var rejects = _dir.File("rejects.csv");
        var (code, output, error) = Run(RateArgs(calls, "--rejects", rejects));
        Assert.True(code == CliApp.SomeRejected, output + error);
        AssertRejectsFile(rejects, calls, EndsEarlyZh, UnknownZh);
        Assert.Contains($"{calls}:3: ended_at: {EndsEarlyZh}", error, StringComparison.Ordinal);
        Assert.Contains($"{calls}:5: number: {UnknownZh}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("before it starts", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_with_lang_en_writes_English_reasons_with_the_same_codes()
    {
        var calls = Calls();
        var rejects = _dir.File("rejects.csv");
        var (code, output, error) = Run(RateArgs(calls, "--rejects", rejects, "--lang", "en"));
        Assert.True(code == CliApp.SomeRejected, output + error);
        AssertRejectsFile(rejects, calls, EndsEarlyEn, UnknownEn);
        Assert.Contains($"{calls}:3: ended_at: {EndsEarlyEn}", error, StringComparison.Ordinal);
        Assert.Contains($"{calls}:5: number: {UnknownEn}", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh", EndsEarlyZh, UnknownZh)]
    [InlineData("en", EndsEarlyEn, UnknownEn)]
    public void Rate_json_lists_rejects_with_their_codes_and_counts_them_by_code(string lang, string endsEarly, string unknown)
    {
        var (code, output, error) = Run(RateArgs(Calls(), "--json", "--lang", lang));
        Assert.True(code == CliApp.SomeRejected, output + error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("rejected").GetInt64());
        var rejects = root.GetProperty("rejects").EnumerateArray()
            .Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("field").GetString(), r.GetProperty("code").GetString(), r.GetProperty("reason").GetString()))
            .OrderBy(r => r.Item1).ToList();
        Assert.Equal([(3, "ended_at", "ended_before_started", endsEarly), (5, "number", "unknown_number", unknown)], rejects);
        var byCode = root.GetProperty("rejects_by_code").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())).ToList();
        Assert.Equal([("ended_before_started", 1L), ("unknown_number", 1L)], byCode);
    }

    [Fact]
    public void Rate_json_counts_every_reject_by_code_beyond_the_ones_it_lists()
    {
        var rows = new List<string> { Answered("c0", NumberFor("flat"), "2026-03-02T09:00:00", 61) };
        rows.AddRange(Enumerable.Range(1, 25).Select(i => $"bad{i},4011234567,,2026-03-02T10:00:00,,2026-03-02T10:01:00,,missed,0,in"));
        var calls = _dir.Write("many.csv", Header + "\n" + string.Join("\n", rows) + "\n");
        var (_, output, _) = Run(RateArgs(calls, "--json"));
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(20, doc.RootElement.GetProperty("rejects").GetArrayLength());
        Assert.Equal(25, doc.RootElement.GetProperty("rejects_by_code").GetProperty("invalid_number").GetInt64());
    }

    // ---- import calls -----------------------------------------------------------------------------

    [Fact]
    public void Import_calls_writes_Chinese_reasons_by_default_and_English_with_lang_en_and_its_json_carries_the_codes()
    {
        var db = _dir.File("w.db");
        Assert.Equal(0, Run("import", "catalog", "--db", db, _catalog).Code);
        Assert.Equal(0, Run("import", "accounts", "--db", db, _accounts).Code);
        var calls = Calls();
        var rejects = _dir.File("rejects.csv");

        var (code, output, error) = Run("import", "calls", "--db", db, "--rejects", rejects, calls);
        Assert.True(code == CliApp.SomeRejected, output + error);
        AssertRejectsFile(rejects, calls, EndsEarlyZh, UnknownZh);
        Assert.Contains($"{calls}:3: ended_at: {EndsEarlyZh}", error, StringComparison.Ordinal);

        (code, output, error) = Run("import", "calls", "--db", db, "--rejects", rejects, "--lang", "en", "--json", calls);
        Assert.True(code == CliApp.SomeRejected, output + error);
        AssertRejectsFile(rejects, calls, EndsEarlyEn, UnknownEn);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(["ended_before_started", "unknown_number"], doc.RootElement.GetProperty("rejects").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        Assert.Equal(EndsEarlyEn, doc.RootElement.GetProperty("rejects")[0].GetProperty("reason").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("rejects_by_code").GetProperty("unknown_number").GetInt64());
    }

    // ---- report ---------------------------------------------------------------------------------

    [Fact]
    public void Report_prints_rejects_in_Chinese_by_default_and_its_json_carries_the_codes()
    {
        var calls = Calls();
        var (code, _, error) = Run("report", "--calls", calls);
        Assert.Equal(CliApp.SomeRejected, code);
        Assert.Contains($"{calls}:3: ended_at: {EndsEarlyZh}", error, StringComparison.Ordinal);

        (code, _, error) = Run("report", "--calls", calls, "--lang", "en");
        Assert.Equal(CliApp.SomeRejected, code);
        Assert.Contains($"{calls}:3: ended_at: {EndsEarlyEn}", error, StringComparison.Ordinal);

        var (_, output, _) = Run("report", "--calls", calls, "--json");
        using var doc = JsonDocument.Parse(output);
        var reject = Assert.Single(doc.RootElement.GetProperty("rejects").EnumerateArray());
        Assert.Equal(("ended_before_started", EndsEarlyZh), (reject.GetProperty("code").GetString(), reject.GetProperty("reason").GetString()));
        Assert.Equal(1, doc.RootElement.GetProperty("rejects_by_code").GetProperty("ended_before_started").GetInt64());
    }

    // ---- advise ---------------------------------------------------------------------------------

    /// <summary>The test catalog and a second provider offering no service, with one plan in force and one not yet.</summary>
    private string TwoProviderCatalog() => _dir.Write("two.yaml", CatalogYaml.TrimEnd() + """

          - id: q
            name: { zh: 另一供应商, en: Other provider }
            grades:
              - { id: standard, name: 普通 }
            plans:
              - id: plain
                name: 基础
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.09 }
              - id: later
                name: 明年
                versions:
                  - { version: 1, effective: 2030-01-01, rate: 0.05 }

        """);

    [Fact]
    public void Advise_says_why_a_plan_is_not_ranked_in_the_language_asked_and_its_json_carries_codes()
    {
        var calls = Calls();
        var catalog = TwoProviderCatalog();
        var (code, output, error) = Run("advise", "--calls", calls, "--catalog", catalog, "--number", "4008000000", "--needs", "recording");
        Assert.True(code == CliApp.SomeRejected, output + error);
        Assert.Contains("未参与排名: q/plain — 另一供应商 不提供：recording", output, StringComparison.Ordinal);
        Assert.Contains($"{calls}:3: ended_at: {EndsEarlyZh}", error, StringComparison.Ordinal);

        (_, output, error) = Run("advise", "--calls", calls, "--catalog", catalog, "--number", "4008000000", "--needs", "recording", "--lang", "en");
        Assert.Contains("Not ranked: q/plain — Other provider does not offer: recording", output, StringComparison.Ordinal);
        Assert.Contains($"{calls}:3: ended_at: {EndsEarlyEn}", error, StringComparison.Ordinal);

        (_, output, _) = Run("advise", "--calls", calls, "--catalog", catalog, "--number", "4008000000", "--json");
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        var unavailable = Assert.Single(root.GetProperty("unavailable").EnumerateArray());
        Assert.Equal(("q/later", "no_plan_version"), (unavailable.GetProperty("plan").GetString(), unavailable.GetProperty("code").GetString()));
        Assert.StartsWith("套餐 q/later 在 ", unavailable.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var reject = Assert.Single(root.GetProperty("rejects").EnumerateArray());
        Assert.Equal(("ended_before_started", EndsEarlyZh), (reject.GetProperty("code").GetString(), reject.GetProperty("reason").GetString()));
        Assert.Equal(1, root.GetProperty("rejects_by_code").GetProperty("ended_before_started").GetInt64());
    }

    // ---- audit ----------------------------------------------------------------------------------

    [Fact]
    public void Audit_names_an_unreadable_statement_row_in_Chinese_by_default_and_its_json_carries_the_code()
    {
        var flat = NumberFor("flat");
        var calls = _dir.Write("audit-calls.csv", Header + "\n" + Answered("c1", flat, "2026-03-03T10:00:00", 61) + "\n");
        var statement = _dir.Write("statement.csv", "number,period,line_type,call_id,started_at,billed_minutes,rate,amount,description\n"
            + $"{flat},2026-03,call,c1,,2,0.10,0.20,\n{flat},2026-03,call,c2,,3,0.10,x,\n");
        string[] Args(params string[] extra) => ["audit", "--statement", statement, "--calls", calls, "--catalog", _catalog, "--accounts", _accounts, .. extra];

        var (code, _, error) = Run(Args());
        Assert.Equal(CliApp.SomeRejected, code);
        Assert.Contains($"{statement}:3: amount: “x”不是以元为单位的金额", error, StringComparison.Ordinal);

        var (_, output, _) = Run(Args("--json"));
        using (var doc = JsonDocument.Parse(output))
        {
            var reject = Assert.Single(doc.RootElement.GetProperty("statement_rejects").EnumerateArray());
            Assert.Equal(("amount", "invalid_amount", "“x”不是以元为单位的金额"),
                (reject.GetProperty("field").GetString(), reject.GetProperty("code").GetString(), reject.GetProperty("reason").GetString()));
        }
        (_, output, _) = Run(Args("--json", "--lang", "en"));
        using (var doc = JsonDocument.Parse(output))
        {
            var reject = Assert.Single(doc.RootElement.GetProperty("statement_rejects").EnumerateArray());
            Assert.Equal(("invalid_amount", "'x' is not an amount in yuan"), (reject.GetProperty("code").GetString(), reject.GetProperty("reason").GetString()));
        }
    }

    [Fact]
    public void Audit_json_counts_the_call_rows_that_could_not_be_rated_by_code()
    {
        var flat = NumberFor("flat");
        var calls = _dir.Write("audit-calls.csv", Header + "\n" + Answered("c1", flat, "2026-03-03T10:00:00", 61) + "\n" + Answered("c9", "4008123456", "2026-03-03T11:00:00", 61) + "\n");
        var statement = _dir.Write("statement.csv", "number,period,line_type,call_id,started_at,billed_minutes,rate,amount,description\n"
            + $"{flat},2026-03,call,c1,,2,0.10,0.20,\n");
        var (_, output, _) = Run("audit", "--statement", statement, "--calls", calls, "--catalog", _catalog, "--accounts", _accounts, "--json");
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.GetProperty("call_rejects").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("call_rejects_by_code").GetProperty("unknown_number").GetInt32());
    }
}
