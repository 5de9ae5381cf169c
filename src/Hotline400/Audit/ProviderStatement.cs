using Hotline400.Billing;
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
/// A statement row that cannot be audited, with the place and the reason. <see cref="CallId"/> is
/// the row's call id when that column could be read: its call is on the statement, unreadable, and
/// not "left out".
/// </summary>
public sealed record StatementReject(string File, int Line, string Field, string Reason, string? CallId = null)
{
    public override string ToString() => Field.Length > 0 ? $"{File}:{Line}: {Field}: {Reason}" : $"{File}:{Line}: {Reason}";
}

/// <summary>What a statement file held: the usable charge lines and the rows that were not.</summary>
public sealed record ProviderStatement(IReadOnlyList<ProviderCharge> Charges, IReadOnlyList<StatementReject> Rejects)
{
    /// <summary>Rows read (header excluded): charges + rejects.</summary>
    public int RowsRead => Charges.Count + Rejects.Count;
}
