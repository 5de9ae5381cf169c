using System.Globalization;
using System.Text;
using Hotline400.Catalog;
using Hotline400.Common;

namespace Hotline400.Rating;

/// <summary>
/// Writes a rated call's explanation: why billing started when it did, billable and billed
/// seconds, units, band and rate of each piece, the allowance before and after, every fee, the
/// rounding rule and the charge. Chinese by default. Uses no ASCII comma, so it sits in a CSV
/// field unquoted.
/// </summary>
public static class Explanation
{
    public static string Of(RatedCall call, Language language = Language.Zh)
    {
        var sb = new StringBuilder(160);
        Append(sb, call, language);
        return sb.ToString();
    }

    public static void Append(StringBuilder sb, RatedCall call, Language language)
    {
        var zh = language == Language.Zh;
        var inv = CultureInfo.InvariantCulture;
        var rules = call.Version.Billing;
        sb.Append(call.BillingFrom switch
        {
            BillingFrom.Answer => zh ? "自接听起计费" : "billed from answer",
            BillingFrom.Pickup => zh ? "自平台接起起计费" : "billed from pick-up",
            _ => call.Call.Outcome == Calls.Outcome.Blocked
                ? (zh ? "呼叫被拦截，不计费" : "call blocked: not billed")
                : (zh ? "未接通且无先行接听业务，不计费" : "not answered and no service answers first: not billed"),
        });
        if (call.BilledSeconds == 0)
        {
            sb.Append(zh ? "；费用0.00元" : "; charge 0.00");
            return;
        }
        if (zh)
        {
            sb.Append("；计费时长").Append(call.BillableSeconds).Append("秒→").Append(call.Units).Append("单位共").Append(call.BilledSeconds).Append("秒（");
            if (rules.FirstBlockSeconds > 0)
            {
                sb.Append("首段").Append(rules.FirstBlockSeconds).Append("秒后");
            }
            sb.Append("每").Append(rules.IncrementSeconds).Append("秒");
            if (rules.MinimumSeconds > 0)
            {
                sb.Append("，最低").Append(rules.MinimumSeconds).Append("秒");
            }
            sb.Append('）');
        }
        else
        {
            sb.Append("; ").Append(call.BillableSeconds).Append(" s billable → ").Append(call.Units).Append(" units = ").Append(call.BilledSeconds).Append(" s (");
            if (rules.FirstBlockSeconds > 0)
            {
                sb.Append("first ").Append(rules.FirstBlockSeconds).Append(" s then ");
            }
            sb.Append("per ").Append(rules.IncrementSeconds).Append(" s");
            if (rules.MinimumSeconds > 0)
            {
                sb.Append("; minimum ").Append(rules.MinimumSeconds).Append(" s");
            }
            sb.Append(')');
        }
        foreach (var p in call.Pieces)
        {
            sb.Append(zh ? "；" : "; ");
            sb.Append(BandLabel(call, p.BandIndex, language));
            var source = p.Source switch
            {
                RateSource.Region => zh ? "地区价" : "region rate",
                RateSource.Tier => zh ? "阶梯价" : "tier rate",
                RateSource.Overage => zh ? "超出套餐价" : "overage rate",
                _ => "",
            };
            if (source.Length > 0)
            {
                sb.Append(zh ? "·" : " ").Append(source);
            }
            sb.Append(' ').Append(p.Rate.YuanPerMinute.ToString("0.00##", inv)).Append(zh ? "元/分×" : "/min × ").Append(p.BilledSeconds).Append(zh ? "秒" : " s");
            if (p.CoveredSeconds > 0)
            {
                sb.Append(zh ? "（套餐内）" : " (in allowance)");
            }
            else
            {
                sb.Append(" = ").Append(p.Charge.ToString());
            }
        }
        if (call.HasAllowance)
        {
            sb.Append(zh ? "；套餐余量" : "; allowance ").Append(Minutes(call.AllowanceBeforeSeconds, language)).Append('→').Append(Minutes(call.AllowanceAfterSeconds, language));
            if (call.OverSuspendedAllowance)
            {
                sb.Append(zh ? "（已用尽：该套餐用尽即停机）" : " (exhausted: the plan suspends on exhaustion)");
            }
        }
        if (!call.ConnectFee.IsZero)
        {
            sb.Append(zh ? "；接通费" : "; connect fee ").Append(call.ConnectFee.ToString());
        }
        foreach (var f in call.ServiceFees)
        {
            sb.Append(zh ? "；" : "; ").Append(f.Service.Name.In(language)).Append(' ').Append(f.Amount.ToString());
        }
        if (!call.CallerShare.IsZero)
        {
            sb.Append(zh ? "；主叫本地话费" : "; caller's local charge ").Append(call.CallerShare.ToString());
            if (call.CallerShareCharged)
            {
                sb.Append(zh ? "（800业务由企业支付）" : " (paid by the enterprise on 800)");
            }
        }
        sb.Append(zh ? "；费用" : "; charge ").Append(call.Charge.ToString());
        sb.Append(rules.Rounding == RoundingPoint.PerCall
            ? (zh ? "（按次四舍五入到分）" : " (rounded per call to the fen)")
            : (zh ? "（未取整，账单行合计后取整到分）" : " (exact; rounded once per statement line)"));
    }

    /// <summary>The label of a piece's band: the plan band's name, or the outbound destination type.</summary>
    public static string BandLabel(RatedCall call, int bandIndex, Language language) => bandIndex switch
    {
        Rater.OutboundBands.Local => language == Language.Zh ? "外呼本地" : "outbound local",
        Rater.OutboundBands.LongDistance => language == Language.Zh ? "外呼长途" : "outbound long distance",
        Rater.OutboundBands.Mobile => language == Language.Zh ? "外呼手机" : "outbound mobile",
        _ => call.Version.Bands.Bands[bandIndex].Name.In(language),
    };

    /// <summary>The band's id for machine-readable output.</summary>
    public static string BandId(RatedCall call, int bandIndex) => bandIndex switch
    {
        Rater.OutboundBands.Local => "outbound-local",
        Rater.OutboundBands.LongDistance => "outbound-long-distance",
        Rater.OutboundBands.Mobile => "outbound-mobile",
        _ => call.Version.Bands.Bands[bandIndex].Id,
    };

    private static string Minutes(long seconds, Language language)
    {
        var m = seconds / 60;
        var s = seconds % 60;
        return language == Language.Zh
            ? (s == 0 ? $"{m}分" : $"{m}分{s}秒")
            : (s == 0 ? $"{m} min" : $"{m} min {s} s");
    }
}
