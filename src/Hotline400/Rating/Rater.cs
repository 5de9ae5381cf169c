using Hotline400.Accounts;
using Hotline400.Calendar;
using Hotline400.Catalog;
using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Money;
using Hotline400.Numbers;

namespace Hotline400.Rating;

/// <summary>
/// Rates calls one by one into <see cref="RatedCall"/>s. Stateful: allowances and monthly tier
/// volumes are consumed per subscription, so calls must be given in rating order
/// (<see cref="CallRecord.CompareForRating"/>); <see cref="RatingPipeline"/> guarantees that for
/// any input order. The same calls in the same order always give the same figures.
/// </summary>
public sealed class Rater
{
    private readonly AccountBook _accounts;
    private readonly TariffCatalog _catalog;
    private readonly HolidayCalendar _calendar;
    private readonly RegionResolver _regions;
    private readonly SubscriptionState[] _state;
    private readonly Dictionary<PlanVersion, int[]> _regionRateCache = new(ReferenceEqualityComparer.Instance);
    private readonly List<UsagePiece> _pieces = new(4);

    /// <summary>The earliest day the current call's bands were read for that the calendar has no notice for (int.MaxValue: none).</summary>
    private int _unknownDay = int.MaxValue;
    private int _unknownFromOf = int.MinValue;
    private DateOnly? _unknownFrom;

    public Rater(TariffCatalog catalog, AccountBook accounts, HolidayCalendar? calendar = null, RegionResolver? regions = null)
    {
        _catalog = catalog;
        _accounts = accounts;
        _calendar = calendar ?? catalog.Calendar;
        _regions = regions ?? RegionResolver.Shared;
        _state = new SubscriptionState[accounts.Subscriptions.Count];
        for (var i = 0; i < _state.Length; i++)
        {
            _state[i] = new SubscriptionState();
        }
    }

    public TariffCatalog Catalog => _catalog;
    public AccountBook Accounts => _accounts;

    /// <summary>The holiday calendar that tells holidays and adjusted working days apart (the catalog's, unless given).</summary>
    public HolidayCalendar Calendar => _calendar;
    public RegionResolver Regions => _regions;

    /// <summary>Per subscription: what is left of its allowance and the month's billed volume.</summary>
    private sealed class SubscriptionState
    {
        public long AllowancePeriod = long.MinValue;
        public long AllowanceLeftSeconds;
        public int VolumeMonth = int.MinValue;
        public long VolumeSeconds;
    }

    /// <summary>Rates one call; a call that cannot be rated gives a <see cref="RatingReject"/>.</summary>
    public RatedCall? Rate(CallRecord call, out RatingReject? reject)
    {
        if (!Resolve(call, out var account, out var subscription, out var version, out var date, out reject))
        {
            return null;
        }
        var regionId = _regions.ResolveId(call.Caller);
        return call.Direction == Direction.Out
            ? RateOutbound(call, account, subscription, version, regionId, out reject)
            : RateInbound(call, account, subscription, version, date, regionId);
    }

    /// <summary>The account, subscription and plan version that rate a call, or why there is none.</summary>
    private bool Resolve(CallRecord call, out NumberAccount account, out Subscription subscription, out PlanVersion version, out DateOnly date, out RatingReject? reject)
    {
        reject = null;
        account = null!;
        subscription = null!;
        version = null!;
        date = ChinaTime.Date(call.StartedMs);
        var found = _accounts.Find(call.Number);
        if (found is null)
        {
            reject = RatingReject.UnknownNumber(call.Number);
            return false;
        }
        account = found;
        var sub = account.SubscriptionOn(date);
        if (sub is null)
        {
            reject = new RatingReject("started_at", RejectReasons.NoSubscription(call.Number, date));
            return false;
        }
        subscription = sub;
        var v = sub.Plan.VersionAt(date);
        if (v is null)
        {
            reject = new RatingReject("started_at", RejectReasons.NoPlanVersion(sub.Plan.Key, date));
            return false;
        }
        version = v;
        return true;
    }

