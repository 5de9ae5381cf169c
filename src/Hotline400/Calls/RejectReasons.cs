using System.Globalization;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Calls;

/// <summary>
/// Why a row cannot be used: a stable, machine-readable <see cref="Code"/> (<c>ended_before_started</c>,
/// <c>unknown_number</c>…, see <see cref="RejectCodes"/>) for scripts, and the reason in Chinese and
/// English with the offending values quoted. Made only for rejected rows, never for a good one.
/// </summary>
public sealed record RejectReason(string Code, LocalizedText Text)
{
    /// <summary>The reason in <paramref name="language"/>.</summary>
    public string In(Language language) => Text.In(language);

    /// <summary>The Chinese reason (Chinese first, like <see cref="LocalizedText"/>).</summary>
    public override string ToString() => Text.Zh;
}

/// <summary>
/// The stable codes of reject reasons. They never change once published (scripts read them from
/// the rejects CSV's <c>code</c> column and from <c>--json</c>); docs/call-records.md and
/// docs/audit.md list each with its field and both wordings.
/// </summary>
public static class RejectCodes
{
    // A row of a call file (CallReader) or of a provider's statement.
    public const string ColumnCount = "column_count";
    public const string EmptyCallId = "empty_call_id";
    public const string InvalidNumber = "invalid_number";
    public const string EmptyTime = "empty_time";
    public const string InvalidTime = "invalid_time";
    public const string EndedBeforeStarted = "ended_before_started";
    public const string Over24Hours = "over_24_hours";
    public const string AnsweredOutsideCall = "answered_outside_call";
    public const string UnknownOutcome = "unknown_outcome";
    public const string AnsweredWithoutAnsweredAt = "answered_without_answered_at";
    public const string AnsweredAtButNotAnswered = "answered_at_but_not_answered";
    public const string InvalidRecorded = "invalid_recorded";
    public const string InvalidDirection = "invalid_direction";

    // A call that reads well but cannot be rated (Rater, import).
    public const string UnknownNumber = "unknown_number";
    public const string NoSubscription = "no_subscription";
    public const string NoPlanVersion = "no_plan_version";
    public const string NoOutboundRates = "no_outbound_rates";
    public const string NoOutboundDestination = "no_outbound_destination";

    // A plan the advisor cannot rank (advise).
    public const string ServicesNotOffered = "services_not_offered";
    public const string CallsNotRated = "calls_not_rated";

    // A row of a provider's statement (audit) only.
    public const string InvalidPeriod = "invalid_period";
    public const string EmptyLineType = "empty_line_type";
    public const string InvalidAmount = "invalid_amount";
    public const string InvalidMinutes = "invalid_minutes";
    public const string InvalidRate = "invalid_rate";

    /// <summary>The codes a call record can be rejected with (rate, import calls, advise, report, audit's call files).</summary>
    public static IReadOnlyList<string> CallCodes { get; } =
    [
        ColumnCount, EmptyCallId, InvalidNumber, EmptyTime, InvalidTime, EndedBeforeStarted, Over24Hours, AnsweredOutsideCall,
        UnknownOutcome, AnsweredWithoutAnsweredAt, AnsweredAtButNotAnswered, InvalidRecorded, InvalidDirection,
        UnknownNumber, NoSubscription, NoPlanVersion, NoOutboundRates, NoOutboundDestination,
    ];

    /// <summary>The codes a provider's statement row can be rejected with (audit).</summary>
    public static IReadOnlyList<string> StatementCodes { get; } =
    [
        ColumnCount, InvalidNumber, UnknownNumber, InvalidPeriod, EmptyLineType, InvalidAmount, EmptyCallId, InvalidTime, InvalidMinutes, InvalidRate,
    ];
}

