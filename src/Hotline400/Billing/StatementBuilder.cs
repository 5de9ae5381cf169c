using System.Globalization;
using Hotline400.Accounts;
using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Numbers;
using Hotline400.Rating;

namespace Hotline400.Billing;

/// <summary>Choices a billing run makes that the catalog and accounts do not hold.</summary>
public sealed record StatementOptions
{
    /// <summary>Switchboard lines (seats) the number has; those above the plan's included ones are charged per year. Null: none extra.</summary>
    public int? Seats { get; init; }

    /// <summary>Resolves call regions for the itemized detail (default: the shared resolver).</summary>
    public RegionResolver? Regions { get; init; }

    /// <summary>Whether to keep the itemized call detail on the statement.</summary>
    public bool CallDetails { get; init; } = true;

    public static readonly StatementOptions Default = new();
}

/// <summary>
/// Builds a number's <see cref="Statement"/> for a period from its subscriptions, the catalog, the
/// period's rated calls and the prepaid ledgers as they stood before the period. Pure: the same
/// inputs, in any order of calls, give the same lines. The rules are in docs/billing.md.
/// </summary>
public static class StatementBuilder
{
    /// <summary>The ledger trace of a term's package, so that a package already prepaid is not charged again.</summary>
    public static string PackageTrace(Subscription subscription, int term) => $"{subscription.Plan.Key} #{subscription.Index} package term {term + 1}";