    /// <summary>
    /// The seconds <paramref name="call"/> would draw on its subscription's allowance and add to the
    /// month's tier volume if it were rated now (its billed seconds; 0 for an outbound, unbilled or
    /// unratable call), without rating it. Lets a caller find where an allowance or a tier boundary
    /// falls in a sequence of calls.
    /// </summary>
    public long ConsumedSeconds(CallRecord call)
    {
        if (call.Direction == Direction.Out || !Resolve(call, out var account, out _, out var version, out var date, out _))
        {
            return 0;
        }
        var rules = version.Billing;
        var from = BillingStartOf(call, account, rules, date);
        var billable = from switch
        {
            BillingFrom.Answer => CeilSeconds(call.EndedMs - call.AnsweredMs),
            BillingFrom.Pickup => CeilSeconds(call.EndedMs - call.StartedMs),
            _ => 0,
        };
        return Units(billable, rules).BilledSeconds;
    }

    /// <summary>
    /// The allowance seconds left for <paramref name="call"/>'s subscription at the call's date, before
    /// it (a new period starts with its grant); −1 when its plan version has no allowance or the call
    /// cannot be rated. The month's tier volume restarts at 0 on the first call of each month.
    /// </summary>
    public long AllowanceLeftSeconds(CallRecord call)
    {
        if (!Resolve(call, out _, out var subscription, out var version, out var date, out _) || version.Allowance is not { } allowance)
        {
            return -1;
        }
        var state = _state[subscription.Index];
        RefreshAllowance(state, subscription, version, allowance, date);
        return state.AllowanceLeftSeconds;
    }

    /// <summary>
    /// Records <paramref name="times"/> more calls rated exactly like <paramref name="rated"/> (the call
    /// just rated by this rater), when the rating state guarantees they would rate identically: the
    /// allowance either covers every one of them whole or was already used up, and every one of them
    /// stays in the tier step the call was priced in. Returns false, with the state unchanged,
    /// otherwise. Lets the advisor rate a group of identical calls once with a multiplicity.
    /// </summary>
    public bool TryRepeat(RatedCall rated, int times)
    {
        if (times <= 0 || rated.Call.Direction == Direction.Out)
        {
            return true;
        }
        var state = _state[rated.Subscription.Index];
        var billed = rated.BilledSeconds;
        if (rated.Version.Tiers is { } tiers && billed > 0 && Array.Exists(rated.Pieces, p => p.Source == RateSource.Tier))
        {
            // The rated call ends at the current volume; the repeats would add billed seconds each.
            var volume = state.VolumeSeconds;
            var after = volume + billed * times;
            var first = tiers.Mode == TierMode.Volume ? tiers.StepIndexAt(volume / 60m) : tiers.StepIndexAt((volume - billed) / 60m);
            var last = tiers.Mode == TierMode.Volume ? tiers.StepIndexAt(after / 60m) : tiers.StepIndexAt((after - 1) / 60m);
            if (first != last)
            {
                return false;
            }
        }
        if (rated.HasAllowance)
        {
            var used = rated.AllowanceUsedSeconds;
            if (used == 0 ? billed > 0 && state.AllowanceLeftSeconds > 0 : used != billed || state.AllowanceLeftSeconds < used * times)
            {
                return false;
            }
            state.AllowanceLeftSeconds -= used * times;
        }
        state.VolumeSeconds += billed * times;
        return true;
    }

