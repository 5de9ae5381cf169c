using Hotline400.Numbers;

namespace Hotline400.Analytics;

/// <summary>
/// How a number's callers call: the figures of <c>hotline400 report</c>, computed in one pass over
/// inbound calls (see docs/analytics.md for the exact definitions). Times are China time; weeks
/// start on Monday. Immutable.
/// </summary>
public sealed class CallProfile
{
    /// <summary>
    /// The 400 numbers whose calls are counted, in number order, each with its calls: one when the
    /// files hold one number or one was picked; several when the figures combine them.
    /// </summary>
    public required IReadOnlyList<NumberCount> Numbers { get; init; }

    /// <summary>True when the figures combine the calls of more than one 400 number.</summary>
    public bool CombinesNumbers => Numbers.Count > 1;

    /// <summary>The China date of the first call counted (by start); null when no call was counted.</summary>
    public DateOnly? FirstDate => Days.Count == 0 ? null : Days[0].Date;

    /// <summary>The China date of the last call counted (by start); null when no call was counted.</summary>
    public DateOnly? LastDate => Days.Count == 0 ? null : Days[^1].Date;

    /// <summary>Inbound calls counted (valid rows, duplicates and outbound calls excluded).</summary>
    public required long Calls { get; init; }

    /// <summary>Calls a bound phone answered (an <c>answered_at</c> is given).</summary>
    public required long Answered { get; init; }

    /// <summary>Calls nobody answered: <see cref="Calls"/> − <see cref="Answered"/>.</summary>
    public long Missed => Calls - Answered;

    /// <summary>Answered ÷ calls; 0 when there are no calls.</summary>
    public double AnswerRate => Calls == 0 ? 0 : (double)Answered / Calls;

    /// <summary>Talk seconds of all answered calls (answer to end, each rounded up to a whole second).</summary>
    public required long TalkSeconds { get; init; }

    /// <summary>Talk seconds of answered calls that started inside the <see cref="PeakBand"/>.</summary>
    public required long PeakTalkSeconds { get; init; }

    /// <summary>Share of talk minutes in the peak band: peak talk seconds ÷ talk seconds; 0 when nothing was talked.</summary>
    public double PeakShare => TalkSeconds == 0 ? 0 : (double)PeakTalkSeconds / TalkSeconds;

    /// <summary>The band <see cref="PeakShare"/> refers to.</summary>
    public required PeakBand PeakBand { get; init; }

    /// <summary>Calls by start: <c>Load[weekday][hour]</c>, weekday 0 = Monday … 6 = Sunday, hour 0–23.</summary>
    public required long[][] Load { get; init; }

    /// <summary>Calls by hour of start (0–23).</summary>
    public required long[] CallsByHour { get; init; }

    /// <summary>Answered calls by hour of start (0–23).</summary>
    public required long[] AnsweredByHour { get; init; }

    /// <summary>Answer rate per hour of start; 0 for an hour without calls.</summary>
    public double AnswerRateAt(int hour) => CallsByHour[hour] == 0 ? 0 : (double)AnsweredByHour[hour] / CallsByHour[hour];

    /// <summary>Missed calls per hour of start.</summary>
    public long MissedAt(int hour) => CallsByHour[hour] - AnsweredByHour[hour];

    /// <summary>Calls by caller province, most calls first (ties by Chinese name, ordinal); Unknown is one entry like any other.</summary>
    public required IReadOnlyList<RegionCount> Provinces { get; init; }

    /// <summary>Calls by caller province and city, most calls first (ties by name, ordinal).</summary>
    public required IReadOnlyList<RegionCount> Cities { get; init; }

    /// <summary>Answered calls by talk time, in the buckets of <see cref="TalkTimeBucket.All"/>.</summary>
    public required long[] TalkTimeBuckets { get; init; }

    /// <summary>Median talk time of answered calls in seconds (nearest rank); 0 when none.</summary>
    public required long MedianTalkSeconds { get; init; }

