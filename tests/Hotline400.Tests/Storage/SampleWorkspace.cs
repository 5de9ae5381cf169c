using Hotline400.Accounts;
using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Simulation;
using Hotline400.Storage;
using Microsoft.Data.Sqlite;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Storage;

/// <summary>Workspaces of the sample catalog and accounts with simulated calls, and raw reads of their tables.</summary>
internal static class SampleWorkspace
{
    /// <summary>
    /// Opens <paramref name="name"/> in <paramref name="dir"/> and imports the sample catalog, the
    /// sample accounts and the calls <paramref name="traffic"/> simulates (written once to
    /// <paramref name="callsFile"/> in the folder, and reused by later workspaces of the same test).
    /// </summary>
    public static SqliteWorkspace Open(TempDir dir, string name, string callsFile, SimulationOptions traffic)
    {
        var calls = dir.File(callsFile);
        if (!File.Exists(calls))
        {
            var accounts = AccountsLoader.Sample(CatalogLoader.Sample());
            using var f = File.Create(calls);
            new TrafficSimulator(accounts, traffic).WriteCsv(f);
        }
        var w = SqliteWorkspace.Open(dir.File(name));
        Assert.True(w.ImportCatalog(SampleData.CatalogYaml, "samples/catalog.yaml").Ok);
        Assert.True(w.ImportAccounts(SampleData.AccountsYaml, "samples/accounts.yaml").Ok);
        Assert.True(w.ImportCalls([calls], Hotline400.Calls.ColumnMap.Default).Usable);
        return w;
    }

    /// <summary>The rows <paramref name="sql"/> returns from the workspace file, each as its values joined by '|' (null as "null").</summary>
    public static List<string> Rows(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=false");
        c.Open();
        using var cmd = new SqliteCommand(sql, c);
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "null" : r.GetValue(i).ToString())));
        }
        return rows;
    }
}