    private RatedCall RateInbound(CallRecord call, NumberAccount account, Subscription subscription, PlanVersion version, DateOnly date, int regionId)
    {
        var rules = version.Billing;
        var from = BillingStartOf(call, account, rules, date);
        var billingStartMs = from switch
        {
            BillingFrom.Answer => call.AnsweredMs,
            BillingFrom.Pickup => call.StartedMs,
            _ => call.EndedMs,
        };
        var billable = from == BillingFrom.NotBilled ? 0 : CeilSeconds(call.EndedMs - billingStartMs);
        var (units, billed) = Units(billable, rules);

        var state = _state[subscription.Index];
        var allowance = version.Allowance;
        long before = 0;
        if (allowance is not null)
        {
            RefreshAllowance(state, subscription, version, allowance, date);
            before = state.AllowanceLeftSeconds;
        }
        var month = ChinaTime.MonthKey(date);
        if (state.VolumeMonth != month)
        {
            state.VolumeMonth = month;
            state.VolumeSeconds = 0;
        }

        _unknownDay = int.MaxValue;
        var pieces = units == 0 ? [] : PriceUnits(call, version, rules, billingStartMs, units, billed, regionId, state, allowance);
        var holidaysUnknownFrom = _unknownDay == int.MaxValue ? null : UnknownFrom(_unknownDay);
        var usage = Money.Money.Zero;
        foreach (var p in pieces)
        {
            usage += p.Charge;
        }
        state.VolumeSeconds += billed;
        var after = allowance is null ? 0 : state.AllowanceLeftSeconds;
        var connect = billed > 0 ? rules.ConnectFee : Money.Money.Zero;
        var serviceFees = billed > 0 ? ServiceFees(call, account, version, date, billed) : [];
        var callerShare = CallerShare(call, billable);
        var chargeShare = subscription.Plan.Kind == PlanKind.TollFree800;
        var exact = usage + connect + (chargeShare ? callerShare : Money.Money.Zero);
        foreach (var f in serviceFees)
        {
            exact += f.Amount;
        }
        return new RatedCall
        {
            Call = call,
            Subscription = subscription,
            Version = version,
            BillingFrom = from,
            BillableSeconds = billable,
            BilledSeconds = billed,
            Units = units,
            Pieces = pieces,
            RegionId = regionId,
            HasAllowance = allowance is not null,
            AllowanceBeforeSeconds = before,
            AllowanceAfterSeconds = after,
            OverSuspendedAllowance = allowance is { OnExhausted: ExhaustionRule.Suspend } && billed > before,
            UsageCharge = usage,
            ConnectFee = connect,
            ServiceFees = serviceFees,
            CallerShare = callerShare,
            CallerShareCharged = chargeShare,
            ExactCharge = exact,
            Charge = rules.Rounding == RoundingPoint.PerCall ? exact.RoundToFen() : exact,
            HolidaysUnknownFrom = holidaysUnknownFrom,
        };
    }

    /// <summary>Where the stretch without holiday data that holds the day starts (the same for a whole run of days: kept).</summary>
    private DateOnly? UnknownFrom(int dayNumber)
    {
        if (dayNumber != _unknownFromOf)
        {
            _unknownFromOf = dayNumber;
            _unknownFrom = _calendar.UnknownFrom(DateOnly.FromDayNumber(dayNumber));
        }
        return _unknownFrom;
    }

    private RatedCall? RateOutbound(CallRecord call, NumberAccount account, Subscription subscription, PlanVersion version, int regionId, out RatingReject? reject)
    {
        reject = null;
        if (version.Outbound is not { } outbound)
        {
            reject = new RatingReject("direction", RejectReasons.NoOutboundRates(subscription.Plan.Key, version.ToString()));
            return null;
        }
        var (rate, kind) = call.Caller.Kind switch
        {
            CallerKind.Mobile => (outbound.Mobile, "mobile"),
            CallerKind.Landline when call.Caller.AreaCode == account.AreaCode => (outbound.Local, "local"),
            CallerKind.Landline => (outbound.LongDistance, "long_distance"),
            _ => (Money.Rate.Zero, ""),
        };
        if (kind.Length == 0)
        {
            reject = new RatingReject("caller", RejectReasons.NoOutboundDestination());
            return null;
        }
        var rules = version.Billing;
        var billable = call.WasAnswered ? CeilSeconds(call.EndedMs - call.AnsweredMs) : 0;
        var (units, billed) = Units(billable, rules);
        var charge = units == 0 ? Money.Money.Zero : UnitsCharge(rules, rate, units, billed);
        var band = kind switch { "mobile" => OutboundBands.Mobile, "local" => OutboundBands.Local, _ => OutboundBands.LongDistance };
        UsagePiece[] pieces = units == 0 ? [] : [new UsagePiece(band, RateSource.Outbound, rate, units, billed, 0, charge)];
        var connect = billed > 0 ? rules.ConnectFee : Money.Money.Zero;
        var exact = charge + connect;
        return new RatedCall
        {
            Call = call,
            Subscription = subscription,
            Version = version,
            BillingFrom = billable > 0 ? BillingFrom.Answer : BillingFrom.NotBilled,
            BillableSeconds = billable,
            BilledSeconds = billed,
            Units = units,
            Pieces = pieces,
            RegionId = regionId,
            UsageCharge = charge,
            ConnectFee = connect,
            ExactCharge = exact,
            Charge = rules.Rounding == RoundingPoint.PerCall ? exact.RoundToFen() : exact,
        };
    }

