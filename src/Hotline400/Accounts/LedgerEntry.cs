using Hotline400.Common;

namespace Hotline400.Accounts;

/// <summary>What a ledger entry records. The sign of its money and minutes says which way they move.</summary>
public enum LedgerEntryKind
{
    /// <summary>A term's package (预存): money in, the package price, the credit it buys (a promotion lowers what is paid, not this).</summary>
    Prepayment,

    /// <summary>A top-up (充值): money in, subject to the plan's minimum top-up.</summary>
    TopUp,

    /// <summary>Included minutes granted (for a term or a month): minutes in.</summary>
    AllowanceGrant,

    /// <summary>Unused minutes cleared when their term or month ends: minutes out.</summary>
    AllowanceExpiry,

    /// <summary>A month's consumption drawn from the prepayment: money out, and the minutes the allowance covered.</summary>
    UsageDebit,

    /// <summary>A fee drawn from the prepayment outside a statement.</summary>
    Fee,

    /// <summary>A correction, either way, with the reason written on it.</summary>
    Adjustment,
}

/// <summary>
/// One line of a subscription's prepaid ledger. Entries are never edited or removed: a mistake is
/// corrected by a new <see cref="LedgerEntryKind.Adjustment"/>. <see cref="Amount"/> is positive
/// when money comes in; <see cref="Minutes"/> positive when minutes are granted.
/// <see cref="Trace"/> names the plan term or statement that caused the entry.
/// </summary>
public sealed record LedgerEntry(
    LedgerEntryKind Kind,
    DateOnly Date,
    Money.Money Amount,
    decimal Minutes,
    LocalizedText Reason,
    string Trace);
