using Hotline400.Accounts;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Billing;

/// <summary>What a statement line charges or credits.</summary>
public enum LineKind
{
    /// <summary>The prepaid package bought for a term (in the month the term starts).</summary>
    Package,

    /// <summary>Monthly function fee (月功能费), prorated by days.</summary>
    MonthlyFee,

    /// <summary>A value-added service's monthly or yearly price.</summary>
    ServiceFee,

    /// <summary>The companion outbound number's monthly fee.</summary>
    OutboundFee,

    /// <summary>Switchboard lines beyond those included, per year.</summary>
    Seats,

    /// <summary>One-off fees: number selection (选号费), ring-back recording…</summary>
    OneOff,

    /// <summary>Calls of one band, rate and rate source.</summary>
    Usage,

    /// <summary>A per-minute service fee on calls (recording…).</summary>
    UsageServiceFee,

    /// <summary>Connect fees of charged calls.</summary>
    ConnectFee,

    /// <summary>The callers' share paid by the enterprise (toll-free 800 plans).</summary>
    CallerShare,

    /// <summary>The difference up to the monthly minimum consumption (月最低消费补足).</summary>
    MinimumTopUp,

    /// <summary>A promotion's discount (negative).</summary>
    Promotion,

    /// <summary>Charges paid from the prepaid balance (negative).</summary>
    PrepaymentDrawn,

    /// <summary>A correction of an issued statement (on an adjustment, never on the statement itself).</summary>
    Adjustment,
}

/// <summary>What a quantity counts.</summary>
public enum QuantityUnit
{
    Item,
    Month,
    Day,
    Year,
    Minute,
    Seat,
}

/// <summary>
/// Where a line's amount comes from: the plan (key and version) and the term of it that was used
/// (<c>monthly_fee</c>, <c>services.ivr.yearly</c>, <c>promotions[0]</c>…), and for lines made of
/// calls, how many calls and their ids.
/// </summary>
public sealed record LineTrace(string PlanKey, int Version, string Term, int Calls = 0, IReadOnlyList<string>? CallIds = null)
{
    public IReadOnlyList<string> CallIdList => CallIds ?? [];

    /// <summary>"p/flat v1 monthly_fee" or "p/flat v1 rate · 3 calls" (the English form).</summary>
    public override string ToString() => In(Language.En);

    /// <summary>
    /// The trace as a reader sees it: the plan, version and catalog term (the catalog's own words, in
    /// any language) and the number of calls, "· 3 通" in Chinese, "· 3 calls" (or "· 1 call") in English.
    /// </summary>
    public string In(Language lang) =>
        (PlanKey.Length == 0 ? Term : $"{PlanKey} v{Version} {Term}")
        + (Calls <= 0 ? "" : lang == Language.En ? $" · {Calls} call{(Calls == 1 ? "" : "s")}" : $" · {Calls} 通");
}

/// <summary>
/// One line of a statement. <see cref="Amount"/> is in whole fen; <see cref="UnitPrice"/> is shown
/// for reading and may carry more decimals. <see cref="Key"/> identifies the line across re-billing
/// runs of the same period (same kind, subscription and term ⇒ same key).
/// Usage lines also say how many of their minutes the allowance covered.
/// </summary>
public sealed record StatementLine(
    string Key,
    LineKind Kind,
    LocalizedText Description,
    decimal Quantity,
    QuantityUnit Unit,
    Money.Money? UnitPrice,
    Money.Money Amount,
    LineTrace Trace)
{
    /// <summary>Usage lines: minutes the allowance covered (valued at the rate when a package bought them).</summary>
    public decimal AllowanceMinutes { get; init; }

    /// <summary>Usage lines: minutes charged beyond the allowance.</summary>
    public decimal ChargedMinutes { get; init; }

    /// <summary>The subscription the line belongs to (−1 for none).</summary>
    public int SubscriptionIndex { get; init; } = -1;
}

/// <summary>What an alert warns about.</summary>
public enum AlertKind
{
    AllowanceLow,
    BalanceLow,
    ProjectedExhaustion,
    TermEnding,

    /// <summary>Calls were priced by bands that depend on the day type on days the holiday calendar has no notice for.</summary>
    HolidaysUnknown,
}

/// <summary>A warning on a statement, in Chinese and English.</summary>
public sealed record StatementAlert(AlertKind Kind, LocalizedText Message);

