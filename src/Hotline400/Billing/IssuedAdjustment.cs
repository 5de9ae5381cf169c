using Hotline400.Common;

namespace Hotline400.Billing;

/// <summary>
/// An adjustment as issued after a statement: its number (1 for the first adjustment of the month,
/// 2 for the next…), the day it was issued (China time) and its lines. Every rendering of a
/// statement shows its adjustments after it with these (docs/billing.md, "Renderers").
/// </summary>
public sealed record IssuedAdjustment(int Number, DateOnly Date, StatementAdjustment Adjustment)
{
    /// <summary>What the adjustment charges (positive) or credits (negative): the sum of its lines.</summary>
    public Money.Money Total => Adjustment.Total;

    /// <summary>The VAT part of <see cref="Total"/> at <paramref name="rate"/>: an adjustment is paid (or refunded) on its own.</summary>
    public Money.Money Vat(decimal rate) => Billing.Vat.Included(Total, rate);

    /// <summary>
    /// Why it was issued: the distinct reasons of its lines, in their order. The amount paid from
    /// the prepayment only follows the other lines, so its reason is left out when they give one.
    /// </summary>
    public LocalizedText Reason
    {
        get
        {
            var main = Adjustment.Lines.Where(l => l.Kind != LineKind.PrepaymentDrawn).ToList();
            var lines = main.Count > 0 ? main : Adjustment.Lines.ToList();
            var zh = lines.Select(l => l.Reason.Zh).Distinct(StringComparer.Ordinal);
            var en = lines.Select(l => l.Reason.En).Distinct(StringComparer.Ordinal);
            return new LocalizedText(string.Join("；", zh), string.Join("; ", en));
        }
    }

    /// <summary>What is due for the period once the adjustments are counted: the statement's total plus each adjustment's.</summary>
    public static Money.Money DueAfter(Statement statement, IEnumerable<IssuedAdjustment> adjustments) =>
        adjustments.Aggregate(statement.Total, (sum, a) => sum + a.Total);

    /// <summary>
    /// The VAT of what is due after the adjustments: the statement's VAT plus each adjustment's, as
    /// the invoices of the statement and of each adjustment say (each rounded once).
    /// </summary>
    public static Money.Money VatAfter(Statement statement, IEnumerable<IssuedAdjustment> adjustments) =>
        adjustments.Aggregate(statement.Totals.VatIncluded, (sum, a) => sum + a.Vat(statement.Totals.VatRate));
}
