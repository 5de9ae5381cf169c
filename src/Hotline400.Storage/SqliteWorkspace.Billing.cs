using System.Globalization;
using Hotline400.Accounts;
using Hotline400.Billing;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Storage;

/// <summary>Issued statements, adjustments and the prepaid ledger in the SQLite workspace.</summary>
public sealed partial class SqliteWorkspace
{
    public IReadOnlyList<IssuedDocument> Issued(HotlineNumber number, BillingPeriod period)
    {
        using var command = Command(
            "SELECT id, sequence, total, issued_at, document FROM statements WHERE number = $number AND period = $period ORDER BY sequence",
            ("$number", number.Value), ("$period", period.ToString()));
        using var reader = command.ExecuteReader();
        var result = new List<IssuedDocument>();
        while (reader.Read())
        {
            var sequence = reader.GetInt32(1);
            var document = reader.GetString(4);
            result.Add(new IssuedDocument(
                reader.GetInt64(0), number, period, sequence,
                new Money.Money(decimal.Parse(reader.GetString(2), CultureInfo.InvariantCulture)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)).ToOffset(ChinaTime.Offset),
                sequence == 0 ? StatementDocuments.ReadStatement(document) : null,
                sequence == 0 ? null : StatementDocuments.ReadAdjustment(document)));
        }
        return result;
    }

    public IssuedDocument IssueStatement(Statement statement, AccountBook accounts, int catalogVersion, int accountsSnapshot)
    {
        IssuedDocument? issued = null;
        InTransaction(() =>
        {
            if (Scalar("SELECT 1 FROM statements WHERE number = $number AND period = $period", ("$number", statement.Number.Value), ("$period", statement.Period.ToString())) is not null)
            {
                throw new WorkspaceException($"a statement for {statement.Number.ToDisplayString()} {statement.Period} is issued already; a correction is an adjustment");
            }
            issued = InsertDocument(statement.Number, statement.Period, 0, statement.Total, StatementDocuments.Serialize(statement), catalogVersion, accountsSnapshot);
            foreach (var entry in statement.LedgerEntries)
            {
                InsertLedger(accounts.Subscriptions[entry.SubscriptionIndex], entry.Entry, issued.Id);
            }
        });
        return issued!;
    }

    public IssuedDocument IssueAdjustment(StatementAdjustment adjustment, Subscription subscription, int catalogVersion, int accountsSnapshot)
    {
        IssuedDocument? issued = null;
        InTransaction(() =>
        {
            var next = Convert.ToInt32(Scalar("SELECT COALESCE(MAX(sequence), -1) + 1 FROM statements WHERE number = $number AND period = $period",
                ("$number", adjustment.Number.Value), ("$period", adjustment.Period.ToString())), CultureInfo.InvariantCulture);
            if (next == 0)
            {
                throw new WorkspaceException($"no statement for {adjustment.Number.ToDisplayString()} {adjustment.Period} to adjust");
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
            result.Add(new LedgerEntry(
                Enum.Parse<LedgerEntryKind>(reader.GetString(0)),
                DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                new Money.Money(decimal.Parse(reader.GetString(2), CultureInfo.InvariantCulture)),
                decimal.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                new LocalizedText(reader.GetString(4), reader.GetString(5)),
                reader.GetString(6)));
        }
        return result;
    }

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

}
