using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Analytics;

/// <summary>
/// Accumulates a <see cref="CallProfile"/> one call at a time. Memory is fixed (a per-second
/// talk-time histogram up to the 24-hour maximum, counters per hour and weekday) plus one entry
/// per caller region, per calendar date and per 400 number seen: it does not grow with the number of calls.
/// Every figure is a sum, so the order in which calls are added does not matter.
/// </summary>
public sealed class CallProfileBuilder(RegionResolver? regions = null, PeakBand? peak = null)
{
    private const int MaxTalkSeconds = (int)(CallReader.MaxDurationMs / 1000);

    private readonly RegionResolver _regions = regions ?? RegionResolver.Shared;
    private readonly PeakBand _peak = peak ?? PeakBand.Default;
    private readonly long[][] _load = [.. Enumerable.Range(0, 7).Select(_ => new long[24])];
    private readonly long[] _callsByHour = new long[24];
    private readonly long[] _answeredByHour = new long[24];
    private readonly long[] _talkHistogram = new long[MaxTalkSeconds + 1];
    private readonly Dictionary<int, (long Calls, long Answered, long Talk)> _days = [];
    private readonly Dictionary<HotlineNumber, long> _byNumber = [];
    private long[] _byRegion = new long[64];
    private long _calls, _answered, _talk, _peakTalk;

    /// <summary>Rows rejected, duplicates and outbound calls, counted by the reader for the profile.</summary>
    public long Rejected { get; set; }
    public long Duplicates { get; set; }
    public long Outbound { get; set; }

    /// <summary>Counts one inbound call (outbound calls are counted in <see cref="Outbound"/> only).</summary>
    public void Add(in CallFields call)
    {
        if (call.Direction == Direction.Out)
        {
            Outbound++;
            return;
        }
        _calls++;
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_byNumber, call.Number, out _)++;
        var started = call.StartedMs;
        var dayNumber = ChinaTime.DayNumber(started);
        var hour = (int)(ChinaTime.MsOfDay(started) / 3_600_000);
        var weekday = (int)Calendar.HolidayCalendar.Weekday(dayNumber);
        _load[weekday][hour]++;
        _callsByHour[hour]++;
        var answered = call.AnsweredMs != CallRecord.NotAnswered;
        long talk = 0;
        if (answered)
        {
            _answered++;
            _answeredByHour[hour]++;
            talk = TalkSeconds(call.AnsweredMs, call.EndedMs);
            _talk += talk;
            _talkHistogram[talk]++;
            if (_peak.Contains(started))
            {
                _peakTalk += talk;
            }
        }
        _days.TryGetValue(dayNumber, out var day);
        _days[dayNumber] = (day.Calls + 1, day.Answered + (answered ? 1 : 0), day.Talk + talk);
        var region = _regions.ResolveId(call.Caller);
        if (region >= _byRegion.Length)
        {
            Array.Resize(ref _byRegion, Math.Max(region + 1, _byRegion.Length * 2));
        }
        _byRegion[region]++;
    }

    /// <summary>Talk time in whole seconds, a started second counting as one, capped at 24 hours.</summary>
    public static int TalkSeconds(long answeredMs, long endedMs)
    {
        var ms = Math.Max(0, endedMs - answeredMs);
        return (int)Math.Min(MaxTalkSeconds, (ms + 999) / 1000);
    }

    public CallProfile Build()
    {
        var provinces = new Dictionary<string, (string En, long Calls)>(StringComparer.Ordinal);
        var cities = new Dictionary<(string, string), (string, string, long)>();
        for (var id = 0; id < _byRegion.Length; id++)
        {
            if (_byRegion[id] == 0)
            {
                continue;
            }
            var r = _regions.GetRegion(id);
            provinces.TryGetValue(r.ProvinceZh, out var p);
            provinces[r.ProvinceZh] = (r.ProvinceEn, p.Calls + _byRegion[id]);
            cities.TryGetValue((r.ProvinceZh, r.CityZh), out var c);
            cities[(r.ProvinceZh, r.CityZh)] = (r.ProvinceEn, r.CityEn, c.Item3 + _byRegion[id]);
        }
        var buckets = new long[TalkTimeBucket.All.Length];
        for (var s = 0; s < _talkHistogram.Length; s++)
        {
            if (_talkHistogram[s] != 0)
            {
                buckets[TalkTimeBucket.IndexOf(s)] += _talkHistogram[s];
            }
        }
        return new CallProfile
        {
            Numbers = [.. _byNumber.OrderBy(kv => kv.Key.Value).Select(kv => new NumberCount(kv.Key, kv.Value))],
            Calls = _calls,
            Answered = _answered,
            TalkSeconds = _talk,
            PeakTalkSeconds = _peakTalk,
            PeakBand = _peak,
            Load = [.. _load.Select(row => (long[])row.Clone())],
            CallsByHour = (long[])_callsByHour.Clone(),
            AnsweredByHour = (long[])_answeredByHour.Clone(),
            Provinces = [.. provinces.Select(kv => new RegionCount(kv.Key, "", kv.Value.En, "", kv.Value.Calls))
                .OrderByDescending(r => r.Calls).ThenBy(r => r.Province, StringComparer.Ordinal)],
            Cities = [.. cities.Select(kv => new RegionCount(kv.Key.Item1, kv.Key.Item2, kv.Value.Item1, kv.Value.Item2, kv.Value.Item3))
                .OrderByDescending(r => r.Calls).ThenBy(r => r.Province, StringComparer.Ordinal).ThenBy(r => r.City, StringComparer.Ordinal)],
            TalkTimeBuckets = buckets,
            MedianTalkSeconds = Quantile(50),
            P90TalkSeconds = Quantile(90),
            Days = [.. _days.OrderBy(kv => kv.Key).Select(kv => new DayCount(DateOnly.FromDayNumber(kv.Key), kv.Value.Calls, kv.Value.Answered, kv.Value.Talk))],
            Rejected = Rejected,
            Duplicates = Duplicates,
            Outbound = Outbound,
        };
    }

    /// <summary>Nearest-rank quantile of answered talk time: the smallest t with at least ⌈p·n/100⌉ calls ≤ t (integer arithmetic, no rounding surprises).</summary>
    private long Quantile(int percent)
    {
        if (_answered == 0)
        {
            return 0;
        }
        var rank = Math.Max(1, (percent * _answered + 99) / 100);
        long seen = 0;
        for (var s = 0; s < _talkHistogram.Length; s++)
        {
            seen += _talkHistogram[s];
            if (seen >= rank)
            {
                return s;
            }
        }
        return _talkHistogram.Length - 1;
    }
}