    /// <summary>Pseudo band indexes for outbound pieces (negative, so they never clash with a plan's bands).</summary>
    public static class OutboundBands
    {
        public const int Local = -1;
        public const int LongDistance = -2;
        public const int Mobile = -3;
    }

    /// <summary>Billing starts at pick-up when the plan says so or an enabled service answers first; else at answer.</summary>
    private static BillingFrom BillingStartOf(CallRecord call, NumberAccount account, BillingRules rules, DateOnly date)
    {
        var answersFirst = false;
        var services = account.Services;
        for (var i = 0; i < services.Count && !answersFirst; i++)
        {
            answersFirst = services[i].Service.AnswersFirst && services[i].Covers(date);
        }
        return BillingStartOf(call.Outcome, call.WasAnswered, rules.Start, answersFirst);
    }

    /// <summary>
    /// Where billing of an inbound call starts: never for a blocked call; at pick-up when the plan
    /// bills from pick-up, for voicemail, or when a service the number has answers first (IVR…);
    /// else at answer, and never when nobody answered.
    /// </summary>
    public static BillingFrom BillingStartOf(Outcome outcome, bool answered, BillingStart start, bool serviceAnswersFirst)
    {
        if (outcome == Outcome.Blocked)
        {
            return BillingFrom.NotBilled;
        }
        if (start == BillingStart.Pickup || outcome == Outcome.Voicemail || serviceAnswersFirst)
        {
            return BillingFrom.Pickup;
        }
        return answered ? BillingFrom.Answer : BillingFrom.NotBilled;
    }

    private static long CeilSeconds(long ms) => ms <= 0 ? 0 : (ms + 999) / 1000;

    /// <summary>Billable seconds → (units, billed seconds): first block, increments, minimum.</summary>
    public static (int Units, long BilledSeconds) Units(long billable, BillingRules rules)
    {
        if (billable <= 0)
        {
            return (0, 0);
        }
        long units, billed;
        var inc = rules.IncrementSeconds;
        if (rules.FirstBlockSeconds > 0)
        {
            var rest = Math.Max(0, billable - rules.FirstBlockSeconds);
            var restUnits = (rest + inc - 1) / inc;
            units = 1 + restUnits;
            billed = rules.FirstBlockSeconds + restUnits * inc;
        }
        else
        {
            units = (billable + inc - 1) / inc;
            billed = units * inc;
        }
        if (billed < rules.MinimumSeconds)
        {
            var extra = (rules.MinimumSeconds - billed + inc - 1) / inc;
            units += extra;
            billed += extra * inc;
        }
        return ((int)units, billed);
    }

    /// <summary>The price of whole units at one rate, honouring the first block's own price.</summary>
    private static Money.Money UnitsCharge(BillingRules rules, Money.Rate rate, int units, long billed)
    {
        if (rules.FirstBlockSeconds > 0 && rules.FirstBlockPrice is { } firstPrice)
        {
            return firstPrice + rate.ForSeconds(billed - rules.FirstBlockSeconds);
        }
        return rate.ForSeconds(billed);
    }

    private void RefreshAllowance(SubscriptionState state, Subscription subscription, PlanVersion version, Allowance allowance, DateOnly date)
    {
        var period = AllowancePeriodOf(subscription, version, allowance, date, out var periodStart, out var expired);
        if (state.AllowancePeriod != period)
        {
            state.AllowancePeriod = period;
            state.AllowanceLeftSeconds = expired ? 0 : GrantedSeconds(subscription, periodStart, version);
        }
    }

