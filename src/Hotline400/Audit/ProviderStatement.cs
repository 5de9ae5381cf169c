using Hotline400.Billing;
using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Audit;

/// <summary>
/// One charge line of a provider's statement as the provider billed it. <see cref="LineType"/> is
/// <c>call</c> for a per-call charge (then <see cref="CallId"/> is set) or a fee word
/// (<c>monthly_fee</c>, <c>service_fee:ivr</c>, <c>minimum</c>, <c>package</c>…; docs/audit.md);
/// <see cref="LineTypeText"/> is the line type as the provider wrote it (月租, 号码维护费…).
/// </summary>
public sealed record ProviderCharge(
    string File,
    int Line,
    HotlineNumber Number,
    BillingPeriod Period,
    string LineType,
    string? CallId,
    DateTimeOffset? StartedAt,
    decimal? BilledMinutes,
    decimal? Rate,
    Money.Money Amount,
    string Description,
    string LineTypeText = "")
{
    public const string CallType = "call";

    public bool IsCall => LineType == CallType;
}

/// <summary>
/// A statement row that cannot be audited, with the place and the reason (a stable code, Chinese
/// and English). <see cref="CallId"/> is the row's call id when that column could be read: its call
/// is on the statement, unreadable, and not "left out".
/// </summary>
public sealed record StatementReject(string File, int Line, string Field, RejectReason Reason, string? CallId = null)
{
    /// <summary>The reason's stable code (<see cref="RejectCodes"/>).</summary>
    public string Code => Reason.Code;

    /// <summary>The reason in <paramref name="language"/>.</summary>
    public string Message(Language language) => Reason.In(language);

    /// <summary><c>file:line: field: reason</c> in <paramref name="language"/>.</summary>
    public string Describe(Language language) => Field.Length > 0 ? $"{File}:{Line}: {Field}: {Message(language)}" : $"{File}:{Line}: {Message(language)}";

    public override string ToString() => Describe(Language.Zh);
}

/// <summary>What a statement file held: the usable charge lines and the rows that were not.</summary>
public sealed record ProviderStatement(IReadOnlyList<ProviderCharge> Charges, IReadOnlyList<StatementReject> Rejects)
{
    /// <summary>Rows read (header excluded): charges + rejects.</summary>
    public int RowsRead => Charges.Count + Rejects.Count;
}
