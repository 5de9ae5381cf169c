namespace Hotline400.Calendar;

/// <summary>The class of a China date for pricing: its weekday, or a statutory holiday or adjusted working day.</summary>
public enum DayClass : byte
{
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
    Holiday,
    AdjustedWorkday,
}
