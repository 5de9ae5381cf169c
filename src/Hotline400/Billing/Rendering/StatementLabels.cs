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
