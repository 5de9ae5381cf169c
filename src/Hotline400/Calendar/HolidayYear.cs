namespace Hotline400.Calendar;

/// <summary>Where a year of a <see cref="HolidayCalendar"/> comes from.</summary>
public enum HolidayOrigin
{
    /// <summary>The data the product carries (holiday-cn, from the State Council notices).</summary>
    BuiltIn,

    /// <summary>The <c>holidays</c> section of a tariff catalog (docs/tariff-format.md), typed in from the notice.</summary>
    Catalog,

    /// <summary>Days listed by code (<see cref="HolidayCalendar.FromDays(IEnumerable{ValueTuple{DateOnly, string, bool}})"/>), for tests.</summary>
    Given,
}

/// <summary>
/// One day a State Council notice lists: a statutory day off (<see cref="IsOffDay"/>), or a
/// weekend day made a working day (调休上班), with the holiday it belongs to (元旦, 春节…).
/// </summary>
public readonly record struct HolidayDay(DateOnly Date, string Name, bool IsOffDay);

/// <summary>
/// A year's days off and adjusted working days as one State Council notice gives them. A notice is
/// whole: a year of the calendar is replaced by another notice of that year, never merged with it.
/// It speaks for every day of its <see cref="Year"/> (a day it does not list is an ordinary day)
/// and for the days it lists of the year before (the New Year break: the 2019 notice lists
/// 2018-12-29…31).
/// </summary>
/// <param name="Year">The year the notice arranges.</param>
/// <param name="Days">The days it lists.</param>
/// <param name="Origin">Where the calendar got it.</param>
/// <param name="Source">The notice's title or number as the catalog gives it (国办发明电〔2025〕7号…); null for built-in data.</param>
/// <param name="Url">Where the notice is published, when known.</param>
public sealed record HolidayYear(int Year, IReadOnlyList<HolidayDay> Days, HolidayOrigin Origin, string? Source = null, string? Url = null);
