using System.Runtime.InteropServices;
using Hotline400.Cli;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Cli;

/// <summary>
/// An output that is one of the run's inputs (a call file, the catalog, the accounts, the
/// workspace) or another of its outputs is refused before anything is opened for writing: exit 2,
/// one error line, and the input's bytes as they were. The same file is found however it is
/// named: the same path, <c>./</c> in front, a symbolic link to it or to its folder, a hard link.
/// </summary>
public sealed class SameFileTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Dictionary<string, string> _places;

    public SameFileTests()
    {
        var calls = Header + "\n" + string.Join("\n",
            Answered("c1", NumberFor("flat"), "2026-03-02T09:00:00", 61),
            Answered("c2", NumberFor("flat"), "2026-03-02T10:00:00", 125)) + "\n";
        _places = new()
        {
            ["{catalog}"] = _dir.Write("catalog.yaml", CatalogYaml),
            ["{accounts}"] = _dir.Write("accounts.yaml", AccountsYaml),
            ["{calls}"] = _dir.Write("calls.csv", calls),
            ["{other}"] = _dir.Write("other.csv", calls.Replace("c1", "c3", StringComparison.Ordinal)),
            ["{dir}"] = _dir.Path,
        };
    }

    public void Dispose() => _dir.Dispose();

    private (int Code, string Out, string Err) Run(string args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run([.. args.Split(' ').Select(Resolve)], stdout, stderr, TimeProvider.System);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Resolve(string text)
    {
        foreach (var (placeholder, value) in _places)
        {
            text = text.Replace(placeholder, value, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>Every file of the test folder with its bytes, to find out whether a run touched any.</summary>
    private Dictionary<string, byte[]> Snapshot() =>
        Directory.EnumerateFiles(_dir.Path, "*", SearchOption.TopDirectoryOnly).ToDictionary(f => f, File.ReadAllBytes);

    private void AssertRefused(string args, string zh, string en)
    {
        var before = Snapshot();
        var (code, output, error) = Run(args);
        Assert.True(code == CliApp.Unusable, $"exit {code}\n{output}{error}");
        Assert.Equal("错误：" + Resolve(zh), error.TrimEnd());
        (code, _, error) = Run(args + " --lang en");
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal("error: " + Resolve(en), error.TrimEnd());
        var after = Snapshot();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (file, bytes) in before)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(after[file]), $"{file} changed");
        }
    }

    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "rate --catalog {catalog} --accounts {accounts} --out {calls} {calls}",
            "--out 与输入文件 {calls} 是同一个文件；请给出另一个文件名",
            "--out is the same file as the input {calls}; give another file name"
        },
        {
            "rate --catalog {catalog} --accounts {accounts} --out {dir}/rated.csv --rejects {other} {calls} {other}",
            "--rejects 与输入文件 {other} 是同一个文件；请给出另一个文件名",
            "--rejects is the same file as the input {other}; give another file name"
        },
        {
            "rate --catalog {catalog} --accounts {accounts} --out {catalog} {calls}",
            "--out 与输入文件 {catalog} 是同一个文件；请给出另一个文件名",
            "--out is the same file as the input {catalog}; give another file name"
        },
        {
            "rate --catalog {catalog} --accounts {accounts} --out {dir}/./calls.csv {calls}",
            "--out 与输入文件 {calls} 是同一个文件；请给出另一个文件名",
            "--out is the same file as the input {calls}; give another file name"
        },
        {
            "rate --catalog {catalog} --accounts {accounts} --out {dir}/rated.csv --rejects {dir}/rated.csv {calls}",
            "--rejects 与 --out 是同一个文件（{dir}/rated.csv）；请给出另一个文件名",
            "--rejects and --out are the same file ({dir}/rated.csv); give another file name"
        },
        {
            "import calls --db {dir}/w.db --rejects {calls} {calls}",
            "--rejects 与输入文件 {calls} 是同一个文件；请给出另一个文件名",
            "--rejects is the same file as the input {calls}; give another file name"
        },
        {
            "import calls --db {calls} {calls}",
            "--db 与输入文件 {calls} 是同一个文件；请给出另一个文件名",
            "--db is the same file as the input {calls}; give another file name"
        },
        {
            "import catalog --db {catalog} {catalog}",
            "--db 与输入文件 {catalog} 是同一个文件；请给出另一个文件名",
            "--db is the same file as the input {catalog}; give another file name"
        },
        {
            "advise --calls {calls} --html {calls}",
            "--html 与输入文件 {calls} 是同一个文件；请给出另一个文件名",
            "--html is the same file as the input {calls}; give another file name"
        },
        {
            "advise --calls {calls} --html {dir}/a.out --png {dir}/a.out",
            "--png 与 --html 是同一个文件（{dir}/a.out）；请给出另一个文件名",
            "--png and --html are the same file ({dir}/a.out); give another file name"
        },
        {
            "advise --calls {calls} --accounts {accounts} --png {accounts}",
            "--png 与输入文件 {accounts} 是同一个文件；请给出另一个文件名",
            "--png is the same file as the input {accounts}; give another file name"
        },
        {
            "report --calls {calls} --html {calls}",
            "--html 与输入文件 {calls} 是同一个文件；请给出另一个文件名",
            "--html is the same file as the input {calls}; give another file name"
        },
        {
            "report --calls {calls} --html {dir}/provinces.png --png {dir}",
            "--png 与 --html 是同一个文件（{dir}/provinces.png）；请给出另一个文件名",
            "--png and --html are the same file ({dir}/provinces.png); give another file name"
        },
        {
            "simulate --accounts {accounts} --from 2026-03-01 --to 2026-03-01 --out {accounts}",
            "--out 与输入文件 {accounts} 是同一个文件；请给出另一个文件名",
            "--out is the same file as the input {accounts}; give another file name"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_output_that_is_an_input_or_another_output_is_refused_and_nothing_is_written(string args, string zh, string en) =>
        AssertRefused(args, zh, en);

    [Fact]
    public void Rate_refuses_an_output_that_is_a_symbolic_link_to_the_call_file_and_leaves_the_file_as_it_was()
    {
        var link = _dir.File("link.csv");
        File.CreateSymbolicLink(link, _places["{calls}"]);
        _places["{link}"] = link;
        AssertRefused("rate --catalog {catalog} --accounts {accounts} --out {link} {calls}",
            "--out 与输入文件 {calls} 是同一个文件；请给出另一个文件名",
            "--out is the same file as the input {calls}; give another file name");
    }

    [Fact]
    public void A_call_file_read_through_a_symbolic_link_is_protected_from_an_output_given_by_its_real_name()
    {
        var link = _dir.File("link.csv");
        File.CreateSymbolicLink(link, "calls.csv"); // relative, as ln -s makes it
        _places["{link}"] = link;
        AssertRefused("rate --catalog {catalog} --accounts {accounts} --out {dir}/rated.csv --rejects {calls} {link}",
            "--rejects 与输入文件 {link} 是同一个文件；请给出另一个文件名",
            "--rejects is the same file as the input {link}; give another file name");
    }

    [Fact]
    public void An_output_in_a_folder_reached_through_a_symbolic_link_is_the_file_it_names()
    {
        var up = _dir.File("up");
        Directory.CreateSymbolicLink(up, _dir.Path);
        _places["{up}"] = up;
        AssertRefused("import calls --db {dir}/w.db --rejects {up}/calls.csv {calls}",
            "--rejects 与输入文件 {calls} 是同一个文件；请给出另一个文件名",
            "--rejects is the same file as the input {calls}; give another file name");
        // Two outputs, neither there yet, one through the link.
        AssertRefused("rate --catalog {catalog} --accounts {accounts} --out {dir}/new.csv --rejects {up}/new.csv {calls}",
            "--rejects 与 --out 是同一个文件（{up}/new.csv）；请给出另一个文件名",
            "--rejects and --out are the same file ({up}/new.csv); give another file name");
    }

    [Fact]
    public void On_Linux_a_hard_link_to_the_call_file_is_the_same_file()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var hard = _dir.File("hard.csv");
        Assert.Equal(0, Link(_places["{calls}"], hard));
        _places["{hard}"] = hard;
        AssertRefused("rate --catalog {catalog} --accounts {accounts} --out {hard} {calls}",
            "--out 与输入文件 {calls} 是同一个文件；请给出另一个文件名",
            "--out is the same file as the input {calls}; give another file name");
    }

    [Fact]
    public void A_statement_written_over_its_workspace_is_refused_and_the_workspace_is_left_as_it_was()
    {
        var db = _dir.File("w.db");
        Assert.Equal(CliApp.Ok, Run($"import catalog --db {db} {{catalog}}").Code);
        _places["{db}"] = db;
        AssertRefused("statement 4008000000 2026-03 --format csv --out {db} --db {db}",
            "--out 与工作区 {db} 是同一个文件；请给出另一个文件名",
            "--out is the same file as the workspace {db}; give another file name");
    }

    [Fact]
    public void Distinct_files_are_written_as_before()
    {
        var (code, _, error) = Run("rate --catalog {catalog} --accounts {accounts} --out {dir}/rated.csv --rejects {dir}/rejects.csv {calls} {other}");
        Assert.True(code == CliApp.Ok, error);
        Assert.True(File.Exists(_dir.File("rated.csv")));
    }

    [Fact]
    public void Two_outputs_may_both_go_to_a_device_which_writing_does_not_destroy()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var (code, _, error) = Run("rate --catalog {catalog} --accounts {accounts} --out /dev/null --rejects /dev/null {calls}");
        Assert.True(code == CliApp.Ok, error);
    }

    [DllImport("libc", EntryPoint = "link", ExactSpelling = true)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string created);
}
