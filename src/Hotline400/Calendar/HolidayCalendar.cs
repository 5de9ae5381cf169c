using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Hotline400.Calendar;

/// <summary>
/// Mainland China's working-day calendar: statutory days off and adjusted working days (调休)
/// from the State Council notices, on top of ordinary weekdays. <see cref="China"/> carries the
/// embedded data (holiday-cn, MIT); a year whose notice is not in the data yet is not covered,
/// and days outside the covered range are classified by their plain weekday.
/// </summary>
public sealed class HolidayCalendar
{
    private const string ResourcePrefix = "Hotline400.Calendar.Data.";
    private static readonly Lazy<HolidayCalendar> ChinaInstance = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly byte[] _classes;
    private readonly int _firstDayNumber;
    private readonly Dictionary<int, string> _names;

    private HolidayCalendar(byte[] classes, int firstDayNumber, Dictionary<int, string> names)
    {
        _classes = classes;
        _firstDayNumber = firstDayNumber;
        _names = names;
    }

    /// <summary>The calendar of mainland China from the embedded data (loaded once, thread-safe).</summary>
    public static HolidayCalendar China => ChinaInstance.Value;

    /// <summary>The first day the data speaks for.</summary>
    public DateOnly FirstCovered => DateOnly.FromDayNumber(_firstDayNumber);

    /// <summary>The last day the data speaks for.</summary>
    public DateOnly LastCovered => DateOnly.FromDayNumber(_firstDayNumber + _classes.Length - 1);

    /// <summary>Whether the data speaks for this date (outside it, <see cref="Classify(DateOnly)"/> gives the plain weekday).</summary>
    public bool Covers(DateOnly date) => (uint)(date.DayNumber - _firstDayNumber) < (uint)_classes.Length;

    /// <summary>How the date counts: Holiday, AdjustedWorkday or its weekday.</summary>
    public DayClass Classify(DateOnly date) => Classify(date.DayNumber);

    /// <summary>How the day counts, by <see cref="DateOnly.DayNumber"/>: a table read inside the covered range, the weekday outside.</summary>
    public DayClass Classify(int dayNumber)
    {
        uint offset = (uint)(dayNumber - _firstDayNumber);
        byte[] classes = _classes;
        if (offset < (uint)classes.Length)
        {
            return (DayClass)classes[offset];
        }

        return Weekday(dayNumber);
    }

    /// <summary>
    /// The holiday's name (国庆节, 春节…) for a statutory day off, and for an adjusted working day the
    /// holiday it makes up for; null for an ordinary day.
    /// </summary>
    public string? HolidayName(DateOnly date) => _names.TryGetValue(date.DayNumber, out string? name) ? name : null;

    /// <summary>The plain weekday class of a day number (day 0, 0001-01-01, was a Monday).</summary>
    public static DayClass Weekday(int dayNumber)
    {
        int r = dayNumber % 7;
        return (DayClass)(r < 0 ? r + 7 : r);
    }

    /// <summary>
    /// A calendar from listed days (isOffDay true = statutory day off, false = adjusted working day),
    /// covering whole years from the first listed date's year to the last one's.
    /// </summary>
    /// <exception cref="ArgumentException">No days are given.</exception>
    public static HolidayCalendar FromDays(IEnumerable<(DateOnly date, string name, bool isOffDay)> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        List<(DateOnly date, string name, bool isOffDay)> list = [.. days];
        if (list.Count == 0)
        {
            throw new ArgumentException("A holiday calendar needs at least one listed day.", nameof(days));
        }

        DateOnly min = list[0].date;
        DateOnly max = min;
        foreach ((DateOnly date, _, _) in list)
        {
            if (date < min)
            {
                min = date;
            }

            if (date > max)
            {
                max = date;
            }
        }

        return FromDays(list, new DateOnly(min.Year, 1, 1), new DateOnly(max.Year, 12, 31));
    }

    /// <summary>
    /// A calendar from listed days covering exactly <paramref name="firstCovered"/>..<paramref name="lastCovered"/>;
    /// listed days outside the range are ignored. A day listed twice must agree with itself.
    /// </summary>
    /// <exception cref="ArgumentException">The range is empty, or a day is listed both as day off and as working day.</exception>
    public static HolidayCalendar FromDays(IEnumerable<(DateOnly date, string name, bool isOffDay)> days, DateOnly firstCovered, DateOnly lastCovered)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (lastCovered < firstCovered)
        {
            throw new ArgumentException($"The covered range {firstCovered:yyyy-MM-dd}..{lastCovered:yyyy-MM-dd} is empty.", nameof(lastCovered));
        }

        int first = firstCovered.DayNumber;
        byte[] classes = new byte[lastCovered.DayNumber - first + 1];
        for (int i = 0; i < classes.Length; i++)
        {
            classes[i] = (byte)Weekday(first + i);
        }

        var listed = new bool[classes.Length];
        var names = new Dictionary<int, string>();
        foreach ((DateOnly date, string name, bool isOffDay) in days)
        {
            int offset = date.DayNumber - first;
            if ((uint)offset >= (uint)classes.Length)
            {
                continue;
            }

            byte cls = (byte)(isOffDay ? DayClass.Holiday : DayClass.AdjustedWorkday);
            if (listed[offset] && classes[offset] != cls)
            {
                throw new ArgumentException($"{date:yyyy-MM-dd} is listed both as a day off and as a working day.", nameof(days));
            }

            listed[offset] = true;
            classes[offset] = cls;
            names[date.DayNumber] = name ?? "";
        }

        return new HolidayCalendar(classes, first, names);
    }

    /// <summary>
    /// Loads the embedded Hotline400.Calendar.Data.YYYY.json resources. Covered: from 1 January of
    /// the first year with listed days (or an earlier listed day, e.g. 2006-12-31 in 2007's notice)
    /// to 31 December of the last year with listed days; an empty year file (notice not yet published) is not covered.
    /// </summary>
    private static HolidayCalendar LoadEmbedded()
    {
        Assembly assembly = typeof(HolidayCalendar).Assembly;
        var days = new List<(DateOnly date, string name, bool isOffDay)>();
        int firstYear = int.MaxValue;
        int lastYear = int.MinValue;
        DateOnly? earliest = null;
        DateOnly? latest = null;
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            using Stream stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded resource {resource} cannot be opened.");
            using JsonDocument json = JsonDocument.Parse(stream);
            JsonElement root = json.RootElement;
            int year = root.GetProperty("year").GetInt32();
            int before = days.Count;
            foreach (JsonElement day in root.GetProperty("days").EnumerateArray())
            {
                string text = day.GetProperty("date").GetString() ?? throw new InvalidDataException($"{resource}: a day without date.");
                DateOnly date = DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                days.Add((date, day.GetProperty("name").GetString() ?? "", day.GetProperty("isOffDay").GetBoolean()));
                earliest = earliest is null || date < earliest ? date : earliest;
                latest = latest is null || date > latest ? date : latest;
            }

            if (days.Count > before)
            {
                firstYear = Math.Min(firstYear, year);
                lastYear = Math.Max(lastYear, year);
            }
        }

        if (days.Count == 0 || earliest is null || latest is null)
        {
            throw new InvalidOperationException("No holiday data is embedded (Hotline400.Calendar.Data.YYYY.json).");
        }

        var first = new DateOnly(firstYear, 1, 1);
        var last = new DateOnly(lastYear, 12, 31);
        if (earliest.Value < first)
        {
            first = earliest.Value;
        }

        if (latest.Value > last)
        {
            last = latest.Value;
        }

        return FromDays(days, first, last);
    }
}
