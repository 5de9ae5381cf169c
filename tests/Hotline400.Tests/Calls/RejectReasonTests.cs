using System.Text;
using System.Text.RegularExpressions;
using Hotline400.Audit;
using Hotline400.Calls;
using Hotline400.Common;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Calls;

/// <summary>
/// Every reject reason has a stable code and a wording in Chinese (the default) and English, with
/// the values quoted; the docs list every code. The table below is the reference wording.
/// </summary>
public partial class RejectReasonTests
{
    private const string Good = "c1,4008000000,13800138000,2026-03-02T10:00:00,2026-03-02T10:00:05,2026-03-02T10:01:05,13900000000,answered,0,in";

    /// <summary>A bad row (after the header and a good row, so on line 3) → field, code, Chinese reason, English reason.</summary>
    public static readonly TheoryData<string, string, string, string, string> BadRows = new()
    {
        {
            "c1,4008000000,13800138000,2026-03-02T10:00:00", "", "column_count",
            "该行有 4 列，与表头的 10 列不符",
            "the row has 4 columns, the header 10"
        },
        {
            ",4008000000,13800138000,2026-03-02T10:00:00,,2026-03-02T10:01:05,,missed,0,in", "call_id", "empty_call_id",
            "通话ID (call_id) 为空",
            "call_id is empty"
        },
        {
            "c1,4011234567,13800138000,2026-03-02T10:00:00,,2026-03-02T10:01:05,,missed,0,in", "number", "invalid_number",
            "“4011234567”不是400号码（应为400加7位数字）",
            "'4011234567' is not a 400 number (400 followed by 7 digits)"
        },
        {
            "c1,,13800138000,2026-03-02T10:00:00,,2026-03-02T10:01:05,,missed,0,in", "number", "invalid_number",
            "400号码为空（应为400加7位数字）",
            "'' is not a 400 number (400 followed by 7 digits)"
        },
        {
            "c1,4008000000,13800138000,,,2026-03-02T10:01:05,,missed,0,in", "started_at", "empty_time",
            "开始时间 (started_at) 为空",
            "started_at is empty"
        },
        {
            "c1,4008000000,13800138000,2026-03-02T10:00:00,,,,missed,0,in", "ended_at", "empty_time",
            "结束时间 (ended_at) 为空",
            "ended_at is empty"
        },
        {
            "c1,4008000000,13800138000,02/03/2026 10:00,,2026-03-02T10:01:05,,missed,0,in", "started_at", "invalid_time",
            "开始时间“02/03/2026 10:00”不是有效的时间，应形如 2026-10-01T09:30:15 或 2026-10-01 09:30:15+08:00",
            "'02/03/2026 10:00' is not a time like 2026-10-01T09:30:15 or 2026-10-01 09:30:15+08:00"
        },
        {
            "c1,4008000000,13800138000,2026-03-02T10:00:00,10:00:05,2026-03-02T10:01:05,,answered,0,in", "answered_at", "invalid_time",
            "接听时间“10:00:05”不是有效的时间，应形如 2026-10-01T09:30:15 或 2026-10-01 09:30:15+08:00",
            "'10:00:05' is not a time like 2026-10-01T09:30:15 or 2026-10-01 09:30:15+08:00"
        },
        {
            "c2,4008000000,13800138000,2026-03-02T10:00:00,,2026-03-02T09:59:59,,missed,0,in", "ended_at", "ended_before_started",
            "通话结束时间 (2026-03-02T09:59:59) 早于开始时间 (2026-03-02T10:00:00)",
            "the call ends (2026-03-02T09:59:59) before it starts (2026-03-02T10:00:00)"
        },
        {
            "c1,4008000000,13800138000,2026-03-02T10:00:00,,2026-03-03T10:00:01,,missed,0,in", "ended_at", "over_24_hours",
            "通话时长 24小时0分1秒，超过24小时上限",
            "the call lasts 24 h 0 min 1 s; no call lasts more than 24 hours"
        },
        {
            "c1,4008000000,13800138000,2026-03-02T10:00:00,2026-03-02T09:59:00,2026-03-02T10:01:05,,answered,0,in", "answered_at", "answered_outside_call",
            "接听时间 (2026-03-02T09:59:00) 不在通话时段内（2026-03-02T10:00:00 至 2026-03-02T10:01:05）",
            "answered at 2026-03-02T09:59:00, outside the call (2026-03-02T10:00:00 to 2026-03-02T10:01:05)"
        },
        {
            "c1,4008000000,13800138000,2026-03-02T10:00:00,,2026-03-02T10:01:05,,hungup,0,in", "outcome", "unknown_outcome",
            "未知的通话结果“hungup”；应为 接通、未接、占线、留言、放弃、拦截（或 answered、missed、busy、voicemail、abandoned、blocked）",
            "unknown outcome 'hungup'; use answered, missed, busy, voicemail, abandoned or blocked"
        },
        {
            "c1,4008000000,13800138000,2026-03-02T10:00:00,,2026-03-02T10:01:05,,,0,in", "outcome", "unknown_outcome",
            "通话结果 (outcome) 为空；应为 接通、未接、占线、留言、放弃、拦截（或 answered、missed、busy、voicemail、abandoned、blocked）",
            "unknown outcome ''; use answered, missed, busy, voicemail, abandoned or blocked"
        },
        {
            "c1,4008000000,13800138000,2026-03-02T10:00:00,,2026-03-02T10:01:05,,answered,0,in", "answered_at", "answered_without_answered_at",
            "通话结果为接通，但接听时间 (answered_at) 为空",
            "the outcome is answered but answered_at is empty"
        },
        {
            "c1,4008000000,13800138000,2026-03-02T10:00:00,2026-03-02T10:00:05,2026-03-02T10:01:05,,missed,0,in", "outcome", "answered_at_but_not_answered",
            "填写了接听时间 (answered_at)，但通话结果为“missed”，不是接通",
            "answered_at is given but the outcome is missed"
        },
        {
            "c1,4008000000,13800138000,2026-03-02T10:00:00,2026-03-02T10:00:05,2026-03-02T10:01:05,,answered,yes,in", "recorded", "invalid_recorded",
            "录音标记 (recorded) 应为 1 或 0，实为“yes”",
            "recorded must be 1 or 0, found 'yes'"
        },
        {
            "c1,4008000000,13800138000,2026-03-02T10:00:00,2026-03-02T10:00:05,2026-03-02T10:01:05,,answered,0,sideways", "direction", "invalid_direction",
            "呼叫方向 (direction) 应为 in（呼入）或 out（外呼），实为“sideways”",
            "direction must be in or out, found 'sideways'"
        },
    };

