using System.Text.Json;
using static Hotline400.Tests.TestWorld;
using static Hotline400.Tests.CliRun;

namespace Hotline400.Tests.Storage;

/// <summary><c>hotline400 import …</c> run in-process against a workspace in a temp folder.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _catalog;
    private readonly string _accounts;

    public ImportCommandTests()
    {
        _catalog = _dir.Write("catalog.yaml", CatalogYaml);
        _accounts = _dir.Write("accounts.yaml", AccountsYaml);
    }

    public void Dispose() => _dir.Dispose();

    private string Db => _dir.File("w.db");

    private void Prepare()
    {
        Assert.Equal(0, Run("import", "catalog", "--db", Db, _catalog).Code);
        Assert.Equal(0, Run("import", "accounts", "--db", Db, _accounts).Code);
    }

    private string Calls(string name, params string[] rows) => _dir.Write(name, Header + "\n" + string.Join("\n", rows) + "\n");

    private static (long Read, long Imported, long Rejected, long Duplicates) Counts(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        Assert.Equal(["read", "imported", "rejected", "duplicates", "rejects", "rejects_by_code"], r.EnumerateObject().Select(p => p.Name));
        return (r.GetProperty("read").GetInt64(), r.GetProperty("imported").GetInt64(), r.GetProperty("rejected").GetInt64(), r.GetProperty("duplicates").GetInt64());
    }

    [Fact]
    public void Import_calls_json_counts_and_exit_0_then_all_duplicates_on_a_second_run()
    {
        Prepare();
        var file = Calls("calls.csv", Answered("a1", NumberFor("flat"), "2026-03-02T10:00:00", 100), Missed("a2", NumberFor("six"), "2026-03-02T10:00:00", 10));
        var (code, output, error) = Run("import", "calls", "--db", Db, "--json", file);
        Assert.True(code == 0, output + error);
        Assert.Equal((2, 2, 0, 0), Counts(output));
        (code, output, _) = Run("import", "calls", "--db", Db, "--json", file);
        Assert.Equal(0, code);
        Assert.Equal((2, 0, 0, 2), Counts(output));
    }

    [Fact]
    public void Import_calls_with_rejects_exits_1_and_writes_the_rejects_file()
    {
        Prepare();
        var file = Calls("calls.csv", Answered("a1", NumberFor("flat"), "2026-03-02T10:00:00", 100), Answered("a2", "4008123456", "2026-03-02T10:00:00", 10), Answered("a1", NumberFor("flat"), "2026-03-02T10:00:00", 100));
        var rejects = _dir.File("rejects.csv");
        var (code, output, error) = Run("import", "calls", "--db", Db, "--json", "--rejects", rejects, file);
        Assert.Equal(1, code);
        Assert.Equal((3, 1, 1, 1), Counts(output));
        Assert.Empty(error);
        var lines = File.ReadAllLines(rejects);
        Assert.Equal("file,line,field,reason,row,code", lines[0]);
        Assert.StartsWith($"{file},3,number,", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        // In text mode the rejects are also shown on stderr; the rows read before are duplicates now.
        (code, output, error) = Run("import", "calls", "--db", Db, "--lang", "en", file);
        Assert.Equal(1, code);
        Assert.Contains("read 3 = imported 0 + rejected 1 + duplicates 2", output, StringComparison.Ordinal);
        Assert.Contains($"{file}:3: number: unknown 400 number 400-812-3456: it is not in the accounts", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_calls_text_output_says_how_the_counts_add_up()
    {
        Prepare();
        var file = Calls("calls.csv", Answered("a1", NumberFor("flat"), "2026-03-02T10:00:00", 100));
        var (code, output, _) = Run("import", "calls", "--db", Db, "--lang", "en", file);
        Assert.Equal(0, code);
        Assert.Contains("read 1 = imported 1 + rejected 0 + duplicates 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_calls_is_unusable_without_accounts_with_a_bad_header_or_a_missing_file()
    {
        var file = Calls("calls.csv", Answered("a1", NumberFor("flat"), "2026-03-02T10:00:00", 100));
        var (code, _, error) = Run("import", "calls", "--db", Db, "--json", file);
        Assert.Equal(2, code);
        Assert.Contains("工作区中还没有资费目录", error, StringComparison.Ordinal);
        Assert.Equal(0, Run("import", "catalog", "--db", Db, _catalog).Code);
        (code, _, error) = Run("import", "calls", "--db", Db, "--lang", "en", file);
        Assert.Equal(2, code);
        Assert.Contains("no accounts", error, StringComparison.Ordinal);
        Assert.Equal(0, Run("import", "accounts", "--db", Db, _accounts).Code);
        (code, _, error) = Run("import", "calls", "--db", Db, _dir.Write("bad.csv", "id,when\n1,2\n"));
        Assert.Equal(2, code);
        Assert.Contains("表头缺少必需的列", error, StringComparison.Ordinal);
        Assert.Equal(2, Run("import", "calls", "--db", Db, _dir.File("missing.csv")).Code);
        Assert.Equal(2, Run("import", "calls", "--db", Db, "--map", "nope=x", file).Code);
        Assert.Equal(0, Run("import", "calls", "--db", Db, file).Code);
    }

    [Fact]
    public void Import_catalog_twice_adds_one_version_and_a_bad_catalog_exits_2()
    {
        var (code, output, _) = Run("import", "catalog", "--db", Db, "--json", _catalog);
        Assert.Equal(0, code);
        using (var doc = JsonDocument.Parse(output))
        {
            Assert.Equal((1, true), (doc.RootElement.GetProperty("version").GetInt32(), doc.RootElement.GetProperty("added").GetBoolean()));
        }
        (code, output, _) = Run("import", "catalog", "--db", Db, "--json", _catalog);
        Assert.Equal(0, code);
        using (var doc = JsonDocument.Parse(output))
        {
            Assert.Equal((1, false), (doc.RootElement.GetProperty("version").GetInt32(), doc.RootElement.GetProperty("added").GetBoolean()));
        }
        var bad = _dir.Write("bad.yaml", "providers:\n  - id: p\n    name: P\n    colour: blue\n");
        (code, _, var error) = Run("import", "catalog", "--db", Db, bad);
        Assert.Equal(2, code);
        Assert.Contains(bad + ":4:", error, StringComparison.Ordinal);
        Assert.Equal(2, Run("import", "accounts", "--db", Db, _dir.Write("bad-accounts.yaml", "enterprises: 7\n")).Code);
    }
}