    /// <summary>
    /// The allowance period <paramref name="date"/> falls in: its key (the month, or the term; an
    /// expired term allowance is its own, empty period), its first day (a monthly period starts on
    /// the 1st, or on the subscription's first day in its first month; a term period on the term's
    /// first day) and whether the term's allowance has expired by then.
    /// </summary>
    private static long AllowancePeriodOf(Subscription subscription, PlanVersion version, Allowance allowance, DateOnly date, out DateOnly periodStart, out bool expired)
    {
        if (allowance.Per == AllowancePeriod.Month)
        {
            expired = false;
            periodStart = MonthStart(subscription, date);
            return ChinaTime.MonthKey(date);
        }
        var term = subscription.TermIndex(date, version.TermMonths);
        periodStart = subscription.TermStart(term, version.TermMonths);
        expired = date >= periodStart.AddMonths(allowance.ExpiresAfterMonths);
        return expired ? -1 - term : term;
    }

    /// <summary>The first day of the month's rating state (tier volume, monthly allowance): the 1st, or the subscription's first day.</summary>
    private static DateOnly MonthStart(Subscription subscription, DateOnly date)
    {
        var first = new DateOnly(date.Year, date.Month, 1);
        return first < subscription.Start ? subscription.Start : first;
    }

    /// <summary>
    /// Where the state a call on <paramref name="date"/> is rated with began to accumulate: the
    /// first day of its allowance period (null when the version has no allowance, or its term
    /// allowance has expired, so none is left whatever came before) and of the month its tier volume
    /// counts from (null without tiers). A rater that starts on a later day takes the allowance as
    /// unused and the volume as zero there: it cannot know what calls before it consumed.
    /// </summary>
    public static (DateOnly? Allowance, DateOnly? TierMonth) StatePeriodStarts(Subscription subscription, PlanVersion version, DateOnly date)
    {
        DateOnly? allowance = null;
        if (version.Allowance is { } a)
        {
            AllowancePeriodOf(subscription, version, a, date, out var start, out var expired);
            allowance = expired ? null : start;
        }
        return (allowance, version.Tiers is null ? null : MonthStart(subscription, date));
    }

    /// <summary>Allowance granted at the start of a period: by the version in force then (or the call's, if none was).</summary>
    private static long GrantedSeconds(Subscription subscription, DateOnly periodStart, PlanVersion fallback)
    {
        var v = subscription.Plan.VersionAt(periodStart) ?? fallback;
        return (v.Allowance ?? fallback.Allowance)!.Minutes * 60;
    }

