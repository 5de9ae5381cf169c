using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Advisor;

/// <summary>
/// One number's calls in rating order and the calendar months they span (first to last call,
/// both included). The advisor replays these under every plan.
/// </summary>
public sealed class TrafficHistory
{
    public TrafficHistory(HotlineNumber number, IReadOnlyList<CallRecord> calls)
    {
        if (calls.Count == 0)
        {
            throw new ArgumentException("a history needs at least one call", nameof(calls));
        }
        Number = number;
        var sorted = calls.ToArray();
        Array.Sort(sorted, CallRecord.CompareForRating);
        Calls = sorted;
        var first = ChinaTime.Date(sorted[0].StartedMs);
        var lastMs = sorted.Max(c => c.StartedMs);
        var last = ChinaTime.Date(lastMs);
        FirstDay = new DateOnly(first.Year, first.Month, 1);
        var lastMonth = new DateOnly(last.Year, last.Month, 1);
        LastDay = lastMonth.AddMonths(1).AddDays(-1);
        Months = (lastMonth.Year - FirstDay.Year) * 12 + lastMonth.Month - FirstDay.Month + 1;
        CoveredDays = last.DayNumber - first.DayNumber + 1;
        long seconds = 0;
        foreach (var c in sorted)
        {
            if (c.WasAnswered && c.EndedMs > c.AnsweredMs)
            {
                seconds += (c.EndedMs - c.AnsweredMs + 59_999) / 60_000 * 60;
            }
        }
        TalkMinutes = seconds / 60;
    }

    public HotlineNumber Number { get; }

    /// <summary>The calls, sorted by <see cref="CallRecord.CompareForRating"/>.</summary>
    public IReadOnlyList<CallRecord> Calls { get; }

    /// <summary>First day of the first month with a call.</summary>
    public DateOnly FirstDay { get; }

    /// <summary>Last day of the last month with a call.</summary>
    public DateOnly LastDay { get; }

    /// <summary>Calendar months spanned, first and last included.</summary>
    public int Months { get; }

    /// <summary>Days from the first call's day to the last call's, both included.</summary>
    public int CoveredDays { get; }

    /// <summary>Days of the months spanned (<see cref="FirstDay"/> to <see cref="LastDay"/>).</summary>
    public int MonthDays => LastDay.DayNumber - FirstDay.DayNumber + 1;

    /// <summary>
    /// The calls leave a tenth or more of the months spanned uncovered (a week's export, say): the
    /// advisor scales their traffic by <see cref="MonthDays"/> / <see cref="CoveredDays"/>.
    /// </summary>
    public bool PartialMonths => CoveredDays * 10 < MonthDays * 9;

    /// <summary>Answered talk time in started minutes (per call), the volume the advisor scales.</summary>
    public long TalkMinutes { get; }

    public decimal MonthlyMinutes => (decimal)TalkMinutes / Months;

    /// <summary>A repeated year holds at most this many calls; a longer one is annualized by scaling instead.</summary>
    public const int MaxYearCalls = 5_000_000;

    /// <summary>
    /// A year like this history, for pricing plans over a whole year: a history shorter than 12
    /// months is played again and again, each copy moved on by the history's length (3 months →
    /// four copies, moved 0, 3, 6 and 9 months, same time of day), up to 12 months in all; so
    /// promotions of N months, first-month rules, minimums and allowances per term act as they
    /// would over a real year. A history of 12 months or more, or one whose year would exceed
    /// <see cref="MaxYearCalls"/>, is returned as it is (annualized by scaling later).
    /// With <paramref name="allRecorded"/> every call counts as recorded.
    /// </summary>
    public TrafficHistory Year(bool allRecorded = false)
    {
        var repeat = Months < 12 && (long)Calls.Count * 12 / Months <= MaxYearCalls;
        if (!repeat && !allRecorded)
        {
            return this;
        }
        var firstMonth = ChinaTime.MonthKey(FirstDay);
        var copies = repeat ? (12 + Months - 1) / Months : 1;
        var calls = new List<CallRecord>(Calls.Count * copies);
        for (var k = 0; k < copies; k++)
        {
            foreach (var c in Calls)
            {
                var date = ChinaTime.Date(c.StartedMs);
                var moved = date.AddMonths(k * Months);
                if (repeat && ChinaTime.MonthKey(moved) - firstMonth >= 12)
                {
                    continue;
                }
                var shift = ChinaTime.StartOfDay(moved) - ChinaTime.StartOfDay(date);
                calls.Add(new CallRecord
                {
                    CallId = k == 0 ? c.CallId : $"{c.CallId}~{k}",
                    Number = c.Number,
                    Caller = c.Caller,
                    StartedMs = c.StartedMs + shift,
                    AnsweredMs = c.WasAnswered ? c.AnsweredMs + shift : c.AnsweredMs,
                    EndedMs = c.EndedMs + shift,
                    Outcome = c.Outcome,
                    Recorded = c.Recorded || allRecorded,
                    Direction = c.Direction,
                });
            }
        }
        return new TrafficHistory(Number, calls);
    }

    /// <summary>
    /// Picks one number's calls: <paramref name="number"/> if given, else the only number in the
    /// calls. Null with a message when the calls hold several numbers and none was picked, or none.
    /// </summary>
    public static TrafficHistory? For(IReadOnlyList<CallRecord> calls, HotlineNumber? number, out string? error)
    {
        error = null;
        var numbers = calls.Select(c => c.Number).Distinct().ToList();
        if (number is { } n)
        {
            var mine = calls.Where(c => c.Number == n).ToList();
            if (mine.Count == 0)
            {
                error = $"no calls of {n.ToDisplayString()} in the files (numbers present: {string.Join(", ", numbers.Take(10).Select(x => x.ToDisplayString()))}{(numbers.Count > 10 ? $", … {numbers.Count} in all" : "")})";
                return null;
            }
            return new TrafficHistory(n, mine);
        }
        if (numbers.Count == 0)
        {
            error = "the files hold no usable calls";
            return null;
        }
        if (numbers.Count > 1)
        {
            error = $"the files hold calls of {numbers.Count} numbers ({string.Join(", ", numbers.Take(5).Select(x => x.ToDisplayString()))}…); pick one with --number";
            return null;
        }
        return new TrafficHistory(numbers[0], calls);
    }
}