    public static Statement Build(
        NumberAccount account,
        BillingPeriod period,
        TariffCatalog catalog,
        IEnumerable<RatedCall> calls,
        IReadOnlyList<PrepaidLedger>? ledgersBefore = null,
        StatementOptions? options = null)
    {
        options ??= StatementOptions.Default;
        var regions = options.Regions ?? RegionResolver.Shared;
        var periodCalls = calls
            .Where(c => c.Call.Number.Value == account.Number.Value && period.ContainsInstant(c.Call.StartedMs))
            .ToList();
        if (!InRatingOrder(periodCalls))
        {
            periodCalls.Sort((a, b) => Calls.CallRecord.CompareForRating(a.Call, b.Call));
        }

        var subs = account.Subscriptions
            .Where(s => s.Start < period.End && (s.End is null || s.End.Value >= period.Start))
            .OrderBy(s => s.Start).ThenBy(s => s.Index)
            .ToList();

        var lines = new List<StatementLine>();
        var ledgerEntries = new List<LedgerEntryFor>();
        var alerts = new List<StatementAlert>();
        var opening = Money.Money.Zero;
        var closing = Money.Money.Zero;
        var drawnTotal = Money.Money.Zero;
        var firstStart = account.Subscriptions.Count == 0 ? DateOnly.MaxValue : account.Subscriptions.Min(s => s.Start);
        var plans = new List<string>();
        var planNames = new List<LocalizedText>();
        PlanVersion? mainVersion = null;

        for (var si = 0; si < subs.Count; si++)
        {
            var sub = subs[si];
            var plan = catalog.FindPlan(sub.Plan.Key) ?? sub.Plan;
            var from = sub.Start > period.Start ? sub.Start : period.Start;
            var version = plan.VersionAt(from) ?? plan.Versions[0];
            mainVersion = version;
            plans.Add(plan.Key);
            planNames.Add(plan.Name);
            var ledger = ledgersBefore?.FirstOrDefault(l => l.Subscription.Index == sub.Index)?.Before(period.Start)
                ?? new PrepaidLedger(sub);
            var ctx = new SubContext(account, sub, plan, version, period, lines);
            var isLastSub = si == subs.Count - 1;

            // 1. Packages of terms starting this month, with their first-year price.
            (int Term, DateOnly Start, Money.Money Price)? prepaid = null;
            foreach (var (term, termStart) in TermStartsIn(sub, version.TermMonths, period))
            {
                var tv = plan.VersionAt(termStart) ?? version;
                if (tv.Package is not { } package)
                {
                    continue;
                }
                if (tv.Allowance is { Per: AllowancePeriod.Term } ta)
                {
                    ledgerEntries.Add(new(sub.Index, new LedgerEntry(LedgerEntryKind.AllowanceGrant, termStart, Money.Money.Zero, ta.Minutes,
                        new LocalizedText($"套餐分钟数 第{term + 1}期", $"Package minutes, term {term + 1}"), PackageTrace(sub, term))));
                }
                if (ledger.HasTrace(PackageTrace(sub, term)))
                {
                    continue; // prepaid already: the ledger holds it
                }
                ctx.Add("package|" + term, LineKind.Package,
                    new LocalizedText($"套餐预存 {plan.Name.Zh} 第{term + 1}期（{termStart:yyyy-MM-dd} 起 {tv.TermMonths} 个月）",
                        $"Package prepayment {plan.Name.En}, term {term + 1} ({tv.TermMonths} months from {termStart:yyyy-MM-dd})"),
                    1, QuantityUnit.Item, package.Price, package.Price, Trace(plan, tv, "package.price"));
                prepaid ??= (term, termStart, package.Price);
                if (term == 0)
                {
                    for (var pi = 0; pi < tv.Promotions.Count; pi++)
                    {
                        if (tv.Promotions[pi] is { Kind: PromotionKind.FirstYearPrice } fy && fy.Price < package.Price)
                        {
                            var off = fy.Price - package.Price;
                            ctx.Add($"promo|{pi}|package", LineKind.Promotion,
                                new LocalizedText($"优惠：首年价 {fy.Price} 元（原价 {package.Price} 元）", $"Promotion: first-year price {fy.Price} (list {package.Price})"),
                                1, QuantityUnit.Item, off, off, Trace(plan, tv, $"promotions[{pi}] first_year_price"));
                        }
                    }
                }
            }

            // 2. Recurring fees, prorated by days.
            var endExclusive = sub.End?.AddDays(1);
            var activeDays = period.DaysOverlapping(sub.Start, endExclusive);
            if (version.MonthlyFee > Money.Money.Zero)
            {
                ctx.Prorated("monthly_fee", LineKind.MonthlyFee, new LocalizedText("月功能费", "Monthly function fee"), version.MonthlyFee, activeDays, "monthly_fee");
            }
            if (version.Outbound is { } ob && ob.MonthlyFee > Money.Money.Zero)
            {
                ctx.Prorated("outbound_fee", LineKind.OutboundFee, new LocalizedText("外呼号码月租", "Outbound number monthly fee"), ob.MonthlyFee, activeDays, "outbound.monthly_fee");
            }
            if (isLastSub)
            {
                AddServices(ctx, account, period);
            }
            if (options.Seats is { } seats && version.Seats is { } seatRule && seats > seatRule.Included && seatRule.YearlyPerExtra > Money.Money.Zero)
            {
                var extra = seats - seatRule.Included;
                for (var y = 0; ; y++)
                {
                    var yearStart = sub.Start.AddYears(y);
                    if (yearStart >= period.End || (sub.End is { } e && yearStart > e))
                    {
                        break;
                    }
                    if (period.Contains(yearStart))
                    {
                        var amount = (seatRule.YearlyPerExtra * extra).RoundToFen();
                        ctx.Add("seats|" + y, LineKind.Seats,
                            new LocalizedText($"坐席 {extra} 个（所含 {seatRule.Included} 个以外，{yearStart:yyyy-MM-dd} 起一年）", $"{extra} extra seats beyond {seatRule.Included} included (year from {yearStart:yyyy-MM-dd})"),
                            extra, QuantityUnit.Seat, seatRule.YearlyPerExtra, amount, Trace(plan, version, "seats.yearly_per_extra"));
                    }
                }
            }

            // 3. One-off: the number's selection fee in the month its first subscription starts.
            if (sub.Start == firstStart && period.Contains(sub.Start) && account.Grade.SelectionFee > Money.Money.Zero)
            {
                ctx.Add("grade_selection", LineKind.OneOff,
                    new LocalizedText($"选号费（{account.Grade.Name.Zh}）", $"Number selection fee ({account.Grade.Name.En})"),
                    1, QuantityUnit.Item, account.Grade.SelectionFee, account.Grade.SelectionFee, new LineTrace(plan.Key, version.Number, $"grades.{account.Grade.Id}.selection_fee"));
            }

            // 4. Usage, by band, rate and source.
            var subCalls = periodCalls.Where(c => c.Subscription.Index == sub.Index).ToList();
            var coveredMinutes = AddUsage(ctx, subCalls);

            // 5. Monthly minimum.
            var consumption = Sum(lines, sub.Index, LineKind.Usage, LineKind.UsageServiceFee, LineKind.ConnectFee, LineKind.CallerShare);
            var isFirstMonth = period.Contains(sub.Start);
            var (minimum, minimumTerm) = version.MonthlyMinimum >= account.Grade.MonthlyMinimum
                ? (version.MonthlyMinimum, "monthly_minimum")
                : (account.Grade.MonthlyMinimum, $"grades.{account.Grade.Id}.monthly_minimum");
            if (minimum > Money.Money.Zero && !(isFirstMonth && version.FirstMonth == FirstMonthRule.Actual))
            {
                var prorate = activeDays < period.Days && !(isFirstMonth && version.FirstMonth == FirstMonthRule.Full);
                var applied = prorate ? new Money.Money(minimum.Yuan * activeDays / period.Days).RoundToFen() : minimum.RoundToFen();
                var missing = applied - consumption;
                if (missing > Money.Money.Zero)
                {
                    var rule = isFirstMonth ? $" first_month: {version.FirstMonth.ToString().ToLowerInvariant()}" : "";
                    var daysZh = prorate ? $"，按 {activeDays}/{period.Days} 天折算 {applied} 元" : "";
                    var daysEn = prorate ? $", {activeDays}/{period.Days} days = {applied}" : "";
                    ctx.Add("minimum", LineKind.MinimumTopUp,
                        new LocalizedText($"月最低消费补足（最低消费 {minimum} 元{daysZh}，实际消费 {consumption} 元）", $"Monthly minimum top-up (minimum {minimum}{daysEn}, consumed {consumption})"),
                        1, QuantityUnit.Month, applied, missing, Trace(plan, version, minimumTerm + rule));
                }
            }

            // 6. Promotions on this month's lines (not compounding: each against the lines before any promotion).
            var monthIndex = period.MonthsSince(sub.Start);
            var beforePromotions = lines.Where(l => l.SubscriptionIndex == sub.Index).ToList();
            for (var pi = 0; pi < version.Promotions.Count; pi++)
            {
                var promo = version.Promotions[pi];
                if (promo.Kind == PromotionKind.FirstYearPrice || monthIndex >= promo.Months)
                {
                    continue;
                }
                var percent = promo.Kind == PromotionKind.FreeMonths ? 100m : promo.Percent;
                // A promotion of everything in a month with a package line discounts the package too:
                // that share is a discount on the package's price (its own line), the rest on consumption.
                var basis = Money.Money.Zero;
                var packageBasis = Money.Money.Zero;
                foreach (var l in beforePromotions)
                {
                    if (!Targets(promo.Of, l))
                    {
                        continue;
                    }
                    if (promo.Of == PromotionTarget.All && (PackageLines.IsCredit(l) || PackageLines.IsDiscount(l)))
                    {
                        packageBasis += l.Amount;
                    }
                    else
                    {
                        basis += l.Amount;
                    }
                }
                var (zh, en) = promo.Kind == PromotionKind.FreeMonths
                    ? ($"优惠：前 {promo.Months} 个月免{TargetZh(promo.Of)}（第 {monthIndex + 1} 个月）", $"Promotion: {TargetEn(promo.Of)} free for the first {promo.Months} months (month {monthIndex + 1})")
                    : ($"优惠：前 {promo.Months} 个月{TargetZh(promo.Of)}减 {Pct(percent)}%（第 {monthIndex + 1} 个月）", $"Promotion: {Pct(percent)}% off {TargetEn(promo.Of)} for the first {promo.Months} months (month {monthIndex + 1})");
                var kindWord = promo.Kind == PromotionKind.FreeMonths ? "free_months" : "percent_off";
                var term = $"promotions[{pi}] {kindWord} of {promo.Of.ToString().ToLowerInvariant()}";
                var off = (basis * (percent / 100m)).RoundToFen();
                if (off > Money.Money.Zero)
                {
                    ctx.Add($"promo|{pi}", LineKind.Promotion, new LocalizedText(zh, en), percent / 100m, QuantityUnit.Item, basis, -off, Trace(plan, version, term));
                }
                var packageOff = (packageBasis * (percent / 100m)).RoundToFen();
                if (packageOff > Money.Money.Zero)
                {
                    ctx.Add($"promo|{pi}|package", LineKind.Promotion, new LocalizedText(zh + " · 套餐费部分", en + ": the package's share"), percent / 100m, QuantityUnit.Item,
                        packageBasis, -packageOff, Trace(plan, version, term + ", package share"));
                }
            }

            // 7. Prepayment drawn. The package's price is the credit its prepayment buys; a promotion
            // on the package lowers what is paid for it, not what it buys, so it is neither credit
            // nor consumption (PackageLines). Every other line is consumption, paid from the prepaid
            // balance (the opening balance and this month's credit) as far as it goes.
            var credit = Money.Money.Zero;
            var packageDiscount = Money.Money.Zero;
            var consumed = Money.Money.Zero;
            foreach (var l in lines)
            {
                if (l.SubscriptionIndex != sub.Index)
                {
                    continue;
                }
                if (PackageLines.IsCredit(l))
                {
                    credit += l.Amount;
                }
                else if (PackageLines.IsDiscount(l))
                {
                    packageDiscount += l.Amount;
                }
                else
                {
                    consumed += l.Amount;
                }
            }
            var subOpening = ledger.Balance();
            var available = subOpening + credit;
            var drawn = Money.Money.Max(Money.Money.Zero, Money.Money.Min(consumed, available));
            if (drawn > Money.Money.Zero)
            {
                ctx.Add("drawn", LineKind.PrepaymentDrawn,
                    new LocalizedText($"预存款抵扣（可用 {available} 元）", $"Paid from prepayment (available {available})"),
                    1, QuantityUnit.Item, null, -drawn, new LineTrace(plan.Key, version.Number, "ledger"));
            }
            opening += subOpening;
            closing += available - drawn;
            drawnTotal += drawn;

            var lastDay = sub.End is { } se && se < period.LastDay ? se : period.LastDay;
            var statementTrace = $"statement {account.Number.Value} {period}";
            if (prepaid is { } pp)
            {
                // The balance is credited with the package price, whatever was paid for it.
                var paid = pp.Price + packageDiscount;
                var reason = packageDiscount == Money.Money.Zero
                    ? new LocalizedText("套餐预存", "Package prepayment")
                    : new LocalizedText($"套餐预存（套餐价 {pp.Price} 元，优惠后实付 {paid} 元）", $"Package prepayment (package price {pp.Price}, paid {paid} after promotions)");
                ledgerEntries.Add(new(sub.Index, new LedgerEntry(LedgerEntryKind.Prepayment, pp.Start, pp.Price, 0m, reason, PackageTrace(sub, pp.Term))));
            }
            if (version.Allowance is { Per: AllowancePeriod.Month } ma)
            {
                ledgerEntries.Add(new(sub.Index, new LedgerEntry(LedgerEntryKind.AllowanceGrant, from, Money.Money.Zero, ma.Minutes,
                    new LocalizedText("本月包含分钟数", "Minutes included this month"), $"{plan.Key} v{version.Number} allowance")));
            }
            if (drawn > Money.Money.Zero || coveredMinutes > 0)
            {
                ledgerEntries.Add(new(sub.Index, new LedgerEntry(LedgerEntryKind.UsageDebit, lastDay, -drawn, -coveredMinutes,
                    new LocalizedText($"{period} 月消费", $"Consumption {period}"), statementTrace)));
            }
            var after = new PrepaidLedger(sub, ledger.Entries.Concat(ledgerEntries.Where(e => e.SubscriptionIndex == sub.Index).Select(e => e.Entry)));
            if (version.Allowance is { Per: AllowancePeriod.Month })
            {
                var left = after.MinutesLeft();
                if (left > 0)
                {
                    var expiry = new LedgerEntry(LedgerEntryKind.AllowanceExpiry, lastDay, Money.Money.Zero, -left,
                        new LocalizedText("本月剩余分钟数清零", "Unused minutes of the month cleared"), $"{plan.Key} v{version.Number} allowance");
                    ledgerEntries.Add(new(sub.Index, expiry));
                    after.Append(expiry);
                }
            }

            if (isLastSub)
            {
                Alerts(alerts, sub, version, period, subCalls, after, available - drawn, minimum, lastDay);
            }
        }

        // Calls priced on days without holiday data under bands that depend on the day type: said
        // on the statement, so that nobody takes those prices for settled.
        DateOnly? holidaysUnknownFrom = null;
        long holidaysUnknownCalls = 0;
        foreach (var c in periodCalls)
        {
            if (c.HolidaysUnknownFrom is { } from)
            {
                holidaysUnknownCalls += c.Count;
                holidaysUnknownFrom = holidaysUnknownFrom is { } known && known < from ? known : from;
            }
        }
        if (holidaysUnknownFrom is { } unknownFrom)
        {
            alerts.Add(new(AlertKind.HolidaysUnknown, Calendar.HolidaysUnknown.StatementNote(unknownFrom, holidaysUnknownCalls)));
        }

        var charges = lines.Where(l => l.Kind != LineKind.PrepaymentDrawn).Aggregate(Money.Money.Zero, (s, l) => s + l.Amount);
        var due = lines.Aggregate(Money.Money.Zero, (s, l) => s + l.Amount);
        var vatRate = mainVersion?.VatRate ?? catalog.VatRate;
        // VAT follows what is paid for the period: the package's price when it is bought, consumption
        // beyond the prepaid balance; consumption drawn from the balance was invoiced with the prepayment.
        var vat = Vat.Included(due, vatRate);

        return new Statement
        {
            Number = account.Number,
            EnterpriseId = account.EnterpriseId,
            Period = period,
            Lines = lines.ToArray(),
            Totals = new StatementTotals(charges, -drawnTotal, due, vat, vatRate, opening, closing),
            Alerts = alerts.ToArray(),
            CallDetails = options.CallDetails ? periodCalls.Select(c => Detail(c, regions)).ToArray() : [],
            LedgerEntries = ledgerEntries.ToArray(),
            Plans = plans.ToArray(),
            PlanNames = planNames.ToArray(),
        };
    }

