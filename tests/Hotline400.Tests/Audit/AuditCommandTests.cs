using System.Text.Json;
using global::Hotline400.Cli;
using static Hotline400.Tests.TestWorld;
using static Hotline400.Tests.CliRun;

namespace Hotline400.Tests.Audit;

/// <summary><c>hotline400 audit</c> run in-process: exit codes 0/1/2 and the JSON shape.</summary>
public sealed class AuditCommandTests : IDisposable
{
    private const string Head = "number,period,line_type,call_id,started_at,billed_minutes,rate,amount,description";
    private static readonly string Flat = NumberFor("flat");
    private readonly TempDir _dir = new();
    private readonly string _catalog;
    private readonly string _accounts;
    private readonly string _calls;

    public AuditCommandTests()
    {
        _catalog = _dir.Write("catalog.yaml", CatalogYaml);
        _accounts = _dir.Write("accounts.yaml", AccountsYaml);
        _calls = _dir.Write("calls.csv", Header + "\n" + Answered("c1", Flat, "2026-03-03T10:00:00", 61) + "\n" + Answered("c2", Flat, "2026-03-04T10:00:00", 170) + "\n");
    }

    public void Dispose() => _dir.Dispose();

    private string Statement(params string[] rows) => _dir.Write("statement.csv", Head + "\n" + string.Join("\n", rows) + "\n");

    private string[] Args(string statement, params string[] extra) =>
        ["audit", "--statement", statement, "--calls", _calls, "--catalog", _catalog, "--accounts", _accounts, .. extra];

    [Fact]
    public void A_right_bill_exits_0_and_says_so_in_Chinese_by_default()
    {
        var (code, output, error) = Run(Args(Statement($"{Flat},2026-03,call,c1,,2,0.10,0.20,", $"{Flat},2026-03,call,c2,,3,0.10,0.30,")));
        Assert.Equal(0, code);
        Assert.Contains("账单正确", output);
        Assert.Equal("", error);
    }

    [Fact]
    public void A_wrong_bill_exits_1_with_a_table_grouped_by_cause_and_the_money_at_stake()
    {
        var (code, output, _) = Run(Args(Statement($"{Flat},2026-03,call,c1,,2,0.10,0.20,", $"{Flat},2026-03,call,c1,,2,0.10,0.20,", $"{Flat},2026-03,other,,,,,5.00,维护费"), "--lang", "en"));
        Assert.Equal(1, code);
        Assert.Contains("Call charged twice", output);
        Assert.Contains("Fee not in the plan (hidden fee)", output);
        Assert.Contains("Call in the records but not billed", output);
        Assert.Contains("money at stake 4.90 (overcharged 5.20, left out 0.30)", output);
    }