/// <summary>
/// Every reject reason's wording, Chinese and English, in one place. Each method gives the code and
/// both texts with the values quoted as they stood in the file. Only rejected rows come here, so the
/// strings it makes cost nothing on the hot path.
/// </summary>
public static class RejectReasons
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static RejectReason R(string code, string zh, string en) => new(code, new LocalizedText(zh, en));

    /// <summary>The Chinese name of a time column, for messages.</summary>
    private static string TimeZh(string field) => field switch
    {
        "started_at" => "开始时间",
        "answered_at" => "接听时间",
        "ended_at" => "结束时间",
        _ => field,
    };

    // ---- a row of a call file ---------------------------------------------------------------

    public static RejectReason ColumnCount(int found, int header) => R(RejectCodes.ColumnCount,
        $"该行有 {found} 列，与表头的 {header} 列不符",
        $"the row has {found} columns, the header {header}");

    public static RejectReason EmptyCallId() => R(RejectCodes.EmptyCallId,
        "通话ID (call_id) 为空",
        "call_id is empty");

    public static RejectReason InvalidNumber(string text) => R(RejectCodes.InvalidNumber,
        text.Trim().Length == 0 ? "400号码为空（应为400加7位数字）" : $"“{text}”不是400号码（应为400加7位数字）",
        $"'{text}' is not a 400 number (400 followed by 7 digits)");

    public static RejectReason EmptyTime(string field) => R(RejectCodes.EmptyTime,
        $"{TimeZh(field)} ({field}) 为空",
        $"{field} is empty");

    public static RejectReason InvalidTime(string field, string text) => R(RejectCodes.InvalidTime,
        $"{TimeZh(field)}“{text}”不是有效的时间，应形如 2026-10-01T09:30:15 或 2026-10-01 09:30:15+08:00",
        $"'{text}' is not a time like 2026-10-01T09:30:15 or 2026-10-01 09:30:15+08:00");

    public static RejectReason EndedBeforeStarted(string ended, string started) => R(RejectCodes.EndedBeforeStarted,
        $"通话结束时间 ({ended}) 早于开始时间 ({started})",
        $"the call ends ({ended}) before it starts ({started})");

    /// <summary>A call longer than a day; its length to the second, rounded up so it never reads as exactly 24 hours.</summary>
    public static RejectReason Over24Hours(long durationMs)
    {
        var seconds = (durationMs + 999) / 1000;
        var (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return R(RejectCodes.Over24Hours,
            $"通话时长 {h}小时{m}分{s}秒，超过24小时上限",
            $"the call lasts {h} h {m} min {s} s; no call lasts more than 24 hours");
    }

    public static RejectReason AnsweredOutsideCall(string answered, string started, string ended) => R(RejectCodes.AnsweredOutsideCall,
        $"接听时间 ({answered}) 不在通话时段内（{started} 至 {ended}）",
        $"answered at {answered}, outside the call ({started} to {ended})");

    public static RejectReason UnknownOutcome(string text) => R(RejectCodes.UnknownOutcome,
        (text.Length == 0 ? "通话结果 (outcome) 为空" : $"未知的通话结果“{text}”")
            + "；应为 接通、未接、占线、留言、放弃、拦截（或 answered、missed、busy、voicemail、abandoned、blocked）",
        $"unknown outcome '{text}'; use answered, missed, busy, voicemail, abandoned or blocked");

    public static RejectReason AnsweredWithoutAnsweredAt() => R(RejectCodes.AnsweredWithoutAnsweredAt,
        "通话结果为接通，但接听时间 (answered_at) 为空",
        "the outcome is answered but answered_at is empty");

    public static RejectReason AnsweredAtButNotAnswered(string outcome) => R(RejectCodes.AnsweredAtButNotAnswered,
        $"填写了接听时间 (answered_at)，但通话结果为“{outcome}”，不是接通",
        $"answered_at is given but the outcome is {outcome}");

    public static RejectReason InvalidRecorded(string text) => R(RejectCodes.InvalidRecorded,
        $"录音标记 (recorded) 应为 1 或 0，实为“{text}”",
        $"recorded must be 1 or 0, found '{text}'");

    public static RejectReason InvalidDirection(string text) => R(RejectCodes.InvalidDirection,
        $"呼叫方向 (direction) 应为 in（呼入）或 out（外呼），实为“{text}”",
        $"direction must be in or out, found '{text}'");

    // ---- a call that cannot be rated --------------------------------------------------------

    /// <summary>A call of a number the accounts do not hold; every command words it alike.</summary>
    public static RejectReason UnknownNumber(HotlineNumber number) => R(RejectCodes.UnknownNumber,
        $"未知的400号码 {number.ToDisplayString()}：不在客户档案中",
        $"unknown 400 number {number.ToDisplayString()}: it is not in the accounts");

    public static RejectReason NoSubscription(HotlineNumber number, DateOnly date) => R(RejectCodes.NoSubscription,
        $"400号码 {number.ToDisplayString()} 在 {date.ToString("yyyy-MM-dd", Inv)} 没有订购套餐",
        $"{number.ToDisplayString()} has no subscription on {date.ToString("yyyy-MM-dd", Inv)}");

    public static RejectReason NoPlanVersion(string planKey, DateOnly date) => R(RejectCodes.NoPlanVersion,
        $"套餐 {planKey} 在 {date.ToString("yyyy-MM-dd", Inv)} 没有生效的版本",
        $"plan {planKey} has no version in force on {date.ToString("yyyy-MM-dd", Inv)}");

    public static RejectReason NoOutboundRates(string planKey, string version) => R(RejectCodes.NoOutboundRates,
        $"套餐 {planKey} {version} 没有外呼资费，外呼通话无法计费",
        $"plan {planKey} {version} has no outbound rates, so outbound calls cannot be rated");

    public static RejectReason NoOutboundDestination() => R(RejectCodes.NoOutboundDestination,
        "外呼通话须在 caller 列填写被叫的手机或固话号码",
        "an outbound call needs a mobile or landline destination in the caller column");

    // ---- a plan the advisor cannot rank -----------------------------------------------------

    public static RejectReason ServicesNotOffered(LocalizedText provider, IEnumerable<string> services)
    {
        var list = services.ToList();
        return R(RejectCodes.ServicesNotOffered,
            $"{provider.Zh} 不提供：{string.Join("、", list)}",
            $"{provider.In(Language.En)} does not offer: {string.Join(", ", list)}");
    }

    /// <summary>A plan that cannot rate some calls of the history (outbound calls without outbound rates…), with the first one's reason.</summary>
    public static RejectReason CallsNotRated(long calls, RejectReason? first) => R(RejectCodes.CallsNotRated,
        $"不能为一年中的 {calls.ToString("N0", Inv)} 通通话计费{(first is null ? "" : $"（{first.Text.Zh}）")}",
        $"cannot rate {calls.ToString("N0", Inv)} calls of the year{(first is null ? "" : $" ({first.Text.En})")}");

    // ---- a row of a provider's statement (audit) --------------------------------------------

    public static RejectReason StatementInvalidNumber(string text) => R(RejectCodes.InvalidNumber,
        text.Length == 0 ? "400号码为空（应为400加7位数字）" : $"“{text}”不是400号码（应为400加7位数字）",
        $"'{text}' is not a 400 number (400 + 7 digits)");

    public static RejectReason StatementUnknownNumber(HotlineNumber number) => R(RejectCodes.UnknownNumber,
        $"400号码 {number.ToDisplayString()} 不在客户档案中",
        $"{number.ToDisplayString()} is not in the accounts");

    /// <summary>Worded as <c>bill</c> and <c>statement</c> word a bad period (<see cref="Problems.NotAPeriod"/>).</summary>
    public static RejectReason InvalidPeriod(string text) => new(RejectCodes.InvalidPeriod, Problems.NotAPeriod(text));

    public static RejectReason EmptyLineType() => R(RejectCodes.EmptyLineType,
        "费用类型为空；应为 call（通话费）或费用名称（monthly_fee、service_fee:<id>、minimum、package、other…）",
        "empty; write call or a fee word (monthly_fee, service_fee:<id>, minimum, package, other…)");

    public static RejectReason InvalidAmount(string text) => R(RejectCodes.InvalidAmount,
        $"“{text}”不是以元为单位的金额",
        $"'{text}' is not an amount in yuan");

    public static RejectReason StatementEmptyCallId() => R(RejectCodes.EmptyCallId,
        "通话费用行的通话ID (call_id) 为空",
        "empty on a call line");

    public static RejectReason StatementInvalidTime(string text) => R(RejectCodes.InvalidTime,
        $"“{text}”不是有效的时间",
        $"'{text}' is not a time");

    public static RejectReason InvalidMinutes(string text) => R(RejectCodes.InvalidMinutes,
        $"“{text}”不是分钟数",
        $"'{text}' is not a number of minutes");

    public static RejectReason InvalidRate(string text) => R(RejectCodes.InvalidRate,
        $"“{text}”不是每分钟费率（元/分）",
        $"'{text}' is not a rate in yuan per minute");
}