    /// <summary>Whether the calls are in rating order already (a bill run gives them so): then sorting is skipped.</summary>
    private static bool InRatingOrder(List<RatedCall> calls)
    {
        for (var i = 1; i < calls.Count; i++)
        {
            if (Calls.CallRecord.CompareForRating(calls[i - 1].Call, calls[i].Call) > 0)
            {
                return false;
            }
        }
        return true;
    }

    private static IEnumerable<(int Term, DateOnly Start)> TermStartsIn(Subscription sub, int termMonths, BillingPeriod period)
    {
        var months = Math.Max(1, termMonths);
        for (var t = 0; ; t++)
        {
            var start = sub.TermStart(t, months);
            if (start >= period.End || (sub.End is { } e && start > e))
            {
                yield break;
            }
            if (start >= period.Start)
            {
                yield return (t, start);
            }
        }
    }

    private static void AddServices(SubContext ctx, NumberAccount account, BillingPeriod period)
    {
        foreach (var enrollment in account.Services.OrderBy(s => s.Service.Id, StringComparer.Ordinal).ThenBy(s => s.Start))
        {
            var svc = enrollment.Service;
            if (enrollment.Start >= period.End || (enrollment.End is { } e && e < period.Start))
            {
                continue;
            }
            var trace = $"services.{svc.Id}";
            if (ctx.Version.IncludedServices.Contains(svc.Id))
            {
                continue; // free on this plan (included_services)
            }
            var key = $"service|{svc.Id}|{enrollment.Start:yyyyMMdd}";
            if (svc.Monthly > Money.Money.Zero)
            {
                var days = period.DaysOverlapping(enrollment.Start, enrollment.End?.AddDays(1));
                ctx.Prorated(key + "|monthly", LineKind.ServiceFee, new LocalizedText($"{svc.Name.Zh} 月费", $"{svc.Name.En}, monthly"), svc.Monthly, days, trace + ".monthly");
            }
            if (svc.Yearly > Money.Money.Zero)
            {
                for (var y = 0; ; y++)
                {
                    var yearStart = enrollment.Start.AddYears(y);
                    if (yearStart >= period.End || (enrollment.End is { } end && yearStart > end))
                    {
                        break;
                    }
                    if (period.Contains(yearStart))
                    {
                        ctx.Add(key + "|yearly|" + y, LineKind.ServiceFee,
                            new LocalizedText($"{svc.Name.Zh} 年费（{yearStart:yyyy-MM-dd} 起一年）", $"{svc.Name.En}, yearly (year from {yearStart:yyyy-MM-dd})"),
                            1, QuantityUnit.Year, svc.Yearly, svc.Yearly.RoundToFen(), ctx.Trace(trace + ".yearly"));
                    }
                }
            }
            if (svc.OneOff > Money.Money.Zero && period.Contains(enrollment.Start))
            {
                ctx.Add(key + "|one_off", LineKind.OneOff, new LocalizedText($"{svc.Name.Zh} 一次性费用", $"{svc.Name.En}, one-off"),
                    1, QuantityUnit.Item, svc.OneOff, svc.OneOff.RoundToFen(), ctx.Trace(trace + ".one_off"));
            }
        }
    }

