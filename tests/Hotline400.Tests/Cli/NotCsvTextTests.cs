using System.IO.Compression;
using System.Text;
using Hotline400.Calls;
using Hotline400.Cli;
using static Hotline400.Tests.TestWorld;
using static Hotline400.Tests.CliRun;

namespace Hotline400.Tests.Cli;

/// <summary>
/// A call file that is no CSV of UTF-8 text — a program, a gzip or zip file, an Excel workbook,
/// UTF-16 or GBK text — is refused with one line saying what it is, never with its bytes quoted:
/// no control character reaches the terminal, and a header quoted for a missing column is cut
/// to a readable length.
/// </summary>
public sealed class NotCsvTextTests : IDisposable
{
    private const string BinaryZh = "不是 UTF-8 文本的 CSV 文件（开头是二进制数据；压缩文件请先解压）";
    private const string BinaryEn = "is not a CSV file of UTF-8 text (it starts with binary data; decompress a compressed file first)";

    private readonly TempDir _dir = new();
    private readonly string _catalog;
    private readonly string _accounts;
    private readonly string _calls;
    private readonly string _text;

    public NotCsvTextTests()
    {
        _catalog = _dir.Write("catalog.yaml", CatalogYaml);
        _accounts = _dir.Write("accounts.yaml", AccountsYaml);
        _text = Header + "\n" + Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61) + "\n";
        _calls = _dir.Write("calls.csv", _text);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>The start of an ELF program: its magic, NUL bytes, control characters and line breaks, as a copied binary has.</summary>
    private string Binary(string name = "bin.csv")
    {
        var bytes = new List<byte> { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0 };
        for (var i = 0; i < 3000; i++)
        {
            bytes.Add((byte)(i * 37 % 256));
        }
        var path = _dir.File(name);
        File.WriteAllBytes(path, [.. bytes]);
        return path;
    }

    private string Gzip()
    {
        var path = _dir.File("calls.csv.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes(_text));
        }
        return path;
    }

    private string Zip()
    {
        var path = _dir.File("calls.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var entry = new StreamWriter(zip.CreateEntry("calls.csv").Open());
            entry.Write(_text);
        }
        return path;
    }

    private static void AssertOneCleanLine(string error)
    {
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(error.TrimEnd('\n', '\r'), c => char.IsControl(c));
    }

    [Fact]
    public void Rate_says_a_binary_call_file_is_not_UTF8_CSV_instead_of_quoting_its_bytes()
    {
        var bin = Binary();
        var (code, _, error) = Run("rate", "--catalog", _catalog, "--accounts", _accounts, "--out", _dir.File("r.csv"), bin);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal($"错误：{bin} {BinaryZh}", error.TrimEnd());
        AssertOneCleanLine(error);

        (code, _, error) = Run("rate", "--catalog", _catalog, "--accounts", _accounts, "--out", _dir.File("r.csv"), "--lang", "en", bin);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal($"error: {bin} {BinaryEn}", error.TrimEnd());
        Assert.False(File.Exists(_dir.File("r.csv")));
    }

    [Fact]
    public void A_binary_file_after_a_good_one_is_said_to_be_binary_not_to_have_another_header()
    {
        var bin = Binary();
        var (code, _, error) = Run("rate", "--catalog", _catalog, "--accounts", _accounts, "--out", _dir.File("r.csv"), _calls, bin);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal($"错误：{bin} {BinaryZh}", error.TrimEnd());
    }

    [Theory]
    [InlineData("import")]
    [InlineData("advise")]
    [InlineData("report")]
    [InlineData("audit-calls")]
    [InlineData("audit-statement")]
    public void Every_verb_that_reads_CSV_says_the_same_of_a_binary_file(string verb)
    {
        var bin = Binary();
        var db = _dir.File("w.db");
        if (verb == "import")
        {
            Assert.Equal(CliApp.Ok, Run("import", "catalog", "--db", db, _catalog).Code);
            Assert.Equal(CliApp.Ok, Run("import", "accounts", "--db", db, _accounts).Code);
        }
        string[] args = verb switch
        {
            "import" => ["import", "calls", "--db", db, bin],
            "advise" => ["advise", "--calls", bin],
            "report" => ["report", "--calls", bin],
            "audit-calls" => ["audit", "--statement", Statement(), "--calls", bin, "--catalog", _catalog, "--accounts", _accounts],
            _ => ["audit", "--statement", bin, "--calls", _calls, "--catalog", _catalog, "--accounts", _accounts],
        };
        var (code, output, error) = Run(args);
        Assert.True(code == CliApp.Unusable, output + error);
        Assert.Equal($"错误：{bin} {BinaryZh}", error.TrimEnd());
    }

    private string Statement() => _dir.Write("statement.csv",
        $"number,period,line_type,call_id,started_at,billed_minutes,rate,amount,description\n{NumberFor("flat")},2026-03,call,c1,2026-03-02T10:00:00+08:00,2,0.10,0.20,通话费\n");

