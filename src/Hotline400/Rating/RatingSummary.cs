using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Rating;

/// <summary>
/// Tallies a run per 400 number: calls, billed minutes and charge. A number's charge is the sum
/// of its calls' charges rounded to the fen once (exact already for plans that round per call);
/// the total is the sum of the numbers' charges, so the lines always add up to the total.
/// </summary>
public sealed class RatingSummary : IRatingSink
{
    private readonly Dictionary<long, NumberTally> _numbers = [];

    public sealed class NumberTally(HotlineNumber number)
    {
        public HotlineNumber Number { get; } = number;
        public long Calls { get; set; }
        public long BilledSeconds { get; set; }
        public Money.Money ExactCharge { get; set; }
        public decimal Minutes => BilledSeconds / 60m;
        public Money.Money Charge => ExactCharge.RoundToFen();

        /// <summary>The China date of the number's first call in the run (calls come in start order).</summary>
        public DateOnly FirstCall { get; init; }

        /// <summary>The subscription last checked for state that began before <see cref="FirstCall"/> (−1: none yet).</summary>
        internal int CheckedSubscription { get; set; } = -1;
    }

    /// <summary>The numbers in ascending order.</summary>
    public IEnumerable<NumberTally> Numbers => _numbers.Values.OrderBy(n => n.Number.Value);

    public Money.Money Total
    {
        get
        {
            var total = Money.Money.Zero;
            foreach (var n in _numbers.Values)
            {
                total += n.Charge;
            }
            return total;
        }
    }

    public List<CallReject> Rejects { get; } = [];

    /// <summary>Every reject counted by its reason's code (<see cref="RejectCodes"/>), in code order.</summary>
    public SortedDictionary<string, long> RejectsByCode { get; } = new(StringComparer.Ordinal);

    /// <summary>How many rejects to keep for display; all are counted and written to the rejects file.</summary>
    public int KeepRejects { get; init; } = 20;

    /// <summary>
    /// The earliest <see cref="RatedCall.HolidaysUnknownFrom"/> of the run: calls were priced by
    /// bands that depend on the day type on days the holiday calendar has no notice for. Null: none were.
    /// </summary>
    public DateOnly? HolidaysUnknownFrom { get; private set; }

    /// <summary>How many calls were priced so (see <see cref="HolidaysUnknownFrom"/>).</summary>
    public long HolidaysUnknownCalls { get; private set; }

    /// <summary>
    /// The subscriptions whose allowance period or tier month began before their number's first
    /// call in the run, in the order found: a stateless run took their allowance as unused and their
    /// month's volume as zero there (<see cref="AllowanceAssumedFull"/>). Calls must come in rating order.
    /// </summary>
    public List<AllowanceAssumedFull> AllowanceAssumedFull { get; } = [];

    public void Rated(RatedCall call)
    {
        if (call.HolidaysUnknownFrom is { } unknown)
        {
            HolidaysUnknownCalls += call.Count;
            if (HolidaysUnknownFrom is null || unknown < HolidaysUnknownFrom)
            {
                HolidaysUnknownFrom = unknown;
            }
        }
        if (!_numbers.TryGetValue(call.Call.Number.Value, out var tally))
        {
            tally = new NumberTally(call.Call.Number) { FirstCall = ChinaTime.Date(call.Call.StartedMs) };
            _numbers[call.Call.Number.Value] = tally;
        }
        if (tally.CheckedSubscription != call.Subscription.Index && call.Call.Direction == Direction.In)
        {
            // The subscription's first inbound call opens its rating state (outbound calls draw on neither).
            tally.CheckedSubscription = call.Subscription.Index;
            var starts = Rater.StatePeriodStarts(call.Subscription, call.Version, ChinaTime.Date(call.Call.StartedMs));
            if (Rating.AllowanceAssumedFull.Check(tally.Number, call.Plan, starts, tally.FirstCall) is { } assumed)
            {
                AllowanceAssumedFull.Add(assumed);
            }
        }
        tally.Calls++;
        tally.BilledSeconds += call.BilledSeconds;
        tally.ExactCharge += call.Charge;
    }

    public void Rejected(CallReject reject)
    {
        if (Rejects.Count < KeepRejects)
        {
            Rejects.Add(reject);
        }
        RejectsByCode[reject.Code] = RejectsByCode.GetValueOrDefault(reject.Code) + 1;
    }

    public void Duplicate(CallRecord duplicate)
    {
    }
}

/// <summary>Sends everything to several sinks.</summary>
public sealed class FanOutSink(params IRatingSink[] sinks) : IRatingSink
{
    /// <summary>
    /// The earliest <see cref="RatedCall.HolidaysUnknownFrom"/> of the run: calls were priced by
    /// bands that depend on the day type on days the holiday calendar has no notice for. Null: none were.
    /// </summary>
    public DateOnly? HolidaysUnknownFrom { get; private set; }

    /// <summary>How many calls were priced so (see <see cref="HolidaysUnknownFrom"/>).</summary>
    public long HolidaysUnknownCalls { get; private set; }

    public void Rated(RatedCall call)
    {
        if (call.HolidaysUnknownFrom is { } unknown)
        {
            HolidaysUnknownCalls += call.Count;
            if (HolidaysUnknownFrom is null || unknown < HolidaysUnknownFrom)
            {
                HolidaysUnknownFrom = unknown;
            }
        }
        foreach (var s in sinks)
        {
            s.Rated(call);
        }
    }

    public void Rejected(CallReject reject)
    {
        foreach (var s in sinks)
        {
            s.Rejected(reject);
        }
    }

    public void Duplicate(CallRecord duplicate)
    {
        foreach (var s in sinks)
        {
            s.Duplicate(duplicate);
        }
    }
}