    /// <summary>Accumulates a line made of call components.</summary>
    private sealed class CallLine
    {
        public required LineKind Kind;
        public required LocalizedText Description;
        public required LineTrace Trace;
        public Money.Rate? Rate;
        public RoundingPoint Rounding;
        public long BilledSeconds;
        public long CoveredSeconds;
        public long ChargedSeconds;
        public Money.Money Exact;       // per_line: exact sum; per_call: already whole fen
        public readonly List<string> CallIds = [];
    }

    /// <summary>What makes a usage line: the plan version, band, rate source and rate (as its decimal bits).</summary>
    private readonly record struct UsageKey(int Version, int Band, RateSource Source, int Lo, int Mid, int Hi, int Flags);

    /// <summary>Usage lines; returns the minutes the allowance covered.</summary>
    private static decimal AddUsage(SubContext ctx, List<RatedCall> calls)
    {
        var groups = new SortedDictionary<string, CallLine>(StringComparer.Ordinal);
        var usageLines = new Dictionary<UsageKey, CallLine>();
        Span<int> bits = stackalloc int[4];
        var components = new List<(CallLine Line, Money.Money Amount, bool Charge)>(8);
        CallLine? connectLine = null, shareLine = null;
        long covered = 0;
        foreach (var call in calls)
        {
            var v = call.Version;
            var rounding = v.Billing.Rounding;
            var valued = v.Package is not null; // a package bought these minutes: they consume its money at the rate
            components.Clear();
            foreach (var p in call.Pieces)
            {
                // The line's key is text (it orders the lines); look it up by the piece's figures first
                // so that a month of calls does not format it once per call. The rate's bits include
                // its scale: 0.15 and 0.150 are told apart as their texts are.
                decimal.GetBits(p.Rate.YuanPerMinute, bits);
                var usageKey = new UsageKey(v.Number, p.BandIndex, p.Source, bits[0], bits[1], bits[2], bits[3]);
                if (!usageLines.TryGetValue(usageKey, out var line))
                {
                    var text = $"usage|v{v.Number:D4}|b{p.BandIndex + 100:D4}|{(int)p.Source}|{p.Rate.YuanPerMinute.ToString(CultureInfo.InvariantCulture)}";
                    line = Group(groups, text, () => new CallLine
                    {
                        Kind = LineKind.Usage,
                        Description = UsageText(v, p),
                        Trace = Trace(ctx.Plan, v, UsageTerm(v, p)),
                        Rate = p.Rate,
                        Rounding = rounding,
                    });
                    usageLines[usageKey] = line;
                }
                line.BilledSeconds += p.BilledSeconds;
                line.CoveredSeconds += p.CoveredSeconds;
                line.ChargedSeconds += p.BilledSeconds - p.CoveredSeconds;
                Touch(line, call);
                covered += p.CoveredSeconds;
                if (p.Charge != Money.Money.Zero)
                {
                    components.Add((line, p.Charge, true));
                }
                if (valued && p.CoveredSeconds > 0)
                {
                    components.Add((line, p.Rate.ForSeconds(p.CoveredSeconds), false));
                }
            }
            if (call.ConnectFee != Money.Money.Zero)
            {
                var line = connectLine ??= Group(groups, "usage~connect", () => new CallLine { Kind = LineKind.ConnectFee, Description = new LocalizedText("接通费", "Connect fees"), Trace = Trace(ctx.Plan, v, "billing.connect_fee"), Rounding = rounding });
                Touch(line, call);
                components.Add((line, call.ConnectFee, true));
            }
            foreach (var f in call.ServiceFees)
            {
                var key = "usage~service|" + f.Service.Id;
                var line = Group(groups, key, () => new CallLine
                {
                    Kind = LineKind.UsageServiceFee,
                    Description = new LocalizedText($"{f.Service.Name.Zh} 按分钟费 {f.Service.PerMinute}元/分钟", $"{f.Service.Name.En}, {f.Service.PerMinute}/min"),
                    Trace = new LineTrace(ctx.Plan.Key, v.Number, $"services.{f.Service.Id}.per_minute"),
                    Rate = f.Service.PerMinute,
                    Rounding = rounding,
                });
                line.BilledSeconds += call.BilledSeconds;
                Touch(line, call);
                components.Add((line, f.Amount, true));
            }
            if (call.CallerShareCharged && call.CallerShare != Money.Money.Zero)
            {
                var line = shareLine ??= Group(groups, "usage~share", () => new CallLine { Kind = LineKind.CallerShare, Description = new LocalizedText("主叫方通话费（800 由企业承担）", "Callers' share (paid by the enterprise on 800 plans)"), Trace = new LineTrace(ctx.Plan.Key, v.Number, "kind: tollfree800 caller_rates"), Rounding = rounding });
                line.BilledSeconds += (call.BillableSeconds / call.Count + 59) / 60 * 60 * call.Count;
                Touch(line, call);
                components.Add((line, call.CallerShare, true));
            }

            if (rounding == RoundingPoint.PerCall)
            {
                // The call's charge was rounded once by the rater; split it over its lines by rounding
                // the running sum, so the lines of a call add up to exactly its charge.
                Spread(components, true, call.Count);
                Spread(components, false, call.Count);
            }
            else
            {
                foreach (var (line, amount, _) in components)
                {
                    line.Exact += amount;
                }
            }
        }

        foreach (var (key, g) in groups)
        {
            var amount = g.Rounding == RoundingPoint.PerLine ? g.Exact.RoundToFen() : g.Exact;
            var trace = g.Trace with { Calls = g.CallIds.Count, CallIds = g.CallIds.ToArray() };
            var minutes = g.BilledSeconds / 60m;
            var line = new StatementLine($"{key}|s{ctx.Sub.Index}", g.Kind, g.Description, minutes, QuantityUnit.Minute,
                g.Rate is { } r ? new Money.Money(r.YuanPerMinute) : null, amount, trace)
            {
                AllowanceMinutes = g.CoveredSeconds / 60m,
                ChargedMinutes = g.Kind == LineKind.Usage ? g.ChargedSeconds / 60m : 0m,
                SubscriptionIndex = ctx.Sub.Index,
            };
            if (g.Kind == LineKind.Usage && line.AllowanceMinutes > 0)
            {
                line = line with
                {
                    Description = new LocalizedText(
                        $"{g.Description.Zh}（套餐内 {Num(line.AllowanceMinutes)} 分钟，计费 {Num(line.ChargedMinutes)} 分钟）",
                        $"{g.Description.En} ({Num(line.AllowanceMinutes)} min from allowance, {Num(line.ChargedMinutes)} min charged)"),
                };
            }
            ctx.Lines.Add(line);
        }
        return covered / 60m;
    }

