namespace Hotline400.Calendar;

/// <summary>
/// How a calendar day counts for tariffs and time routing in mainland China: an ordinary weekday
/// or weekend day by its weekday, a statutory day off (法定节假日), or a weekend day that is a
/// working day because of holiday adjustment (调休工作日).
/// </summary>
public enum DayClass : byte
{
    /// <summary>An ordinary Monday.</summary>
    Mon,

    /// <summary>An ordinary Tuesday.</summary>
    Tue,

    /// <summary>An ordinary Wednesday.</summary>
    Wed,

    /// <summary>An ordinary Thursday.</summary>
    Thu,

    /// <summary>An ordinary Friday.</summary>
    Fri,

    /// <summary>An ordinary Saturday.</summary>
    Sat,

    /// <summary>An ordinary Sunday.</summary>
    Sun,

    /// <summary>A statutory day off (法定节假日), including weekend days inside a holiday period.</summary>
    Holiday,

    /// <summary>A working day made up for a holiday (调休工作日), usually a Saturday or Sunday.</summary>
    AdjustedWorkday,
}

/// <summary>Display names of <see cref="DayClass"/> values in Chinese and English (no allocation).</summary>
public static class DayClassNames
{
    /// <summary>周一…周日, 法定节假日, 调休工作日.</summary>
    public static string Zh(DayClass day) => day switch
    {
        DayClass.Mon => "周一",
        DayClass.Tue => "周二",
        DayClass.Wed => "周三",
        DayClass.Thu => "周四",
        DayClass.Fri => "周五",
        DayClass.Sat => "周六",
        DayClass.Sun => "周日",
        DayClass.Holiday => "法定节假日",
        DayClass.AdjustedWorkday => "调休工作日",
        _ => "未知",
    };

    /// <summary>Monday…Sunday, Public holiday, Adjusted workday.</summary>
    public static string En(DayClass day) => day switch
    {
        DayClass.Mon => "Monday",
        DayClass.Tue => "Tuesday",
        DayClass.Wed => "Wednesday",
        DayClass.Thu => "Thursday",
        DayClass.Fri => "Friday",
        DayClass.Sat => "Saturday",
        DayClass.Sun => "Sunday",
        DayClass.Holiday => "Public holiday",
        DayClass.AdjustedWorkday => "Adjusted workday",
        _ => "Unknown",
    };
}
