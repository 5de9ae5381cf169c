using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Rating;

/// <summary>
/// A subscription whose rating state began before its number's first call in a stateless run
/// (<c>rate</c>): its allowance period (<see cref="AllowanceFrom"/>) or the month its tier volume
/// counts from (<see cref="TierMonthFrom"/>) started on an earlier day than <see cref="FirstCall"/>.
/// The run took the allowance as unused and the volume as zero at that call, since it cannot know
/// what calls before the files consumed; the workspace (<c>import</c>, <c>bill</c>) carries them
/// across files.
/// </summary>
public sealed record AllowanceAssumedFull(HotlineNumber Number, Plan Plan, DateOnly? AllowanceFrom, DateOnly? TierMonthFrom, DateOnly FirstCall)
{
    /// <summary>The earlier of the two period starts: where what the run could not see begins.</summary>
    public DateOnly PeriodStart => AllowanceFrom is { } a && (TierMonthFrom is not { } t || a <= t) ? a : TierMonthFrom!.Value;

    /// <summary>
    /// Whether a subscription whose number's first call in the run is on <paramref name="firstCall"/>
    /// had state before it: a period that starts on that day or later does not count (a file that
    /// starts on the 1st at 00:05 is a whole month).
    /// </summary>
    public static AllowanceAssumedFull? Check(HotlineNumber number, Plan plan, (DateOnly? Allowance, DateOnly? TierMonth) starts, DateOnly firstCall)
    {
        var allowance = starts.Allowance < firstCall ? starts.Allowance : null;
        var tiers = starts.TierMonth < firstCall ? starts.TierMonth : null;
        return allowance is null && tiers is null ? null : new AllowanceAssumedFull(number, plan, allowance, tiers, firstCall);
    }

    /// <summary>The whole note for one subscription, as a sentence.</summary>
    public LocalizedText Note()
    {
        var n = Number.ToDisplayString();
        var (zh, en) = (AllowanceFrom, TierMonthFrom) switch
        {
            ({ } a, { } t) => (
                $"{n}（{Plan.Name.Zh}）的套餐额度周期从 {a:yyyy-MM-dd} 开始、阶梯用量从 {t:yyyy-MM-dd} 起按月累计，均早于文件中该号码的第一通通话（{FirstCall:yyyy-MM-dd}）；无状态计费按额度未用、当月用量为零计算",
                $"{n} ({Plan.Name.En}): its allowance period began on {a:yyyy-MM-dd} and its monthly tier volume counts from {t:yyyy-MM-dd}, both before the number's first call in the files ({FirstCall:yyyy-MM-dd}); rating statelessly, rate took the allowance as unused and the month's volume as zero"),
            ({ } a, null) => (
                $"{n}（{Plan.Name.Zh}）的套餐额度周期从 {a:yyyy-MM-dd} 开始，早于文件中该号码的第一通通话（{FirstCall:yyyy-MM-dd}）；无状态计费按额度未用计算",
                $"{n} ({Plan.Name.En}): its allowance period began on {a:yyyy-MM-dd}, before the number's first call in the files ({FirstCall:yyyy-MM-dd}); rating statelessly, rate took the allowance as unused"),
            (null, { } t) => (
                $"{n}（{Plan.Name.Zh}）的阶梯用量从 {t:yyyy-MM-dd} 起按月累计，早于文件中该号码的第一通通话（{FirstCall:yyyy-MM-dd}）；无状态计费按当月用量为零计算",
                $"{n} ({Plan.Name.En}): its monthly tier volume counts from {t:yyyy-MM-dd}, before the number's first call in the files ({FirstCall:yyyy-MM-dd}); rating statelessly, rate took the month's volume as zero"),
            _ => throw new InvalidOperationException("no period started before the first call"),
        };
        return new LocalizedText($"{zh}。{Workspace.Zh}", $"{en}. Billing in the workspace (import, bill) carries usage across files");
    }

    /// <summary>One line of a list of several: the number, the plan, the period and the first call.</summary>
    public LocalizedText Line()
    {
        var n = Number.ToDisplayString();
        var zh = new List<string>(2);
        var en = new List<string>(2);
        if (AllowanceFrom is { } a)
        {
            zh.Add($"套餐额度周期从 {a:yyyy-MM-dd} 开始");
            en.Add($"allowance period from {a:yyyy-MM-dd}");
        }
        if (TierMonthFrom is { } t)
        {
            zh.Add($"阶梯用量从 {t:yyyy-MM-dd} 起累计");
            en.Add($"tier volume from {t:yyyy-MM-dd}");
        }
        return new LocalizedText(
            $"{n}（{Plan.Name.Zh}）：{string.Join("，", zh)}；第一通通话 {FirstCall:yyyy-MM-dd}",
            $"{n} ({Plan.Name.En}): {string.Join(", ", en)}; first call {FirstCall:yyyy-MM-dd}");
    }

    /// <summary>What the workspace does instead (as the end of a sentence).</summary>
    public static readonly LocalizedText Workspace = new(
        "按工作区（import、bill）计费可延续之前的用量",
        "billing in the workspace (import, bill) carries usage across files");

    /// <summary>The heading of a list of several subscriptions (<see cref="Line"/> each).</summary>
    public static LocalizedText Heading(int count) => new(
        $"{count:N0} 个号码的套餐额度周期或按月累计的阶梯用量早于文件中该号码的第一通通话，无状态计费按额度未用、当月用量为零计算。{Workspace.Zh}：",
        $"for {count:N0} numbers the allowance period or the monthly tier volume began before the number's first call in the files; rating statelessly, rate took allowances as unused and the month's volumes as zero; {Workspace.En}:");
}
