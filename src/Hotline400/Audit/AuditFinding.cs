using Hotline400.Billing;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Audit;

/// <summary>Why a statement line differs from what the contract gives. Order is the report's order.</summary>
public enum AuditCause
{
    /// <summary>A call billed with other minutes than the plan's first block, increment and minimum give (rounding).</summary>
    BilledMinutes,

    /// <summary>A call billed at another rate than its band, region, tier or overage rate.</summary>
    RateDiffers,

    /// <summary>A call charged while the plan's allowance still covered it.</summary>
    AllowanceNotHonoured,

    /// <summary>A call's charge differs with minutes and rate as expected (connect fee, service fee per minute…).</summary>
    ChargeDiffers,

    /// <summary>On a per_line rounding plan, the call lines of a usage line do not add up to the line rounded once.</summary>
    LineTotalDiffers,

    /// <summary>The same call id billed more than once.</summary>
    ChargedTwice,

    /// <summary>A billed call id that is not in the call records.</summary>
    NotInRecords,

    /// <summary>A call of another 400 number billed on this number's statement.</summary>
    CallOfAnotherNumber,

    /// <summary>A call that started outside the statement's billing month.</summary>
    CallOutsidePeriod,

    /// <summary>A charged call in the records that the statement leaves out (difference negative).</summary>
    NotBilled,

    /// <summary>A fee no plan term or enabled service explains (hidden fee).</summary>
    FeeNotInPlan,

    /// <summary>A fee the plan has, billed at another amount (or not at all).</summary>
    FeeDiffers,

    /// <summary>The monthly minimum top-up differs from the one the statement builder computes.</summary>
    MinimumMisapplied,
}

/// <summary>Names of causes on the wire (JSON) and for people.</summary>
public static class AuditCauses
{
    public static string Code(AuditCause cause) => cause switch
    {
        AuditCause.BilledMinutes => "billed_minutes",
        AuditCause.RateDiffers => "rate_differs",
        AuditCause.AllowanceNotHonoured => "allowance_not_honoured",
        AuditCause.ChargeDiffers => "charge_differs",
        AuditCause.LineTotalDiffers => "line_total_differs",
        AuditCause.ChargedTwice => "charged_twice",
        AuditCause.NotInRecords => "not_in_records",
        AuditCause.CallOfAnotherNumber => "call_of_another_number",
        AuditCause.CallOutsidePeriod => "call_outside_period",
        AuditCause.NotBilled => "not_billed",
        AuditCause.FeeNotInPlan => "fee_not_in_plan",
        AuditCause.FeeDiffers => "fee_differs",
        AuditCause.MinimumMisapplied => "minimum_misapplied",
        _ => cause.ToString(),
    };

    public static LocalizedText Name(AuditCause cause) => cause switch
    {
        AuditCause.BilledMinutes => new("计费分钟数不符（取整/计费单位）", "Billed minutes differ (rounding / increment)"),
        AuditCause.RateDiffers => new("费率不符", "Rate differs"),
        AuditCause.AllowanceNotHonoured => new("套餐内分钟未抵扣", "Allowance not honoured"),
        AuditCause.ChargeDiffers => new("单次通话费用不符", "Call charge differs"),
        AuditCause.LineTotalDiffers => new("按行取整合计不符", "Line total differs (rounded per line)"),
        AuditCause.ChargedTwice => new("重复计费", "Call charged twice"),
        AuditCause.NotInRecords => new("话单中无此通话", "Call not in the records"),
        AuditCause.CallOfAnotherNumber => new("通话不属于该号码", "Call of another number"),
        AuditCause.CallOutsidePeriod => new("通话不在账单周期内", "Call outside the billing period"),
        AuditCause.NotBilled => new("漏计通话（少收）", "Call in the records but not billed"),
        AuditCause.FeeNotInPlan => new("套餐外收费（隐性收费）", "Fee not in the plan (hidden fee)"),
        AuditCause.FeeDiffers => new("费用金额不符", "Fee amount differs"),
        AuditCause.MinimumMisapplied => new("月最低消费计算错误", "Monthly minimum misapplied"),
        _ => new(cause.ToString(), cause.ToString()),
    };
}

