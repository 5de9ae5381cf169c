using CsCheck;
using global::Hotline400.Billing;
using global::Hotline400.Numbers;
using global::Hotline400.Rating;
using static Hotline400.Tests.Billing.BillingWorld;

namespace Hotline400.Tests.Billing;

/// <summary>Money invariants of statements over random subsets and orders of one rated month.</summary>
public sealed class StatementPropertyTests
{
    private static readonly string[] PlanIds = ["p480", "p480pro", "fy", "fee", "pct", "flat", "secline", "seats"];

    private static readonly Lazy<(global::Hotline400.Accounts.AccountBook Book, List<RatedCall> Rated)> World = new(() =>
    {
        var cat = Tariffs;
        var lines = PlanIds.Select((p, i) => $"{{ number: {Number(i)}, plan: b/{p}, start: 2026-10-{(i % 3 == 0 ? 16 : 1):00}, services: [ {{ id: recording, start: 2026-10-10 }} ] }}").ToArray();
        var book = Book(cat, lines);
        var rnd = new Random(7);
        var rows = new List<string>();
        for (var i = 0; i < 400; i++)
        {
            var n = Number(rnd.Next(PlanIds.Length));
            rows.Add(TestWorld.Answered($"k{i:000}", n, $"2026-10-{rnd.Next(16, 31):00}T{rnd.Next(0, 24):00}:{rnd.Next(0, 60):00}:00", rnd.Next(1, 900), recorded: rnd.Next(2)));
        }
        return (book, TestWorld.Rate(cat, book, rows.ToArray()).Item1.Rated);
    });

    private static Statement BuildFor(int plan, IEnumerable<RatedCall> calls) =>
        StatementBuilder.Build(World.Value.Book.Find(HotlineNumber.Parse(Number(plan)))!, BillingPeriod.Parse("2026-10"), Tariffs, calls);

    private static readonly Gen<(int Plan, int[] Order)> Cases =
        Gen.Int[0, PlanIds.Length - 1].SelectMany(p => Gen.Int[0, 399].Array[0, 60].Select(o => (p, o)));

    [Fact]
    public void Lines_sum_exactly_to_the_total_and_each_is_whole_fen()
    {
        Cases.Sample(c =>
        {
            var s = BuildFor(c.Plan, c.Order.Distinct().Select(i => World.Value.Rated[i]));
            Assert.Equal(s.Lines.Sum(l => l.Amount.Yuan), s.Total.Yuan);
            Assert.All(s.Lines, l => Assert.Equal(l.Amount.RoundToFen(), l.Amount));
            Assert.Equal(s.Totals.Charges + s.Totals.PrepaymentDrawn, s.Totals.Due);
        }, iter: 60);
    }

    [Fact]
    public void The_VAT_shown_is_the_part_of_the_amount_due_within_half_a_fen()
    {
        Cases.Sample(c =>
        {
            var s = BuildFor(c.Plan, c.Order.Distinct().Select(i => World.Value.Rated[i]));
            var exact = s.Total.Yuan * s.Totals.VatRate / (1 + s.Totals.VatRate);
            Assert.True(Math.Abs(s.Totals.VatIncluded.Yuan - exact) <= 0.005m, $"VAT {s.Totals.VatIncluded} of {s.Total} due");
            Assert.Equal(s.Totals.VatIncluded.RoundToFen(), s.Totals.VatIncluded);
        }, iter: 60);
    }

    [Fact]
    public void Building_the_same_statement_twice_gives_identical_lines()
    {
        for (var p = 0; p < PlanIds.Length; p++)
        {
            var a = BuildFor(p, World.Value.Rated);
            var b = BuildFor(p, World.Value.Rated);
            Assert.Equal(a.Lines.Select(Fingerprint), b.Lines.Select(Fingerprint));
            Assert.Equal(a.Totals, b.Totals);
        }
    }

    [Fact]
    public void The_order_of_rated_calls_changes_no_figure()
    {
        Gen.Int[0, PlanIds.Length - 1].Select(Gen.Int).Sample((p, seed) =>
        {
            var shuffled = World.Value.Rated.OrderBy(_ => Random.Shared.Next()).ToList();
            new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));
            var a = BuildFor(p, World.Value.Rated);
            var b = BuildFor(p, shuffled);
            Assert.Equal(a.Lines.Select(Fingerprint), b.Lines.Select(Fingerprint));
            Assert.Equal(a.Totals, b.Totals);
            Assert.Equal(a.CallDetails.Select(d => d.CallId), b.CallDetails.Select(d => d.CallId));
        }, iter: 30);
    }

    [Fact]
    public void Rebilling_the_same_calls_issues_nothing()
    {
        Cases.Sample(c =>
        {
            var calls = c.Order.Distinct().Select(i => World.Value.Rated[i]).ToList();
            var issued = BuildFor(c.Plan, calls);
            Assert.True(Rebilling.Adjust(issued, [], BuildFor(c.Plan, calls.AsEnumerable().Reverse())).IsEmpty);
        }, iter: 40);
    }

    private static string Fingerprint(StatementLine l) =>
        $"{l.Key}|{l.Kind}|{l.Amount}|{l.Quantity}|{l.UnitPrice}|{l.AllowanceMinutes}|{l.ChargedMinutes}|{l.Trace}|{string.Join(",", l.Trace.CallIdList)}|{l.Description.Zh}|{l.Description.En}";
}
