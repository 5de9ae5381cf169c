using System.Globalization;
using Hotline400.Common;

namespace Hotline400.Billing.Rendering;

/// <summary>Fixed words of rendered statements, Chinese first.</summary>
public static class StatementLabels
{
    public static string T(Language lang, string zh, string en) => lang == Language.En ? en : zh;

    /// <summary>Amounts always with two decimals, as the statement shows them.</summary>
    public static string Amount(Money.Money m) => m.Yuan.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// The plans billed as people know them, with the catalog key after the name: "1200元年套餐（telecom/tel-1200）",
    /// "1200 yuan annual package (telecom/tel-1200)"; the key alone on a statement issued without the names.
    /// </summary>
    public static string Plans(Statement s, Language lang) => string.Join(T(lang, "、", ", "), s.Plans.Select((key, i) =>
        i < s.PlanNames.Count ? T(lang, $"{s.PlanNames[i].Zh}（{key}）", $"{s.PlanNames[i].In(Language.En)} ({key})") : key));

    /// <summary>"其中增值税（6%）" / "of which VAT (6%)".</summary>
    public static string VatLabel(Language lang, decimal rate) =>
        T(lang, $"其中增值税（{rate * 100:0.##}%）", $"of which VAT ({rate * 100:0.##}%)");

    /// <summary>A label and its value: "套餐：…" in Chinese (full-width colon), "Plan: …" in English.</summary>
    public static string Labeled(Language lang, string zh, string en, string value) => T(lang, zh + "：", en + ": ") + value;

    /// <summary>An adjustment's amount with its sign: +0.10, −82.00 (ASCII minus), 0.00.</summary>
    public static string Signed(Money.Money m) => (m.Yuan > 0 ? "+" : "") + Amount(m);

    public static string Quantity(decimal q) => q.ToString("0.##", CultureInfo.InvariantCulture);

    public static string UnitPrice(Money.Money? m) => m is { } p ? p.Yuan.ToString("0.00##", CultureInfo.InvariantCulture) : "";

    public static string Unit(Language lang, QuantityUnit u) => u switch
    {
        QuantityUnit.Month => T(lang, "月", "month"),
        QuantityUnit.Day => T(lang, "天", "days"),
        QuantityUnit.Year => T(lang, "年", "year"),
        QuantityUnit.Minute => T(lang, "分钟", "min"),
        QuantityUnit.Seat => T(lang, "个", "seats"),
        _ => T(lang, "项", "item"),
    };

    public static string Kind(LineKind k) => k switch
    {
        LineKind.MonthlyFee => "monthly_fee",
        LineKind.ServiceFee => "service_fee",
        LineKind.OutboundFee => "outbound_fee",
        LineKind.OneOff => "one_off",
        LineKind.UsageServiceFee => "usage_service_fee",
        LineKind.ConnectFee => "connect_fee",
        LineKind.CallerShare => "caller_share",
        LineKind.MinimumTopUp => "minimum_topup",
        LineKind.PrepaymentDrawn => "prepayment_drawn",
        _ => k.ToString().ToLowerInvariant(),
    };

    /// <summary>What a CSV row's <c>kind</c> code is, in words: "月功能费" / "Monthly fee".</summary>
    public static string KindName(Language lang, string code) => code switch
    {
        "package" => T(lang, "套餐预存", "Package"),
        "monthly_fee" => T(lang, "月功能费", "Monthly fee"),
        "service_fee" => T(lang, "增值业务费", "Service fee"),
        "outbound_fee" => T(lang, "外呼号码月租", "Outbound number fee"),
        "seats" => T(lang, "坐席费", "Seats"),
        "one_off" => T(lang, "一次性费用", "One-off fee"),
        "usage" => T(lang, "通话费", "Calls"),
        "usage_service_fee" => T(lang, "按分钟业务费", "Per-minute service fee"),
        "connect_fee" => T(lang, "接通费", "Connect fees"),
        "caller_share" => T(lang, "主叫方通话费", "Callers' share"),
        "minimum_topup" => T(lang, "月最低消费补足", "Minimum top-up"),
        "promotion" => T(lang, "优惠", "Promotion"),
        "prepayment_drawn" => T(lang, "预存款抵扣", "Paid from prepayment"),
        "adjustment" => T(lang, "调整", "Adjustment"),
        "total" => T(lang, "应缴金额", "Amount due"),
        "adjustment_total" => T(lang, "调整合计", "Adjustment total"),
        "total_after_adjustments" => T(lang, "调整后应缴金额", "Amount due after adjustments"),
        _ => code,
    };

    public static string Alert(AlertKind k) => k switch
    {
        AlertKind.AllowanceLow => "allowance_low",
        AlertKind.BalanceLow => "balance_low",
        AlertKind.ProjectedExhaustion => "projected_exhaustion",
        AlertKind.HolidaysUnknown => "holidays_unknown",
        _ => "term_ending",
    };

    /// <summary>Display width: CJK characters take two columns on a terminal.</summary>
    public static int Width(string s)
    {
        var w = 0;
        foreach (var ch in s)
        {
            w += ch >= 0x1100 && (ch <= 0x115F || (ch >= 0x2E80 && ch <= 0xA4CF) || (ch >= 0xAC00 && ch <= 0xD7A3) || (ch >= 0xF900 && ch <= 0xFAFF) || (ch >= 0xFE30 && ch <= 0xFE4F) || (ch >= 0xFF00 && ch <= 0xFF60) || (ch >= 0xFFE0 && ch <= 0xFFE6)) ? 2 : 1;
        }
        return w;
    }

    public static string PadRight(string s, int width) => s + new string(' ', Math.Max(0, width - Width(s)));

    public static string PadLeft(string s, int width) => new string(' ', Math.Max(0, width - Width(s))) + s;
}
