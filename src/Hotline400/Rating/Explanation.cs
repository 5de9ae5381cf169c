using Hotline400.Catalog;
using Hotline400.Common;

namespace Hotline400.Rating;

/// <summary>
/// Writes a rated call's explanation: why billing started when it did, billable and billed
/// seconds, units, band and rate of each piece, the allowance before and after, every fee, the
/// rounding rule and the charge. Chinese by default. Uses no ASCII comma, so it sits in a CSV
/// field unquoted. Written as UTF-8 straight into a buffer: the rated CSV writes one per call.
/// </summary>
public static class Explanation
{
    public static string Of(RatedCall call, Language language = Language.Zh)
    {
        var text = new Utf8Text();
        Append(text, call, language);
        return text.ToString();
    }

    /// <summary>The phrases of one language, as UTF-8.</summary>
    private sealed class Words
    {
        public required byte[] FromAnswer, FromPickup, Blocked, NotBilled, ZeroCharge, Sep, Billable, Arrow, UnitsOf, SecondsOpen, FirstBlock, ThenPer,
            Seconds, Minimum, Close, UnitOf, Region, Tier, Overage, Dot, PerMinute, InAllowance, EqualsSign, Allowance, Exhausted, Connect, CallerShare, Paid800,
            Charge, PerCall, PerLine, Min, Sec, Outbound, OutboundNotAnswered;
    }

    private static readonly Words Zh = new()
    {
        FromAnswer = "自接听起计费"u8.ToArray(),
        FromPickup = "自平台接起起计费"u8.ToArray(),
        Blocked = "呼叫被拦截，不计费"u8.ToArray(),
        NotBilled = "未接通且无先行接听业务，不计费"u8.ToArray(),
        ZeroCharge = "；费用0.00元"u8.ToArray(),
        Sep = "；"u8.ToArray(),
        Billable = "；计费时长"u8.ToArray(),
        Arrow = "秒→"u8.ToArray(),
        UnitsOf = "单位共"u8.ToArray(),
        UnitOf = "单位共"u8.ToArray(),
        SecondsOpen = "秒（"u8.ToArray(),
        FirstBlock = "首段"u8.ToArray(),
        ThenPer = "秒后每"u8.ToArray(),
        Seconds = "秒"u8.ToArray(),
        Minimum = "，最低"u8.ToArray(),
        Close = "）"u8.ToArray(),
        Region = "·地区价"u8.ToArray(),
        Tier = "·阶梯价"u8.ToArray(),
        Overage = "·超出套餐价"u8.ToArray(),
        Dot = " "u8.ToArray(),
        PerMinute = "元/分×"u8.ToArray(),
        InAllowance = "秒（套餐内）"u8.ToArray(),
        EqualsSign = "秒 = "u8.ToArray(),
        Allowance = "；套餐余量"u8.ToArray(),
        Exhausted = "（已用尽：该套餐用尽即停机）"u8.ToArray(),
        Connect = "；接通费"u8.ToArray(),
        CallerShare = "；主叫本地话费"u8.ToArray(),
        Paid800 = "（800业务由企业支付）"u8.ToArray(),
        Charge = "；费用"u8.ToArray(),
        PerCall = "（按次四舍五入到分）"u8.ToArray(),
        PerLine = "（未取整，账单行合计后取整到分）"u8.ToArray(),
        Min = "分"u8.ToArray(),
        Sec = "秒"u8.ToArray(),
        Outbound = "外呼："u8.ToArray(),
        OutboundNotAnswered = "对方未接听，不计费"u8.ToArray(),
    };

    private static readonly Words En = new()
    {
        FromAnswer = "billed from answer"u8.ToArray(),
        FromPickup = "billed from pick-up"u8.ToArray(),
        Blocked = "call blocked: not billed"u8.ToArray(),
        NotBilled = "not answered and no service answers first: not billed"u8.ToArray(),
        ZeroCharge = "; charge 0.00"u8.ToArray(),
        Sep = "; "u8.ToArray(),
        Billable = "; "u8.ToArray(),
        Arrow = " s billable → "u8.ToArray(),
        UnitsOf = " units = "u8.ToArray(),
        UnitOf = " unit = "u8.ToArray(),
        SecondsOpen = " s ("u8.ToArray(),
        FirstBlock = "first "u8.ToArray(),
        ThenPer = " s then per "u8.ToArray(),
        Seconds = " s"u8.ToArray(),
        Minimum = "; minimum "u8.ToArray(),
        Close = ")"u8.ToArray(),
        Region = " region rate"u8.ToArray(),
        Tier = " tier rate"u8.ToArray(),
        Overage = " overage rate"u8.ToArray(),
        Dot = " "u8.ToArray(),
        PerMinute = "/min × "u8.ToArray(),
        InAllowance = " s (in allowance)"u8.ToArray(),
        EqualsSign = " s = "u8.ToArray(),
        Allowance = "; allowance "u8.ToArray(),
        Exhausted = " (exhausted: the plan suspends on exhaustion)"u8.ToArray(),
        Connect = "; connect fee "u8.ToArray(),
        CallerShare = "; caller's local charge "u8.ToArray(),
        Paid800 = " (paid by the enterprise on 800)"u8.ToArray(),
        Charge = "; charge "u8.ToArray(),
        PerCall = " (rounded per call to the fen)"u8.ToArray(),
        PerLine = " (exact; rounded once per statement line)"u8.ToArray(),
        Min = " min"u8.ToArray(),
        Sec = " s"u8.ToArray(),
        Outbound = "outbound: "u8.ToArray(),
        OutboundNotAnswered = "not answered: not billed"u8.ToArray(),
    };