    [Fact]
    public void A_gzip_or_zip_file_is_named_for_what_it_is_with_what_to_do()
    {
        var gz = Gzip();
        var (code, _, error) = Run("report", "--calls", gz);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal($"错误：{gz} 不是 UTF-8 文本的 CSV 文件（是 gzip 压缩文件；请先解压）", error.TrimEnd());
        (_, _, error) = Run("report", "--calls", gz, "--lang", "en");
        Assert.Equal($"error: {gz} is not a CSV file of UTF-8 text (it is gzip-compressed; decompress it first)", error.TrimEnd());

        var zip = Zip();
        (code, _, error) = Run("advise", "--calls", zip);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal($"错误：{zip} 不是 UTF-8 文本的 CSV 文件（是 zip 压缩文件或 Excel 工作簿（.xlsx）；请先解压，或在 Excel 中另存为“CSV UTF-8”）", error.TrimEnd());
    }

    [Fact]
    public void UTF16_text_and_a_GBK_header_are_said_to_be_in_another_encoding()
    {
        var utf16 = _dir.File("utf16.csv");
        File.WriteAllText(utf16, _text, Encoding.Unicode);
        var (code, _, error) = Run("report", "--calls", utf16);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal($"错误：{utf16} 不是 UTF-8 文本的 CSV 文件（是 UTF-16 编码的文本；请另存为 UTF-8 编码）", error.TrimEnd());

        // 被叫号码 in GBK: the header is text, but not UTF-8, and lacks the mapped column.
        var gbk = _dir.File("gbk.csv");
        File.WriteAllBytes(gbk, [.. Encoding.ASCII.GetBytes("call_id,"), 0xB1, 0xBB, 0xBD, 0xD0, 0xBA, 0xC5, 0xC2, 0xEB, .. Encoding.ASCII.GetBytes(",started_at\n1,4008000000,2026-03-02T10:00:00\n")]);
        (code, _, error) = Run("report", "--calls", gbk, "--map", "number=被叫号码");
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal($"错误：{gbk} 不是 UTF-8 文本的 CSV 文件（表头不是 UTF-8 编码，可能是 GBK；请另存为 UTF-8 编码）", error.TrimEnd());
    }

    [Fact]
    public void A_header_quoted_for_a_missing_column_has_no_control_characters_and_is_cut_to_a_readable_length()
    {
        // Old Mac line ends (CR only): the whole file is one header line, with carriage returns in it.
        var cr = _dir.Write("cr.csv", "call_id,number\rc1,4008000000\r");
        var (code, _, error) = Run("report", "--calls", cr);
        Assert.Equal(CliApp.Unusable, code);
        AssertOneCleanLine(error);
        Assert.EndsWith("表头实为 call_id,number\uFFFDc1,4008000000", error.TrimEnd(), StringComparison.Ordinal);

        var wide = _dir.Write("wide.csv", string.Join(",", Enumerable.Range(0, 200).Select(i => $"column{i}")) + "\n");
        (code, _, error) = Run("report", "--calls", wide);
        Assert.Equal(CliApp.Unusable, code);
        var quoted = error.TrimEnd()[(error.IndexOf("表头实为 ", StringComparison.Ordinal) + "表头实为 ".Length)..];
        Assert.Equal(Hotline400.Common.Problems.QuotedHeaderLength + 1, quoted.Length);
        Assert.EndsWith("…", quoted, StringComparison.Ordinal);
    }

    [Fact]
    public void A_control_character_in_a_row_after_the_header_is_that_rows_problem_not_the_files()
    {
        var stray = _dir.Write("stray.csv", _text + Answered("c2", NumberFor("flat"), "2026-03-02T11:00:00", 61).Replace("13800138000", "1380013\u00018000", StringComparison.Ordinal) + "\n");
        var (code, output, error) = Run("rate", "--catalog", _catalog, "--accounts", _accounts, "--out", _dir.File("r.csv"), "--json", stray);
        Assert.True(code is CliApp.Ok or CliApp.SomeRejected, error);
        Assert.Contains("\"read\": 2", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x1F, 0x8B, 8, 0 }, "gzip")]
    [InlineData(new byte[] { 0x50, 0x4B, 3, 4 }, "zip")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "xls")]
    [InlineData(new byte[] { 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C }, "7z")]
    [InlineData(new byte[] { 0x42, 0x5A, 0x68, 0x39 }, "bzip2")]
    [InlineData(new byte[] { 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00 }, "xz")]
    [InlineData(new byte[] { 0x28, 0xB5, 0x2F, 0xFD }, "zstd")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x00, 0x01 }, "binary")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x63, 0x00 }, "UTF-16")]
    public void The_first_bytes_tell_what_a_file_is(byte[] head, string what)
    {
        var problem = CsvSniff.Problem("f", head);
        Assert.NotNull(problem);
        Assert.Contains(what == "binary" ? "二进制" : what, problem.Zh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("call_id,number\r\n1,2\r\n")]
    [InlineData("\uFEFFcall_id,number\n")]
    [InlineData("call_id\tnumber,被叫号码\n")]
    [InlineData("BZh,a\n")]
    [InlineData("")]
    public void Text_is_taken_for_text(string text) => Assert.Null(CsvSniff.Problem("f", Encoding.UTF8.GetBytes(text)));
}