    /// <summary>
    /// Prices a call's units in runs that share a rate: region › band › tier › plan, with the
    /// allowance covering units in order and the overage rate after it.
    /// </summary>
    private UsagePiece[] PriceUnits(CallRecord call, PlanVersion version, BillingRules rules, long billingStartMs, int units, long billed, int regionId, SubscriptionState state, Allowance? allowance)
    {
        var regionRate = RegionRate(version, regionId);
        var bands = version.Bands;
        var tiers = version.Tiers;
        var split = rules.BandsBy == BandsBy.Split && !bands.IsFlat && regionRate is null;
        var first = rules.FirstBlockSeconds;
        var inc = rules.IncrementSeconds;

        // Fast path: one rate for the whole call.
        var startBand = BandAt(bands, billingStartMs, out var startSegmentEnd);
        if (regionRate is not null)
        {
            _unknownDay = int.MaxValue; // a region rate prices the call whatever the day is
        }
        var singleRate = regionRate is not null || (tiers is null && (!split || UnitStartMs(billingStartMs, units - 1, first, inc) < startSegmentEnd));
        var pieces = _pieces;
        pieces.Clear();
        var unit = 0;
        var volumeSeconds = state.VolumeSeconds;
        while (unit < units)
        {
            int bandIndex;
            Money.Rate rate;
            RateSource source;
            int count;
            if (singleRate)
            {
                count = units - unit;
                bandIndex = startBand;
                (rate, source) = regionRate is { } rr ? (rr, RateSource.Region) : bands.IsFlat ? (version.Rate, RateSource.Plan) : (bands.Bands[startBand].Rate, RateSource.Band);
            }
            else if (tiers is not null)
            {
                bandIndex = 0;
                source = RateSource.Tier;
                var tierMinutes = tiers.Mode == TierMode.Volume ? (volumeSeconds + billed) / 60m : volumeSeconds / 60m;
                var step = tiers.StepIndexAt(tierMinutes);
                rate = tiers.Steps[step].Rate;
                count = units - unit;
                if (tiers.Mode == TierMode.Graduated && step + 1 < tiers.Steps.Count)
                {
                    // Units that start before the next tier boundary stay in this tier.
                    var boundary = tiers.Steps[step + 1].FromMinutes * 60;
                    count = Math.Max(1, Math.Min(count, UnitsStartingBefore(boundary - volumeSeconds, unit, first, inc)));
                }
            }
            else
            {
                var at = UnitStartMs(billingStartMs, unit, first, inc);
                var segmentEnd = long.MaxValue;
                bandIndex = split ? BandAt(bands, at, out segmentEnd) : startBand;
                rate = bands.IsFlat ? version.Rate : bands.Bands[bandIndex].Rate;
                source = bands.IsFlat ? RateSource.Plan : RateSource.Band;
                count = units - unit;
                if (split)
                {
                    count = Math.Max(1, Math.Min(count, UnitsStartingBefore((segmentEnd - billingStartMs + 999) / 1000, unit, first, inc)));
                }
            }
            var seconds = UnitSeconds(unit, count, first, inc);
            var gross = RunCharge(rules, rate, unit, count, seconds);

            // The allowance covers this run's seconds first; the rest is charged.
            long covered = 0;
            if (allowance is not null && state.AllowanceLeftSeconds > 0)
            {
                covered = Math.Min(state.AllowanceLeftSeconds, seconds);
                state.AllowanceLeftSeconds -= covered;
            }
            if (covered == seconds)
            {
                pieces.Add(new UsagePiece(bandIndex, source, rate, count, seconds, covered, Money.Money.Zero));
            }
            else if (covered > 0 || (allowance is not null && allowance.OverageRate is not null && allowance.OnExhausted == ExhaustionRule.Overage))
            {
                var overRate = allowance!.OnExhausted == ExhaustionRule.Overage && allowance.OverageRate is { } o ? o : rate;
                var overSource = allowance.OnExhausted == ExhaustionRule.Overage && allowance.OverageRate is not null ? RateSource.Overage : source;
                var charged = seconds - covered;
                var charge = overSource == RateSource.Overage ? overRate.ForSeconds(charged) : new Money.Money(gross.Yuan * charged / seconds);
                if (covered > 0)
                {
                    pieces.Add(new UsagePiece(bandIndex, source, rate, 0, covered, covered, Money.Money.Zero));
                }
                pieces.Add(new UsagePiece(bandIndex, overSource, overRate, count, charged, 0, charge));
            }
            else
            {
                pieces.Add(new UsagePiece(bandIndex, source, rate, count, seconds, 0, gross));
            }
            volumeSeconds += seconds;
            unit += count;
        }
        return pieces.ToArray();
    }

    /// <summary>The charge of <paramref name="count"/> units from unit <paramref name="unit"/> at <paramref name="rate"/>.</summary>
    private static Money.Money RunCharge(BillingRules rules, Money.Rate rate, int unit, int count, long seconds)
    {
        if (unit == 0 && rules.FirstBlockSeconds > 0 && rules.FirstBlockPrice is { } firstPrice)
        {
            return firstPrice + rate.ForSeconds(seconds - rules.FirstBlockSeconds);
        }
        return rate.ForSeconds(seconds);
    }

    private static long UnitOffsetSeconds(int unit, int first, int inc) =>
        first > 0 ? (unit == 0 ? 0 : first + (long)(unit - 1) * inc) : (long)unit * inc;