    /// <summary>90th percentile talk time of answered calls in seconds (nearest rank); 0 when none.</summary>
    public required long P90TalkSeconds { get; init; }

    /// <summary>Every date with calls (China time), in date order.</summary>
    public required IReadOnlyList<DayCount> Days { get; init; }

    /// <summary>How many busiest dates every rendering shows (terminal, JSON, HTML): one number, so they never disagree.</summary>
    public const int BusiestDaysShown = 5;

    /// <summary>The busiest dates: most calls first, ties by earlier date; at most <paramref name="count"/>.</summary>
    public IReadOnlyList<DayCount> BusiestDays(int count = BusiestDaysShown) =>
        [.. Days.OrderByDescending(d => d.Calls).ThenBy(d => d.Date).Take(count)];

    /// <summary>Rows that could not be used, duplicates dropped and outbound calls left out.</summary>
    public required long Rejected { get; init; }
    public required long Duplicates { get; init; }
    public required long Outbound { get; init; }

    /// <summary>The cost figures when the calls were rated (a catalog and accounts were given); null otherwise.</summary>
    public CallCost? Cost { get; init; }

    /// <summary>The same profile with cost figures.</summary>
    public CallProfile WithCost(CallCost cost) => new()
    {
        Numbers = Numbers, Calls = Calls, Answered = Answered, TalkSeconds = TalkSeconds, PeakTalkSeconds = PeakTalkSeconds, PeakBand = PeakBand,
        Load = Load, CallsByHour = CallsByHour, AnsweredByHour = AnsweredByHour, Provinces = Provinces, Cities = Cities,
        TalkTimeBuckets = TalkTimeBuckets, MedianTalkSeconds = MedianTalkSeconds, P90TalkSeconds = P90TalkSeconds, Days = Days,
        Rejected = Rejected, Duplicates = Duplicates, Outbound = Outbound, Cost = cost,
    };
}

/// <summary>The inbound calls counted of one 400 number.</summary>
public sealed record NumberCount(HotlineNumber Number, long Calls);

/// <summary>Calls from one region: a province (<see cref="City"/> empty) or a city of a province.</summary>
public sealed record RegionCount(string Province, string City, string ProvinceEn, string CityEn, long Calls)
{
    public bool IsUnknown => Province == Region.Unknown.ProvinceZh && City.Length == 0;
}

/// <summary>Calls on one China date, with their talk seconds.</summary>
public sealed record DayCount(DateOnly Date, long Calls, long Answered, long TalkSeconds);

/// <summary>What the rated calls cost: all charges (including unanswered calls billed from pick-up) over the answered calls.</summary>
public sealed record CallCost(long RatedCalls, long RatedAnswered, Money.Money Total, long RatingRejects)
{
    /// <summary>Total ÷ answered rated calls, exact (round for display); null when no rated call was answered.</summary>
    public Money.Money? PerAnsweredCall => RatedAnswered == 0 ? null : new Money.Money(Total.Yuan / RatedAnswered);
}

/// <summary>The talk-time buckets: half-open ranges of whole seconds [From, To).</summary>
public readonly record struct TalkTimeBucket(long FromSeconds, long ToSeconds, string LabelZh, string LabelEn)
{
    public static readonly TalkTimeBucket[] All =
    [
        new(0, 30, "<30秒", "<30 s"),
        new(30, 60, "30–60秒", "30–60 s"),
        new(60, 180, "1–3分", "1–3 min"),
        new(180, 300, "3–5分", "3–5 min"),
        new(300, 600, "5–10分", "5–10 min"),
        new(600, 1800, "10–30分", "10–30 min"),
        new(1800, long.MaxValue, "≥30分", "≥30 min"),
    ];

    /// <summary>The index of the bucket holding <paramref name="seconds"/>.</summary>
    public static int IndexOf(long seconds)
    {
        for (var i = 0; i < All.Length - 1; i++)
        {
            if (seconds < All[i].ToSeconds)
            {
                return i;
            }
        }
        return All.Length - 1;
    }
}
