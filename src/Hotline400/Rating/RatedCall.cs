using Hotline400.Accounts;
using Hotline400.Catalog;
using Hotline400.Calls;
using Hotline400.Money;

namespace Hotline400.Rating;

/// <summary>Why billing of a call started when it did.</summary>
public enum BillingFrom : byte
{
    /// <summary>Nothing to bill: nobody answered and no service picked the call up, or it was blocked.</summary>
    NotBilled,

    /// <summary>From the moment a bound phone answered (ring-back mode).</summary>
    Answer,

    /// <summary>From the moment the platform picked the call up (IVR, voicemail…).</summary>
    Pickup,
}

/// <summary>Where the per-minute rate of a piece of a call came from (the first that applies wins).</summary>
public enum RateSource : byte
{
    Plan,
    Tier,
    Band,
    Region,
    Overage,
    Outbound,
}

/// <summary>A run of a call's billed units priced alike.</summary>
public readonly record struct UsagePiece(int BandIndex, RateSource Source, Rate Rate, int Units, long BilledSeconds, long CoveredSeconds, Money.Money Charge);

/// <summary>A per-minute service fee charged on a call (recording…).</summary>
public readonly record struct ServiceFee(ServiceDefinition Service, Money.Money Amount);

/// <summary>
/// A call rated under a plan version, with everything needed to explain its charge: why billing
/// started when it did, billable and billed seconds, units, band and rate, the allowance before and
/// after, each fee and adjustment. <see cref="Charge"/> is what the enterprise pays for the call.
/// </summary>
public sealed class RatedCall
{
    public required CallRecord Call { get; init; }
    public required Subscription Subscription { get; init; }
    public required PlanVersion Version { get; init; }
    public Plan Plan => Subscription.Plan;
    public required BillingFrom BillingFrom { get; init; }
    public required long BillableSeconds { get; init; }
    public required long BilledSeconds { get; init; }
    public required int Units { get; init; }
    public required UsagePiece[] Pieces { get; init; }
    public required int RegionId { get; init; }

    /// <summary>Whether the plan has an allowance; then the before/after figures are meaningful.</summary>
    public bool HasAllowance { get; init; }
    public long AllowanceBeforeSeconds { get; init; }
    public long AllowanceAfterSeconds { get; init; }
    public long AllowanceUsedSeconds => AllowanceBeforeSeconds - AllowanceAfterSeconds;

    /// <summary>The call went past an allowance on a plan that suspends on exhaustion.</summary>
    public bool OverSuspendedAllowance { get; init; }

    public Money.Money UsageCharge { get; init; }
    public Money.Money ConnectFee { get; init; }
    public ServiceFee[] ServiceFees { get; init; } = [];

    /// <summary>What the caller pays their own carrier (shown for transparency; paid by the enterprise on 800 plans).</summary>
    public Money.Money CallerShare { get; init; }

    /// <summary>The caller's share is part of <see cref="Charge"/> (toll-free 800 plans).</summary>
    public bool CallerShareCharged { get; init; }

    /// <summary>Total before the plan's rounding rule.</summary>
    public Money.Money ExactCharge { get; init; }

    /// <summary>What the enterprise pays: rounded to the fen when the plan rounds per call, exact otherwise.</summary>
    public required Money.Money Charge { get; init; }

    /// <summary>
    /// Set when the call was priced by bands that depend on the day type (<see cref="BandTable.DependsOnHolidays"/>)
    /// on a day the holiday calendar has no notice for: the first day of that stretch without data
    /// (<see cref="Calendar.HolidayCalendar.UnknownFrom"/>). Such a day was priced as its plain weekday.
    /// </summary>
    public DateOnly? HolidaysUnknownFrom { get; init; }

    /// <summary>The first piece's band, rate and source (the call's band when it is not split).</summary>
    public UsagePiece MainPiece => Pieces.Length > 0 ? Pieces[0] : default;

    /// <summary>
    /// How many identical calls this stands for: 1 for a call, k for <see cref="Times"/>. Every figure
    /// is then the total over them, and <see cref="Charge"/> is k times the charge of one.
    /// </summary>
    public long Count { get; init; } = 1;

    /// <summary><paramref name="k"/> calls rated exactly like this one, as one rated call carrying k times every figure.</summary>
    public RatedCall Times(long k)
    {
        if (k == 1)
        {
            return this;
        }
        var pieces = new UsagePiece[Pieces.Length];
        for (var i = 0; i < pieces.Length; i++)
        {
            var p = Pieces[i];
            pieces[i] = p with { Units = (int)Math.Min(int.MaxValue, p.Units * k), BilledSeconds = p.BilledSeconds * k, CoveredSeconds = p.CoveredSeconds * k, Charge = p.Charge * k };
        }
        var fees = new ServiceFee[ServiceFees.Length];
        for (var i = 0; i < fees.Length; i++)
        {
            fees[i] = ServiceFees[i] with { Amount = ServiceFees[i].Amount * k };
        }
        return new RatedCall
        {
            Call = Call,
            Subscription = Subscription,
            Version = Version,
            BillingFrom = BillingFrom,
            BillableSeconds = BillableSeconds * k,
            BilledSeconds = BilledSeconds * k,
            Units = (int)Math.Min(int.MaxValue, Units * k),
            Pieces = pieces,
            RegionId = RegionId,
            HasAllowance = HasAllowance,
            AllowanceBeforeSeconds = AllowanceBeforeSeconds,
            AllowanceAfterSeconds = AllowanceBeforeSeconds - AllowanceUsedSeconds * k,
            OverSuspendedAllowance = OverSuspendedAllowance,
            UsageCharge = UsageCharge * k,
            ConnectFee = ConnectFee * k,
            ServiceFees = fees,
            CallerShare = CallerShare * k,
            CallerShareCharged = CallerShareCharged,
            ExactCharge = ExactCharge * k,
            Charge = Charge * k,
            Count = Count * k,
            HolidaysUnknownFrom = HolidaysUnknownFrom,
        };
    }
}

/// <summary>
/// A call that cannot be rated (unknown number, no subscription, outbound without rates…): the
/// field and the reason, a stable code with its Chinese and English wording (<see cref="RejectReasons"/>).
/// </summary>
public sealed record RatingReject(string Field, RejectReason Reason)
{
    /// <summary>The reason's stable code (<see cref="RejectCodes"/>).</summary>
    public string Code => Reason.Code;

    /// <summary>A call of a number the accounts do not hold; every command words it alike.</summary>
    public static RatingReject UnknownNumber(Numbers.HotlineNumber number) => new("number", RejectReasons.UnknownNumber(number));

    /// <summary>The reject of the row <paramref name="raw"/> at <paramref name="file"/>:<paramref name="line"/>.</summary>
    public CallReject At(string file, int line, string raw) => new(file, line, Field, Reason, raw);
}
