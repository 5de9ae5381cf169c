using Hotline400.Calendar;
using Hotline400.Common;
using Hotline400.Money;

namespace Hotline400.Catalog;

/// <summary>A time band (忙时/闲时…) with its rate.</summary>
public sealed record Band(string Id, LocalizedText Name, Rate Rate)
{
    /// <summary>The id and names as UTF-8, for output written per call.</summary>
    internal byte[] IdUtf8 { get; } = System.Text.Encoding.UTF8.GetBytes(Id);
    internal byte[] NameZhUtf8 { get; } = System.Text.Encoding.UTF8.GetBytes(Name.Zh);
    internal byte[] NameEnUtf8 { get; } = System.Text.Encoding.UTF8.GetBytes(Name.En);
}

/// <summary>
/// Bands laid out for fast lookup: for each day class, the boundaries of the day in
/// milliseconds since China midnight and the band index of each segment. Validation guarantees
/// every weekday class is covered exactly once; holiday and adjusted-workday classes are either
/// covered or fall back to their weekday.
/// </summary>
public sealed class BandTable
{
    private readonly Segment[][] _byClass;

    public BandTable(IReadOnlyList<Band> bands, Segment[][] byClass)
    {
        Bands = bands;
        _byClass = byClass;
        DependsOnHolidays = Differs(byClass, DayClass.Holiday) || Differs(byClass, DayClass.AdjustedWorkday);
    }

    /// <summary>
    /// Whether the holiday calendar changes the band of some moment: statutory days off or adjusted
    /// working days are covered by segments that differ from some weekday's (<c>rest</c>, <c>workday</c>,
    /// <c>holiday</c>, <c>adjusted_workday</c> in a plan's bands). When false, a day the calendar has
    /// no notice for is priced right whatever it turns out to be.
    /// </summary>
    public bool DependsOnHolidays { get; }

    private static bool Differs(Segment[][] byClass, DayClass special)
    {
        if (byClass[(int)special] is not { } segments)
        {
            return false; // not mentioned: priced as its weekday, holiday or not
        }
        for (var weekday = 0; weekday < 7; weekday++)
        {
            if (byClass[weekday] is { } other && !segments.AsSpan().SequenceEqual(other))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A single flat band at <paramref name="rate"/> covering every day.</summary>
    public static BandTable Flat(Rate rate)
    {
        var band = new Band("standard", new LocalizedText("标准", "Standard"), rate);
        var whole = new[] { new Segment(0, ChinaTime.MsPerDay, 0) };
        var byClass = new Segment[9][];
        for (var i = 0; i < 7; i++)
        {
            byClass[i] = whole;
        }
        return new BandTable([band], byClass);
    }

    public IReadOnlyList<Band> Bands { get; }

    public bool IsFlat => Bands.Count == 1;

    /// <summary>A stretch of one day class [FromMs, ToMs) priced by band <see cref="BandIndex"/>.</summary>
    public readonly record struct Segment(long FromMs, long ToMs, int BandIndex);

    /// <summary>The segments of a day class, falling back to its weekday for holiday and adjusted days not covered.</summary>
    public Segment[] SegmentsFor(DayClass dayClass, DayClass weekday)
    {
        var segments = _byClass[(int)dayClass];
        return segments ?? _byClass[(int)weekday];
    }

    /// <summary>Finds the band in force at <paramref name="msOfDay"/> and where its segment ends.</summary>
    public int BandAt(DayClass dayClass, DayClass weekday, long msOfDay, out long segmentEndMs)
    {
        var segments = SegmentsFor(dayClass, weekday);
        foreach (var s in segments)
        {
            if (msOfDay < s.ToMs)
            {
                segmentEndMs = s.ToMs;
                return s.BandIndex;
            }
        }
        segmentEndMs = ChinaTime.MsPerDay;
        return segments[^1].BandIndex;
    }
}