    [Fact]
    public void A_call_of_another_number_and_a_call_of_another_month_make_the_bill_wrong_with_their_own_causes()
    {
        var calls = _dir.Write("calls2.csv", Header + "\n" + Answered("c1", Flat, "2026-03-03T10:00:00", 61) + "\n"
            + Answered("p1", NumberFor("peak"), "2026-03-03T11:00:00", 61) + "\n" + Answered("f1", Flat, "2026-02-27T10:00:00", 61) + "\n");
        var statement = Statement($"{Flat},2026-03,call,c1,,2,0.10,0.20,", $"{Flat},2026-03,call,p1,,2,0.12,0.24,", $"{Flat},2026-03,call,f1,,2,0.10,0.20,");
        var (code, output, _) = Run(["audit", "--statement", statement, "--calls", calls, "--catalog", _catalog, "--accounts", _accounts]);
        Assert.Equal(1, code);
        Assert.DoesNotContain("账单正确", output);
        Assert.Contains("通话不属于该号码", output);
        Assert.Contains("通话不在账单周期内", output);
        Assert.Contains("账单金额 0.64 元，应收 0.20 元", output);
        Assert.Contains("涉及金额合计 0.44 元", output);

        var (_, json, _) = Run(["audit", "--statement", statement, "--calls", calls, "--catalog", _catalog, "--accounts", _accounts, "--json"]);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(["call_of_another_number", "call_outside_period"], doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("cause").GetString()));
    }

    [Fact]
    public void On_a_per_line_plan_0_12_plus_0_13_exits_0_and_0_12_plus_0_12_exits_1_one_fen_short()
    {
        var sec = NumberFor("secline");
        var calls = _dir.Write("calls3.csv", Header + "\n" + Answered("P1", sec, "2026-03-03T10:00:00", 61) + "\n" + Answered("P2", sec, "2026-03-03T10:05:00", 62) + "\n");
        string[] Audit(string statement) => ["audit", "--statement", statement, "--calls", calls, "--catalog", _catalog, "--accounts", _accounts, "--json"];

        var (right, _, _) = Run(Audit(Statement($"{sec},2026-03,call,P1,,1.02,0.12,0.12,", $"{sec},2026-03,call,P2,,1.03,0.12,0.13,")));
        Assert.Equal(0, right);

        var (code, output, _) = Run(Audit(Statement($"{sec},2026-03,call,P1,,1.02,0.12,0.12,", $"{sec},2026-03,call,P2,,1.03,0.12,0.12,")));
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(output);
        var f = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray().ToList());
        Assert.Equal(("line_total_differs", "0.25", "0.24", "-0.01"), (f.GetProperty("cause").GetString(), f.GetProperty("expected").GetString(), f.GetProperty("billed").GetString(), f.GetProperty("difference").GetString()));
        Assert.Equal("-0.01", doc.RootElement.GetProperty("at_stake").GetString());
    }

    [Fact]
    public void A_statement_whose_calls_are_all_missing_from_the_records_warns_of_the_wrong_call_files()
    {
        var statement = Statement($"{Flat},2026-03,call,x1,,2,0.10,0.20,", $"{Flat},2026-03,call,x2,,3,0.10,0.30,");
        var (code, output, error) = Run(Args(statement, "--json", "--lang", "en"));
        Assert.Equal(1, code);
        Assert.Contains("none of the 2 call lines of 400", error);
        Assert.Contains("are these the right call files?", error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.GetProperty("warnings").GetArrayLength());

        // One known call among them: no warning.
        var (_, _, quiet) = Run(Args(Statement($"{Flat},2026-03,call,c1,,2,0.10,0.20,", $"{Flat},2026-03,call,x2,,3,0.10,0.30,"), "--json"));
        Assert.DoesNotContain("warning", quiet);
        Assert.DoesNotContain("注意", quiet);
    }

    [Fact]
    public void Audit_json_has_ok_findings_with_decimal_strings_and_the_money_at_stake()
    {
        var (code, output, _) = Run(Args(Statement($"{Flat},2026-03,call,c1,,3,0.10,0.30,", $"{Flat},2026-03,call,c2,,3,0.10,0.30,", $"{Flat},2026-03,other,,,,,5,维护费"), "--json"));
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal("5.10", root.GetProperty("at_stake").GetString());
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(2, findings.Count);
        var call = findings.Single(f => f.GetProperty("cause").GetString() == "billed_minutes");
        Assert.Equal(("c1", "0.20", "0.30", "0.10"), (call.GetProperty("call_id").GetString(), call.GetProperty("expected").GetString(), call.GetProperty("billed").GetString(), call.GetProperty("difference").GetString()));
        var fee = findings.Single(f => f.GetProperty("cause").GetString() == "fee_not_in_plan");
        Assert.False(fee.TryGetProperty("call_id", out _));
        Assert.Equal(("0.00", "5.00", "5.00"), (fee.GetProperty("expected").GetString(), fee.GetProperty("billed").GetString(), fee.GetProperty("difference").GetString()));
    }

    [Fact]
    public void Json_details_are_Chinese_by_default_and_English_with_lang_en_while_the_cause_codes_stay_the_same()
    {
        var statement = Statement($"{Flat},2026-03,call,c1,,3,0.10,0.30,", $"{Flat},2026-03,call,c2,,3,0.10,0.30,");
        static (string?, string?) First(string json)
        {
            using var doc = JsonDocument.Parse(json);
            var f = doc.RootElement.GetProperty("findings")[0];
            return (f.GetProperty("cause").GetString(), f.GetProperty("detail").GetString());
        }
        var (_, zh, _) = Run(Args(statement, "--json"));
        Assert.Equal(("billed_minutes", "通话 c1：计费时长 61 秒按套餐规则计 2 分钟，账单计 3 分钟"), First(zh));
        var (_, en, _) = Run(Args(statement, "--json", "--lang", "en"));
        Assert.Equal(("billed_minutes", "call c1: 61 billable seconds bill 2 min under the plan; the statement bills 3 min"), First(en));
    }

    [Fact]
    public void Json_warnings_follow_lang_too()
    {
        var statement = Statement($"{Flat},2026-03,call,x1,,2,0.10,0.20,");
        using var zh = JsonDocument.Parse(Run(Args(statement, "--json")).Out);
        Assert.Contains("请确认话单文件是否正确", zh.RootElement.GetProperty("warnings")[0].GetString());
        using var en = JsonDocument.Parse(Run(Args(statement, "--json", "--lang", "en")).Out);
        Assert.Contains("are these the right call files?", en.RootElement.GetProperty("warnings")[0].GetString());
    }

    [Fact]
    public void A_correct_bill_in_json_is_ok_with_no_findings_and_zero_at_stake()
    {
        var (code, output, _) = Run(Args(Statement($"{Flat},2026-03,call,c1,,2,0.10,0.20,", $"{Flat},2026-03,call,c2,,3,0.10,0.30,"), "--json"));
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetProperty("ok").GetBoolean());
        Assert.Empty(doc.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("0.00", doc.RootElement.GetProperty("at_stake").GetString());
    }

    [Fact]
    public void An_unreadable_statement_row_exits_1_and_names_its_line()
    {
        var (code, _, error) = Run(Args(Statement($"{Flat},2026-03,call,c1,,2,0.10,0.20,", $"{Flat},2026-03,call,c2,,3,0.10,x,"), "--lang", "en"));
        Assert.Equal(1, code);
        Assert.Contains("statement.csv:3: amount: 'x' is not an amount in yuan", error);
    }

    [Fact]
    public void An_unreadable_call_row_is_reported_once_with_its_call_id_and_not_as_a_call_left_out()
    {
        var statement = Statement($"{Flat},2026-03,call,c1,,2,0.10,0.20,", $"{Flat},2026-03,call,c2,,3,0.10,0.3O,");
        var (code, output, error) = Run(Args(statement));
        Assert.Equal(1, code);
        Assert.Contains("statement.csv:3: amount: “0.3O”不是以元为单位的金额", error);
        Assert.DoesNotContain("漏计通话（少收）", output);
        Assert.Contains("账单中 1 行无法读取，未稽核（其中 1 行为通话，其通话不计为漏计）", output);

        var (jsonCode, json, _) = Run(Args(statement, "--json"));
        Assert.Equal(1, jsonCode);
        using var doc = JsonDocument.Parse(json);
        Assert.Empty(doc.RootElement.GetProperty("findings").EnumerateArray());
        var reject = Assert.Single(doc.RootElement.GetProperty("statement_rejects").EnumerateArray().ToList());
        Assert.Equal(("amount", 3, "c2"), (reject.GetProperty("field").GetString(), reject.GetProperty("line").GetInt32(), reject.GetProperty("call_id").GetString()));
    }

    [Fact]
    public void The_samples_hidden_fee_shows_号码维护费_in_the_table_and_in_json()
    {
        string[] args = ["audit", "--statement", AuditSamples.Sample("provider-statement.csv"), "--calls", AuditSamples.Sample("provider-statement-calls.csv"),
            "--catalog", AuditSamples.Sample("catalog.yaml"), "--accounts", AuditSamples.Sample("accounts.yaml")];
        var (_, table, _) = Run(args);
        Assert.Contains("other（号码维护费）", table);
        var (_, json, _) = Run([.. args, "--json"]);
        using var doc = JsonDocument.Parse(json);
        var fee = doc.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("line_type").GetString() == "other");
        Assert.Equal("号码维护费", fee.GetProperty("description").GetString());
        Assert.Contains("号码维护费", fee.GetProperty("detail").GetString());
    }

    [Fact]
    public void A_missing_statement_file_exits_2()
    {
        var (code, _, error) = Run(Args(_dir.File("nope.csv")));
        Assert.Equal(2, code);
        Assert.Contains($"错误：文件 {_dir.File("nope.csv")} 不存在", error);
    }

    [Fact]
    public void A_statement_header_without_required_columns_exits_2()
    {
        var bad = _dir.Write("bad.csv", "number,amount\n4008000000,1.00\n");
        var (code, _, error) = Run(Args(bad));
        Assert.Equal(2, code);
        Assert.Contains("bad.csv:1：表头缺少必需的列 period、line_type", error);
        (code, _, error) = Run(Args(bad, "--lang", "en"));
        Assert.Equal(2, code);
        Assert.Contains("bad.csv:1: the header lacks required columns period, line_type", error);
    }

    [Fact]
    public void A_bad_statement_map_exits_2()
    {
        var (code, _, error) = Run(Args(Statement($"{Flat},2026-03,call,c1,,2,0.10,0.20,"), "--statement-map", "amount", "--lang", "en"));
        Assert.Equal(2, code);
        Assert.Contains("error: --statement-map: 'amount' is not field=column", error);
    }

    [Fact]
    public void The_sample_statement_exits_1_with_the_expected_findings_in_json()
    {
        var (code, output, _) = Run("audit", "--statement", AuditSamples.Sample("provider-statement.csv"), "--calls", AuditSamples.Sample("provider-statement-calls.csv"),
            "--catalog", AuditSamples.Sample("catalog.yaml"), "--accounts", AuditSamples.Sample("accounts.yaml"), "--json");
        Assert.Equal(1, code);
        using var got = JsonDocument.Parse(output);
        using var want = JsonDocument.Parse(File.ReadAllText(AuditSamples.Sample("audit-expected.json")));
        static string Key(JsonElement f) => string.Join("|", f.GetProperty("cause").GetString(), f.TryGetProperty("call_id", out var id) ? id.GetString() : "", f.GetProperty("line").GetInt32(), f.GetProperty("difference").GetString(), f.GetProperty("verified").GetBoolean());
        Assert.Equal(want.RootElement.GetProperty("findings").EnumerateArray().Select(Key), got.RootElement.GetProperty("findings").EnumerateArray().Select(Key));
        Assert.Equal(want.RootElement.GetProperty("at_stake").GetString(), got.RootElement.GetProperty("at_stake").GetString());
        Assert.Equal(want.RootElement.GetProperty("at_stake_unverified").GetString(), got.RootElement.GetProperty("at_stake_unverified").GetString());
        static string Cause(JsonElement c) => string.Join("|", c.GetProperty("cause").GetString(), c.GetProperty("count").GetInt32(), c.GetProperty("at_stake").GetString(), c.GetProperty("unverified").GetInt32(), c.GetProperty("at_stake_unverified").GetString());
        Assert.Equal(want.RootElement.GetProperty("by_cause").EnumerateArray().Select(Cause), got.RootElement.GetProperty("by_cause").EnumerateArray().Select(Cause));
        Assert.Empty(got.RootElement.GetProperty("allowance_assumed_full").EnumerateArray());
    }
}
