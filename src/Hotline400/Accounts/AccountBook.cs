using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Accounts;

/// <summary>
/// The enterprises, their 400 numbers and what each number is subscribed to, resolved against a
/// catalog. Immutable once loaded.
/// </summary>
public sealed class AccountBook
{
    private readonly Dictionary<long, NumberAccount> _byNumber;

    public AccountBook(string source, IReadOnlyList<Enterprise> enterprises)
    {
        Source = source;
        Enterprises = enterprises;
        _byNumber = [];
        foreach (var e in enterprises)
        {
            foreach (var n in e.Numbers)
            {
                _byNumber[n.Number.Value] = n;
            }
        }
        Subscriptions = enterprises.SelectMany(e => e.Numbers).SelectMany(n => n.Subscriptions).OrderBy(s => s.Index).ToList();
    }

    public string Source { get; }
    public IReadOnlyList<Enterprise> Enterprises { get; }

    /// <summary>Every subscription, indexed by <see cref="Subscription.Index"/>.</summary>
    public IReadOnlyList<Subscription> Subscriptions { get; }

    public IEnumerable<NumberAccount> Numbers => Enterprises.SelectMany(e => e.Numbers);

    public NumberAccount? Find(HotlineNumber number) => _byNumber.GetValueOrDefault(number.Value);
}

/// <summary>An enterprise (企业) that rents one or more 400 numbers.</summary>
public sealed record Enterprise(string Id, LocalizedText Name, IReadOnlyList<NumberAccount> Numbers);

/// <summary>How calls are distributed over the bound phones.</summary>
public enum Distribution
{
    Sequential,
    RoundRobin,
    Random,
    Simultaneous,
}

/// <summary>A rented 400 number: its grade, subscriptions over time, services and bound phones.</summary>
public sealed record NumberAccount(
    HotlineNumber Number,
    string EnterpriseId,
    Grade Grade,
    int AreaCode,
    IReadOnlyList<Subscription> Subscriptions,
    IReadOnlyList<ServiceEnrollment> Services,
    IReadOnlyList<string> Bound,
    Distribution Distribution)
{
    /// <summary>The subscription in force on <paramref name="date"/>, or null.</summary>
    public Subscription? SubscriptionOn(DateOnly date)
    {
        foreach (var s in Subscriptions)
        {
            if (s.Covers(date))
            {
                return s;
            }
        }
        return null;
    }

    /// <summary>Services enabled on <paramref name="date"/>.</summary>
    public IEnumerable<ServiceEnrollment> ServicesOn(DateOnly date) => Services.Where(s => s.Covers(date));
}

/// <summary>
/// A number's subscription to a plan from <see cref="Start"/> to <see cref="End"/> (inclusive,
/// open when null). <see cref="Index"/> is unique within the account book and keys rating state.
/// </summary>
public sealed record Subscription(int Index, HotlineNumber Number, Plan Plan, DateOnly Start, DateOnly? End)
{
    public bool Covers(DateOnly date) => date >= Start && (End is null || date <= End.Value);

    /// <summary>The term (0-based) that <paramref name="date"/> falls in, for a plan version's term length.</summary>
    public int TermIndex(DateOnly date, int termMonths)
    {
        var months = (date.Year - Start.Year) * 12 + date.Month - Start.Month - (date.Day < Start.Day ? 1 : 0);
        return Math.Max(0, months / termMonths);
    }

    /// <summary>The first day of term <paramref name="termIndex"/>.</summary>
    public DateOnly TermStart(int termIndex, int termMonths) => Start.AddMonths(termIndex * termMonths);
}

/// <summary>A value-added service enabled on a number from <see cref="Start"/> to <see cref="End"/> (inclusive).</summary>
public sealed record ServiceEnrollment(ServiceDefinition Service, DateOnly Start, DateOnly? End)
{
    public bool Covers(DateOnly date) => date >= Start && (End is null || date <= End.Value);
}