    /// <summary>
    /// Spreads one call's rounded charge over its lines (see the caller). A rated call standing for
    /// <paramref name="count"/> identical calls spreads the charge of one and adds it count times.
    /// </summary>
    private static void Spread(List<(CallLine Line, Money.Money Amount, bool Charge)> components, bool charge, long count)
    {
        var running = Money.Money.Zero;
        var assigned = Money.Money.Zero;
        foreach (var (line, amount, isCharge) in components)
        {
            if (isCharge != charge)
            {
                continue;
            }
            running += count == 1 ? amount : new Money.Money(amount.Yuan / count);
            var rounded = running.RoundToFen();
            line.Exact += (rounded - assigned) * count;
            assigned = rounded;
        }
    }

    private static CallLine Group(SortedDictionary<string, CallLine> groups, string key, Func<CallLine> create)
    {
        if (!groups.TryGetValue(key, out var line))
        {
            line = create();
            groups[key] = line;
        }
        return line;
    }

    private static void Touch(CallLine line, RatedCall call)
    {
        var id = call.Call.CallId;
        if (line.CallIds.Count == 0 || !string.Equals(line.CallIds[^1], id, StringComparison.Ordinal))
        {
            line.CallIds.Add(id);
        }
    }

    private static LocalizedText UsageText(PlanVersion v, UsagePiece p)
    {
        var rate = p.Rate.ToString();
        if (p.Source == RateSource.Outbound)
        {
            var (zh, en) = p.BandIndex switch
            {
                Rater.OutboundBands.Local => ("本地", "local"),
                Rater.OutboundBands.Mobile => ("手机", "mobile"),
                _ => ("长途", "long distance"),
            };
            return new LocalizedText($"外呼通话费 · {zh} · {rate}元/分钟", $"Outbound calls, {en}, {rate}/min");
        }
        var band = !v.Bands.IsFlat && p.BandIndex >= 0 && p.BandIndex < v.Bands.Bands.Count ? v.Bands.Bands[p.BandIndex].Name : null;
        var (sZh, sEn) = p.Source switch
        {
            RateSource.Overage => (" · 超出套餐", ", overage"),
            RateSource.Region => (" · 地区费率", ", caller-region rate"),
            RateSource.Tier => (" · 阶梯", ", tier"),
            _ => ("", ""),
        };
        var bandZh = band is null ? "" : " · " + band.Zh;
        var bandEn = band is null ? "" : ", " + band.In(Language.En);
        return new LocalizedText($"通话费{bandZh}{sZh} · {rate}元/分钟", $"Calls{bandEn}{sEn}, {rate}/min");
    }

