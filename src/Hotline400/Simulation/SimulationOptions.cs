using Hotline400.Calendar;

namespace Hotline400.Simulation;

/// <summary>
/// What <see cref="TrafficSimulator"/> generates: China dates <see cref="From"/> to <see cref="To"/>
/// (both included), a <see cref="Seed"/> that fixes every random choice, and optionally the average
/// number of inbound calls per number on an ordinary workday (when null each number gets its own
/// volume, 20–400 a day, derived from the number and the size of its package).
/// </summary>
public sealed record SimulationOptions(DateOnly From, DateOnly To, int Seed = 1, int? CallsPerDay = null)
{
    /// <summary>The calendar that tells working days from rest days (default: the built-in one; give the catalog's, <see cref="Catalog.TariffCatalog.Calendar"/>).</summary>
    public HolidayCalendar? Calendar { get; init; }
}
