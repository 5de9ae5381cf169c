using System.Text.Json;
using CsCheck;
using global::Hotline400.Analytics;
using global::Hotline400.Calls;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Analytics;

/// <summary>The order of the input rows, and how they are split over files, changes no figure.</summary>
public sealed class OrderPropertyTests
{
    private static readonly string[] Callers = ["13800138000", "020-8888-6666", "", "0755-1234-5678", "19912345678", "0571-8888-6666", "anonymous"];

    private static readonly Gen<string[]> Files =
        Gen.Select(Gen.Int[0, 14 * 86400 - 1], Gen.Int[0, 3600], Gen.Int[0, 60], Gen.Int[0, Callers.Length - 1], Gen.Bool)
            .Array[1, 40]
            .Select(calls => calls.Select((c, i) =>
            {
                var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8)).AddSeconds(c.Item1);
                var ring = start.AddSeconds(c.Item3);
                string F(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
                return c.Item5
                    ? $"k{i},{KnownCalls.Number},{Callers[c.Item4]},{F(start)},{F(ring)},{F(ring.AddSeconds(c.Item2))},,answered,0,in"
                    : $"k{i},{KnownCalls.Number},{Callers[c.Item4]},{F(start)},,{F(ring)},,missed,0,in";
            }).ToArray());

    [Fact]
    public void Shuffled_or_split_input_gives_the_same_figures()
    {
        using var dir = new TempDir();
        // Samples run in parallel: each writes its own files.
        Gen.Select(Files, Gen.Int[0, int.MaxValue]).Sample((rows, seed) =>
        {
            var run = Guid.NewGuid().ToString("N");
            var shuffled = (string[])rows.Clone();
            new Random(seed).Shuffle(shuffled);
            var half = shuffled.Length / 2;
            var a = Figures([dir.Write($"in{run}.csv", KnownCalls.Csv(rows))]);
            var b = Figures([dir.Write($"sh{run}.csv", KnownCalls.Csv(shuffled))]);
            var c = Figures([dir.Write($"p1-{run}.csv", KnownCalls.Csv(shuffled[..half])), dir.Write($"p2-{run}.csv", KnownCalls.Csv(shuffled[half..]))]);
            return a == b && a == c;
        }, iter: 60);
    }

    private static string Figures(string[] files)
    {
        var errors = new List<Hotline400.Common.LocalizedText>();
        var p = new CallProfileReader(ColumnMap.Default).Read(files, errors) ?? throw new InvalidOperationException(string.Join("; ", errors));
        return JsonSerializer.Serialize(ReportJson.Model(p, busiestDays: 31));
    }
}
