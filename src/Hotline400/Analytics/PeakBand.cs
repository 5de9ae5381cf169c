using Hotline400.Calendar;
using Hotline400.Common;

namespace Hotline400.Analytics;

/// <summary>
/// The busiest time band of the week, for <see cref="CallProfile.PeakShare"/>: working days
/// (Monday–Friday and adjusted working days 调休, but not statutory days off, per the holiday
/// calendar) from <see cref="FromHour"/> inclusive to <see cref="ToHour"/> exclusive, China time.
/// A call belongs to the band by its start time. The default is 08:00–20:00, the usual 忙时 of
/// the trade; the advisor reads the share to price plans with peak and off-peak rates.
/// </summary>
public sealed record PeakBand(int FromHour, int ToHour, HolidayCalendar Calendar)
{
    /// <summary>Working days 08:00–20:00 under China's holiday calendar.</summary>
    public static PeakBand Default => new(8, 20, HolidayCalendar.China);

    /// <summary>True when a call starting at <paramref name="startedMs"/> (Unix ms) falls in the band.</summary>
    public bool Contains(long startedMs)
    {
        var hour = (int)(ChinaTime.MsOfDay(startedMs) / 3_600_000);
        if (hour < FromHour || hour >= ToHour)
        {
            return false;
        }
        var day = Calendar.Classify(ChinaTime.DayNumber(startedMs));
        return day is <= DayClass.Fri or DayClass.AdjustedWorkday;
    }

    public string LabelZh => $"工作日 {FromHour:00}:00–{ToHour:00}:00";
    public string LabelEn => $"workdays {FromHour:00}:00–{ToHour:00}:00";
}
