using Hotline400.Common;

namespace Hotline400.Analytics;

/// <summary>The words of the call-habit report in Chinese (default) or English, shared by the terminal, HTML and PNG renderings.</summary>
public sealed class ReportLabels
{
    public static readonly ReportLabels Zh = new(Language.Zh);
    public static readonly ReportLabels En = new(Language.En);

    private ReportLabels(Language language) => Language = language;

    public Language Language { get; }
    private bool IsZh => Language == Language.Zh;

    public static ReportLabels For(Language language) => language == Language.En ? En : Zh;

    public string Title => IsZh ? "来电习惯分析" : "Call habits";
    public string Calls => IsZh ? "来电" : "Calls";
    public string Answered => IsZh ? "接通" : "Answered";
    public string NoCalls => IsZh ? "无来电" : "No calls";
    public string Missed => IsZh ? "未接" : "Missed";
    public string AnswerRate => IsZh ? "接通率" : "Answer rate";
    public string PeakShare => IsZh ? "忙时占比" : "Peak share";
    public string LoadTitle => IsZh ? "来电热力图（星期 × 小时）" : "Load (weekday × hour)";
    public string AnswerRateTitle => IsZh ? "各小时接通率与未接来电" : "Answer rate and missed calls by hour";
    public string ProvincesTitle => IsZh ? "来电省份" : "Caller provinces";
    public string CitiesTitle => IsZh ? "来电城市" : "Caller cities";
    public string TalkTimeTitle => IsZh ? "通话时长分布" : "Talk time";
    public string BusiestDaysTitle => IsZh ? "最忙的日子" : "Busiest days";
    public string Hour => IsZh ? "小时" : "Hour";
    public string Weekday => IsZh ? "星期" : "Weekday";
    public string Median => IsZh ? "中位数" : "Median";
    public string P90 => IsZh ? "90分位" : "P90";
    public string TalkMinutes => IsZh ? "通话分钟" : "Talk minutes";
    public string CostPerAnsweredCall => IsZh ? "每次接通成本" : "Cost per answered call";
    public string TotalCost => IsZh ? "总费用" : "Total cost";
    public string Date => IsZh ? "日期" : "Date";
    public string Number => IsZh ? "号码" : "Number";
    public string Province => IsZh ? "省份" : "Province";
    public string City => IsZh ? "城市" : "City";
    public string Seconds => IsZh ? "秒" : "s";
    public string Rejected => IsZh ? "拒绝" : "rejected";
    public string Duplicates => IsZh ? "重复" : "duplicates";
    public string Outbound => IsZh ? "外呼（不计入）" : "outbound (left out)";

    /// <summary>Weekday names, Monday first.</summary>
    public IReadOnlyList<string> Weekdays => IsZh
        ? ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
        : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    public string AllNumbers(int count) => IsZh ? $"全部 {count} 个号码" : $"All {count} numbers";

    /// <summary>What the figures cover, in one line: the number (or how many are combined) and the dates of the first and last call, China time.</summary>
    public string Scope(CallProfile p)
    {
        var numbers = p.Numbers.Count switch
        {
            0 => IsZh ? "无来电" : "No calls",
            1 => (IsZh ? "号码 " : "Number ") + p.Numbers[0].Number.ToDisplayString(),
            var n => IsZh ? $"{n} 个号码合并统计" : $"{n} numbers combined",
        };
        if (p.FirstDate is not { } from || p.LastDate is not { } to)
        {
            return numbers;
        }
        var dates = from == to ? Day(from) : IsZh ? $"{Day(from)} 至 {Day(to)}" : $"{Day(from)} to {Day(to)}";
        return IsZh ? $"{numbers} · {dates}（北京时间）" : $"{numbers} · {dates} (China time)";
    }

    /// <summary>
    /// Said whenever the figures combine several numbers (no <c>--number</c> was given and the files
    /// hold more than one): how many, the ones with most calls, and how to pick one.
    /// </summary>
    public string CombinedNote(CallProfile p, int show = 5)
    {
        var top = p.Numbers.OrderByDescending(n => n.Calls).ThenBy(n => n.Number.Value).ToList();
        var list = string.Join(IsZh ? "、" : ", ", top.Take(show).Select(n =>
        {
            var calls = n.Calls.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            return IsZh ? $"{n.Number.ToDisplayString()}（{calls} 通）" : $"{n.Number.ToDisplayString()} ({calls} calls)";
        }));
        var more = top.Count > show ? (IsZh ? "……" : ", …") : "";
        return IsZh
            ? $"注意：未指定 --number，本报告合并统计了 {top.Count} 个号码的来电。只看一个号码请加 --number，例如 --number {top[0].Number}。来电最多的号码：{list}{more}（全部号码见 --json 的 numbers）"
            : $"Note: no --number was given: this report combines the calls of {top.Count} numbers. To see one number, add --number, e.g. --number {top[0].Number}. Most calls: {list}{more} (--json lists all in numbers)";
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public string PeakBand(PeakBand band) => IsZh ? band.LabelZh : band.LabelEn;

    /// <summary>A remark in parentheses after a label: full-width in Chinese (<c>忙时占比（工作日 08:00–20:00）</c>), ASCII after a space in English (<c>Peak share (workdays 08:00–20:00)</c>).</summary>
    public string Paren(string text) => IsZh ? $"（{text}）" : $" ({text})";

    /// <summary>A number of seconds: <c>93秒</c>, <c>93 s</c>.</summary>
    public string SecondsOf(long seconds) => IsZh ? $"{seconds}{Seconds}" : $"{seconds} {Seconds}";

    /// <summary>Between the items of a remark: <c>，</c> in Chinese, <c>, </c> in English.</summary>
    public string Comma => IsZh ? "，" : ", ";

    public string BucketLabel(TalkTimeBucket bucket) => IsZh ? bucket.LabelZh : bucket.LabelEn;

    /// <summary>A province or city name; "未知"/"Unknown" for an unknown region.</summary>
    public string RegionName(RegionCount r, bool withCity) => IsZh
        ? (withCity && r.City.Length > 0 && r.City != r.Province ? r.Province + r.City : r.Province)
        : (withCity && r.CityEn.Length > 0 && !string.Equals(r.CityEn, r.ProvinceEn, StringComparison.OrdinalIgnoreCase) ? r.CityEn + ", " + r.ProvinceEn : r.ProvinceEn);
}