/// <summary>
/// One difference between the provider's statement and the re-computation. Amounts are in yuan,
/// whole fen: <see cref="Difference"/> = billed − expected, positive when the provider charged too
/// much, negative when it left money out. <see cref="Line"/> is the statement line (0 for a call or
/// fee the statement lacks).
/// </summary>
public sealed record AuditFinding(
    AuditCause Cause,
    HotlineNumber Number,
    BillingPeriod Period,
    string? CallId,
    string LineType,
    int Line,
    Money.Money Expected,
    Money.Money Billed,
    LocalizedText Detail)
{
    public Money.Money Difference => Billed - Expected;

    /// <summary>The provider's own words for a fee line (its line type when not ours, its description), e.g. 号码维护费; null when it gave none.</summary>
    public string? Wording { get; init; }

    /// <summary>
    /// Set when the expected figure rests on an allowance or a tier volume whose period began before
    /// the number's first call in the call files (<see cref="Rating.AllowanceAssumedFull"/>): the day
    /// the calls would have to start from to verify it. Null: the finding is verified.
    /// </summary>
    public DateOnly? NeedsCallsFrom { get; init; }

    /// <summary>Whether the expected figure is certain: it does not rest on usage before the call files.</summary>
    public bool Verified => NeedsCallsFrom is null;
}

/// <summary>
/// One cause's findings summed: <see cref="AtStake"/> over the verified ones, <see cref="AtStakeUnverified"/>
/// over the <see cref="Unverified"/> ones (<see cref="AuditFinding.Verified"/>); <see cref="Count"/> counts both.
/// </summary>
public sealed record CauseTotal(AuditCause Cause, int Count, Money.Money AtStake, int Unverified, Money.Money AtStakeUnverified);

/// <summary>The outcome of an audit: the findings, the statement rows that could not be read, and the money at stake.</summary>
public sealed class AuditResult
{
    public required IReadOnlyList<AuditFinding> Findings { get; init; }
    public required IReadOnlyList<StatementReject> StatementRejects { get; init; }

    /// <summary>Call rows of the call files that could not be rated (a billed call among them is "not in the records").</summary>
    public required IReadOnlyList<Calls.CallReject> CallRejects { get; init; }

    /// <summary>Things a clerk should check before trusting the findings (e.g. a statement whose calls are all missing from the records).</summary>
    public IReadOnlyList<Common.LocalizedText> Warnings { get; init; } = [];

    /// <summary>Set when calls of the audited statements were priced by bands that depend on the day type on days without holiday data (<see cref="Rating.RatedCall.HolidaysUnknownFrom"/>).</summary>
    public DateOnly? HolidaysUnknownFrom { get; init; }

    /// <summary>
    /// The subscriptions of the audited statements whose allowance period or tier month began before
    /// their number's first call in the call files, by number: the audit took the allowance as unused
    /// and the volume as zero there (the rule of <see cref="Rating.AllowanceAssumedFull"/>), and the
    /// findings that rest on it are not <see cref="AuditFinding.Verified"/>.
    /// </summary>
    public IReadOnlyList<Rating.AllowanceAssumedFull> AllowanceAssumedFull { get; init; } = [];

    /// <summary>Statements audited: each number and period the statement bills.</summary>
    public required IReadOnlyList<(HotlineNumber Number, BillingPeriod Period)> Statements { get; init; }

    public int CallLines { get; init; }
    public int FeeLines { get; init; }
    public long CallsRated { get; init; }
    public Money.Money Billed { get; init; }
    public Money.Money Expected { get; init; }

    /// <summary>The bill is right: every line explained and every row readable.</summary>
    public bool Ok => Findings.Count == 0 && StatementRejects.Count == 0;

    /// <summary>Net money at stake: the sum of the verified differences (billed − expected).</summary>
    public Money.Money AtStake => Sum(Findings.Where(f => f.Verified));

    /// <summary>Money the provider charged too much (sum of the positive verified differences).</summary>
    public Money.Money Overcharged => Sum(Findings.Where(f => f.Verified && f.Difference > Money.Money.Zero));

    /// <summary>Money the provider left out (sum of the negative verified differences, negative).</summary>
    public Money.Money Undercharged => Sum(Findings.Where(f => f.Verified && f.Difference < Money.Money.Zero));

    /// <summary>Net sum of the differences that are not verified: kept apart from <see cref="AtStake"/>, never certain money.</summary>
    public Money.Money AtStakeUnverified => Sum(Findings.Where(f => !f.Verified));

    /// <summary>The findings per cause, in cause order: verified and unverified money apart.</summary>
    public IReadOnlyList<CauseTotal> ByCause =>
        Findings.GroupBy(f => f.Cause).OrderBy(g => g.Key)
            .Select(g => new CauseTotal(g.Key, g.Count(), Sum(g.Where(f => f.Verified)), g.Count(f => !f.Verified), Sum(g.Where(f => !f.Verified)))).ToList();

    private static Money.Money Sum(IEnumerable<AuditFinding> findings) => findings.Aggregate(Money.Money.Zero, (s, f) => s + f.Difference);
}
