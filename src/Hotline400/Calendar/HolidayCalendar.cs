using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Hotline400.Calendar;

/// <summary>
/// Mainland China's working-day calendar: statutory days off and adjusted working days (调休)
/// from the State Council notices, on top of ordinary weekdays, a year (one notice) at a time.
/// <see cref="China"/> carries the embedded data (holiday-cn, MIT); a catalog adds or replaces
/// years with <see cref="WithYears"/>. A year whose notice is not in the data is not covered, and
/// days not covered are classified by their plain weekday (<see cref="UnknownFrom"/> says from when).
/// </summary>
public sealed class HolidayCalendar
{
    private const string ResourcePrefix = "Hotline400.Calendar.Data.";
    private static readonly Lazy<HolidayCalendar> ChinaInstance = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly byte[] _classes;
    private readonly bool[] _known;
    private readonly int _firstDayNumber;
    private readonly Dictionary<int, string> _names;

    private HolidayCalendar(byte[] classes, bool[] known, int firstDayNumber, Dictionary<int, string> names, IReadOnlyList<HolidayYear> years)
    {
        _classes = classes;
        _known = known;
        _firstDayNumber = firstDayNumber;
        _names = names;
        Years = years;
    }

    /// <summary>The calendar of mainland China from the embedded data (loaded once, thread-safe).</summary>
    public static HolidayCalendar China => ChinaInstance.Value;

    /// <summary>The years the calendar holds a notice for, in year order, each with where it comes from.</summary>
    public IReadOnlyList<HolidayYear> Years { get; }

    /// <summary>The notice of <paramref name="year"/>, or null when the calendar has none.</summary>
    public HolidayYear? YearOf(int year)
    {
        foreach (HolidayYear y in Years)
        {
            if (y.Year == year)
            {
                return y;
            }
        }

        return null;
    }

    /// <summary>The first day the data speaks for.</summary>
    public DateOnly FirstCovered => DateOnly.FromDayNumber(_firstDayNumber);

    /// <summary>The last day the data speaks for.</summary>
    public DateOnly LastCovered => DateOnly.FromDayNumber(_firstDayNumber + _classes.Length - 1);

    /// <summary>Whether the data speaks for this date (outside it, <see cref="Classify(DateOnly)"/> gives the plain weekday).</summary>
    public bool Covers(DateOnly date) => Covers(date.DayNumber);

    /// <summary>Whether the data speaks for the day, by <see cref="DateOnly.DayNumber"/>.</summary>
    public bool Covers(int dayNumber)
    {
        uint offset = (uint)(dayNumber - _firstDayNumber);
        bool[] known = _known;
        return offset < (uint)known.Length && known[offset];
    }

    /// <summary>
    /// Null when the data speaks for <paramref name="date"/>; otherwise the first day of the stretch
    /// without data that holds it (2027-01-01 for any day of 2027 when 2026 is the last year with a
    /// notice), or the date itself when it lies before every year of the calendar.
    /// </summary>
    public DateOnly? UnknownFrom(DateOnly date)
    {
        int offset = date.DayNumber - _firstDayNumber;
        if (offset < 0)
        {
            return date;
        }

        if (offset >= _known.Length)
        {
            return LastCovered.AddDays(1);
        }

        if (_known[offset])
        {
            return null;
        }

        // The first day of the calendar is always covered, so the walk stops inside it.
        while (!_known[offset - 1])
        {
            offset--;
        }

        return DateOnly.FromDayNumber(_firstDayNumber + offset);
    }

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
    /// This calendar with <paramref name="years"/> in place of its own notices of those years (a
    /// notice is whole: the years given replace, they are not merged); the other years stay. The
    /// same calendar when none are given.
    /// </summary>
    /// <exception cref="ArgumentException">Two notices list a day, one as a day off and the other as a working day.</exception>
    public HolidayCalendar WithYears(IEnumerable<HolidayYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var replacing = new Dictionary<int, HolidayYear>();
        foreach (HolidayYear y in years)
        {
            replacing[y.Year] = y;
        }

        if (replacing.Count == 0)
        {
            return this;
        }

        var merged = new List<HolidayYear>(Years.Count + replacing.Count);
        foreach (HolidayYear y in Years)
        {
            if (!replacing.ContainsKey(y.Year))
            {
                merged.Add(y);
            }
        }

        merged.AddRange(replacing.Values);
        return FromYears(merged);
    }