    /// <summary>A call that reads well but cannot be rated → field, code, Chinese reason, English reason.</summary>
    public static readonly TheoryData<string, string, string, string, string> UnratableCalls = new()
    {
        {
            Answered("c2", "4008123456", "2026-03-02T10:00:00", 30), "number", "unknown_number",
            "未知的400号码 400-812-3456：不在客户档案中",
            "unknown 400 number 400-812-3456: it is not in the accounts"
        },
        {
            Answered("c2", NumberFor("flat"), "2025-12-31T23:00:00", 30), "started_at", "no_subscription",
            "400号码 400-800-0000 在 2025-12-31 没有订购套餐",
            "400-800-0000 has no subscription on 2025-12-31"
        },
        {
            Answered("c2", NumberFor("flat"), "2026-03-02T10:00:00", 60, direction: "out"), "direction", "no_outbound_rates",
            "套餐 p/flat v1 (2026-01-01) 没有外呼资费，外呼通话无法计费",
            "plan p/flat v1 (2026-01-01) has no outbound rates, so outbound calls cannot be rated"
        },
        {
            Answered("c2", NumberFor("out"), "2026-03-02T10:00:00", 60, caller: "", direction: "out"), "caller", "no_outbound_destination",
            "外呼通话须在 caller 列填写被叫的手机或固话号码",
            "an outbound call needs a mobile or landline destination in the caller column"
        },
    };

    private static List<CallReject> ReadRejects(string text)
    {
        var reader = CallReader.Open(new CsvRowReader(new MemoryStream(Encoding.UTF8.GetBytes(text))), "calls.csv", 0, ColumnMap.Default, out var error);
        Assert.Null(error);
        var rejects = new List<CallReject>();
        using (reader!)
        {
            while (reader!.Next(out _, out var reject))
            {
                if (reject is not null)
                {
                    rejects.Add(reject);
                }
            }
        }
        return rejects;
    }

    [Theory]
    [MemberData(nameof(BadRows))]
    public void A_bad_row_is_rejected_with_its_code_and_its_reason_in_Chinese_and_in_English(string row, string field, string code, string zh, string en)
    {
        var reject = Assert.Single(ReadRejects(Header + "\n" + Good + "\n" + row + "\n"));
        Assert.Equal((3, field, code), (reject.Line, reject.Field, reject.Code));
        Assert.Equal(zh, reject.Message(Language.Zh));
        Assert.Equal(en, reject.Message(Language.En));
        Assert.Equal(row, reject.Raw);
    }

    [Theory]
    [MemberData(nameof(UnratableCalls))]
    public void A_call_that_cannot_be_rated_is_rejected_with_its_code_and_its_reason_in_Chinese_and_in_English(string row, string field, string code, string zh, string en)
    {
        var (result, counts) = Rate([Answered("c1", NumberFor("flat"), "2026-03-02T09:00:00", 30), row]);
        var reject = Assert.Single(result.Rejected);
        Assert.Equal((3, field, code), (reject.Line, reject.Field, reject.Code));
        Assert.Equal(zh, reject.Message(Language.Zh));
        Assert.Equal(en, reject.Message(Language.En));
        Assert.Equal((2, 1, 1), (counts.Read, counts.Rated, counts.Rejected));
    }