    private static string UsageTerm(PlanVersion v, UsagePiece p) => p.Source switch
    {
        RateSource.Overage => "allowance.overage_rate",
        RateSource.Region => "regions",
        RateSource.Tier => "tiers",
        RateSource.Outbound => "outbound",
        RateSource.Band when p.BandIndex >= 0 && p.BandIndex < v.Bands.Bands.Count => $"bands.{v.Bands.Bands[p.BandIndex].Id}",
        _ => p.CoveredSeconds > 0 ? "rate, allowance" : "rate",
    };

    private static bool Targets(PromotionTarget target, StatementLine line) => target switch
    {
        PromotionTarget.MonthlyFee => line.Kind == LineKind.MonthlyFee,
        PromotionTarget.Usage => line.Kind == LineKind.Usage,
        PromotionTarget.Package => PackageLines.IsCredit(line) || PackageLines.IsDiscount(line),
        _ => line.Kind != LineKind.PrepaymentDrawn,
    };

    private static string TargetZh(PromotionTarget t) => t switch
    {
        PromotionTarget.MonthlyFee => "月功能费",
        PromotionTarget.Usage => "通话费",
        PromotionTarget.Package => "套餐费",
        _ => "全部费用",
    };

    private static string TargetEn(PromotionTarget t) => t switch
    {
        PromotionTarget.MonthlyFee => "the monthly fee",
        PromotionTarget.Usage => "usage",
        PromotionTarget.Package => "the package",
        _ => "all charges",
    };

