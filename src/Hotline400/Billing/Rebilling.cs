using Hotline400.Accounts;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Billing;

/// <summary>
/// One correction of an issued statement: what a line was, what it is now, the difference charged
/// (or credited) and why. Issued statements are never edited; the adjustment is a new document.
/// </summary>
public sealed record AdjustmentLine(
    string Key,
    LineKind Kind,
    LocalizedText Description,
    Money.Money Was,
    Money.Money Now,
    Money.Money Amount,
    LocalizedText Reason,
    LineTrace Trace);

/// <summary>The adjustment lines a re-billing run issues for one number and period. Empty when nothing changed.</summary>
public sealed record StatementAdjustment(HotlineNumber Number, BillingPeriod Period, IReadOnlyList<AdjustmentLine> Lines)
{
    public bool IsEmpty => Lines.Count == 0;

    public Money.Money Total => Lines.Aggregate(Money.Money.Zero, (s, l) => s + l.Amount);
}

/// <summary>
/// Re-billing: compares a period's new computation with what was already issued for it (the
/// statement plus every adjustment since) and issues an adjustment line for each line whose amount
/// changed. Billing again with nothing new issues nothing; an amount is never charged twice because
/// the comparison is with everything issued so far.
/// </summary>
public static class Rebilling
{
    public static StatementAdjustment Adjust(Statement issued, IEnumerable<StatementAdjustment> priorAdjustments, Statement recomputed)
    {
        if (issued.Number.Value != recomputed.Number.Value || issued.Period != recomputed.Period)
        {
            throw new ArgumentException($"re-billing compares the same number and period: {issued.Number.Value} {issued.Period} vs {recomputed.Number.Value} {recomputed.Period}");
        }
        // What has been issued so far, per line key: the statement's amount plus every adjustment.
        var was = new Dictionary<string, Money.Money>(StringComparer.Ordinal);
        var lastTrace = new Dictionary<string, LineTrace>(StringComparer.Ordinal);
        var lastLine = new Dictionary<string, (LineKind Kind, LocalizedText Description)>(StringComparer.Ordinal);
        var order = new List<string>();
        void Seen(string key)
        {
            if (!was.ContainsKey(key))
            {
                was[key] = Money.Money.Zero;
                order.Add(key);
            }
        }
        foreach (var l in issued.Lines)
        {
            Seen(l.Key);
            was[l.Key] += l.Amount;
            lastTrace[l.Key] = l.Trace;
            lastLine[l.Key] = (l.Kind, l.Description);
        }
        foreach (var a in priorAdjustments)
        {
            foreach (var l in a.Lines)
            {
                Seen(l.Key);
                was[l.Key] += l.Amount;
                lastTrace[l.Key] = l.Trace;
                lastLine[l.Key] = (l.Kind, l.Description);
            }
        }
        var now = new Dictionary<string, StatementLine>(StringComparer.Ordinal);
        foreach (var l in recomputed.Lines)
        {
            Seen(l.Key);
            now[l.Key] = l;
        }

        var lines = new List<AdjustmentLine>();
        foreach (var key in order)
        {
            var before = was[key];
            now.TryGetValue(key, out var line);
            var after = line?.Amount ?? Money.Money.Zero;
            if (after == before)
            {
                continue;
            }
            lastTrace.TryGetValue(key, out var oldTrace);
            var (kind, description) = line is not null ? (line.Kind, line.Description) : lastLine[key];
            var trace = line?.Trace ?? oldTrace!;
            lines.Add(new AdjustmentLine(key, kind, description, before, after, after - before, Reason(oldTrace, line), trace));
        }
        return new StatementAdjustment(recomputed.Number, recomputed.Period, lines);
    }

