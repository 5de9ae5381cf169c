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

    /// <summary>Answered talk time in started minutes (per call), the volume the advisor scales.</summary>
    public long TalkMinutes { get; }

    public decimal MonthlyMinutes => (decimal)TalkMinutes / Months;

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
                error = $"no calls of {n.ToDisplayString()} in the files (numbers present: {string.Join(", ", numbers.Take(10).Select(x => x.ToDisplayString()))})";
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