    /// <summary>
    /// A calendar of whole years, one notice each: a year covers 1 January to 31 December and the
    /// days its notice lists of the year before.
    /// </summary>
    /// <exception cref="ArgumentException">No year is given, a year is given twice, or two notices disagree about a day.</exception>
    public static HolidayCalendar FromYears(IEnumerable<HolidayYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        List<HolidayYear> list = [.. years];
        list.Sort((a, b) => a.Year.CompareTo(b.Year));
        if (list.Count == 0)
        {
            throw new ArgumentException("A holiday calendar needs at least one year.", nameof(years));
        }

        var days = new List<HolidayDay>();
        var known = new List<(int From, int To)>();
        for (int i = 0; i < list.Count; i++)
        {
            HolidayYear y = list[i];
            if (i > 0 && list[i - 1].Year == y.Year)
            {
                throw new ArgumentException($"The year {y.Year} is given twice.", nameof(years));
            }

            known.Add((new DateOnly(y.Year, 1, 1).DayNumber, new DateOnly(y.Year, 12, 31).DayNumber));
            foreach (HolidayDay day in y.Days)
            {
                days.Add(day);
                if (day.Date.Year != y.Year)
                {
                    known.Add((day.Date.DayNumber, day.Date.DayNumber));
                }
            }
        }

        return Build(days, known, list);
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
    /// Its <see cref="Years"/> are the years the range touches, <see cref="HolidayOrigin.Given"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The range is empty, or a day is listed both as day off and as working day.</exception>
    public static HolidayCalendar FromDays(IEnumerable<(DateOnly date, string name, bool isOffDay)> days, DateOnly firstCovered, DateOnly lastCovered)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (lastCovered < firstCovered)
        {
            throw new ArgumentException($"The covered range {firstCovered:yyyy-MM-dd}..{lastCovered:yyyy-MM-dd} is empty.", nameof(lastCovered));
        }

        var listed = new List<HolidayDay>();
        foreach ((DateOnly date, string name, bool isOffDay) in days)
        {
            if (date >= firstCovered && date <= lastCovered)
            {
                listed.Add(new HolidayDay(date, name ?? "", isOffDay));
            }
        }

        var years = new List<HolidayYear>();
        for (int year = firstCovered.Year; year <= lastCovered.Year; year++)
        {
            years.Add(new HolidayYear(year, listed.Where(d => d.Date.Year == year).ToList(), HolidayOrigin.Given));
        }

        return Build(listed, [(firstCovered.DayNumber, lastCovered.DayNumber)], years);
    }

    /// <summary>A calendar over the hull of the <paramref name="known"/> ranges, with the listed days on their weekdays.</summary>
    private static HolidayCalendar Build(List<HolidayDay> days, List<(int From, int To)> known, IReadOnlyList<HolidayYear> years)
    {
        int first = int.MaxValue;
        int last = int.MinValue;
        foreach ((int from, int to) in known)
        {
            first = Math.Min(first, from);
            last = Math.Max(last, to);
        }

        byte[] classes = new byte[last - first + 1];
        for (int i = 0; i < classes.Length; i++)
        {
            classes[i] = (byte)Weekday(first + i);
        }

        bool[] covered = new bool[classes.Length];
        foreach ((int from, int to) in known)
        {
            Array.Fill(covered, true, from - first, to - from + 1);
        }

        var listed = new bool[classes.Length];
        var names = new Dictionary<int, string>();
        foreach (HolidayDay day in days)
        {
            int offset = day.Date.DayNumber - first;
            byte cls = (byte)(day.IsOffDay ? DayClass.Holiday : DayClass.AdjustedWorkday);
            if (listed[offset] && classes[offset] != cls)
            {
                throw new ArgumentException($"{day.Date:yyyy-MM-dd} is listed both as a day off and as a working day.", nameof(days));
            }

            listed[offset] = true;
            classes[offset] = cls;
            names[day.Date.DayNumber] = day.Name ?? "";
        }

        return new HolidayCalendar(classes, covered, first, names, years);
    }

    /// <summary>
    /// Loads the embedded Hotline400.Calendar.Data.YYYY.json resources, one notice a year (an empty
    /// year file, its notice not yet published, is not covered). 2007's notice lists 2006-12-30/31,
    /// so the calendar starts there.
    /// </summary>
    private static HolidayCalendar LoadEmbedded()
    {
        Assembly assembly = typeof(HolidayCalendar).Assembly;
        var years = new List<HolidayYear>();
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
            var days = new List<HolidayDay>();
            foreach (JsonElement day in root.GetProperty("days").EnumerateArray())
            {
                string text = day.GetProperty("date").GetString() ?? throw new InvalidDataException($"{resource}: a day without date.");
                DateOnly date = DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                days.Add(new HolidayDay(date, day.GetProperty("name").GetString() ?? "", day.GetProperty("isOffDay").GetBoolean()));
            }

            if (days.Count == 0)
            {
                continue;
            }

            string? paper = null;
            if (root.TryGetProperty("papers", out JsonElement papers) && papers.ValueKind == JsonValueKind.Array && papers.GetArrayLength() > 0)
            {
                paper = papers[0].GetString();
            }

            years.Add(new HolidayYear(year, days, HolidayOrigin.BuiltIn, null, paper));
        }

        if (years.Count == 0)
        {
            throw new InvalidOperationException("No holiday data is embedded (Hotline400.Calendar.Data.YYYY.json).");
        }

        return FromYears(years);
    }
}