    [Fact]
    public void An_ended_before_started_row_is_rejected_in_Chinese_by_default()
    {
        var reject = Assert.Single(ReadRejects(Header + "\n" + "c2,4008000000,,2026-03-02T10:00:00,,2026-03-02T09:59:59,,missed,0,in\n"));
        Assert.Equal("ended_before_started", reject.Code);
        Assert.Equal("calls.csv:2: ended_at: 通话结束时间 (2026-03-02T09:59:59) 早于开始时间 (2026-03-02T10:00:00)", reject.ToString());
        Assert.Equal("calls.csv:2: ended_at: the call ends (2026-03-02T09:59:59) before it starts (2026-03-02T10:00:00)", reject.Describe(Language.En));
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_columns_is_described_without_a_field()
    {
        var reject = Assert.Single(ReadRejects(Header + "\nc1,4008000000\n"));
        Assert.Equal("calls.csv:2: 该行有 2 列，与表头的 10 列不符", reject.Describe(Language.Zh));
        Assert.Equal("calls.csv:2: the row has 2 columns, the header 10", reject.Describe(Language.En));
    }

    [Fact]
    public void The_tables_above_reach_every_call_reject_code()
    {
        var reached = BadRows.Concat(UnratableCalls).Select(r => (string)r[2]).ToHashSet();
        // no_plan_version cannot be reached through accounts that load: they refuse a subscription
        // whose plan has no version in force; its wording is checked on its own below.
        Assert.Equal(RejectCodes.CallCodes.Where(c => c != RejectCodes.NoPlanVersion).Order(), reached.Order());
        var reason = RejectReasons.NoPlanVersion("p/flat", new DateOnly(2025, 12, 31));
        Assert.Equal(("no_plan_version", "套餐 p/flat 在 2025-12-31 没有生效的版本", "plan p/flat has no version in force on 2025-12-31"),
            (reason.Code, reason.In(Language.Zh), reason.In(Language.En)));
    }

    [Fact]
    public void Codes_are_unique_snake_case_words()
    {
        foreach (var code in RejectCodes.CallCodes.Concat(RejectCodes.StatementCodes).Append(RejectCodes.ServicesNotOffered))
        {
            Assert.Matches(SnakeCase(), code);
        }
        Assert.Equal(RejectCodes.CallCodes.Count, RejectCodes.CallCodes.Distinct().Count());
        Assert.Equal(RejectCodes.StatementCodes.Count, RejectCodes.StatementCodes.Distinct().Count());
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();

    // ---- provider statements (audit) --------------------------------------------------------

    private const string StatementHead = "number,period,line_type,call_id,started_at,billed_minutes,rate,amount,description";

    /// <summary>A bad statement row (on line 2) → field, code, Chinese reason, English reason.</summary>
    public static readonly TheoryData<string, string, string, string, string> BadStatementRows = new()
    {
        { "4008000000,2026-03,call", "", "column_count", "该行有 3 列，与表头的 9 列不符", "the row has 3 columns, the header 9" },
        { "4001,2026-03,call,c1,,2,0.10,0.20,", "number", "invalid_number", "“4001”不是400号码（应为400加7位数字）", "'4001' is not a 400 number (400 + 7 digits)" },
        { "4009999999,2026-03,call,c1,,2,0.10,0.20,", "number", "unknown_number", "400号码 400-999-9999 不在客户档案中", "400-999-9999 is not in the accounts" },
        { "4008000000,2026-13,call,c1,,2,0.10,0.20,", "period", "invalid_period", "“2026-13”不是账期：请按 YYYY-MM 填写月份，如 2026-10", "'2026-13' is not a billing period: write the month as YYYY-MM, e.g. 2026-10" },
        { "4008000000,2026-03,,c1,,2,0.10,0.20,", "line_type", "empty_line_type", "费用类型为空；应为 call（通话费）或费用名称（monthly_fee、service_fee:<id>、minimum、package、other…）", "empty; write call or a fee word (monthly_fee, service_fee:<id>, minimum, package, other…)" },
        { "4008000000,2026-03,call,c1,,2,0.10,abc,", "amount", "invalid_amount", "“abc”不是以元为单位的金额", "'abc' is not an amount in yuan" },
        { "4008000000,2026-03,call,,,2,0.10,0.20,", "call_id", "empty_call_id", "通话费用行的通话ID (call_id) 为空", "empty on a call line" },
        { "4008000000,2026-03,call,c1,x,2,0.10,0.20,", "started_at", "invalid_time", "“x”不是有效的时间", "'x' is not a time" },
        { "4008000000,2026-03,call,c1,,x,0.10,0.20,", "billed_minutes", "invalid_minutes", "“x”不是分钟数", "'x' is not a number of minutes" },
        { "4008000000,2026-03,call,c1,,2,x,0.20,", "rate", "invalid_rate", "“x”不是每分钟费率（元/分）", "'x' is not a rate in yuan per minute" },
    };

    [Theory]
    [MemberData(nameof(BadStatementRows))]
    public void A_bad_statement_row_is_rejected_with_its_code_and_its_reason_in_Chinese_and_in_English(string row, string field, string code, string zh, string en)
    {
        var accounts = TestWorld.Accounts(TestWorld.Catalog);
        var statement = ProviderStatementReader.ReadText(StatementHead + "\n" + row + "\n", "statement.csv", StatementColumnMap.Default, accounts, out var error);
        Assert.Null(error);
        var reject = Assert.Single(statement!.Rejects);
        Assert.Equal((2, field, code), (reject.Line, reject.Field, reject.Code));
        Assert.Equal(zh, reject.Message(Language.Zh));
        Assert.Equal(en, reject.Message(Language.En));
        Assert.StartsWith("statement.csv:2: ", reject.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(zh, reject.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_statement_table_reaches_every_statement_reject_code()
    {
        Assert.Equal(RejectCodes.StatementCodes.Order(), BadStatementRows.Select(r => (string)r[2]).Distinct().Order());
    }

    // ---- the docs ---------------------------------------------------------------------------

    private static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hotline400.slnx")))
            {
                return File.ReadAllText(Path.Combine(dir.FullName, relative));
            }
        }
        throw new InvalidOperationException("Hotline400.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The docs' table rows by code: field, Chinese, English.</summary>
    private static Dictionary<string, string[]> DocumentedCodes(string doc) =>
        RepoFile(doc).Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray())
            .Where(cells => cells.Length == 4)
            .GroupBy(cells => cells[0].Trim('`'))
            .ToDictionary(g => g.Key, g => g.First());

    [Theory]
    [InlineData("docs/call-records.md")]
    [InlineData("docs/audit.md")]
    public void Every_reject_code_is_documented_with_its_field_and_both_wordings(string doc)
    {
        var documented = DocumentedCodes(doc);
        var codes = doc.EndsWith("audit.md", StringComparison.Ordinal) ? RejectCodes.StatementCodes : RejectCodes.CallCodes;
        foreach (var code in codes)
        {
            Assert.True(documented.TryGetValue(code, out var cells), $"{doc} does not list {code}");
            Assert.NotEmpty(cells![1]);
            Assert.Matches(Cjk(), cells[2]);
            Assert.DoesNotMatch(Cjk(), cells[3]);
        }
    }

    [Theory]
    [InlineData("docs/call-records.md")]
    [InlineData("docs/audit.md")]
    public void The_documented_example_of_every_code_is_worded_exactly_as_the_product_words_it(string doc)
    {
        var documented = DocumentedCodes(doc);
        var examples = doc.EndsWith("audit.md", StringComparison.Ordinal)
            ? BadStatementRows.Select(r => ((string)r[2], (string)r[3], (string)r[4]))
            : BadRows.Concat(UnratableCalls).Select(r => ((string)r[2], (string)r[3], (string)r[4]))
                .Append((RejectCodes.NoPlanVersion, "套餐 p/flat 在 2025-12-31 没有生效的版本", "plan p/flat has no version in force on 2025-12-31"));
        foreach (var group in examples.GroupBy(e => e.Item1))
        {
            var cells = documented[group.Key];
            Assert.True(group.Any(e => cells[2].Contains(e.Item2, StringComparison.Ordinal) && cells[3].Contains(e.Item3, StringComparison.Ordinal)),
                $"{doc}: the example of {group.Key} ({cells[2]} / {cells[3]}) is not how the product words it");
        }
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    // ---- the hot path -----------------------------------------------------------------------

    [Fact]
    public void Reading_good_rows_allocates_nothing_per_row()
    {
        var rows = new StringBuilder(Header + "\n");
        for (var i = 0; i < 2000; i++)
        {
            rows.Append(Good.Replace("c1,", $"c{i},", StringComparison.Ordinal)).Append('\n');
        }
        using var reader = CallReader.Open(new CsvRowReader(new MemoryStream(Encoding.UTF8.GetBytes(rows.ToString()))), "calls.csv", 0, ColumnMap.Default, out _)!;
        for (var i = 0; i < 10; i++)
        {
            Assert.True(reader.NextFields(out _, out var reject) && reject is null);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = 0;
        while (reader.NextFields(out _, out var reject))
        {
            Assert.Null(reject);
            read++;
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1990, read);
    }
}
