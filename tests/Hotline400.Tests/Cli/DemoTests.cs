namespace Hotline400.Tests.Cli;

/// <summary>The README's main command: a demo workspace built from nothing, and built again without double counting.</summary>
public sealed class DemoTests : IDisposable
{
    private readonly TestWorld.TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private (int Code, string Out, string Err) Demo()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = global::Hotline400.Cli.CliApp.Run(["demo", "--dir", _dir.Path, "--from", "2026-09-01", "--to", "2026-09-07"], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void The_demo_rates_a_simulated_week_and_builds_a_workspace_with_statements_and_again_issues_nothing_new()
    {
        var (code, output, error) = Demo();
        Assert.True(code == 0, error);
        Assert.Contains("计费 ", output, StringComparison.Ordinal);
        Assert.Matches(@"^已模拟 [\d,]+ 通通话（2026-09-01 至 2026-09-07，21 个400号码）：", output);
        // Stateless rating from September 1st: the sample's term allowances began earlier, and the demo says so.
        Assert.Contains("个号码的套餐额度周期或按月累计的阶梯用量早于文件中该号码的第一通通话", output, StringComparison.Ordinal);
        Assert.Contains("  400-826-1357（1200元年套餐）：套餐额度周期从 2026-07-01 开始；第一通通话 2026-09-01", output, StringComparison.Ordinal);
        Assert.Contains("400电话账单", output, StringComparison.Ordinal);
        foreach (var file in new[] { "catalog.yaml", "accounts.yaml", "calls.csv", "rated.csv", "hotline400.db" })
        {
            Assert.True(File.Exists(Path.Combine(_dir.Path, file)), file);
        }
        Assert.NotEmpty(Directory.GetFiles(_dir.Path, "statement-*.pdf"));
        // The demo's files are for people: its rated and rejects CSVs open in Excel with the Chinese intact.
        foreach (var file in new[] { "rated.csv", "rejects.csv" })
        {
            Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(Path.Combine(_dir.Path, file))[..3]);
        }

        using (var workspace = global::Hotline400.Storage.SqliteWorkspace.Open(Path.Combine(_dir.Path, "hotline400.db")))
        {
            var calls = workspace.Counts().Calls;
            Assert.True(calls > 1000, $"{calls} calls");
        }
        var again = Demo();
        Assert.Equal(0, again.Code);
        using var reopened = global::Hotline400.Storage.SqliteWorkspace.Open(Path.Combine(_dir.Path, "hotline400.db"));
        var bill = new global::Hotline400.Storage.BillRun(reopened).Run(global::Hotline400.Billing.BillingPeriod.Parse("2026-09"), null, out _)!;
        Assert.Equal((0, 0), (bill.Issued, bill.Adjusted));
    }
}
