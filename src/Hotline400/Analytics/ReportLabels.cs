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

    public string PeakBand(PeakBand band) => IsZh ? band.LabelZh : band.LabelEn;

    public string BucketLabel(TalkTimeBucket bucket) => IsZh ? bucket.LabelZh : bucket.LabelEn;

    /// <summary>A province or city name; "未知"/"Unknown" for an unknown region.</summary>
    public string RegionName(RegionCount r, bool withCity) => IsZh
        ? (withCity && r.City.Length > 0 && r.City != r.Province ? r.Province + r.City : r.Province)
        : (withCity && r.CityEn.Length > 0 && !string.Equals(r.CityEn, r.ProvinceEn, StringComparison.OrdinalIgnoreCase) ? r.CityEn + ", " + r.ProvinceEn : r.ProvinceEn);
}