    /// <summary>
    /// The ledger corrections re-billing a period adds for the packages of terms starting in it. A
    /// term's credit in the ledger (the sum of the entries traced to its package) must be what the
    /// recomputed statement credits: the package price (docs/billing.md), or nothing when the
    /// package is no longer charged. Each difference is one <see cref="LedgerEntryKind.Adjustment"/>
    /// dated the period's last day, under the package's trace, so that once appended the next
    /// re-billing finds nothing to correct. This corrects a credit recorded under an earlier rule (a
    /// promotion on the package once lowered it) and a corrected package price; the change in what
    /// is drawn is the adjustment's <c>prepayment_drawn</c> line.
    /// </summary>
    /// <param name="recomputed">The new computation of the period.</param>
    /// <param name="ledgers">The subscriptions' ledgers as they stand now (every entry, not only those before the period).</param>
    public static IReadOnlyList<LedgerEntryFor> CreditCorrections(Statement recomputed, IReadOnlyList<PrepaidLedger> ledgers)
    {
        var period = recomputed.Period;
        var corrections = new List<LedgerEntryFor>();
        foreach (var ledger in ledgers)
        {
            var index = ledger.Subscription.Index;
            // The credit each package term starting in the period should have: the recomputed prepayments,
            // and nothing for a term the ledger credited in the period that the recomputation no longer charges.
            var should = new List<(string Trace, Money.Money Amount)>();
            foreach (var e in recomputed.LedgerEntries)
            {
                if (e.SubscriptionIndex == index && e.Entry.Kind == LedgerEntryKind.Prepayment)
                {
                    should.Add((e.Entry.Trace, e.Entry.Amount));
                }
            }
            foreach (var e in ledger.Entries)
            {
                if (e.Kind == LedgerEntryKind.Prepayment && period.Contains(e.Date) && !should.Exists(s => string.Equals(s.Trace, e.Trace, StringComparison.Ordinal)))
                {
                    should.Add((e.Trace, Money.Money.Zero));
                }
            }
            foreach (var (trace, amount) in should)
            {
                var recorded = Money.Money.Zero;
                foreach (var e in ledger.Entries)
                {
                    if (string.Equals(e.Trace, trace, StringComparison.Ordinal))
                    {
                        recorded += e.Amount;
                    }
                }
                var difference = amount - recorded;
                if (difference == Money.Money.Zero)
                {
                    continue;
                }
                corrections.Add(new(index, new LedgerEntry(LedgerEntryKind.Adjustment, period.LastDay, difference, 0m,
                    new LocalizedText($"{period} 套餐预存更正：预存额度为套餐价 {amount} 元（原记 {recorded} 元）",
                        $"{period} package prepayment corrected: the credit is the package price {amount} (recorded {recorded})"),
                    trace)));
            }
        }
        return corrections;
    }

    private static LocalizedText Reason(LineTrace? old, StatementLine? now)
    {
        if (old is null)
        {
            return new LocalizedText("新增费用（上次出账时没有此项）", "New charge (not on the statement as issued)");
        }
        if (now is null)
        {
            return new LocalizedText("费用撤销（重新计算后不再产生）", "Charge withdrawn (no longer arises on recomputation)");
        }
        if (old.Version != now.Trace.Version || !string.Equals(old.PlanKey, now.Trace.PlanKey, StringComparison.Ordinal))
        {
            return new LocalizedText($"资费更正：{old.PlanKey} v{old.Version} → {now.Trace.PlanKey} v{now.Trace.Version}",
                $"Corrected tariff: {old.PlanKey} v{old.Version} → {now.Trace.PlanKey} v{now.Trace.Version}");
        }
        var more = now.Trace.Calls - old.Calls;
        if (more > 0)
        {
            return new LocalizedText($"补计迟到话单 {more} 条", $"{more} late call record{(more == 1 ? "" : "s")} billed");
        }
        if (more < 0)
        {
            return new LocalizedText($"话单减少 {-more} 条", $"{-more} call record{(more == -1 ? "" : "s")} fewer");
        }
        return new LocalizedText("重新计算（资费目录或相关费用已更正）", "Recomputed (catalog or related charges corrected)");
    }
}
