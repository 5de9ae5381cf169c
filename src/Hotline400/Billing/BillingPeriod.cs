using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Hotline400.Common;

namespace Hotline400.Billing;

/// <summary>
/// A billing period: one calendar month in China time (UTC+8). <see cref="Start"/> is the first
/// day, included; <see cref="End"/> is the first day of the next month, excluded, so that a
/// period is the half-open date range [Start, End) and consecutive periods never overlap.
/// </summary>
public readonly record struct BillingPeriod : IComparable<BillingPeriod>
{
    public BillingPeriod(int year, int month)
    {
        if (month is < 1 or > 12 || year is < 1 or > 9998)
        {
            throw new ArgumentOutOfRangeException(nameof(month), $"no such month {year}-{month}");
        }
        Year = year;
        Month = month;
    }

    public int Year { get; }
    public int Month { get; }

    /// <summary>The first day of the month (inclusive).</summary>
    public DateOnly Start => new(Year, Month, 1);

    /// <summary>The first day of the next month (exclusive).</summary>
    public DateOnly End => Start.AddMonths(1);

    /// <summary>The last day of the month (inclusive), for display.</summary>
    public DateOnly LastDay => End.AddDays(-1);

    public int Days => DateTime.DaysInMonth(Year, Month);

    /// <summary>The instant the period starts (China midnight of <see cref="Start"/>), ms since the Unix epoch.</summary>
    public long StartMs => ChinaTime.StartOfDay(Start);

    /// <summary>The instant the period ends (exclusive).</summary>
    public long EndMs => ChinaTime.StartOfDay(End);

    public bool Contains(DateOnly date) => date >= Start && date < End;

    /// <summary>Whether a call started (China time) inside the period.</summary>
    public bool ContainsInstant(long unixMs) => unixMs >= StartMs && unixMs < EndMs;

    public static BillingPeriod Of(DateOnly date) => new(date.Year, date.Month);

    public BillingPeriod Next => Of(End);
    public BillingPeriod Previous => Of(Start.AddMonths(-1));

    /// <summary>Months from <paramref name="earlier"/>'s period to this one (0 when the same).</summary>
    public int MonthsSince(DateOnly earlier) => (Year * 12 + Month) - (earlier.Year * 12 + earlier.Month);

    /// <summary>Days of the half-open range [from, toExclusive) that fall in this period.</summary>
    public int DaysOverlapping(DateOnly from, DateOnly? toExclusive)
    {
        var a = from > Start ? from : Start;
        var b = toExclusive is { } t && t < End ? t : End;
        return b > a ? b.DayNumber - a.DayNumber : 0;
    }

    /// <summary>Parses "2026-10" (also "2026-1"); a refusal is a message, not an exception.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out BillingPeriod? period, [NotNullWhen(false)] out LocalizedText? error)
    {
        period = null;
        error = null;
        var t = text?.Trim() ?? "";
        var dash = t.IndexOf('-', StringComparison.Ordinal);
        if (dash == 4 && int.TryParse(t.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(t.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && t.Length - 5 is 1 or 2 && m is >= 1 and <= 12 && y >= 1)
        {
            period = new BillingPeriod(y, m);
            return true;
        }
        error = Problems.NotAPeriod(text);
        return false;
    }

    /// <summary>Parses "2026-10"; throws on bad text (for literals in code and tests).</summary>
    public static BillingPeriod Parse(string text) =>
        TryParse(text, out var p, out var error) ? p.Value : throw new FormatException(error.En);

    public int CompareTo(BillingPeriod other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public override string ToString() => $"{Year:0000}-{Month:00}";
}
