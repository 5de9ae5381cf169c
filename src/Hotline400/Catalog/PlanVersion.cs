using Hotline400.Common;
using Hotline400.Money;

namespace Hotline400.Catalog;

/// <summary>
/// One version of a plan's terms, in force from <see cref="Effective"/> until the next version.
/// Everything that prices a call or a month lives here.
/// </summary>
public sealed record PlanVersion
{
    public required int Number { get; init; }
    public required DateOnly Effective { get; init; }
    public int TermMonths { get; init; } = 12;
    public Package? Package { get; init; }
    public required Rate Rate { get; init; }
    public required BillingRules Billing { get; init; }
    public required BandTable Bands { get; init; }
    public IReadOnlyList<RegionRate> Regions { get; init; } = [];
    public TierTable? Tiers { get; init; }
    public Allowance? Allowance { get; init; }
    public Money.Money MonthlyFee { get; init; }
    public Money.Money MonthlyMinimum { get; init; }
    public FirstMonthRule FirstMonth { get; init; } = FirstMonthRule.Actual;
    public MinimumTopUp? MinimumTopUp { get; init; }
    public IReadOnlyList<string> IncludedServices { get; init; } = [];
    public Seats? Seats { get; init; }
    public OutboundRates? Outbound { get; init; }
    public IReadOnlyList<Promotion> Promotions { get; init; } = [];
    public required decimal VatRate { get; init; }

    /// <summary>Text such as "v2 (2026-07-01)" for explanations.</summary>
    public override string ToString() => $"v{Number} ({Effective:yyyy-MM-dd})";
}

/// <summary>What the prepaid package amount buys.</summary>
public enum PackageBuys
{
    /// <summary>Minutes at the plan rate: price / rate minutes of allowance.</summary>
    Minutes,

    /// <summary>A money balance that usage is drawn from.</summary>
    Money,
}

/// <summary>The prepaid package (套餐预存): its price per term and what it buys.</summary>
public sealed record Package(Money.Money Price, PackageBuys Buys);

/// <summary>When billing of a call starts.</summary>
public enum BillingStart
{
    /// <summary>At answer, or at pick-up when an enabled service answers first (IVR, voicemail…).</summary>
    Answer,

    /// <summary>Always at pick-up.</summary>
    Pickup,
}

/// <summary>Where rounding to the fen happens, stated once per plan version.</summary>
public enum RoundingPoint
{
    PerCall,
    PerLine,
}

/// <summary>How a call crossing a band boundary is priced.</summary>
public enum BandsBy
{
    /// <summary>The band at billing start prices the whole call.</summary>
    Start,

    /// <summary>Each unit is priced by the band in force when it starts.</summary>
    Split,
}

/// <summary>
/// How billable seconds become billed units and money: an optional first block with its own
/// price, then increments, a minimum billed duration and a connect fee.
/// </summary>
public sealed record BillingRules(
    BillingStart Start,
    int FirstBlockSeconds,
    Money.Money? FirstBlockPrice,
    int IncrementSeconds,
    int MinimumSeconds,
    Money.Money ConnectFee,
    RoundingPoint Rounding,
    BandsBy BandsBy)
{
    public static readonly BillingRules PerMinute = new(BillingStart.Answer, 0, null, 60, 0, Money.Money.Zero, RoundingPoint.PerCall, BandsBy.Start);
}

/// <summary>A caller-region rate: the first entry whose patterns match the caller's region wins.</summary>
public sealed record RegionRate(IReadOnlyList<string> Match, Rate Rate);

public enum TierMode
{
    /// <summary>Each minute is priced at the tier it falls in.</summary>
    Graduated,

    /// <summary>The month's total volume picks one tier for every minute.</summary>
    Volume,
}

/// <summary>Tier steps by minutes billed in the calendar month, per subscription.</summary>
public sealed record TierTable(TierMode Mode, IReadOnlyList<TierStep> Steps)
{
    /// <summary>The step in force once <paramref name="minutes"/> minutes have been billed this month.</summary>
    public int StepIndexAt(decimal minutes)
    {
        var index = 0;
        for (var i = 1; i < Steps.Count; i++)
        {
            if (minutes >= Steps[i].FromMinutes)
            {
                index = i;
            }
        }
        return index;
    }
}

public sealed record TierStep(long FromMinutes, Rate Rate);

public enum AllowancePeriod
{
    Month,
    Term,
}

public enum ExhaustionRule
{
    Overage,
    Suspend,
}

/// <summary>Included minutes, granted per calendar month or per term, consumed in call start order.</summary>
public sealed record Allowance(long Minutes, AllowancePeriod Per, int ExpiresAfterMonths, ExhaustionRule OnExhausted, Rate? OverageRate);

/// <summary>How the monthly minimum treats the first (activation) month.</summary>
public enum FirstMonthRule
{
    /// <summary>Usage only: no minimum in the first month.</summary>
    Actual,

    /// <summary>The full minimum applies.</summary>
    Full,

    /// <summary>The minimum is prorated by the days subscribed.</summary>
    Prorated,
}

/// <summary>Top-up rule: at least <see cref="Amount"/> and at least N months of the monthly minimum.</summary>
public sealed record MinimumTopUp(Money.Money Amount, int MonthsOfMinimum);

/// <summary>Switchboard lines (seats): some included, each extra one priced per year.</summary>
public sealed record Seats(int Included, Money.Money YearlyPerExtra);

/// <summary>Rates for calls the enterprise places (through a companion ordinary number).</summary>
public sealed record OutboundRates(Rate Local, Rate LongDistance, Rate Mobile, Money.Money MonthlyFee);

public enum PromotionKind
{
    FirstYearPrice,
    FreeMonths,
    PercentOff,
}

/// <summary>What a promotion discounts.</summary>
public enum PromotionTarget
{
    Package,
    MonthlyFee,
    Usage,
    All,
}

/// <summary>A new-user offer: first-year price, free months, or a percentage off for some months.</summary>
public sealed record Promotion(PromotionKind Kind, Money.Money Price, int Months, decimal Percent, PromotionTarget Of);
