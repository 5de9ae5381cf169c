using Hotline400.Common;

namespace Hotline400.Calendar;

/// <summary>
/// The one wording every output uses when calls are priced on days the holiday calendar has no
/// notice for, under bands that depend on the day type (rate, bill, statements, audit, advise).
/// </summary>
public static class HolidaysUnknown
{
    /// <summary>"From this day on holidays are unknown": what it means and what to do, in Chinese and English.</summary>
    public static LocalizedText Note(DateOnly from) => new(
        $"{from:yyyy-MM-dd} 起的法定节假日和调休安排尚未收录（节假日日历中没有该年的国务院通知），按节假日、工作日分时段计费的套餐把这些日期按普通星期几计费；收到通知后请录入资费目录的 holidays 部分并重新计费",
        $"the public holidays and adjusted working days from {from:yyyy-MM-dd} on are not in the holiday calendar (no State Council notice for that year): plans with bands by day type price those dates as plain weekdays; once the notice is out, add it to the catalog's holidays section and rate again");

    /// <summary>The same, as a statement says it to the enterprise: which calls, how they were priced, and that an adjustment follows.</summary>
    public static LocalizedText StatementNote(DateOnly from, long calls) => new(
        $"本账单有 {calls:N0} 通通话的日期在 {from:yyyy-MM-dd} 或之后，该年的法定节假日和调休安排尚未收录（国务院通知尚未录入），这些通话已按普通星期几计费；通知录入后将重新出账，差额列入调整单",
        $"{calls:N0} call{(calls == 1 ? "" : "s")} on this statement fall on or after {from:yyyy-MM-dd}, whose public holidays and adjusted working days were not yet in the holiday calendar (the State Council notice not loaded): they are priced as plain weekdays; once the notice is loaded, billing again lists any difference on an adjustment");
}
