using System.Buffers;
using System.Globalization;
using CsCheck;
using Hotline400.Accounts;
using Hotline400.Billing;
using Hotline400.Billing.Rendering;
using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Numbers;
using Hotline400.Simulation;
using Hotline400.Storage;
using Microsoft.Data.Sqlite;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Storage;

/// <summary>
/// How an issued statement is stored (migration 4): its JSON document without the itemized calls,
/// and the calls with its lines' call ids in a compact blob. Read back it is the statement as issued,
/// field for field; statements stored whole as JSON before migration 4 still read and render.
/// </summary>
public sealed class StatementStorageTests : IDisposable
{
    private static readonly BillingPeriod September = BillingPeriod.Parse("2026-09");
    private static readonly BillingPeriod March = BillingPeriod.Parse("2026-03");

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private SqliteWorkspace Sample(string name) => SampleWorkspace.Open(_dir, name, "sample-calls.csv", new SimulationOptions(new DateOnly(2026, 8, 1), new DateOnly(2026, 9, 30), 5, 3));

    private static List<string> Rows(string path, string sql) => SampleWorkspace.Rows(path, sql);

    private static void Execute(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=false");
        c.Open();
        using var cmd = new SqliteCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Everything a reader of the statement sees: the stored serialization and every rendering, in both languages.</summary>
    private static string Everything(Statement s) => string.Join("\n\u0001\n",
        StatementDocuments.Serialize(s),
        StatementText.Render(s, Language.Zh, callDetails: true), StatementText.Render(s, Language.En, callDetails: true),
        StatementHtml.Render(s, Language.Zh), StatementHtml.Render(s, Language.En),
        StatementCsv.Render(s), StatementJson.Render(s));

    [Fact]
    public void Every_statement_read_back_is_the_one_issued_with_its_call_detail_and_the_lines_call_ids()
    {
        using var w = Sample("w.db");
        var result = new BillRun(w).Run(September, null, out _)!;
        Assert.True(result.Issued > 10);
        Assert.Contains(result.Outcomes, o => o.Statement.CallDetails.Count > 30);
        foreach (var outcome in result.Outcomes)
        {
            var issued = Assert.Single(w.Issued(outcome.Number, September)).Statement!;
            Assert.Equal(Everything(outcome.Statement), Everything(issued));
            Assert.Equal(outcome.Statement.Lines.Select(l => l.Trace.CallIds is null ? null : string.Join(",", l.Trace.CallIds)),
                issued.Lines.Select(l => l.Trace.CallIds is null ? null : string.Join(",", l.Trace.CallIds)));
        }
        // Every statement with calls has its detail in the blob, and the documents hold no call ids.
        var withCalls = result.Outcomes.Count(o => o.Statement.CallDetails.Count > 0);
        Assert.Equal(withCalls.ToString(CultureInfo.InvariantCulture), Assert.Single(Rows(_dir.File("w.db"), "SELECT count(*) FROM statement_calls")));
        var someId = result.Outcomes.First(o => o.Statement.CallDetails.Count > 0).Statement.CallDetails[0].CallId;
        Assert.Empty(Rows(_dir.File("w.db"), $"SELECT id FROM statements WHERE instr(document, '{someId}') > 0"));
    }

    [Fact]
    public void A_statement_read_back_twice_is_the_same_byte_for_byte()
    {
        using var w = Sample("w.db");
        var result = new BillRun(w).Run(September, null, out _)!;
        var number = result.Outcomes.MaxBy(o => o.Statement.CallDetails.Count)!.Number;
        var first = StatementDocuments.Serialize(w.Issued(number, September)[0].Statement!);
        using var again = SqliteWorkspace.Open(_dir.File("w.db"));
        Assert.Equal(first, StatementDocuments.Serialize(again.Issued(number, September)[0].Statement!));
    }

    private static Gen<T> Pick<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    /// <summary>Call details with awkward values: repeating decimals, negative and high-precision amounts, other offsets, sub-millisecond times, long and non-ASCII ids and callers.</summary>
    private static readonly Gen<CallDetail> Detail =
        Gen.Select(
            Gen.Select(Pick("4001275090-20260713-", "c", "呼叫-", ""), Gen.Int[0, 999_999], Gen.Bool),
            Gen.Select(Gen.Long[1_700_000_000_000, 1_800_000_000_000], Gen.Int[0, 9], Pick(8 * 60, 0, -330, 8 * 60 + 45)),
            Pick("", "138****8000", "010-8***1234", "+44 20 ****", "未知号码"),
            Pick(("北京", "Beijing"), ("未知", "Unknown"), ("广东 深圳", "Shenzhen, Guangdong")),
            Gen.Select(Gen.Long[0, 90_000], Gen.Int[0, 5]),
            Gen.Select(Gen.Long[-10_000_000_000, 10_000_000_000], Gen.Int[0, 28], Gen.Int[0, 3]))
        .Select(t =>
        {
            var ((prefix, n, longId), (ms, subMs, offset), caller, (zh, en), (seconds, billedKind), (mantissa, scale, chargeKind)) = t;
            var id = prefix + n.ToString("D6", CultureInfo.InvariantCulture) + (longId ? new string('x', 200) : "");
            var utc = DateTimeOffset.FromUnixTimeMilliseconds(ms).AddTicks(subMs == 0 ? 0 : subMs * 1000 + 7);
            var started = offset == 8 * 60 ? utc.ToOffset(ChinaTime.Offset) : utc.ToOffset(TimeSpan.FromMinutes(offset));
            var billed = billedKind switch
            {
                0 => seconds / 60m,
                1 => (seconds + 59) / 60 * 60 / 60m,
                2 => seconds / 60m * 1.000m,
                3 => 0.1000m,
                4 => -seconds / 7m,
                _ => decimal.MaxValue / (seconds + 1),
            };
            var charge = chargeKind switch
            {
                0 => new decimal(mantissa) / (decimal)Math.Pow(10, Math.Min(scale, 15)),
                1 => new decimal((int)(mantissa & 0x7FFFFFFF), (int)(mantissa >> 7), (int)mantissa, mantissa < 0, (byte)scale),
                2 => new decimal(0, 0, 0, true, (byte)scale),
                _ => 1m / 3m,
            };
            return new CallDetail(id, started, caller, zh, en, seconds - 5, billed, new Money.Money(charge));
        });

    private static Statement WithDetails(CallDetail[] details, int[][] lineMembers)
    {
        var lines = lineMembers.Select((members, i) => new StatementLine($"usage|{i}", LineKind.Usage, new LocalizedText("通话费", "Calls"), 1m, QuantityUnit.Minute, null, Money.Money.Zero,
            new LineTrace("p", 1, "rate", members.Length, members.Select(m => details[m].CallId).ToArray()))).ToList();
        lines.Add(new StatementLine("monthly_fee", LineKind.MonthlyFee, new LocalizedText("月功能费", "Monthly fee"), 1m, QuantityUnit.Month, null, new Money.Money(10m), new LineTrace("p", 1, "monthly_fee")));
        return new Statement
        {
            Number = new HotlineNumber(4008000000),
            EnterpriseId = "e",
            Period = March,
            Lines = lines,
            Totals = new StatementTotals(Money.Money.Zero, Money.Money.Zero, Money.Money.Zero, Money.Money.Zero, 0.06m, Money.Money.Zero, Money.Money.Zero),
            Alerts = [],
            CallDetails = details,
            LedgerEntries = [],
            Plans = ["p"],
        };
    }

    [Fact]
    public void The_compact_detail_gives_back_every_field_exactly()
    {
        Gen.Select(Detail.Array[0, 40], Gen.Int[0, 4], Gen.Int).Sample((details, lineCount, seed) =>
        {
            // Lines list ordered subsets of the calls (each call at most once per line), some of them empty.
            var random = new Random(seed);
            var members = Enumerable.Range(0, lineCount).Select(_ => Enumerable.Range(0, details.Length).Where(_ => random.Next(3) == 0).ToArray()).ToArray();
            var statement = WithDetails(details, members);
            var blob = new ArrayBufferWriter<byte>();
            Assert.True(CallDetailCodec.TryEncode(statement, blob));
            var stored = StatementDocuments.ReadStatement(StatementDocuments.Serialize(CallDetailCodec.WithoutDetail(statement)));
            var back = CallDetailCodec.Decode(stored, blob.WrittenSpan);
            Assert.Equal(StatementDocuments.Serialize(statement), StatementDocuments.Serialize(back));
            Assert.Equal(details.Select(d => (d.Started.Ticks, d.Started.Offset, decimal.GetBits(d.BilledMinutes).ToArray(), decimal.GetBits(d.Charge.Yuan).ToArray())).Select(x => $"{x.Item1}|{x.Item2}|{string.Join(",", x.Item3)}|{string.Join(",", x.Item4)}"),
                back.CallDetails.Select(d => (d.Started.Ticks, d.Started.Offset, decimal.GetBits(d.BilledMinutes).ToArray(), decimal.GetBits(d.Charge.Yuan).ToArray())).Select(x => $"{x.Item1}|{x.Item2}|{string.Join(",", x.Item3)}|{string.Join(",", x.Item4)}"));
        }, iter: 300);
    }

    [Fact]
    public void A_statement_whose_lines_list_calls_out_of_order_is_stored_whole_and_reads_back_the_same()
    {
        using var w = SqliteWorkspace.Open(_dir.File("w.db"));
        Assert.True(w.ImportCatalog(CatalogYaml, "c").Ok);
        Assert.True(w.ImportAccounts(AccountsYaml, "a").Ok);
        var stored = w.LatestCatalog()!;
        var accounts = w.LatestAccounts(stored.Catalog)!;
        var details = new[] { "a", "b", "c" }.Select((id, i) => new CallDetail(id, ChinaTime.ToDateTimeOffset(1_772_000_000_000 + i * 60_000L), "138****8000", "北京", "Beijing", 61, 2m, new Money.Money(0.2m))).ToArray();
        var statement = WithDetails(details, [[2, 0]]);   // not in the calls' order
        Assert.False(CallDetailCodec.TryEncode(statement, new ArrayBufferWriter<byte>()));
        Assert.False(PreparedStatement.Of(statement).HasDetail);

        w.IssueStatement(statement, accounts.Accounts, stored.Version, accounts.Snapshot);

        Assert.Equal("0", Assert.Single(Rows(_dir.File("w.db"), "SELECT count(*) FROM statement_calls")));
        Assert.Equal(StatementDocuments.Serialize(statement), Assert.Single(Rows(_dir.File("w.db"), "SELECT document FROM statements")));
        Assert.Equal(Everything(statement), Everything(w.Issued(statement.Number, March)[0].Statement!));
    }

    [Fact]
    public void A_late_call_gives_the_exact_adjustment_and_the_issued_statement_stays_as_it_was()
    {
        var flat = NumberFor("flat");
        var path = _dir.File("w.db");
        using var w = SqliteWorkspace.Open(path);
        Assert.True(w.ImportCatalog(CatalogYaml, "c").Ok);
        Assert.True(w.ImportAccounts(AccountsYaml, "a").Ok);
        Assert.True(w.ImportCalls([_dir.Write("a.csv", Header + "\n" + Answered("c1", flat, "2026-03-02T10:00:00", 61) + "\n" + Answered("c2", flat, "2026-03-05T09:00:00", 10) + "\n")], Hotline400.Calls.ColumnMap.Default).Usable);
        var number = HotlineNumber.Parse(flat);
        var first = new BillRun(w).Run(March, number, out _)!;
        Assert.Equal(BillOutcomeKind.Issued, Assert.Single(first.Outcomes).Kind);
        var issuedBefore = Everything(w.Issued(number, March)[0].Statement!);
        Assert.Equal(["c1", "c2"], w.Issued(number, March)[0].Statement!.CallDetails.Select(d => d.CallId));

        // A late call (between the two, by start) and a resend of c1, which is a duplicate and charges nothing.
        Assert.True(w.ImportCalls([_dir.Write("late.csv", Header + "\n" + Answered("late", flat, "2026-03-03T10:00:00", 125) + "\n" + Answered("c1", flat, "2026-03-02T10:00:00", 61) + "\n")], Hotline400.Calls.ColumnMap.Default).Usable);
        var second = new BillRun(w).Run(March, number, out _)!;

        var outcome = Assert.Single(second.Outcomes);
        Assert.Equal(BillOutcomeKind.Adjusted, outcome.Kind);
        var issued = w.Issued(number, March);
        Assert.Equal(2, issued.Count);
        Assert.Equal(issuedBefore, Everything(issued[0].Statement!));                 // the issued statement never changes
        var adjustment = issued[1].Adjustment!;
        Assert.Equal(0.30m, adjustment.Total.Yuan);                                      // 125 s = 3 minutes × 0.10
        Assert.Equal(outcome.Statement.Total - issued[0].Statement!.Total, adjustment.Total);
        var line = Assert.Single(adjustment.Lines);
        Assert.Equal((0.30m, 0.60m, 0.30m), (line.Was.Yuan, line.Now.Yuan, line.Amount.Yuan));
        Assert.Equal("1 late call record billed", line.Reason.En);
        Assert.Equal(["c1", "late", "c2"], outcome.Statement.CallDetails.Select(d => d.CallId));

        // Billing again finds nothing new: nothing is charged twice.
        var third = new BillRun(w).Run(March, number, out _)!;
        Assert.Equal(BillOutcomeKind.Unchanged, Assert.Single(third.Outcomes).Kind);
        Assert.Equal(2, w.Issued(number, March).Count);
    }

    [Fact]
    public void A_workspace_with_statements_stored_whole_as_json_before_migration_4_still_reads_and_renders_them()
    {
        var path = _dir.File("old.db");
        Dictionary<long, string> expected;
        using (var w = Sample("old.db"))
        {
            var result = new BillRun(w).Run(September, null, out _)!;
            expected = result.Outcomes.ToDictionary(o => o.Number.Value, o => Everything(o.Statement));
            // Make the file what a workspace of schema 2 holds: each document the whole statement as
            // JSON (what the bill run stored before migration 4), no statement_calls table.
            foreach (var o in result.Outcomes)
            {
                using var c = new SqliteConnection($"Data Source={path};Pooling=false");
                c.Open();
                using var cmd = new SqliteCommand("UPDATE statements SET document = $d WHERE number = $n AND sequence = 0", c);
                cmd.Parameters.AddWithValue("$d", StatementDocuments.Serialize(o.Statement));
                cmd.Parameters.AddWithValue("$n", o.Number.Value);
                Assert.Equal(1, cmd.ExecuteNonQuery());
            }
        }
        Execute(path, "DROP TABLE statement_calls; DELETE FROM schema_version WHERE version = 4");
        Assert.DoesNotContain(Rows(path, "SELECT name FROM sqlite_master"), n => n == "statement_calls");

        using var reopened = SqliteWorkspace.Open(path);
        Assert.Contains(reopened.AppliedMigrations(), m => m.Version == 4);
        Assert.Equal("0", Assert.Single(Rows(path, "SELECT count(*) FROM statement_calls")));
        foreach (var (number, everything) in expected)
        {
            Assert.Equal(everything, Everything(reopened.Issued(new HotlineNumber(number), September)[0].Statement!));
        }
        // Billing the month again on the migrated file finds nothing to adjust.
        Assert.All(new BillRun(reopened).Run(September, null, out _)!.Outcomes, o => Assert.Equal(BillOutcomeKind.Unchanged, o.Kind));
    }
}
