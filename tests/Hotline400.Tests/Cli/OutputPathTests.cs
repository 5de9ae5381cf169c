using Hotline400.Cli;
using static Hotline400.Tests.TestWorld;
using static Hotline400.Tests.CliRun;

namespace Hotline400.Tests.Cli;

/// <summary>
/// Places to write, checked the same way by every verb before anything is written: a file is not
/// a folder and its folder exists; a folder is not a file or a device, and a missing one is made
/// only when its parent exists; a workspace is not a folder and its folder exists.
/// (The messages, verb by verb, are in <see cref="CliErrorTests"/>.)
/// </summary>
public sealed class OutputPathTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _calls;

    public OutputPathTests()
    {
        _calls = _dir.Write("calls.csv", Header + "\n" + Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61) + "\n");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Report_png_makes_its_last_folder_but_never_a_chain_of_them()
    {
        var chain = Path.Combine(_dir.File("a"), "b");
        var (code, _, error) = Run("report", "--calls", _calls, "--png", chain);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal($"错误：--png：文件夹 {_dir.File("a")} 不存在", error.TrimEnd());
        Assert.False(Directory.Exists(_dir.File("a")));

        var charts = _dir.File("charts");
        (code, _, error) = Run("report", "--calls", _calls, "--png", charts);
        Assert.True(code == CliApp.Ok, error);
        Assert.Equal(4, Directory.GetFiles(charts, "*.png").Length);
    }

    [Fact]
    public void Demo_refuses_a_device_as_its_folder_and_says_it_is_not_a_folder()
    {
        if (!File.Exists("/dev/null"))
        {
            return;
        }
        var (code, _, error) = Run("demo", "--dir", "/dev/null", "--lang", "en");
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal("error: --dir: /dev/null is not a folder", error.TrimEnd());
    }

    [Theory]
    [InlineData("report", "--html")]
    [InlineData("advise", "--html")]
    [InlineData("advise", "--png")]
    public void An_output_file_given_as_a_folder_is_said_to_be_a_folder_by_every_verb(string verb, string option)
    {
        var (code, _, error) = Run(verb, "--calls", _calls, option, _dir.Path);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal($"错误：{option}：{_dir.Path} 是文件夹，请给出文件名", error.TrimEnd());
    }

    [Theory]
    [InlineData("calls")]
    [InlineData("catalog")]
    public void A_workspace_in_a_folder_that_is_not_there_is_said_so_and_not_as_an_SQLite_error(string what)
    {
        var db = Path.Combine(_dir.File("nowhere"), "w.db");
        string[] args = ["import", what, "--db", db, what == "calls" ? _calls : _dir.Write("catalog.yaml", CatalogYaml)];
        var (code, _, error) = Run(args);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal($"错误：--db：文件夹 {_dir.File("nowhere")} 不存在", error.TrimEnd());
        Assert.DoesNotContain("SQLite", error, StringComparison.Ordinal);
    }
}
