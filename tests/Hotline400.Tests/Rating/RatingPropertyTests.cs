using System.Globalization;
using CsCheck;
using Hotline400.Accounts;
using Hotline400.Calls;
using Hotline400.Catalog;
using Hotline400.Rating;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Rating;

/// <summary>
/// Money invariants over generated call sets: order and file layout never change a figure, re-rating
/// gives the same figures, rows always reconcile, lines add up to totals, and a call's parts add up
/// to its charge.
/// </summary>
public class RatingPropertyTests
{
    private static readonly TariffCatalog TheCatalog = TestWorld.Catalog;
    private static readonly AccountBook TheAccounts = TestWorld.Accounts(TheCatalog);
    private static readonly string[] Callers = ["13800138000", "075588886666", "02088886666", "", "01088886666", "+8613912345678"];
    private static readonly string[] Unanswered = ["missed", "abandoned", "busy", "voicemail", "blocked"];
    private static readonly DateTimeOffset March = new(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private enum Kind { Good, UnknownNumber, BadTime, NoSubscription }

    private sealed record Row(string Id, string Text, long EndMs, Kind Kind);

    /// <summary>A generated call set: rows in end-time order (as providers write them) with late copies of some good rows, and a seed for shuffling.</summary>
    private sealed record Scenario(List<Row> Rows, int Duplicates, int Seed)
    {
        public int Good => Rows.Count(r => r.Kind == Kind.Good) - Duplicates;
        public int Bad => Rows.Count(r => r.Kind != Kind.Good);

        public override string ToString() => $"{Rows.Count} rows, {Duplicates} duplicates, seed {Seed}:\n" + string.Join("\n", Rows.Select(r => r.Text));
    }

    private static Row MakeRow(int i, int numberIndex, int startOffset, int talk, int ring, int callerIndex, bool recorded, int outcome, int kind)
    {
        var id = $"c{i:000}";
        var start = March.AddSeconds(startOffset);
        var number = AllNumbers[numberIndex];
        var k = kind switch { 0 => Kind.UnknownNumber, 1 => Kind.BadTime, 2 => Kind.NoSubscription, _ => Kind.Good };
        if (k == Kind.UnknownNumber)
        {
            number = "4008123456";
        }
        if (k == Kind.NoSubscription)
        {
            start = start.AddMonths(-3); // December 2025, before every subscription
        }
        var answered = outcome < 6;
        var answeredAt = start.AddSeconds(ring);
        var end = answered ? answeredAt.AddSeconds(talk) : start.AddSeconds(ring + talk % 90);
        var startText = k == Kind.BadTime ? "2026-03-32T10:00:00" : Fmt(start);
        var text = $"{id},{number},{Callers[callerIndex]},{startText},{(answered ? Fmt(answeredAt) : "")},{Fmt(end)},,{(answered ? "answered" : Unanswered[outcome - 6])},{(recorded ? 1 : 0)},in";
        return new Row(id, text, end.ToUnixTimeMilliseconds(), k);
    }

    private static readonly Gen<Scenario> Scenarios =
        Gen.Select(Gen.Int[0, AllNumbers.Count - 1], Gen.Int[0, 31 * 86400 - 1], Gen.Int[0, 7200], Gen.Int[0, 30], Gen.Int[0, Callers.Length - 1], Gen.Bool, Gen.Int[0, 10], Gen.Int[0, 19])
            .Array[1, 40]
            .SelectMany(calls => Gen.Select(Gen.Int[0, calls.Length - 1].Array[0, 5], Gen.Int[0, int.MaxValue]), (calls, more) =>
            {
                var rows = calls.Select((c, i) => MakeRow(i, c.Item1, c.Item2, c.Item3, c.Item4, c.Item5, c.Item6, c.Item7, c.Item8)).ToList();
                rows.Sort((a, b) => a.EndMs.CompareTo(b.EndMs));
                // Copies are resent later in the file, anywhere after their original, as a provider's retry would.
                var copies = more.Item1.Select(i => rows[i]).Where(r => r.Kind == Kind.Good).ToList();
                var random = new Random(more.Item2);
                foreach (var copy in copies)
                {
                    rows.Insert(random.Next(rows.IndexOf(copy) + 1, rows.Count + 1), copy);
                }
                return new Scenario(rows, copies.Count, more.Item2);
            });

    private static string File(IEnumerable<Row> rows) => Header + "\n" + string.Concat(rows.Select(r => r.Text + "\n"));

    /// <summary>Rates the rows as they come, in one file.</summary>
    private static (Collector, RunCounts) RateInOrder(Scenario s) => RateTexts(TheCatalog, TheAccounts, ColumnMap.Default, File(s.Rows));

    /// <summary>Rates the rows shuffled and dealt over three files.</summary>
    private static (Collector, RunCounts) RateShuffledInThree(Scenario s)
    {
        var random = new Random(s.Seed);
        var shuffled = s.Rows.OrderBy(_ => random.Next()).ToList();
        var files = Enumerable.Range(0, 3).Select(f => File(shuffled.Where((_, i) => i % 3 == f))).ToArray();
        return RateTexts(TheCatalog, TheAccounts, ColumnMap.Default, files);
    }

    /// <summary>Everything a rated call's figures depend on, keyed by call id.</summary>
    private static SortedDictionary<string, string> Figures(Collector c) => new(
        c.Rated.ToDictionary(r => r.Call.CallId, r => string.Join("|",
            r.Charge.Yuan.ToString(CultureInfo.InvariantCulture), r.ExactCharge.Yuan.ToString(CultureInfo.InvariantCulture), r.Units, r.BilledSeconds,
            r.AllowanceBeforeSeconds, r.AllowanceAfterSeconds, r.Plan.Key, r.Version.Number,
            string.Join(";", r.Pieces.Select(p => $"{p.BandIndex}/{p.Source}/{p.Rate.YuanPerMinute}/{p.Units}/{p.BilledSeconds}/{p.CoveredSeconds}/{p.Charge.Yuan}")))),
        StringComparer.Ordinal);

    private static List<string> RejectedRows(Collector c) => c.Rejected.Select(r => $"{r.Field}|{r.Code}|{r.Reason.Text.Zh}|{r.Reason.Text.En}|{r.Raw}").Order(StringComparer.Ordinal).ToList();

    private static decimal Total(Collector c)
    {
        var summary = new RatingSummary();
        foreach (var r in c.Rated)
        {
            ((IRatingSink)summary).Rated(r);
        }
        return summary.Total.Yuan;
    }

    [Fact]
    public void Shuffling_and_splitting_over_three_files_changes_no_figure()
    {
        Scenarios.Sample(s =>
        {
            var (inOrder, _) = RateInOrder(s);
            var (shuffled, counts) = RateShuffledInThree(s);
            Assert.Equal(Figures(inOrder), Figures(shuffled));
            Assert.Equal(RejectedRows(inOrder), RejectedRows(shuffled));
            Assert.Equal(Total(inOrder), Total(shuffled));
            Assert.Equal(s.Duplicates, counts.Duplicates);
        }, iter: 100, threads: 1);
    }

    [Fact]
    public void Rating_the_same_input_twice_gives_the_same_figures()
    {
        Scenarios.Sample(s =>
        {
            var (first, c1) = RateInOrder(s);
            var (second, c2) = RateInOrder(s);
            Assert.Equal(Figures(first), Figures(second));
            Assert.Equal(first.Rated.Select(r => r.Call.CallId), second.Rated.Select(r => r.Call.CallId));
            Assert.Equal((c1.Read, c1.Rated, c1.Rejected, c1.Duplicates), (c2.Read, c2.Rated, c2.Rejected, c2.Duplicates));
        }, iter: 100, threads: 1);
    }

    [Fact]
    public void Rows_read_always_equal_rated_plus_rejected_plus_duplicates()
    {
        Scenarios.Sample(s =>
        {
            foreach (var (collector, counts) in new[] { RateInOrder(s), RateShuffledInThree(s) })
            {
                Assert.Equal(s.Rows.Count, counts.Read);
                Assert.Equal(counts.Read, counts.Rated + counts.Rejected + counts.Duplicates);
                Assert.Equal((s.Good, s.Bad, s.Duplicates), ((int)counts.Rated, (int)counts.Rejected, (int)counts.Duplicates));
                Assert.Equal((counts.Rated, counts.Rejected, counts.Duplicates), (collector.Rated.Count, collector.Rejected.Count, collector.Duplicates.Count));
                Assert.Equal(collector.Rated.Count, collector.Rated.Select(r => r.Call.CallId).Distinct().Count());
            }
        }, iter: 100, threads: 1);
    }

    [Fact]
    public void The_summary_total_is_the_sum_of_the_numbers_and_each_number_the_sum_of_its_calls()
    {
        Scenarios.Sample(s =>
        {
            var (c, _) = RateInOrder(s);
            var summary = new RatingSummary();
            foreach (var r in c.Rated)
            {
                ((IRatingSink)summary).Rated(r);
            }
            Assert.Equal(summary.Total.Yuan, summary.Numbers.Sum(n => n.Charge.Yuan));
            var byNumber = c.Rated.GroupBy(r => r.Call.Number.Value).ToDictionary(g => g.Key, g => g.ToList());
            Assert.Equal(byNumber.Keys.Order(), summary.Numbers.Select(n => n.Number.Value));
            foreach (var n in summary.Numbers)
            {
                var calls = byNumber[n.Number.Value];
                Assert.Equal(decimal.Round(calls.Sum(r => r.Charge.Yuan), 2, MidpointRounding.AwayFromZero), n.Charge.Yuan);
                Assert.Equal(calls.Count, n.Calls);
                Assert.Equal(calls.Sum(r => r.BilledSeconds), n.BilledSeconds);
                Assert.Equal(decimal.Round(n.Charge.Yuan, 2), n.Charge.Yuan);
            }
            Assert.Equal(summary.Numbers.Sum(n => decimal.Round(byNumber[n.Number.Value].Sum(r => r.Charge.Yuan), 2, MidpointRounding.AwayFromZero)), summary.Total.Yuan);
        }, iter: 100, threads: 1);
    }

    [Fact]
    public void Every_charge_is_non_negative_and_a_call_is_the_sum_of_its_parts()
    {
        Scenarios.Sample(s =>
        {
            var (c, _) = RateInOrder(s);
            foreach (var r in c.Rated)
            {
                Assert.True(r.Charge.Yuan >= 0 && r.ExactCharge.Yuan >= 0, r.Call.CallId);
                Assert.All(r.Pieces, p => Assert.True(p.Charge.Yuan >= 0));
                var parts = r.Pieces.Sum(p => p.Charge.Yuan) + r.ConnectFee.Yuan + r.ServiceFees.Sum(f => f.Amount.Yuan) + (r.CallerShareCharged ? r.CallerShare.Yuan : 0m);
                Assert.Equal(r.ExactCharge.Yuan, parts);
                Assert.Equal(r.UsageCharge.Yuan, r.Pieces.Sum(p => p.Charge.Yuan));
                var rounded = r.Version.Billing.Rounding == RoundingPoint.PerCall ? decimal.Round(r.ExactCharge.Yuan, 2, MidpointRounding.AwayFromZero) : r.ExactCharge.Yuan;
                Assert.Equal(rounded, r.Charge.Yuan);
                Assert.Equal(r.Units, r.Pieces.Sum(p => p.Units));
                Assert.Equal(r.BilledSeconds, r.Pieces.Sum(p => p.BilledSeconds));
                Assert.True(r.BilledSeconds >= r.BillableSeconds);
                Assert.True(r.AllowanceAfterSeconds <= r.AllowanceBeforeSeconds && r.AllowanceAfterSeconds >= 0);
                Assert.Equal(r.AllowanceUsedSeconds, r.Pieces.Sum(p => p.CoveredSeconds));
            }
        }, iter: 100, threads: 1);
    }

    [Fact]
    public void A_duplicate_read_after_its_original_left_the_duplicate_window_is_not_rated_twice()
    {
        // Providers write records as calls end; a late resend of call a arrives after a call nine days on.
        var a = Answered("a", NumberFor("flat"), "2026-03-01T10:00:00", 30);
        var b = Answered("b", NumberFor("flat"), "2026-03-10T10:00:00", 30);
        var (result, counts) = Rate([a, b, a]);
        Assert.Equal((3, 2, 0, 1), (counts.Read, counts.Rated, counts.Rejected, counts.Duplicates));
        Assert.Single(result.Rated, r => r.Call.CallId == "a");
    }

    [Fact]
    public void A_duplicate_across_two_files_is_counted_once()
    {
        var a = Answered("a", NumberFor("flat"), "2026-03-01T10:00:00", 30);
        var b = Answered("b", NumberFor("flat"), "2026-03-01T11:00:00", 30);
        var (result, counts) = Rate([a, b], [a]);
        Assert.Equal((3, 2, 0, 1), (counts.Read, counts.Rated, counts.Rejected, counts.Duplicates));
        Assert.Equal(1, Assert.Single(result.Duplicates).FileIndex);
        Assert.Single(result.Rated, r => r.Call.CallId == "a");
    }
}