    private static long UnitStartMs(long billingStartMs, int unit, int first, int inc) => billingStartMs + UnitOffsetSeconds(unit, first, inc) * 1000;

    private static long UnitSeconds(int unit, int count, int first, int inc) =>
        UnitOffsetSeconds(unit + count, first, inc) - UnitOffsetSeconds(unit, first, inc);

    /// <summary>How many units from <paramref name="unit"/> on start before <paramref name="offsetSeconds"/> into the call.</summary>
    private static int UnitsStartingBefore(long offsetSeconds, int unit, int first, int inc)
    {
        var startOffset = UnitOffsetSeconds(unit, first, inc);
        if (offsetSeconds <= startOffset)
        {
            return 1;
        }
        if (first > 0 && unit == 0)
        {
            return 1; // the first block is a run of its own
        }
        return (int)Math.Min(int.MaxValue, (offsetSeconds - startOffset + inc - 1) / inc);
    }

    private int BandAt(BandTable bands, long atMs, out long segmentEndMs)
    {
        if (bands.IsFlat)
        {
            segmentEndMs = long.MaxValue;
            return 0;
        }
        var day = ChinaTime.DayNumber(atMs);
        var cls = _calendar.Classify(day);
        if (bands.DependsOnHolidays && day < _unknownDay && !_calendar.Covers(day))
        {
            _unknownDay = day;
        }
        var weekday = (DayClass)(((day % 7) + 7) % 7); // DayNumber 0 (0001-01-01) is a Monday
        var msOfDay = ChinaTime.MsOfDay(atMs);
        var band = bands.BandAt(cls, weekday, msOfDay, out var endOfDay);
        segmentEndMs = atMs - msOfDay + endOfDay;
        return band;
    }

    /// <summary>The region rate for a caller, cached per plan version and region (−1 = none applies).</summary>
    private Money.Rate? RegionRate(PlanVersion version, int regionId)
    {
        if (version.Regions.Count == 0)
        {
            return null;
        }
        if (!_regionRateCache.TryGetValue(version, out var cache) || regionId >= cache.Length)
        {
            var bigger = new int[Math.Max(regionId + 64, (cache?.Length ?? 0) * 2)];
            Array.Fill(bigger, -2);
            cache?.CopyTo(bigger, 0);
            cache = bigger;
            _regionRateCache[version] = cache;
        }
        if (cache[regionId] == -2)
        {
            cache[regionId] = -1;
            for (var i = 0; i < version.Regions.Count; i++)
            {
                if (version.Regions[i].Match.Any(m => _regions.Matches(regionId, m)))
                {
                    cache[regionId] = i;
                    break;
                }
            }
        }
        return cache[regionId] >= 0 ? version.Regions[cache[regionId]].Rate : null;
    }

    private static ServiceFee[] ServiceFees(CallRecord call, NumberAccount account, PlanVersion version, DateOnly date, long billed)
    {
        List<ServiceFee>? fees = null;
        var services = account.Services;
        for (var i = 0; i < services.Count; i++)
        {
            var s = services[i];
            var d = s.Service;
            if (d.PerMinute.YuanPerMinute == 0 || !s.Covers(date) || (d.PerMinuteScope == PerMinuteScope.RecordedCalls && !call.Recorded) || version.IncludedServices.Contains(d.Id))
            {
                continue;
            }
            (fees ??= []).Add(new ServiceFee(d, d.PerMinute.ForSeconds(billed)));
        }
        return fees?.ToArray() ?? [];
    }

    /// <summary>The caller's own carrier charges per started minute at the local rate of their line.</summary>
    private Money.Money CallerShare(CallRecord call, long billableSeconds)
    {
        if (billableSeconds == 0)
        {
            return Money.Money.Zero;
        }
        var rates = _catalog.CallerRates;
        var rate = call.Caller.Kind switch
        {
            CallerKind.Mobile => rates.Mobile,
            CallerKind.Landline => rates.Landline,
            _ => rates.Withheld,
        };
        var minutes = (billableSeconds + 59) / 60;
        return new Money.Money(rate.YuanPerMinute * minutes);
    }
}
