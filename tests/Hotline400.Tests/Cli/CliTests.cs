using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline400.Cli;
using Hotline400.Rating;
using static Hotline400.Tests.TestWorld;
using static Hotline400.Tests.CliRun;

namespace Hotline400.Tests.Cli;

/// <summary>The <c>hotline400</c> command run in-process: exit codes, output files and machine-readable output.</summary>
public sealed partial class CliTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _catalog;
    private readonly string _accounts;

    public CliTests()
    {
        _catalog = _dir.Write("catalog.yaml", CatalogYaml);
        _accounts = _dir.Write("accounts.yaml", AccountsYaml);
    }

    public void Dispose() => _dir.Dispose();

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

    private string CallsFile(string name, params string[] rows) => _dir.Write(name, Header + "\n" + string.Join("\n", rows) + "\n");

    private string[] RateArgs(params string[] extra) => ["rate", "--catalog", _catalog, "--accounts", _accounts, "--out", _dir.File("rated.csv"), .. extra];

    [GeneratedRegex(@"^.+:\d+:\d+: .+$", RegexOptions.Multiline)]
    private static partial Regex FileLineColumn();

    // ---- catalog check ---------------------------------------------------------------------------

    [Fact]
    public void Catalog_check_of_the_sample_catalog_exits_0_and_prints_OK()
    {
        var (code, output, error) = Run("catalog", "check", Path.Combine(RepoRoot, "samples", "catalog.yaml"));
        Assert.True(code == CliApp.Ok, output + error);
        Assert.Contains("检查通过：没有发现问题", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public void Catalog_check_of_a_broken_catalog_exits_1_and_prints_file_line_column_lines()
    {
        var path = _dir.Write("broken.yaml", "providers:\n  - id: p\n    name: P\n    colour: blue\n    plans:\n      - id: a\n        name: A\n        versions:\n          - { version: 1, effective: 2026-01-01, rate: cheap }\n");
        var (code, output, _) = Run("catalog", "check", path);
        Assert.Equal(CliApp.SomeRejected, code);
        var lines = FileLineColumn().Matches(output).Select(m => m.Value).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.StartsWith(path + ":4:5: unknown key", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(path + ":9:56: ", StringComparison.Ordinal) && l.Contains("must be a number, found 'cheap'", StringComparison.Ordinal));
        Assert.Contains(path + " 中有 2 个问题", output, StringComparison.Ordinal);
        Assert.Contains("2 problems in " + path, Run("catalog", "check", path, "--lang", "en").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_check_json_lists_problems_with_line_and_column()
    {
        var path = _dir.Write("broken.yaml", "currency: USD\nproviders: []\n");
        var (code, output, _) = Run("catalog", "check", path, "--json");
        Assert.Equal(CliApp.SomeRejected, code);
        using var doc = JsonDocument.Parse(output);
        Assert.False(doc.RootElement.GetProperty("ok").GetBoolean());
        var problem = Assert.Single(doc.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal((1, 11), (problem.GetProperty("line").GetInt32(), problem.GetProperty("column").GetInt32()));
        Assert.Equal(path, problem.GetProperty("file").GetString());
    }

    [Fact]
    public void Catalog_check_of_a_YAML_syntax_error_exits_1_instead_of_crashing()
    {
        var path = _dir.Write("syntax.yaml", "providers:\n  - id: p\n    name: [unclosed\n");
        var (code, output, _) = Run("catalog", "check", path);
        Assert.Equal(CliApp.SomeRejected, code);
        Assert.Matches(FileLineColumn(), output);
        Assert.Contains("YAML syntax error", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_check_of_a_missing_file_reports_it()
    {
        var (code, _, error) = Run("catalog", "check", _dir.File("nope.yaml"));
        Assert.Equal(CliApp.SomeRejected, code);
        Assert.Contains($"错误：文件 {_dir.File("nope.yaml")} 不存在", error, StringComparison.Ordinal);
    }

    // ---- rate --------------------------------------------------------------------------------------

    [Fact]
    public void Rate_with_good_rows_exits_0_and_its_json_reconciles()
    {
        var calls = CallsFile("calls.csv",
            Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61),
            Answered("c2", NumberFor("sec"), "2026-03-02T10:05:00", 125),
            Answered("c3", NumberFor("flat"), "2026-03-02T11:00:00", 30),
            Answered("c4", NumberFor("secline"), "2026-03-02T11:00:00", 61),
            Answered("c5", NumberFor("secline"), "2026-03-02T12:00:00", 61),
            Missed("c6", NumberFor("six"), "2026-03-02T12:30:00", 20));
        var (code, output, error) = Run(RateArgs("--json", calls));
        Assert.True(code == CliApp.Ok, output + error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal((6, 6, 0, 0), (root.GetProperty("read").GetInt64(), root.GetProperty("rated").GetInt64(), root.GetProperty("rejected").GetInt64(), root.GetProperty("duplicates").GetInt64()));
        var total = root.GetProperty("total").GetString()!;
        Assert.Matches(@"^\d+\.\d\d$", total);
        var numbers = root.GetProperty("numbers").EnumerateArray().ToList();
        Assert.Equal(4, numbers.Count);
        foreach (var n in numbers)
        {
            Assert.Matches(@"^400\d{7}$", n.GetProperty("number").GetString());
            Assert.True(n.GetProperty("calls").GetInt64() > 0);
            _ = decimal.Parse(n.GetProperty("minutes").GetString()!, CultureInfo.InvariantCulture);
            Assert.Matches(@"^\d+\.\d\d$", n.GetProperty("charge").GetString());
        }
        var sum = numbers.Sum(n => decimal.Parse(n.GetProperty("charge").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(sum, decimal.Parse(total, CultureInfo.InvariantCulture));
        // flat 0.20 + 0.10; sec 0.25; secline 61 s + 61 s per second at 0.12, exact 0.244 rounded once: 0.24; six 0.
        Assert.Equal("0.79", total);
        var flat = numbers.Single(n => n.GetProperty("number").GetString() == NumberFor("flat"));
        Assert.Equal((2, "3", "0.30"), (flat.GetProperty("calls").GetInt64(), flat.GetProperty("minutes").GetString(), flat.GetProperty("charge").GetString()));
        Assert.Equal(6, numbers.Sum(n => n.GetProperty("calls").GetInt64()));
    }

    [Fact]
    public void Rate_with_one_bad_row_exits_1_writes_the_good_rows_and_the_reject_with_its_line()
    {
        var bad = "c2,4011234567,13800138000,2026-03-02T10:05:00,,2026-03-02T10:06:00,,missed,0,in";
        var calls = CallsFile("calls.csv",
            Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61),
            bad,
            Answered("c3", NumberFor("flat"), "2026-03-02T11:00:00", 30));
        var rejects = _dir.File("rejects.csv");
        var (code, output, error) = Run(RateArgs("--rejects", rejects, "--lang", "en", calls));
        Assert.Equal(CliApp.SomeRejected, code);
        Assert.Contains("read 3 = rated 2 + rejected 1 + duplicates 0", output, StringComparison.Ordinal);
        Assert.Contains(calls + ":3: number: '4011234567' is not a 400 number", error, StringComparison.Ordinal);

        var rated = File.ReadAllLines(_dir.File("rated.csv"));
        Assert.Equal(3, rated.Length);
        Assert.StartsWith("c1,", rated[1], StringComparison.Ordinal);
        Assert.StartsWith("c3,", rated[2], StringComparison.Ordinal);

        var rejectLines = File.ReadAllLines(rejects);
        Assert.Equal("file,line,field,reason,row,code", rejectLines[0]);
        Assert.Equal(2, rejectLines.Length);
        Assert.StartsWith(calls + ",3,number,", rejectLines[1], StringComparison.Ordinal);
        Assert.EndsWith("\"" + bad + "\",invalid_number", rejectLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_with_no_rejects_still_writes_a_rejects_file_with_its_header()
    {
        var calls = CallsFile("calls.csv", Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61));
        var rejects = _dir.File("rejects.csv");
        Assert.Equal(CliApp.Ok, Run(RateArgs("--rejects", rejects, calls)).Code);
        Assert.Equal(["file,line,field,reason,row,code"], File.ReadAllLines(rejects));
    }

    [Fact]
    public void The_rated_CSV_repeats_the_input_header_then_the_rating_columns_one_row_per_call_in_start_order()
    {
        // Written as calls end: c-late started first but ended last.
        var calls = CallsFile("calls.csv",
            Answered("c-b", NumberFor("flat"), "2026-03-02T10:00:00", 61),
            Answered("c-a", NumberFor("flat"), "2026-03-02T10:00:00", 10),
            Answered("c-c", NumberFor("six"), "2026-03-02T10:01:00", 30),
            Answered("c-late", NumberFor("flat"), "2026-03-02T09:00:00", 7200));
        var (code, output, error) = Run(RateArgs("--json", calls));
        Assert.True(code == CliApp.Ok, output + error);
        var lines = File.ReadAllLines(_dir.File("rated.csv"));
        Assert.Equal(Header + ",billable_seconds,units,band,rate,allowance_used,charge,plan,plan_version,explanation," + string.Join(",", RatedCsvWriter.Columns.Skip(9)), lines[0]);
        Assert.Equal(["c-late", "c-a", "c-b", "c-c"], lines.Skip(1).Select(l => l.Split(',')[0]));
        var columns = lines[0].Split(',');
        var row = lines.Single(l => l.StartsWith("c-b,", StringComparison.Ordinal));
        string Column(string name) => row.Split(',')[Array.IndexOf(columns, name)];
        Assert.Equal(("61", "2", "0.20", "p/flat", "1"), (Column("billable_seconds"), Column("units"), Column("charge"), Column("plan"), Column("plan_version")));
        Assert.StartsWith(Answered("c-b", NumberFor("flat"), "2026-03-02T10:00:00", 61) + ",", row, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rated_CSV_is_the_same_bytes_run_after_run_and_for_the_same_calls_in_any_order()
    {
        // Thousands of calls on every number, with duplicates and bad rows, enough to fill many
        // blocks between the reading, ordering, rating and writing threads.
        var random = new Random(400);
        var start = new DateTime(2026, 3, 2, 8, 0, 0);
        var rows = new List<(DateTime End, string Row)>();
        for (var i = 0; i < 6000; i++)
        {
            var at = start.AddSeconds(random.Next(0, 3 * 86400));
            var talk = random.Next(0, 900);
            var number = AllNumbers[random.Next(AllNumbers.Count)];
            var row = i % 500 == 7
                ? $"bad{i},4011234567,13800138000,{at:yyyy-MM-ddTHH:mm:ss},,{at.AddSeconds(5):yyyy-MM-ddTHH:mm:ss},,missed,0,in"
                : Answered($"c{i:00000}", number, at.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), talk, caller: random.Next(3) == 0 ? "" : $"139{random.Next(10_000_000, 99_999_999)}");
            rows.Add((at.AddSeconds(talk + 5), row));
        }
        rows.AddRange(rows.Where((_, i) => i % 97 == 0).Select(r => (r.End.AddMinutes(5), r.Row)).ToList());
        var byEnd = CallsFile("by-end.csv", [.. rows.OrderBy(r => r.End).Select(r => r.Row)]);
        var shuffled = CallsFile("shuffled.csv", [.. rows.OrderBy(_ => random.Next()).Select(r => r.Row)]);

        byte[] Rated(string calls)
        {
            var (code, output, error) = Run(RateArgs("--json", calls));
            Assert.True(code == CliApp.SomeRejected, output + error);
            return File.ReadAllBytes(_dir.File("rated.csv"));
        }
        var first = Rated(byEnd);
        Assert.Equal(6000 - 12 + 1, first.Count(b => b == (byte)'\n')); // the header and every good call once
        Assert.Equal(first, Rated(byEnd));
        Assert.Equal(first, Rated(shuffled));
    }

    [Fact]
    public void A_row_of_an_unknown_number_is_rejected_where_it_stands_and_does_not_make_the_run_sort_in_memory()
    {
        // Written as calls end, with one row of a number the accounts do not hold, a month early,
        // read after c1 has left the 4-hour window and been rated.
        var calls = CallsFile("calls.csv",
            Answered("c1", NumberFor("flat"), "2026-03-02T01:00:00", 61),
            Answered("c2", NumberFor("flat"), "2026-03-02T11:00:00", 30),
            Answered("c3", "4001234567", "2026-02-01T09:00:00", 30),
            Answered("c4", NumberFor("flat"), "2026-03-02T12:00:00", 30));
        var rejects = _dir.File("rejects.csv");
        var (code, output, error) = Run(RateArgs("--json", "--lang", "en", "--rejects", rejects, calls));
        Assert.True(code == CliApp.SomeRejected, output + error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal((4, 3, 1, 0), (root.GetProperty("read").GetInt64(), root.GetProperty("rated").GetInt64(), root.GetProperty("rejected").GetInt64(), root.GetProperty("duplicates").GetInt64()));
        Assert.False(root.GetProperty("sorted_in_memory").GetBoolean());
        Assert.Equal(4, root.GetProperty("window_hours").GetInt64());
        Assert.StartsWith(calls + ",4,number,unknown 400 number 400-123-4567: it is not in the accounts,", File.ReadAllLines(rejects)[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--out")]
    [InlineData("--rejects")]
    public void An_output_file_in_a_missing_folder_or_naming_a_folder_exits_2_before_any_work(string option)
    {
        var calls = CallsFile("calls.csv", Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61));
        var missing = Path.Combine(_dir.File("nowhere"), "out.csv");
        var (code, _, error) = Run(["rate", "--catalog", _catalog, "--accounts", _accounts, "--out", option == "--out" ? missing : _dir.File("rated.csv"), .. option == "--rejects" ? new[] { "--rejects", missing } : [], calls]);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Contains($"错误：{option}：文件夹 {Path.GetDirectoryName(missing)} 不存在", error, StringComparison.Ordinal);

        var folder = Directory.CreateDirectory(_dir.File("a-folder")).FullName;
        (code, _, error) = Run(["rate", "--catalog", _catalog, "--accounts", _accounts, "--out", option == "--out" ? folder : _dir.File("rated.csv"), .. option == "--rejects" ? new[] { "--rejects", folder } : [], "--lang", "en", calls]);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Contains($"error: {option}: {folder} is a folder; give a file name", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_language_other_than_zh_or_en_exits_2()
    {
        var calls = CallsFile("calls.csv", Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61));
        var (code, _, error) = Run(RateArgs("--lang", "fr", calls));
        Assert.Equal(CliApp.Unusable, code);
        Assert.Contains("fr", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_that_differ_under_one_call_id_rate_the_call_that_ends_first_whatever_their_order()
    {
        var early = Answered("c2", NumberFor("flat"), "2026-03-02T10:00:00", 290);
        var late = Answered("c2", NumberFor("flat"), "2026-03-02T10:00:00", 1790);
        var others = new[] { Answered("c1", NumberFor("flat"), "2026-03-02T09:00:00", 61), Answered("c3", NumberFor("flat"), "2026-03-02T11:00:00", 30) };
        string Rate(string name, params string[] rows)
        {
            var (code, output, error) = Run(RateArgs("--json", CallsFile(name, rows)));
            Assert.True(code == CliApp.Ok, output + error);
            using var doc = JsonDocument.Parse(output);
            var root = doc.RootElement;
            Assert.Equal((4, 3, 0, 1), (root.GetProperty("read").GetInt64(), root.GetProperty("rated").GetInt64(), root.GetProperty("rejected").GetInt64(), root.GetProperty("duplicates").GetInt64()));
            var conflict = Assert.Single(root.GetProperty("conflicting_copies").EnumerateArray());
            Assert.Equal("c2", conflict.GetProperty("call_id").GetString());
            Assert.EndsWith(name + ":" + (Array.IndexOf(rows, early) + 2), conflict.GetProperty("rated").GetString(), StringComparison.Ordinal);
            Assert.True(root.GetProperty("sorted_in_memory").GetBoolean());
            return File.ReadAllText(_dir.File("rated.csv"));
        }
        var lateFirst = Rate("late-first.csv", others[0], late, early, others[1]);
        var earlyFirst = Rate("early-first.csv", others[0], early, others[1], late);
        Assert.Equal(earlyFirst, lateFirst);
        Assert.Contains(early + ",290,", earlyFirst, StringComparison.Ordinal);
        Assert.DoesNotContain(late, earlyFirst, StringComparison.Ordinal);
    }

    [Fact]
    public void Identical_copies_of_a_row_stay_plain_duplicates_and_the_run_streams()
    {
        var row = Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61);
        var (code, output, error) = Run(RateArgs("--json", CallsFile("calls.csv", row, Answered("c2", NumberFor("flat"), "2026-03-02T10:30:00", 30), row)));
        Assert.True(code == CliApp.Ok, output + error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.GetProperty("duplicates").GetInt64());
        Assert.Empty(doc.RootElement.GetProperty("conflicting_copies").EnumerateArray());
        Assert.False(doc.RootElement.GetProperty("sorted_in_memory").GetBoolean());
    }

    [Fact]
    public void A_call_longer_than_the_window_written_late_is_rated_in_order_without_widening_the_window()
    {
        // Written as calls end: the 6-hour call c-long ends last, after calls that started hours after it were rated.
        var rows = new[]
        {
            Answered("c1", NumberFor("allow"), "2026-03-02T08:00:00", 120),
            Answered("c2", NumberFor("allow"), "2026-03-02T09:00:00", 120),
            Answered("c3", NumberFor("allow"), "2026-03-02T13:00:00", 120),
            Answered("c4", NumberFor("allow"), "2026-03-02T14:00:00", 60),
            Answered("c-long", NumberFor("allow"), "2026-03-02T08:30:00", 6 * 3600),
            Answered("c-long", NumberFor("allow"), "2026-03-02T08:30:00", 6 * 3600),
        };
        var (code, output, error) = Run(RateArgs("--json", CallsFile("by-end.csv", rows)));
        Assert.True(code == CliApp.Ok, output + error);
        using (var doc = JsonDocument.Parse(output))
        {
            var root = doc.RootElement;
            Assert.Equal((6, 5, 0, 1), (root.GetProperty("read").GetInt64(), root.GetProperty("rated").GetInt64(), root.GetProperty("rejected").GetInt64(), root.GetProperty("duplicates").GetInt64()));
            Assert.False(root.GetProperty("sorted_in_memory").GetBoolean());
            Assert.Equal(4, root.GetProperty("window_hours").GetInt64());
        }
        var streamed = File.ReadAllText(_dir.File("rated.csv"));
        Assert.Equal(["c1", "c-long", "c2", "c3", "c4"], streamed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]));

        // The allowance is consumed in start order: the same figures as the run sorted in memory.
        (code, output, error) = Run(RateArgs("--json", CallsFile("shuffled.csv", rows[4], rows[2], rows[0], rows[5], rows[3], rows[1])));
        Assert.True(code == CliApp.Ok, output + error);
        Assert.Equal(streamed, File.ReadAllText(_dir.File("rated.csv")));
    }

    [Fact]
    public void A_call_id_in_two_files_is_counted_once_as_a_duplicate()
    {
        var a = Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61);
        var first = CallsFile("first.csv", a, Answered("c2", NumberFor("flat"), "2026-03-02T10:30:00", 61));
        var second = CallsFile("second.csv", a, Answered("c3", NumberFor("flat"), "2026-03-02T11:00:00", 61));
        var (code, output, error) = Run(RateArgs("--json", first, second));
        Assert.True(code == CliApp.Ok, output + error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal((4, 3, 0, 1), (doc.RootElement.GetProperty("read").GetInt64(), doc.RootElement.GetProperty("rated").GetInt64(),
            doc.RootElement.GetProperty("rejected").GetInt64(), doc.RootElement.GetProperty("duplicates").GetInt64()));
        Assert.Equal("0.60", doc.RootElement.GetProperty("total").GetString());
        Assert.Equal(4, File.ReadAllLines(_dir.File("rated.csv")).Length);
    }

    [Fact]
    public void Rate_reads_a_provider_export_through_map()
    {
        var calls = _dir.Write("export.csv", "通话ID,被叫号码,开始时间,接听时间,结束时间,结果\nz1,400-800-0000,2026-03-02 10:00:00,2026-03-02 10:00:05,2026-03-02 10:01:06,接通\n");
        var (code, output, error) = Run(RateArgs("--json", "--map", "call_id=通话ID,number=被叫号码,started_at=开始时间,answered_at=接听时间,ended_at=结束时间,outcome=结果", calls));
        Assert.True(code == CliApp.Ok, output + error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("0.20", doc.RootElement.GetProperty("total").GetString());
    }

    [Fact]
    public void A_missing_calls_file_exits_2_and_names_it()
    {
        var missing = _dir.File("nope.csv");
        var (code, _, error) = Run(RateArgs(missing));
        Assert.Equal(CliApp.Unusable, code);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_catalog_exits_2_with_its_problems()
    {
        var calls = CallsFile("calls.csv", Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61));
        var broken = _dir.Write("broken.yaml", "providers: 7\n");
        var (code, _, error) = Run("rate", "--catalog", broken, "--accounts", _accounts, "--out", _dir.File("rated.csv"), calls);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Contains(broken + ":1:12: 'providers' must be a list", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_accounts_exit_2()
    {
        var calls = CallsFile("calls.csv", Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61));
        var accounts = _dir.Write("bad-accounts.yaml", "enterprises:\n  - id: e\n    name: E\n    numbers:\n      - { number: 4008000000, plan: p/nope, start: 2026-01-01 }\n");
        var (code, _, error) = Run("rate", "--catalog", _catalog, "--accounts", accounts, "--out", _dir.File("rated.csv"), calls);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Contains(":5:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calls_file_without_a_required_column_exits_2_naming_the_column()
    {
        var calls = _dir.Write("calls.csv", "call_id,number,started_at,ended_at\nc1,4008000000,2026-03-02T10:00:00,2026-03-02T10:01:00\n");
        var (code, _, error) = Run(RateArgs(calls));
        Assert.Equal(CliApp.Unusable, code);
        Assert.Contains(calls + ":1：表头缺少必需的列 outcome", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_map_field_exits_2_with_a_clear_error()
    {
        var calls = CallsFile("calls.csv", Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61));
        var (code, _, error) = Run(RateArgs("--map", "phone=被叫号码", calls));
        Assert.Equal(CliApp.Unusable, code);
        Assert.Contains("错误：--map：未知的字段“phone”", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_with_different_headers_exit_2()
    {
        var first = CallsFile("first.csv", Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61));
        var second = _dir.Write("second.csv", "call_id,number,started_at,ended_at,outcome\nc2,4008000000,2026-03-02T10:00:00,2026-03-02T10:01:00,missed\n");
        var (code, _, error) = Run(RateArgs(first, second));
        Assert.Equal(CliApp.Unusable, code);
        Assert.Contains($"错误：{second}：表头与 {first} 的不同", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rate", "--frobnicate")]
    [InlineData("frobnicate")]
    [InlineData("catalog", "check")]
    public void An_unknown_option_or_verb_or_a_missing_argument_exits_2(params string[] args)
    {
        var (code, _, error) = Run(args);
        Assert.Equal(CliApp.Unusable, code);
        Assert.StartsWith("错误：", error, StringComparison.Ordinal);
        Assert.Contains("--help（帮助为英文）", error, StringComparison.Ordinal);
        (code, _, error) = Run([.. args, "--lang", "en"]);
        Assert.Equal(CliApp.Unusable, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
    }
}
