using System.Globalization;
using Hotline400.Calls;
using Hotline400.Common;

namespace Hotline400.Analytics;

/// <summary>
/// The call profile as the object behind <c>report --json</c>: snake_case names, ratios as numbers
/// rounded to 4 decimals, money as decimal strings in yuan. See docs/analytics.md.
/// </summary>
public static class ReportJson
{
    public static object Model(CallProfile p, int busiestDays = CallProfile.BusiestDaysShown) => Model(p, [], new SortedDictionary<string, long>(), Language.Zh, busiestDays);

    /// <summary>
    /// The profile with the rows rejected: the first ones (<paramref name="rejects"/>) with the
    /// reason's stable code and its wording in <paramref name="language"/>, and every one counted by code.
    /// </summary>
    public static object Model(CallProfile p, IReadOnlyList<CallReject> rejects, IReadOnlyDictionary<string, long> rejectsByCode, Language language, int busiestDays = CallProfile.BusiestDaysShown)
    {
        var inv = CultureInfo.InvariantCulture;
        return new
        {
            numbers = p.Numbers.Select(n => n.Number.ToString()),
            from = p.FirstDate?.ToString("yyyy-MM-dd", inv),
            to = p.LastDate?.ToString("yyyy-MM-dd", inv),
            calls = p.Calls,
            answered = p.Answered,
            missed = p.Missed,
            answer_rate = Math.Round(p.AnswerRate, 4),
            peak_share = Math.Round(p.PeakShare, 4),
            peak_band = new { days = "workday", from_hour = p.PeakBand.FromHour, to_hour = p.PeakBand.ToHour },
            talk_seconds = p.TalkSeconds,
            peak_talk_seconds = p.PeakTalkSeconds,
            load = p.Load,
            by_hour = Enumerable.Range(0, 24).Select(h => new
            {
                hour = h,
                calls = p.CallsByHour[h],
                answered = p.AnsweredByHour[h],
                missed = p.MissedAt(h),
                answer_rate = Math.Round(p.AnswerRateAt(h), 4),
            }),
            regions = p.Provinces.Select(r => new { province = r.Province, province_en = r.ProvinceEn, calls = r.Calls }),
            cities = p.Cities.Select(r => new { province = r.Province, city = r.City, province_en = r.ProvinceEn, city_en = r.CityEn, calls = r.Calls }),
            talk_time = new
            {
                buckets = TalkTimeBucket.All.Select((b, i) => new
                {
                    from_seconds = b.FromSeconds,
                    to_seconds = b.ToSeconds == long.MaxValue ? (long?)null : b.ToSeconds,
                    label = b.LabelEn,
                    calls = p.TalkTimeBuckets[i],
                }),
                median_seconds = p.MedianTalkSeconds,
                p90_seconds = p.P90TalkSeconds,
            },
            busiest_days = p.BusiestDays(busiestDays).Select(d => new
            {
                date = d.Date.ToString("yyyy-MM-dd", inv),
                calls = d.Calls,
                answered = d.Answered,
                talk_seconds = d.TalkSeconds,
            }),
            cost = p.Cost is { } c
                ? new
                {
                    rated_calls = c.RatedCalls,
                    rated_answered = c.RatedAnswered,
                    total = c.Total.RoundToFen().Yuan.ToString("0.00", inv),
                    per_answered_call = c.PerAnsweredCall?.RoundToFen().Yuan.ToString("0.00", inv),
                    rating_rejects = c.RatingRejects,
                }
                : null,
            rejected = p.Rejected,
            duplicates = p.Duplicates,
            outbound = p.Outbound,
            rejects = rejects.Select(r => new { file = r.File, line = r.Line, field = r.Field, code = r.Code, reason = r.Message(language) }),
            rejects_by_code = rejectsByCode,
        };
    }
}
