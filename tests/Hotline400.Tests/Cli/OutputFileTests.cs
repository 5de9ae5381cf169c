using Hotline400.Calls;
using Hotline400.Cli;
using Hotline400.Cli.Commands;
using Hotline400.Common;
using static Hotline400.Tests.TestWorld;
using static Hotline400.Tests.CliRun;

namespace Hotline400.Tests.Cli;

/// <summary>
/// What the commands write: CSV files meant for people start with a UTF-8 byte order mark (Excel
/// on Chinese Windows garbles UTF-8 without one) and read back through the product's own CSV
/// reader; the rated CSV does not unless <c>--bom</c>. An output that cannot be written (a full
/// disk) is one error line and exit 2, with nothing claimed.
/// </summary>
public sealed class OutputFileTests : IDisposable
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly TempDir _dir = new();
    private readonly string _catalog;
    private readonly string _accounts;

    public OutputFileTests()
    {
        _catalog = _dir.Write("catalog.yaml", CatalogYaml);
        _accounts = _dir.Write("accounts.yaml", AccountsYaml);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Two good calls and one of a number the accounts do not hold (rejected, with a Chinese reason).</summary>
    private string Calls(string name = "calls.csv") => _dir.Write(name, Header + "\n" + string.Join("\n",
        Answered("c1", NumberFor("flat"), "2026-03-02T09:00:00", 61),
        Answered("c2", NumberFor("flat"), "2026-03-02T10:00:00", 125),
        Answered("c3", "4008123456", "2026-03-02T11:00:00", 30)) + "\n");

    /// <summary>Many calls: enough rated output for the background writer to write before the run ends.</summary>
    private string ManyCalls(int count)
    {
        var start = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));
        var rows = Enumerable.Range(0, count).Select(i => Answered($"m{i:00000}", NumberFor("flat"), start.AddSeconds(i * 20).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), 10));
        return _dir.Write("many.csv", Header + "\n" + string.Join("\n", rows) + "\n");
    }

    private static byte[] Head(string path) => File.ReadAllBytes(path)[..3];

    /// <summary>Every row of a CSV file as the product reads CSV (<see cref="CsvRowReader"/>, which skips a byte order mark).</summary>
    private static List<string[]> ReadBack(string path)
    {
        using var csv = CsvRowReader.Open(path);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(csv.FieldString)]);
        }
        return rows;
    }

    // ---- byte order marks -------------------------------------------------------------------

    [Fact]
    public void The_rejects_CSV_of_rate_starts_with_a_BOM_and_reads_back_with_its_Chinese_reason()
    {
        var rejects = _dir.File("rejects.csv");
        var (code, _, error) = Run("rate", "--catalog", _catalog, "--accounts", _accounts, "--out", _dir.File("rated.csv"), "--rejects", rejects, Calls());
        Assert.True(code == CliApp.SomeRejected, error);
        Assert.Equal(Bom, Head(rejects));
        var rows = ReadBack(rejects);
        Assert.Equal(["file", "line", "field", "reason", "row", "code"], rows[0]);
        Assert.Equal("未知的400号码 400-812-3456：不在客户档案中", Assert.Single(rows.Skip(1))[3]);
    }

    [Fact]
    public void The_rejects_CSV_of_import_calls_starts_with_a_BOM()
    {
        var db = _dir.File("w.db");
        Assert.Equal(CliApp.Ok, Run("import", "catalog", "--db", db, _catalog).Code);
        Assert.Equal(CliApp.Ok, Run("import", "accounts", "--db", db, _accounts).Code);
        var rejects = _dir.File("import-rejects.csv");
        var (code, _, error) = Run("import", "calls", "--db", db, "--rejects", rejects, Calls());
        Assert.True(code == CliApp.SomeRejected, error);
        Assert.Equal(Bom, Head(rejects));
        Assert.Equal("unknown_number", ReadBack(rejects)[1][5]);
    }

    [Fact]
    public void The_rated_CSV_has_no_BOM_unless_asked_and_either_way_rate_reads_it_back()
    {
        var calls = Calls();
        var plain = _dir.File("rated.csv");
        Assert.Equal(CliApp.SomeRejected, Run("rate", "--catalog", _catalog, "--accounts", _accounts, "--out", plain, calls).Code);
        Assert.NotEqual(Bom, Head(plain));
        Assert.StartsWith("call_id,", File.ReadAllText(plain), StringComparison.Ordinal);

        var marked = _dir.File("rated-bom.csv");
        Assert.Equal(CliApp.SomeRejected, Run("rate", "--catalog", _catalog, "--accounts", _accounts, "--out", marked, "--bom", calls).Code);
        Assert.Equal(Bom, Head(marked));
        var rows = ReadBack(marked);
        Assert.Equal("call_id", rows[0][0]);
        var explanation = Array.IndexOf(rows[0], "explanation");
        Assert.Contains("计费时长", rows[1][explanation], StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(plain), File.ReadAllBytes(marked)[3..]);

        // Both read back as call records, alone and together (the byte order mark is not part of the header).
        var (code, output, error) = Run("rate", "--catalog", _catalog, "--accounts", _accounts, "--out", _dir.File("again.csv"), "--json", plain, marked);
        Assert.True(code == CliApp.Ok, error);
        Assert.Contains("\"rated\": 2", output, StringComparison.Ordinal);
        Assert.Contains("\"duplicates\": 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_statement_CSV_written_to_a_file_starts_with_a_BOM_and_on_the_terminal_does_not()
    {
        var db = _dir.File("w.db");
        Assert.Equal(CliApp.Ok, Run("import", "catalog", "--db", db, _catalog).Code);
        Assert.Equal(CliApp.Ok, Run("import", "accounts", "--db", db, _accounts).Code);
        Assert.Equal(CliApp.SomeRejected, Run("import", "calls", "--db", db, Calls()).Code);
        Assert.Equal(CliApp.Ok, Run("bill", "2026-03", "--db", db).Code);

        var file = _dir.File("statement.csv");
        var (code, output, error) = Run("statement", NumberFor("flat"), "2026-03", "--format", "csv", "--out", file, "--db", db);
        Assert.True(code == CliApp.Ok, error);
        Assert.Contains("已生成 " + file, output, StringComparison.Ordinal);
        Assert.Equal(Bom, Head(file));
        var rows = ReadBack(file);
        Assert.Equal("号码", rows[0][0]);
        Assert.Equal(["total", "应缴金额", "应缴金额"], rows[^1][2..5]);

        (code, output, _) = Run("statement", NumberFor("flat"), "2026-03", "--format", "csv", "--db", db);
        Assert.Equal(CliApp.Ok, code);
        Assert.StartsWith("号码,账期,", output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(file), output); // the same text; only the file has the mark, which File.ReadAllText drops

        // JSON written to a file has no byte order mark (RFC 8259).
        var json = _dir.File("statement.json");
        Assert.Equal(CliApp.Ok, Run("statement", NumberFor("flat"), "2026-03", "--format", "json", "--out", json, "--db", db).Code);
        Assert.Equal((byte)'{', File.ReadAllBytes(json)[0]);
    }

    // ---- a full disk ------------------------------------------------------------------------

    /// <summary>/dev/full: every write fails with ENOSPC (Linux). Elsewhere these tests have nothing to write to and pass.</summary>
    private const string DevFull = "/dev/full";

    [Fact]
    public void Rating_onto_a_full_disk_is_one_error_line_exit_2_and_no_summary()
    {
        if (!File.Exists(DevFull))
        {
            return;
        }
        var calls = ManyCalls(2000);
        var (code, output, error) = Run("rate", "--catalog", _catalog, "--accounts", _accounts, "--out", DevFull, calls);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal("", output);
        Assert.Equal($"错误：写入 {DevFull} 失败：磁盘空间已满（No space left on device : '{DevFull}'）；输出文件不完整，请勿使用，问题解决后请重新运行", error.TrimEnd());

        (code, output, error) = Run("rate", "--catalog", _catalog, "--accounts", _accounts, "--out", DevFull, "--json", "--lang", "en", calls);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal("", output);
        Assert.StartsWith($"error: writing {DevFull} failed: No space left on device", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_rejects_file_on_a_full_disk_is_named_and_the_rated_file_is_not_claimed()
    {
        if (!File.Exists(DevFull))
        {
            return;
        }
        var (code, output, error) = Run("rate", "--catalog", _catalog, "--accounts", _accounts, "--out", _dir.File("rated.csv"), "--rejects", DevFull, Calls());
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal("", output);
        Assert.StartsWith($"错误：写入 {DevFull} 失败：磁盘空间已满", error, StringComparison.Ordinal);
        Assert.DoesNotContain("未知的400号码", error, StringComparison.Ordinal); // no rejects listed: the run is not reported
    }

    [Theory]
    [InlineData("import calls")]
    [InlineData("simulate")]
    [InlineData("statement")]
    [InlineData("report")]
    public void Other_outputs_on_a_full_disk_are_an_error_line_too(string verb)
    {
        if (!File.Exists(DevFull))
        {
            return;
        }
        var db = _dir.File("w.db");
        Assert.Equal(CliApp.Ok, Run("import", "catalog", "--db", db, _catalog).Code);
        Assert.Equal(CliApp.Ok, Run("import", "accounts", "--db", db, _accounts).Code);
        if (verb == "statement")
        {
            Assert.Equal(CliApp.SomeRejected, Run("import", "calls", "--db", db, Calls()).Code);
            Assert.Equal(CliApp.Ok, Run("bill", "2026-03", "--db", db).Code);
        }
        string[] args = verb switch
        {
            "import calls" => ["import", "calls", "--db", db, "--rejects", DevFull, Calls()],
            "simulate" => ["simulate", "--catalog", _catalog, "--accounts", _accounts, "--from", "2026-03-02", "--to", "2026-03-02", "--out", DevFull],
            "statement" => ["statement", NumberFor("flat"), "2026-03", "--format", "csv", "--out", DevFull, "--db", db],
            _ => ["report", "--calls", Calls(), "--html", DevFull],
        };
        var (code, _, error) = Run(args);
        Assert.Equal(CliApp.Unusable, code);
        Assert.StartsWith($"错误：写入 {DevFull} 失败：磁盘空间已满", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    /// <summary>Takes <paramref name="room"/> bytes, then fails every write as a full disk does.</summary>
    private sealed class FullDiskStream(long room) : MemoryStream
    {
        /// <summary>Bytes taken before the disk filled (readable after the stream is closed).</summary>
        public long Taken { get; private set; }

        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Taken + count > room)
            {
                throw new IOException("No space left on device", OperatingSystem.IsWindows() ? unchecked((int)0x80070070) : 28);
            }
            base.Write(buffer, offset, count);
            Taken += count;
        }
    }

    private (int Code, string Out, string Err) RateWith(Func<string, Stream> open, string calls, string? rejects, Language language = Language.Zh)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new CliConsole(stdout, stderr, interactive: false) { Language = language };
        var request = new RateCommand.RateRequest(_catalog, _accounts, _dir.File("rated.csv"), rejects, null, false, language, [calls]) { OpenOutput = open };
        var code = RateCommand.Run(console, request);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_disk_that_fills_while_the_background_writer_writes_is_reported_when_the_outputs_close()
    {
        // 2,000 rated rows are far more than the writer's 60 kB buffer: the background writer hits
        // the full disk mid-run, and the failure surfaces when the sinks are closed.
        var calls = ManyCalls(2000);
        FullDiskStream? rated = null;
        var (code, output, error) = RateWith(path => rated = new FullDiskStream(100_000), calls, null);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal("", output);
        Assert.Equal($"错误：写入 {_dir.File("rated.csv")} 失败：磁盘空间已满（No space left on device）；输出文件不完整，请勿使用，问题解决后请重新运行", error.TrimEnd());
        Assert.InRange(rated!.Taken, 60_000, 100_000);

        (code, output, error) = RateWith(path => new FullDiskStream(100_000), calls, null, Language.En);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal("", output);
        Assert.Equal($"error: writing {_dir.File("rated.csv")} failed: No space left on device; the output is incomplete: do not use it, and run again once this is fixed", error.TrimEnd());
    }

    [Fact]
    public void A_disk_already_full_fails_on_the_header_and_is_reported_the_same_way()
    {
        var (code, output, error) = RateWith(path => new FullDiskStream(0), Calls(), _dir.File("rejects.csv"));
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal("", output);
        Assert.StartsWith($"错误：写入 {_dir.File("rated.csv")} 失败：磁盘空间已满", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejects_file_that_cannot_be_opened_is_named_with_the_reason()
    {
        var rejects = _dir.File("rejects.csv");
        var (code, output, error) = RateWith(
            path => path == rejects ? throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.") : new MemoryStream(),
            Calls(), rejects);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal("", output);
        Assert.StartsWith($"错误：写入 {rejects} 失败：没有访问权限（Access to the path '{rejects}' is denied.）", error, StringComparison.Ordinal);
    }
}
