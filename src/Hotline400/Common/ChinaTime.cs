namespace Hotline400.Common;

/// <summary>
/// China Standard Time (UTC+8, no daylight saving). Call times are kept as milliseconds since the
/// Unix epoch (UTC); day types, bands and calendar months are decided in China time.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);
    public const long OffsetMs = 8 * 3_600_000L;
    public const long MsPerDay = 86_400_000L;

    /// <summary>The <see cref="DateOnly.DayNumber"/> of the China date at <paramref name="unixMs"/>.</summary>
    public static int DayNumber(long unixMs) => (int)(FloorDiv(unixMs + OffsetMs, MsPerDay) + UnixEpochDayNumber);

    /// <summary>Milliseconds since China midnight.</summary>
    public static long MsOfDay(long unixMs) => FloorMod(unixMs + OffsetMs, MsPerDay);

    public static DateOnly Date(long unixMs) => DateOnly.FromDayNumber(DayNumber(unixMs));

    /// <summary>The instant of China midnight starting <paramref name="date"/>.</summary>
    public static long StartOfDay(DateOnly date) => (date.DayNumber - UnixEpochDayNumber) * MsPerDay - OffsetMs;

    public static DateTimeOffset ToDateTimeOffset(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToOffset(Offset);

    public static long FromDateTimeOffset(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    /// <summary>Month key (year × 12 + month − 1) of the China date at <paramref name="unixMs"/>.</summary>
    public static int MonthKey(long unixMs)
    {
        var d = Date(unixMs);
        return d.Year * 12 + d.Month - 1;
    }

    public static int MonthKey(DateOnly date) => date.Year * 12 + date.Month - 1;

    public static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
    private static long FloorMod(long a, long b) => a - FloorDiv(a, b) * b;
}
