using Hotline400.Common;

namespace Hotline400.Accounts;

/// <summary>
/// The prepaid ledger of one subscription: an append-only list of <see cref="LedgerEntry"/>s.
/// The money balance and the remaining allowance are not stored anywhere: they are the sums of the
/// entries up to a date, so they can never disagree with the entries.
/// </summary>
public sealed class PrepaidLedger
{
    private readonly List<LedgerEntry> _entries;

    public PrepaidLedger(Subscription subscription, IEnumerable<LedgerEntry>? entries = null)
    {
        Subscription = subscription;
        _entries = entries is null ? [] : [.. entries];
    }

    public Subscription Subscription { get; }

    /// <summary>Entries in the order they were appended.</summary>
    public IReadOnlyList<LedgerEntry> Entries => _entries;

    /// <summary>Adds an entry at the end. Nothing else changes the ledger.</summary>
    public void Append(LedgerEntry entry) => _entries.Add(entry);

    /// <summary>Money balance: the sum of all entries' amounts (dated up to <paramref name="asOf"/> when given, inclusive).</summary>
    public Money.Money Balance(DateOnly? asOf = null)
    {
        var sum = Money.Money.Zero;
        foreach (var e in _entries)
        {
            if (asOf is null || e.Date <= asOf.Value)
            {
                sum += e.Amount;
            }
        }
        return sum;
    }

    /// <summary>Remaining allowance minutes: the sum of all entries' minutes (up to <paramref name="asOf"/>, inclusive).</summary>
    public decimal MinutesLeft(DateOnly? asOf = null)
    {
        var sum = 0m;
        foreach (var e in _entries)
        {
            if (asOf is null || e.Date <= asOf.Value)
            {
                sum += e.Minutes;
            }
        }
        return sum;
    }

    /// <summary>A copy holding only the entries dated before <paramref name="date"/> (what was known before a period).</summary>
    public PrepaidLedger Before(DateOnly date) => new(Subscription, _entries.Where(e => e.Date < date));

    /// <summary>Whether an entry with this trace exists (used to avoid charging a package twice).</summary>
    public bool HasTrace(string trace) => _entries.Any(e => string.Equals(e.Trace, trace, StringComparison.Ordinal));

    /// <summary>
    /// Records a top-up if it meets the plan version's minimum top-up on <paramref name="date"/>: at
    /// least <c>minimum_topup.amount</c> and at least <c>months_of_minimum</c> × the monthly minimum.
    /// A refusal is a value with a message, and the ledger is left unchanged.
    /// </summary>
    public TopUpResult TopUp(Money.Money amount, DateOnly date)
    {
        if (amount <= Money.Money.Zero)
        {
            return TopUpResult.Refused(Problems.TopUpNotPositive(amount));
        }
        if (amount.RoundToFen() != amount)
        {
            return TopUpResult.Refused(Problems.TopUpNotWholeFen(amount));
        }
        var version = Subscription.Plan.VersionAt(date);
        if (version is null)
        {
            return TopUpResult.Refused(Problems.TopUpNoVersion(Subscription.Plan.Key, date));
        }
        var trace = $"{Subscription.Plan.Key} {version} minimum_topup";
        if (version.MinimumTopUp is { } rule)
        {
            var byMonths = (version.MonthlyMinimum * rule.MonthsOfMinimum).RoundToFen();
            var required = Money.Money.Max(rule.Amount, byMonths);
            if (amount < required)
            {
                return TopUpResult.Refused(Problems.TopUpBelowMinimum(amount, Subscription.Plan.Name, Subscription.Plan.Key, version.Number, required,
                    rule.Amount, rule.MonthsOfMinimum, version.MonthlyMinimum, byMonths));
            }
        }
        var entry = new LedgerEntry(LedgerEntryKind.TopUp, date, amount, 0m, new LocalizedText("充值", "Top-up"), trace);
        Append(entry);
        return TopUpResult.Accepted(entry);
    }

    /// <summary>
    /// Money and minutes left on <paramref name="asOf"/> and the dates they run out at the current
    /// pace: the average daily use over the 30 days ending on <paramref name="asOf"/> (usage debits
    /// and fees). No use in that window means no run-out date; minutes never granted have none either.
    /// </summary>
    public LedgerProjection Project(DateOnly asOf)
    {
        const int window = 30;
        var from = asOf.AddDays(-window + 1);
        var moneyUsed = 0m;
        var minutesUsed = 0m;
        foreach (var e in _entries)
        {
            if (e.Date < from || e.Date > asOf || e.Kind is not (LedgerEntryKind.UsageDebit or LedgerEntryKind.Fee))
            {
                continue;
            }
            moneyUsed -= e.Amount.Yuan;
            minutesUsed -= e.Minutes;
        }
        var money = Balance(asOf);
        var minutes = MinutesLeft(asOf);
        var hasMinutes = _entries.Any(e => e.Kind == LedgerEntryKind.AllowanceGrant && e.Date <= asOf);
        var moneyPace = moneyUsed / window;
        var minutesPace = minutesUsed / window;
        return new LedgerProjection(asOf, money, minutes, new Money.Money(moneyPace), minutesPace,
            RunsOut(asOf, money.Yuan, moneyPace), hasMinutes ? RunsOut(asOf, minutes, minutesPace) : null);
    }

    private static DateOnly? RunsOut(DateOnly asOf, decimal left, decimal pace)
    {
        if (pace <= 0)
        {
            return null;
        }
        if (left <= 0)
        {
            return asOf;
        }
        var days = decimal.Floor(left / pace);
        return days > 36_500 ? null : asOf.AddDays((int)days);
    }
}

/// <summary>The answer to a top-up: the entry recorded, or why it was refused.</summary>
public sealed record TopUpResult(LedgerEntry? Entry, LocalizedText? Refusal)
{
    public bool Ok => Entry is not null;

    public static TopUpResult Accepted(LedgerEntry entry) => new(entry, null);

    public static TopUpResult Refused(LocalizedText message) => new(null, message);
}

/// <summary>
/// What is left on a date and when it runs out at the pace of the last 30 days
/// (<see cref="DailyMoney"/> and <see cref="DailyMinutes"/>); a null date means it does not run out at that pace.
/// </summary>
public sealed record LedgerProjection(
    DateOnly AsOf,
    Money.Money MoneyLeft,
    decimal MinutesLeft,
    Money.Money DailyMoney,
    decimal DailyMinutes,
    DateOnly? MoneyRunsOut,
    DateOnly? MinutesRunOut);
