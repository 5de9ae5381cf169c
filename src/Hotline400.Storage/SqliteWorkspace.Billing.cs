using System.Buffers;
using System.Globalization;
using Hotline400.Accounts;
using Hotline400.Billing;
using Hotline400.Common;
using Hotline400.Numbers;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Hotline400.Storage;

/// <summary>Issued statements, adjustments and the prepaid ledger in the SQLite workspace.</summary>
public sealed partial class SqliteWorkspace
{
    public IReadOnlyList<IssuedDocument> Issued(HotlineNumber number, BillingPeriod period)
    {
        using var command = Command(
            """
            SELECT s.id, s.sequence, s.total, s.issued_at, s.document, c.format, c.detail
            FROM statements s LEFT JOIN statement_calls c ON c.statement = s.id
            WHERE s.number = $number AND s.period = $period
            ORDER BY s.sequence
            """,
            ("$number", number.Value), ("$period", period.ToString()));
        using var reader = command.ExecuteReader();
        var result = new List<IssuedDocument>();
        while (reader.Read())
        {
            var sequence = reader.GetInt32(1);
            var document = reader.GetString(4);
            Statement? statement = null;
            if (sequence == 0)
            {
                statement = StatementDocuments.ReadStatement(document);
                if (!reader.IsDBNull(6))
                {
                    var format = reader.GetInt32(5);
                    if (format != CallDetailCodec.Format)
                    {
                        throw new WorkspaceException(WorkspaceProblems.UnknownCallDetailFormat(number, period, format));
                    }
                    statement = CallDetailCodec.Decode(statement, (byte[])reader.GetValue(6));
                }
            }
            result.Add(new IssuedDocument(
                reader.GetInt64(0), number, period, sequence,
                new Money.Money(decimal.Parse(reader.GetString(2), CultureInfo.InvariantCulture)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)).ToOffset(ChinaTime.Offset),
                statement,
                sequence == 0 ? null : StatementDocuments.ReadAdjustment(document)));
        }
        return result;
    }

    public IssuedDocument IssueStatement(Statement statement, AccountBook accounts, int catalogVersion, int accountsSnapshot) =>
        IssueStatements([statement], accounts, catalogVersion, accountsSnapshot)[0];

    public IReadOnlyList<IssuedDocument> IssueStatements(IReadOnlyList<Statement> statements, AccountBook accounts, int catalogVersion, int accountsSnapshot)
    {
        var prepared = statements.Select(PreparedStatement.Of).ToList();
        try
        {
            return IssueStatements(prepared, accounts, catalogVersion, accountsSnapshot);
        }
        finally
        {
            foreach (var p in prepared)
            {
                p.Release();
            }
        }
    }

    public IReadOnlyList<IssuedDocument> IssueStatements(IReadOnlyList<PreparedStatement> statements, AccountBook accounts, int catalogVersion, int accountsSnapshot)
    {
        var issued = new List<IssuedDocument>(statements.Count);
        InTransaction(() =>
        {
            using var writer = new StatementWriter(_connection.Handle!);
            foreach (var statement in statements)
            {
                if (writer.Exists(statement.Number, statement.Period))
                {
                    throw new WorkspaceException(WorkspaceProblems.IssuedAlready(statement.Number, statement.Period));
                }
                var now = DateTimeOffset.UtcNow;
                var id = writer.InsertStatement(statement, catalogVersion, accountsSnapshot, now.ToUnixTimeMilliseconds());
                if (statement.HasDetail)
                {
                    writer.InsertCalls(id, statement.Calls, statement.Detail);
                }
                foreach (var entry in statement.LedgerEntries)
                {
                    writer.InsertLedger(accounts.Subscriptions[entry.SubscriptionIndex], entry.Entry, id, now.ToUnixTimeMilliseconds());
                }
                issued.Add(new IssuedDocument(id, statement.Number, statement.Period, 0, statement.Total, now.ToOffset(ChinaTime.Offset), null, null));
            }
        });
        return issued;
    }

    public IReadOnlyDictionary<LedgerKey, List<LedgerEntry>> AllLedgerEntries()
    {
        using var command = Command("SELECT number, plan, subscription_start, kind, date, amount, minutes, reason_zh, reason_en, trace FROM ledger_entries ORDER BY id");
        using var reader = command.ExecuteReader();
        var result = new Dictionary<LedgerKey, List<LedgerEntry>>();
        while (reader.Read())
        {
            var key = new LedgerKey(reader.GetInt64(0), reader.GetString(1), DateOnly.ParseExact(reader.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (!result.TryGetValue(key, out var list))
            {
                result[key] = list = [];
            }
            list.Add(ReadLedgerEntry(reader, 3));
        }
        return result;
    }

    public IReadOnlySet<long> NumbersIssued(BillingPeriod period)
    {
        using var command = Command("SELECT DISTINCT number FROM statements WHERE period = $period", ("$period", period.ToString()));
        using var reader = command.ExecuteReader();
        var result = new HashSet<long>();
        while (reader.Read())
        {
            result.Add(reader.GetInt64(0));
        }
        return result;
    }

    public ICallSource OpenCallSource() => new SqliteCallSource(Path);

    public IssuedDocument IssueAdjustment(StatementAdjustment adjustment, Subscription subscription, int catalogVersion, int accountsSnapshot,
        IReadOnlyList<(Subscription Subscription, LedgerEntry Entry)>? ledgerCorrections = null)
    {
        IssuedDocument? issued = null;
        InTransaction(() =>
        {
            var next = Convert.ToInt32(Scalar("SELECT COALESCE(MAX(sequence), -1) + 1 FROM statements WHERE number = $number AND period = $period",
                ("$number", adjustment.Number.Value), ("$period", adjustment.Period.ToString())), CultureInfo.InvariantCulture);
            if (next == 0)
            {
                throw new WorkspaceException(WorkspaceProblems.NothingToAdjust(adjustment.Number, adjustment.Period));
            }
            issued = InsertDocument(adjustment.Number, adjustment.Period, next, adjustment.Total, StatementDocuments.Serialize(adjustment), catalogVersion, accountsSnapshot);
            // The change in what the statement draws from the prepayment moves the ledger too.
            var drawn = adjustment.Lines.Where(l => l.Kind == LineKind.PrepaymentDrawn).Aggregate(Money.Money.Zero, (sum, l) => sum + l.Amount);
            if (!drawn.IsZero)
            {
                InsertLedger(subscription, new LedgerEntry(
                    LedgerEntryKind.Adjustment, adjustment.Period.LastDay, drawn, 0,
                    new LocalizedText($"{adjustment.Period} 账单调整 #{next}", $"{adjustment.Period} statement adjustment #{next}"),
                    $"statement {adjustment.Number} {adjustment.Period} adjustment {next}"), issued.Id);
            }
            foreach (var (sub, entry) in ledgerCorrections ?? [])
            {
                InsertLedger(sub, entry, issued.Id);
            }
        });
        return issued!;
    }

    public IReadOnlyList<LedgerEntry> LedgerEntries(Subscription subscription)
    {
        using var command = Command(
            "SELECT kind, date, amount, minutes, reason_zh, reason_en, trace FROM ledger_entries WHERE number = $number AND plan = $plan AND subscription_start = $start ORDER BY id",
            ("$number", subscription.Number.Value), ("$plan", subscription.Plan.Key), ("$start", subscription.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        using var reader = command.ExecuteReader();
        var result = new List<LedgerEntry>();
        while (reader.Read())
        {
            result.Add(ReadLedgerEntry(reader, 0));
        }
        return result;
    }

    private static LedgerEntry ReadLedgerEntry(SqliteDataReader reader, int at) => new(
        Enum.Parse<LedgerEntryKind>(reader.GetString(at)),
        DateOnly.ParseExact(reader.GetString(at + 1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        new Money.Money(decimal.Parse(reader.GetString(at + 2), CultureInfo.InvariantCulture)),
        decimal.Parse(reader.GetString(at + 3), CultureInfo.InvariantCulture),
        new LocalizedText(reader.GetString(at + 4), reader.GetString(at + 5)),
        reader.GetString(at + 6));

    public void AppendLedger(Subscription subscription, LedgerEntry entry) => InTransaction(() => InsertLedger(subscription, entry, null));

    private IssuedDocument InsertDocument(HotlineNumber number, BillingPeriod period, int sequence, Money.Money total, string document, int catalogVersion, int accountsSnapshot)
    {
        var now = DateTimeOffset.UtcNow;
        var id = (long)Scalar(
            """
            INSERT INTO statements (number, period, sequence, kind, total, catalog_version, accounts_snapshot, document, issued_at)
            VALUES ($number, $period, $sequence, $kind, $total, $catalog, $accounts, $document, $at)
            RETURNING id
            """,
            ("$number", number.Value), ("$period", period.ToString()), ("$sequence", sequence), ("$kind", sequence == 0 ? "statement" : "adjustment"),
            ("$total", total.Yuan.ToString(CultureInfo.InvariantCulture)), ("$catalog", catalogVersion), ("$accounts", accountsSnapshot),
            ("$document", document), ("$at", now.ToUnixTimeMilliseconds()))!;
        return new IssuedDocument(id, number, period, sequence, total, now.ToOffset(ChinaTime.Offset), null, null);
    }

    private void InsertLedger(Subscription subscription, LedgerEntry entry, long? statement) => Execute(
        """
        INSERT INTO ledger_entries (number, plan, subscription_start, kind, date, amount, minutes, reason_zh, reason_en, trace, statement, recorded_at)
        VALUES ($number, $plan, $start, $kind, $date, $amount, $minutes, $zh, $en, $trace, $statement, $at)
        """,
        ("$number", subscription.Number.Value), ("$plan", subscription.Plan.Key), ("$start", subscription.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("$kind", entry.Kind.ToString()), ("$date", entry.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("$amount", entry.Amount.Yuan.ToString(CultureInfo.InvariantCulture)), ("$minutes", entry.Minutes.ToString(CultureInfo.InvariantCulture)),
        ("$zh", entry.Reason.Zh), ("$en", entry.Reason.En), ("$trace", entry.Trace), ("$statement", statement), ("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));


    /// <summary>
    /// The statements of a bill run written with prepared statements, the document bound as the
    /// UTF-8 bytes it was serialized to (stored as TEXT, as <see cref="InsertDocument"/> stores it),
    /// the call detail as a blob in <c>statement_calls</c>.
    /// </summary>
    private sealed class StatementWriter : IDisposable
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _exists;
        private readonly sqlite3_stmt _statement;
        private readonly sqlite3_stmt _ledger;
        private readonly sqlite3_stmt _calls;

        public StatementWriter(sqlite3 db)
        {
            _db = db;
            Check(raw.sqlite3_prepare_v2(db, "SELECT 1 FROM statements WHERE number = ?1 AND period = ?2", out _exists));
            Check(raw.sqlite3_prepare_v2(db, """
                INSERT INTO statements (number, period, sequence, kind, total, catalog_version, accounts_snapshot, document, issued_at)
                VALUES (?1, ?2, 0, 'statement', ?3, ?4, ?5, ?6, ?7)
                RETURNING id
                """, out _statement));
            Check(raw.sqlite3_prepare_v2(db, """
                INSERT INTO ledger_entries (number, plan, subscription_start, kind, date, amount, minutes, reason_zh, reason_en, trace, statement, recorded_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                """, out _ledger));
            Check(raw.sqlite3_prepare_v2(db, "INSERT INTO statement_calls (statement, format, calls, detail) VALUES (?1, ?2, ?3, ?4)", out _calls));
        }

        public void InsertCalls(long statement, int calls, ReadOnlySpan<byte> detail)
        {
            var s = _calls;
            raw.sqlite3_bind_int64(s, 1, statement);
            raw.sqlite3_bind_int(s, 2, CallDetailCodec.Format);
            raw.sqlite3_bind_int(s, 3, calls);
            raw.sqlite3_bind_blob(s, 4, detail);
            var rc = raw.sqlite3_step(s);
            raw.sqlite3_reset(s);
            raw.sqlite3_clear_bindings(s);
            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }
        }

        public bool Exists(HotlineNumber number, BillingPeriod period)
        {
            raw.sqlite3_bind_int64(_exists, 1, number.Value);
            raw.sqlite3_bind_text(_exists, 2, period.ToString());
            var rc = raw.sqlite3_step(_exists);
            raw.sqlite3_reset(_exists);
            if (rc is not (raw.SQLITE_ROW or raw.SQLITE_DONE))
            {
                Check(rc);
            }
            return rc == raw.SQLITE_ROW;
        }

        public long InsertStatement(PreparedStatement statement, int catalogVersion, int accountsSnapshot, long atMs)
        {
            var s = _statement;
            raw.sqlite3_bind_int64(s, 1, statement.Number.Value);
            raw.sqlite3_bind_text(s, 2, statement.Period.ToString());
            raw.sqlite3_bind_text(s, 3, statement.Total.Yuan.ToString(CultureInfo.InvariantCulture));
            raw.sqlite3_bind_int(s, 4, catalogVersion);
            raw.sqlite3_bind_int(s, 5, accountsSnapshot);
            raw.sqlite3_bind_text(s, 6, statement.Document);
            raw.sqlite3_bind_int64(s, 7, atMs);
            var rc = raw.sqlite3_step(s);
            var id = rc == raw.SQLITE_ROW ? raw.sqlite3_column_int64(s, 0) : 0;
            raw.sqlite3_reset(s);
            raw.sqlite3_clear_bindings(s);
            if (rc != raw.SQLITE_ROW)
            {
                Check(rc == raw.SQLITE_DONE ? raw.SQLITE_ERROR : rc);
            }
            return id;
        }

        public void InsertLedger(Subscription subscription, LedgerEntry entry, long statement, long atMs)
        {
            var s = _ledger;
            raw.sqlite3_bind_int64(s, 1, subscription.Number.Value);
            raw.sqlite3_bind_text(s, 2, subscription.Plan.Key);
            raw.sqlite3_bind_text(s, 3, subscription.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            raw.sqlite3_bind_text(s, 4, entry.Kind.ToString());
            raw.sqlite3_bind_text(s, 5, entry.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            raw.sqlite3_bind_text(s, 6, entry.Amount.Yuan.ToString(CultureInfo.InvariantCulture));
            raw.sqlite3_bind_text(s, 7, entry.Minutes.ToString(CultureInfo.InvariantCulture));
            raw.sqlite3_bind_text(s, 8, entry.Reason.Zh);
            raw.sqlite3_bind_text(s, 9, entry.Reason.En);
            raw.sqlite3_bind_text(s, 10, entry.Trace);
            raw.sqlite3_bind_int64(s, 11, statement);
            raw.sqlite3_bind_int64(s, 12, atMs);
            var rc = raw.sqlite3_step(s);
            raw.sqlite3_reset(s);
            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }
        }

        private void Check(int rc)
        {
            if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            {
                throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
            }
        }

        public void Dispose()
        {
            _exists.Dispose();
            _statement.Dispose();
            _ledger.Dispose();
            _calls.Dispose();
        }
    }
}
