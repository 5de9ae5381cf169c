using CsCheck;
using Hotline400.Calls;
using Hotline400.Storage;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Storage;

/// <summary>Properties of call imports over random small files with bad rows and duplicates.</summary>
public sealed class WorkspacePropertyTests
{
    private static readonly DateTimeOffset March = new(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A row: good, a bad time, an unknown number or a wrong column count; ids drawn from a small pool so duplicates happen.</summary>
    private static string Row(int id, int numberIndex, int startOffset, int talk, int kind)
    {
        var callId = $"c{id}";
        var start = March.AddSeconds(startOffset).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        return kind switch
        {
            0 => $"{callId},{AllNumbers[numberIndex]},13800138000,2026-03-32T10:00:00,,2026-03-02T10:00:00,,missed,0,in",
            1 => Answered(callId, "4008123456", start, talk),
            2 => $"{callId},{AllNumbers[numberIndex]},13800138000",
            // The same id always gets the same content, as a provider's resend would.
            _ => Answered(callId, AllNumbers[id % AllNumbers.Count], March.AddSeconds(id * 97).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), id % 300),
        };
    }

    private static readonly Gen<string[][]> Files =
        Gen.Select(Gen.Int[0, 30], Gen.Int[0, AllNumbers.Count - 1], Gen.Int[0, 86400 * 20], Gen.Int[0, 600], Gen.Int[0, 9])
            .Select(t => Row(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5))
            .Array[0, 25]
            .Array[1, 3];

    [Fact]
    public void Counts_reconcile_and_a_second_import_stores_nothing_new()
    {
        Files.Sample(files =>
        {
            using var dir = new TempDir();
            using var w = SqliteWorkspace.Open(dir.File("w.db"));
            w.ImportCatalog(CatalogYaml, "c");
            w.ImportAccounts(AccountsYaml, "a");
            var paths = files.Select((rows, i) => dir.Write($"f{i}.csv", Header + "\n" + string.Join("\n", rows) + "\n")).ToArray();
            var rejects = new List<CallReject>();
            var first = w.ImportCalls(paths, ColumnMap.Default, rejected: rejects.Add);
            var t = first.Total;
            Assert.Equal(files.Sum(f => f.Length), t.Read);
            Assert.Equal(t.Read, t.Imported + t.Rejected + t.Duplicates);
            Assert.All(first.Files, f => Assert.Equal(f.Counts.Read, f.Counts.Imported + f.Counts.Rejected + f.Counts.Duplicates));
            Assert.Equal(t.Rejected, rejects.Count);
            var goodIds = files.SelectMany(f => f).Where(r => r.Split(',').Length == 10 && !r.Contains("2026-03-32", StringComparison.Ordinal) && !r.Contains("4008123456", StringComparison.Ordinal))
                .Select(r => r.Split(',')[0]).Distinct().Count();
            Assert.Equal(goodIds, t.Imported);
            Assert.Equal(goodIds, w.Counts().Calls);
            var second = w.ImportCalls(paths, ColumnMap.Default);
            Assert.Equal(new ImportCounts(t.Read, 0, t.Rejected, t.Imported + t.Duplicates), second.Total);
            Assert.Equal(goodIds, w.Counts().Calls);
        }, iter: 60, threads: 1);
    }
}