    public static void Append(Utf8Text t, RatedCall call, Language language)
    {
        var w = language == Language.Zh ? Zh : En;
        var rules = call.Version.Billing;
        var outbound = call.Call.Direction == Calls.Direction.Out;
        if (outbound)
        {
            t.Append(w.Outbound);
        }
        t.Append(call.BillingFrom switch
        {
            BillingFrom.Answer => w.FromAnswer,
            BillingFrom.Pickup => w.FromPickup,
            _ when outbound => w.OutboundNotAnswered,
            _ => call.Call.Outcome == Calls.Outcome.Blocked ? w.Blocked : w.NotBilled,
        });
        if (call.BilledSeconds == 0)
        {
            t.Append(w.ZeroCharge);
            return;
        }
        t.Append(w.Billable).Append(call.BillableSeconds).Append(w.Arrow).Append(call.Units).Append(call.Units == 1 ? w.UnitOf : w.UnitsOf).Append(call.BilledSeconds).Append(w.SecondsOpen);
        if (rules.FirstBlockSeconds > 0)
        {
            t.Append(w.FirstBlock).Append(rules.FirstBlockSeconds).Append(w.ThenPer);
        }
        else if (language == Language.Zh)
        {
            t.Append("每"u8);
        }
        else
        {
            t.Append("per "u8);
        }
        t.Append(rules.IncrementSeconds).Append(w.Seconds);
        if (rules.MinimumSeconds > 0)
        {
            t.Append(w.Minimum).Append(rules.MinimumSeconds).Append(w.Seconds);
        }
        t.Append(w.Close);
        foreach (var p in call.Pieces)
        {
            t.Append(w.Sep).Append(BandLabelUtf8(call, p.BandIndex, language));
            switch (p.Source)
            {
                case RateSource.Region:
                    t.Append(w.Region);
                    break;
                case RateSource.Tier:
                    t.Append(w.Tier);
                    break;
                case RateSource.Overage:
                    t.Append(w.Overage);
                    break;
            }
            t.Append(w.Dot).Append(p.Rate.YuanPerMinute, 2, 4).Append(w.PerMinute).Append(p.BilledSeconds);
            if (p.CoveredSeconds > 0)
            {
                t.Append(w.InAllowance);
            }
            else
            {
                t.Append(w.EqualsSign).Append(p.Charge);
            }
        }
        if (call.HasAllowance)
        {
            t.Append(w.Allowance);
            Minutes(t, call.AllowanceBeforeSeconds, w);
            t.Append("→"u8);
            Minutes(t, call.AllowanceAfterSeconds, w);
            if (call.OverSuspendedAllowance)
            {
                t.Append(w.Exhausted);
            }
        }
        if (!call.ConnectFee.IsZero)
        {
            t.Append(w.Connect).Append(call.ConnectFee);
        }
        foreach (var f in call.ServiceFees)
        {
            t.Append(w.Sep).Append(f.Service.Name.In(language)).Append((byte)' ').Append(f.Amount);
        }
        if (!call.CallerShare.IsZero)
        {
            t.Append(w.CallerShare).Append(call.CallerShare);
            if (call.CallerShareCharged)
            {
                t.Append(w.Paid800);
            }
        }
        t.Append(w.Charge).Append(call.Charge);
        t.Append(rules.Rounding == RoundingPoint.PerCall ? w.PerCall : w.PerLine);
    }

    private static readonly byte[][] OutboundLabelsZh = ["外呼本地"u8.ToArray(), "外呼长途"u8.ToArray(), "外呼手机"u8.ToArray()];
    private static readonly byte[][] OutboundLabelsEn = ["outbound local"u8.ToArray(), "outbound long distance"u8.ToArray(), "outbound mobile"u8.ToArray()];
    private static readonly byte[][] OutboundIds = ["outbound-local"u8.ToArray(), "outbound-long-distance"u8.ToArray(), "outbound-mobile"u8.ToArray()];

    /// <summary>The label of a piece's band as UTF-8: the plan band's name, or the outbound destination type.</summary>
    private static ReadOnlySpan<byte> BandLabelUtf8(RatedCall call, int bandIndex, Language language)
    {
        if (bandIndex < 0)
        {
            return (language == Language.Zh ? OutboundLabelsZh : OutboundLabelsEn)[-1 - bandIndex];
        }
        var band = call.Version.Bands.Bands[bandIndex];
        return language == Language.Zh ? band.NameZhUtf8 : band.NameEnUtf8;
    }

    /// <summary>The band's id as UTF-8, for the rated CSV.</summary>
    internal static ReadOnlySpan<byte> BandIdUtf8(RatedCall call, int bandIndex) =>
        bandIndex < 0 ? OutboundIds[-1 - bandIndex] : call.Version.Bands.Bands[bandIndex].IdUtf8;

    /// <summary>The band's id for machine-readable output.</summary>
    public static string BandId(RatedCall call, int bandIndex) => bandIndex switch
    {
        Rater.OutboundBands.Local => "outbound-local",
        Rater.OutboundBands.LongDistance => "outbound-long-distance",
        Rater.OutboundBands.Mobile => "outbound-mobile",
        _ => call.Version.Bands.Bands[bandIndex].Id,
    };

    private static void Minutes(Utf8Text t, long seconds, Words w)
    {
        t.Append(seconds / 60).Append(w.Min);
        if (seconds % 60 != 0)
        {
            t.Append(seconds % 60).Append(w.Sec);
        }
    }
}
