using Hotline400.Calendar;
using Hotline400.Common;
using Hotline400.Money;

namespace Hotline400.Catalog;

/// <summary>
/// A loaded, validated tariff catalog: providers with their plans, number grades and value-added
/// services. Immutable; a price change is a new <see cref="PlanVersion"/>, never an edit.
/// </summary>
public sealed class TariffCatalog
{
    public TariffCatalog(string source, decimal vatRate, CallerRates callerRates, IReadOnlyList<Provider> providers, HolidayCalendar? calendar = null)
    {
        Source = source;
        Calendar = calendar ?? HolidayCalendar.China;
        VatRate = vatRate;
        CallerRates = callerRates;
        Providers = providers;
        var plans = new Dictionary<string, Plan>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            foreach (var plan in provider.Plans)
            {
                plans[plan.Key] = plan;
            }
        }
        _plans = plans;
    }

    private readonly Dictionary<string, Plan> _plans;

    /// <summary>Where the catalog was read from (a file path or a resource name).</summary>
    public string Source { get; }

    /// <summary>The default VAT rate of prices, which are tax-inclusive.</summary>
    public decimal VatRate { get; }

    /// <summary>What callers pay their own carrier per minute (the shared cost of a 400 call).</summary>
    public CallerRates CallerRates { get; }

    public IReadOnlyList<Provider> Providers { get; }

    /// <summary>
    /// The holiday calendar the catalog prices with: the built-in one with the years of the
    /// catalog's <c>holidays</c> section in place of its own (docs/tariff-format.md). Whatever
    /// rates, bills, advises or classifies days for this catalog uses it unless told otherwise.
    /// </summary>
    public HolidayCalendar Calendar { get; }

    public IEnumerable<Plan> Plans => Providers.SelectMany(p => p.Plans);

    /// <summary>Finds a plan by its key, <c>provider/plan</c>.</summary>
    public Plan? FindPlan(string key) => _plans.GetValueOrDefault(key);

    public Provider? FindProvider(string id) => Providers.FirstOrDefault(p => p.Id == id);
}

/// <summary>Per-minute local rates callers pay their own carrier, by caller type.</summary>
public sealed record CallerRates(Rate Mobile, Rate Landline, Rate Withheld)
{
    public static readonly CallerRates None = new(Rate.Zero, Rate.Zero, Rate.Zero);
}

/// <summary>A carrier or agent that sells 400 (or 800) numbers.</summary>
public sealed record Provider(
    string Id,
    LocalizedText Name,
    IReadOnlyList<Grade> Grades,
    IReadOnlyList<ServiceDefinition> Services,
    IReadOnlyList<Plan> Plans)
{
    /// <summary>
    /// Whose 400 numbers the provider sells (a carrier, or an agent or reseller of one): a 400
    /// number belongs to its carrier (by prefix), so it can only be on this provider's plans when
    /// the carriers agree. <see cref="Numbers.Carrier.Unknown"/> when the catalog does not say.
    /// </summary>
    public Numbers.Carrier Carrier { get; init; } = Numbers.Carrier.Unknown;

    /// <summary>Whether <paramref name="number"/> can be on this provider's 400 plans (unknown carriers never refuse).</summary>
    public bool Serves(Numbers.HotlineNumber number) =>
        Carrier == Numbers.Carrier.Unknown || number.Carrier == Numbers.Carrier.Unknown || number.Carrier == Carrier;

    public Grade? FindGrade(string id) => Grades.FirstOrDefault(g => g.Id == id);
    public ServiceDefinition? FindService(string id) => Services.FirstOrDefault(s => s.Id == id);
}

/// <summary>A number grade (靓号等级): one-off selection fee, deposit and the number's own monthly minimum.</summary>
public sealed record Grade(string Id, LocalizedText Name, string? Pattern, Money.Money SelectionFee, Money.Money MonthlyMinimum, Money.Money Deposit);

/// <summary>Which calls a per-minute service price applies to.</summary>
public enum PerMinuteScope
{
    AllCalls,
    RecordedCalls,
}

/// <summary>
/// A value-added service (增值业务) with its prices. <see cref="AnswersFirst"/> services (IVR,
/// voicemail…) pick the call up themselves, so billing starts at pick-up rather than at answer.
/// </summary>
public sealed record ServiceDefinition(
    string Id,
    LocalizedText Name,
    Money.Money Monthly,
    Money.Money Yearly,
    Money.Money OneOff,
    Rate PerMinute,
    PerMinuteScope PerMinuteScope,
    bool AnswersFirst,
    IReadOnlyList<string> IncompatibleWith);

/// <summary>What a plan is: a 400 number (shared cost) or a toll-free 800 number (the enterprise pays the caller's share too).</summary>
public enum PlanKind
{
    Hotline400,
    TollFree800,
}

/// <summary>A package a provider sells, with its versions in effective-date order.</summary>
public sealed record Plan(string ProviderId, string Id, LocalizedText Name, PlanKind Kind, string? RenewsTo, IReadOnlyList<PlanVersion> Versions)
{
    /// <summary>The catalog-wide key, <c>provider/plan</c>.</summary>
    public string Key { get; } = ProviderId + "/" + Id;

    /// <summary>The version in force on <paramref name="date"/> (China date), or null before the first one.</summary>
    public PlanVersion? VersionAt(DateOnly date)
    {
        PlanVersion? found = null;
        foreach (var v in Versions)
        {
            if (v.Effective <= date)
            {
                found = v;
            }
            else
            {
                break;
            }
        }
        return found;
    }
}