/// <summary>One call in the itemized detail (YD/T 1176 style): the caller's middle digits masked.</summary>
public sealed record CallDetail(
    string CallId,
    DateTimeOffset Started,
    string CallerMasked,
    string RegionZh,
    string RegionEn,
    long DurationSeconds,
    decimal BilledMinutes,
    Money.Money Charge);

/// <summary>
/// The figures under the lines. <see cref="Due"/> is the sum of every line; <see cref="VatIncluded"/>
/// is the VAT part of <see cref="Due"/> (<see cref="Vat.Included"/>), not of <see cref="Charges"/>.
/// </summary>
public sealed record StatementTotals(
    Money.Money Charges,
    Money.Money PrepaymentDrawn,
    Money.Money Due,
    Money.Money VatIncluded,
    decimal VatRate,
    Money.Money OpeningBalance,
    Money.Money BalanceCarried);

/// <summary>
/// A number's statement for one <see cref="BillingPeriod"/>. Immutable: once issued it never
/// changes; a later correction is a <see cref="StatementAdjustment"/>. The line amounts sum exactly
/// to <see cref="Total"/>, the amount due.
/// </summary>
public sealed class Statement
{
    public required HotlineNumber Number { get; init; }
    public required string EnterpriseId { get; init; }
    public required BillingPeriod Period { get; init; }
    public required IReadOnlyList<StatementLine> Lines { get; init; }
    public required StatementTotals Totals { get; init; }
    public required IReadOnlyList<StatementAlert> Alerts { get; init; }
    public required IReadOnlyList<CallDetail> CallDetails { get; init; }

    /// <summary>The ledger entries issuing this statement adds (package prepaid, consumption drawn, minutes used).</summary>
    public required IReadOnlyList<LedgerEntryFor> LedgerEntries { get; init; }

    /// <summary>Subscriptions billed, as "plan key" per index.</summary>
    public required IReadOnlyList<string> Plans { get; init; }

    /// <summary>
    /// The names of <see cref="Plans"/> (same order), as people know the plans: 1200元年套餐. Empty on
    /// statements issued before the names were kept; those show the keys.
    /// </summary>
    public IReadOnlyList<LocalizedText> PlanNames { get; init; } = [];

    /// <summary>The amount due: the exact sum of the lines.</summary>
    public Money.Money Total => Totals.Due;
}

/// <summary>
/// The VAT shown on statements and adjustments (docs/billing.md, "VAT"). Prices are tax-inclusive
/// and a VAT invoice follows money paid: a prepayment (a package, a top-up) is invoiced when it is
/// paid, and consumption drawn from it is not invoiced again. So the VAT part of a document is
/// the part of its <b>amount due</b>, rounded once: <c>due × r / (1 + r)</c>. A negative due (an
/// adjustment crediting the customer) has the opposite VAT, as a red-letter invoice does.
/// </summary>
public static class Vat
{
    /// <summary>The VAT included in <paramref name="due"/> at <paramref name="rate"/> (0.06 for 6 %), rounded to the fen once.</summary>
    public static Money.Money Included(Money.Money due, decimal rate) => (due * (rate / (1 + rate))).RoundToFen();
}

/// <summary>A ledger entry for one subscription (by <see cref="Subscription.Index"/>).</summary>
public sealed record LedgerEntryFor(int SubscriptionIndex, LedgerEntry Entry);

/// <summary>
/// How a package's lines are read (docs/billing.md, "Prepayment drawn, balance carried"): the
/// package line is the price of the package, and that price is the <b>credit</b> its prepayment
/// buys, the balance consumption is drawn from. A promotion on the package (the first-year price,
/// percent off or free months of the package, the package's share of a promotion of everything)
/// is a <b>discount</b> on the price paid: it lowers what the package costs, never what it buys,
/// so it is neither credit nor consumption. Every other line is consumption.
/// </summary>
public static class PackageLines
{
    /// <summary>A package line: its amount is credited to the prepaid balance.</summary>
    public static bool IsCredit(StatementLine line) => line.Kind == LineKind.Package;

    /// <summary>A promotion on a package: a discount on the price paid, not on the credit.</summary>
    public static bool IsDiscount(StatementLine line) =>
        line.Kind == LineKind.Promotion
        && (line.Key.Contains("|package", StringComparison.Ordinal) || line.Trace.Term.EndsWith("of package", StringComparison.Ordinal));
}
