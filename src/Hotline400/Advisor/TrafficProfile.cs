using Hotline400.Calendar;
using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Advisor;

/// <summary>
/// A traffic profile instead of a call history: minutes per month, the share of them in peak
/// hours (workdays 08:00–20:00, as `report` measures it) and the callers' provinces.
/// <see cref="SynthesizeYear"/> turns it into a year of calls, deterministically, for the same
/// replay as real calls.
/// </summary>
public sealed record TrafficProfile(long MinutesPerMonth, decimal PeakShare, IReadOnlyList<(string Province, decimal Share)> Regions)
{
    /// <summary>Seconds of every synthetic call but the last (3 minutes: a typical hotline call).</summary>
    public const int CallSeconds = 180;

    /// <summary>A landline area code per province (its capital), so a synthetic caller resolves to the province.</summary>
    private static readonly Dictionary<string, int> AreaCodes = new()
    {
        ["北京市"] = 10, ["天津市"] = 22, ["河北省"] = 311, ["山西省"] = 351, ["内蒙古自治区"] = 471, ["辽宁省"] = 24, ["吉林省"] = 431,
        ["黑龙江省"] = 451, ["上海市"] = 21, ["江苏省"] = 25, ["浙江省"] = 571, ["安徽省"] = 551, ["福建省"] = 591, ["江西省"] = 791,
        ["山东省"] = 531, ["河南省"] = 371, ["湖北省"] = 27, ["湖南省"] = 731, ["广东省"] = 20, ["广西壮族自治区"] = 771, ["海南省"] = 898,
        ["重庆市"] = 23, ["四川省"] = 28, ["贵州省"] = 851, ["云南省"] = 871, ["西藏自治区"] = 891, ["陕西省"] = 29, ["甘肃省"] = 931,
        ["青海省"] = 971, ["宁夏回族自治区"] = 951, ["新疆维吾尔自治区"] = 991,
    };

    public static IReadOnlyCollection<string> Provinces => AreaCodes.Keys;

    /// <summary>Parses "广东省=0.3,北京市=0.2"; null with a message naming the bad part.</summary>
    public static IReadOnlyList<(string, decimal)>? ParseRegions(string? text, out LocalizedText? error)
    {
        error = null;
        var result = new List<(string, decimal)>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || !decimal.TryParse(part[(eq + 1)..], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var share) || share < 0)
            {
                error = Problems.RegionNotPair(part);
                return null;
            }
            var name = part[..eq].Trim();
            if (!AreaCodes.ContainsKey(name))
            {
                error = Problems.UnknownProvince(name);
                return null;
            }
            result.Add((name, share));
        }
        if (result.Sum(r => r.Item2) > 1m)
        {
            error = Problems.SharesOverOne();
            return null;
        }
        return result;
    }

    /// <summary>Twelve months of calls from <paramref name="firstMonth"/>'s month on, each as <see cref="Synthesize"/> makes it.</summary>
    public IReadOnlyList<CallRecord> SynthesizeYear(HotlineNumber number, DateOnly firstMonth, HolidayCalendar? calendar = null)
    {
        var start = new DateOnly(firstMonth.Year, firstMonth.Month, 1);
        return Enumerable.Range(0, 12).SelectMany(m => Synthesize(number, start.AddMonths(m), calendar, $"profile-{m + 1:D2}-")).ToList();
    }

    /// <summary>
    /// One month of calls (<paramref name="month"/>'s first day): 3-minute calls answered at pick-up
    /// (so they bill the same from pick-up or from answer) adding up to the minutes, peak calls spread over workdays 08:00–20:00, the rest over workday evenings
    /// (20:00–23:00) and weekend days; callers by province share (the remainder mobile callers of
    /// unknown region).
    /// </summary>
    public IReadOnlyList<CallRecord> Synthesize(HotlineNumber number, DateOnly month, HolidayCalendar? calendar = null, string idPrefix = "profile-")
    {
        calendar ??= HolidayCalendar.China;
        var days = Enumerable.Range(0, DateTime.DaysInMonth(month.Year, month.Month)).Select(d => month.AddDays(d)).ToList();
        var work = days.Where(d => calendar.Classify(d) is <= DayClass.Fri).ToList();
        var rest = days.Except(work).ToList();
        if (work.Count == 0)
        {
            work = days;
        }
        var total = MinutesPerMonth * 60;
        var count = (int)((total + CallSeconds - 1) / CallSeconds);
        var peakCount = (int)decimal.Round(count * PeakShare, MidpointRounding.AwayFromZero);
        var calls = new List<CallRecord>(count);
        var callers = CallerPlan(count);
        for (var i = 0; i < count; i++)
        {
            var seconds = i == count - 1 ? total - (long)CallSeconds * (count - 1) : CallSeconds;
            long startMs;
            if (i < peakCount)
            {
                var slot = i;
                var day = work[slot % work.Count];
                var minute = 8 * 60 + (int)((long)(slot / work.Count) * 37 % (12 * 60 - 4));
                startMs = ChinaTime.StartOfDay(day) + minute * 60_000L;
            }
            else
            {
                var slot = i - peakCount;
                var offDays = rest.Count > 0 && slot % 3 == 2 ? rest : work;
                var day = offDays[slot % offDays.Count];
                var minute = offDays == rest ? 10 * 60 + (int)((long)(slot / offDays.Count) * 37 % 360) : 20 * 60 + (int)((long)(slot / offDays.Count) * 37 % 176);
                startMs = ChinaTime.StartOfDay(day) + minute * 60_000L;
            }
            // Answered at pick-up: the minutes asked for are billed minutes, from pick-up (IVR,
            // voicemail) or from answer alike, and no ringing adds a started minute.
            var answered = startMs;
            calls.Add(new CallRecord
            {
                CallId = $"{idPrefix}{i + 1:D7}",
                Number = number,
                Caller = CallerNumber.Classify(callers[i]),
                StartedMs = startMs,
                AnsweredMs = answered,
                EndedMs = answered + seconds * 1000,
                Outcome = Outcome.Answered,
                Recorded = false,
                Direction = Direction.In,
            });
        }
        return calls;
    }

    /// <summary>Caller numbers: each province its share of the calls (largest remainder), the rest mobiles.</summary>
    private string[] CallerPlan(int count)
    {
        var result = new string[count];
        var i = 0;
        foreach (var (province, share) in Regions)
        {
            var n = (int)decimal.Round(count * share, MidpointRounding.AwayFromZero);
            var code = AreaCodes[province];
            for (var k = 0; k < n && i < count; k++, i++)
            {
                result[i] = code < 100 ? $"0{code}{60000000 + (i % 1000000):D8}" : $"0{code}{6000000 + (i % 1000000):D7}";
            }
        }
        for (; i < count; i++)
        {
            result[i] = $"199{(i % 100000000):D8}";
        }
        // Interleave so that every time slot gets the same mix of callers.
        var step = count % 7919 == 0 ? 7907 : 7919;
        return Enumerable.Range(0, count).Select(k => result[(int)((long)k * step % count)]).ToArray();
    }
}