    private static string Pct(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Num(decimal minutes) => minutes.ToString("0.##", CultureInfo.InvariantCulture);

    private static Money.Money Sum(List<StatementLine> lines, int subscription, params LineKind[] kinds)
    {
        var sum = Money.Money.Zero;
        foreach (var l in lines)
        {
            if (l.SubscriptionIndex == subscription && Array.IndexOf(kinds, l.Kind) >= 0)
            {
                sum += l.Amount;
            }
        }
        return sum;
    }

    private static LineTrace Trace(Plan plan, PlanVersion version, string term) => new(plan.Key, version.Number, term);

    private static void Alerts(List<StatementAlert> alerts, Subscription sub, PlanVersion version, BillingPeriod period, List<RatedCall> calls,
        PrepaidLedger after, Money.Money balance, Money.Money minimum, DateOnly lastDay)
    {
        if (version.Allowance is { Minutes: > 0 } allowance)
        {
            var lastWithAllowance = calls.LastOrDefault(c => c.HasAllowance);
            var known = lastWithAllowance is not null || after.Entries.Any(e => e.Kind == LedgerEntryKind.AllowanceGrant);
            var left = lastWithAllowance is not null ? lastWithAllowance.AllowanceAfterSeconds / 60m : after.MinutesLeft();
            if (known && left * 10 < allowance.Minutes)
            {
                alerts.Add(new(AlertKind.AllowanceLow, new LocalizedText(
                    $"套餐分钟数余量不足 10%：剩余 {Num(left)} / {allowance.Minutes} 分钟",
                    $"Allowance below 10%: {Num(left)} of {allowance.Minutes} minutes left")));
            }
        }
        var hasPrepaid = after.Entries.Any(e => e.Amount != Money.Money.Zero);
        if (hasPrepaid && minimum > Money.Money.Zero && balance < minimum)
        {
            alerts.Add(new(AlertKind.BalanceLow, new LocalizedText(
                $"预存余额 {balance} 元，不足一个月最低消费 {minimum} 元，请及时充值",
                $"Prepaid balance {balance} is below one month's minimum of {minimum}: please top up")));
        }
        var termMonths = Math.Max(1, version.TermMonths);
        var termEnd = sub.TermStart(sub.TermIndex(lastDay, termMonths) + 1, termMonths).AddDays(-1);
        if (sub.End is { } end && end < termEnd)
        {
            termEnd = end;
        }
        var projection = after.Project(lastDay);
        var runsOut = Earliest(projection.MoneyRunsOut, projection.MinutesRunOut);
        if (runsOut is { } ro && ro < termEnd)
        {
            var what = projection.MinutesRunOut == ro ? ("套餐分钟数", "allowance minutes") : ("预存余额", "prepaid balance");
            alerts.Add(new(AlertKind.ProjectedExhaustion, new LocalizedText(
                $"按近 30 天用量，{what.Item1}预计于 {ro:yyyy-MM-dd} 用完（套餐期至 {termEnd:yyyy-MM-dd}）",
                $"At the pace of the last 30 days the {what.Item2} run out on {ro:yyyy-MM-dd} (term ends {termEnd:yyyy-MM-dd})")));
        }
        var daysLeft = termEnd.DayNumber - lastDay.DayNumber;
        if (daysLeft is >= 0 and <= 30)
        {
            // Said from the period's end, the day the statement speaks for: it is read days later,
            // so "today" or "in 0 days" would be wrong by then.
            var afterPeriod = termEnd.DayNumber - period.LastDay.DayNumber;
            var (zh, en) = afterPeriod switch
            {
                < 0 => ($"套餐已于 {termEnd:yyyy-MM-dd} 到期", $"The term ended on {termEnd:yyyy-MM-dd}"),
                0 => ($"套餐于 {termEnd:yyyy-MM-dd}（本账期最后一天）到期", $"The term ends on {termEnd:yyyy-MM-dd}, the last day of this period"),
                1 => ($"套餐将于 {termEnd:yyyy-MM-dd}（账期结束次日）到期", $"The term ends on {termEnd:yyyy-MM-dd}, the day after this period"),
                _ => ($"套餐将于 {termEnd:yyyy-MM-dd}（账期结束 {afterPeriod} 天后）到期", $"The term ends on {termEnd:yyyy-MM-dd}, {afterPeriod} days after this period"),
            };
            alerts.Add(new(AlertKind.TermEnding, new LocalizedText(zh + "，请及时续费", en + ": renew in time")));
        }
    }

    private static DateOnly? Earliest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : (a < b ? a : b);

    private static CallDetail Detail(RatedCall c, RegionResolver regions)
    {
        var call = c.Call;
        var region = regions.GetRegion(c.RegionId);
        var masked = call.Caller.IsWithheld ? "" : MaskedCaller(call.Caller);
        return new CallDetail(call.CallId, ChinaTime.ToDateTimeOffset(call.StartedMs), masked, region.NameZh, region.NameEn,
            c.BillableSeconds, c.BilledSeconds / 60m, c.Charge);
    }

    /// <summary>
    /// <c>CallerNumber.Masked(caller.ToString())</c>, the caller as the itemized calls show it, formatted
    /// straight from the digits for mobiles and landlines (one string instead of four; a statement has
    /// one per call). Other callers go the long way.
    /// </summary>
    internal static string MaskedCaller(in CallerNumber caller)
    {
        switch (caller.Kind)
        {
            case CallerKind.Mobile when caller.NationalNumber is >= 10_000_000_000 and <= 19_999_999_999:
                // 138****8000
                return string.Create(11, caller.NationalNumber, static (span, n) =>
                {
                    n.TryFormat(span, out _, default, CultureInfo.InvariantCulture);
                    span[3..7].Fill('*');
                });
            case CallerKind.Landline when caller.AreaCode is >= 10 and <= 999 && caller.NationalNumber > 0:
            {
                // 0571-88****66: the area code, then the local number's first two and last two digits.
                Span<char> national = stackalloc char[20];
                caller.NationalNumber.TryFormat(national, out var length, default, CultureInfo.InvariantCulture);
                var areaLength = caller.AreaCode >= 100 ? 3 : 2;
                var localLength = length - areaLength;
                if (localLength < 4)
                {
                    break;
                }
                Span<char> text = stackalloc char[2 + length];
                text[0] = '0';
                caller.AreaCode.TryFormat(text[1..], out _, default, CultureInfo.InvariantCulture);
                text[1 + areaLength] = '-';
                national[areaLength..length].CopyTo(text[(2 + areaLength)..]);
                text[(4 + areaLength)..(text.Length - 2)].Fill('*');
                return new string(text);
            }
        }
        return CallerNumber.Masked(caller.ToString());
    }

    /// <summary>What the line helpers of one subscription share.</summary>
    private sealed class SubContext(NumberAccount account, Subscription sub, Plan plan, PlanVersion version, BillingPeriod period, List<StatementLine> lines)
    {
        public NumberAccount Account { get; } = account;
        public Subscription Sub { get; } = sub;
        public Plan Plan { get; } = plan;
        public PlanVersion Version { get; } = version;
        public BillingPeriod Period { get; } = period;
        public List<StatementLine> Lines { get; } = lines;

        public LineTrace Trace(string term) => new(Plan.Key, Version.Number, term);

        public void Add(string key, LineKind kind, LocalizedText description, decimal quantity, QuantityUnit unit, Money.Money? unitPrice, Money.Money amount, LineTrace trace) =>
            Lines.Add(new StatementLine($"{key}|s{Sub.Index}", kind, description, quantity, unit, unitPrice, amount, trace) { SubscriptionIndex = Sub.Index });

        /// <summary>amount × days active / days in month, rounded to the fen once; the whole amount for a whole month.</summary>
        public void Prorated(string key, LineKind kind, LocalizedText what, Money.Money monthly, int days, string term)
        {
            if (days <= 0)
            {
                return;
            }
            if (days >= Period.Days)
            {
                Add(key, kind, what, 1, QuantityUnit.Month, monthly, monthly.RoundToFen(), Trace(term));
                return;
            }
            var amount = new Money.Money(monthly.Yuan * days / Period.Days).RoundToFen();
            Add(key, kind,
                new LocalizedText($"{what.Zh}（按天折算 {days}/{Period.Days} 天）", $"{what.En} (prorated {days}/{Period.Days} days)"),
                days, QuantityUnit.Day, monthly, amount, Trace(term + $" prorated {days}/{Period.Days}"));
        }
    }
}
