using System.CommandLine;
using System.Globalization;
using Hotline400.Advisor;
using Hotline400.Calls;
using Hotline400.Catalog;
using Hotline400.Numbers;
using Spectre.Console;

namespace Hotline400.Cli.Commands;

/// <summary>
/// <c>hotline400 advise</c>: which plan of which provider would have cost least for this traffic.
/// Exit 0 with a ranking, 1 when some call rows were rejected (ranking still given), 2 when the
/// input is unusable (bad file, unknown service, several numbers without --number).
/// </summary>
internal static class AdviseCommand
{
    /// <summary>Rejected rows printed (and listed in --json); all are counted.</summary>
    private const int RejectsShown = 10;

    public static Command Create(CliConsole console, TimeProvider clock)
    {
        var calls = new Option<string[]>("--calls") { Description = "Call record CSV files (the history to replay)", AllowMultipleArgumentsPerToken = true };
        var catalog = new Option<string?>("--catalog") { Description = "Tariff catalog YAML (default: the built-in sample catalog)" };
        var accounts = new Option<string?>("--accounts") { Description = "Accounts YAML: the plan the number is on now becomes the current plan" };
        var number = new Option<string?>("--number") { Description = "The 400 number whose calls to replay (needed when the files hold several)" };
        var needs = new Option<string?>("--needs") { Description = "Services the enterprise needs, by id: ivr,recording,…" };
        var growth = new Option<decimal>("--growth") { Description = "Traffic growth in percent (e.g. 30 or -20)", DefaultValueFactory = _ => 0m };
        var minutes = new Option<long?>("--minutes-per-month") { Description = "Profile instead of calls: billed minutes per month" };
        var peak = new Option<decimal>("--peak-share") { Description = "Profile: share of minutes on workdays 08:00–20:00 (0–1, default 0.7)", DefaultValueFactory = _ => 0.7m };
        var regions = new Option<string?>("--regions") { Description = "Profile: callers' provinces, e.g. 广东省=0.3,北京市=0.2" };
        var html = new Option<string?>("--html") { Description = "Write the chart and ranking as one self-contained HTML page" };
        var png = new Option<string?>("--png") { Description = "Write the chart of annual cost against monthly minutes as PNG" };
        var map = new Option<string?>("--map") { Description = "Column mapping for other exports: field=column,…" };
        var json = CommonOptions.Json();
        var lang = CommonOptions.Lang();
        var command = new Command("advise", "Replay the call history under every plan of the catalog and rank them by annual cost")
        {
            calls, catalog, accounts, number, needs, growth, minutes, peak, regions, html, png, map, json, lang,
        };
        command.SetAction(pr => Run(console, clock, new AdviseRequest(
            pr.GetValue(calls) ?? [], pr.GetValue(catalog), pr.GetValue(accounts), pr.GetValue(number), pr.GetValue(needs),
            pr.GetValue(growth), pr.GetValue(minutes), pr.GetValue(peak), pr.GetValue(regions), pr.GetValue(html), pr.GetValue(png),
            pr.GetValue(map), pr.GetValue(json), CommonOptions.ParseLanguage(pr.GetValue(lang)))));
        return command;
    }

    /// <summary>The number whose calls were priced and the days they span (first to last call); nulls for a profile.</summary>
    private sealed record AdviceSubject(HotlineNumber? Number, DateOnly? From, DateOnly? To);

    private static AdviceSubject Subject(PlanAdvisor advisor, AdviseRequest request) => request.MinutesPerMonth is null
        ? new(advisor.Given.Number, advisor.Given.FirstCallDay, advisor.Given.LastCallDay)
        : new(null, null, null);

    /// <summary>What reading the call files found: read = used + rejected + duplicates + other numbers' rows.</summary>
    private sealed record ReadCounts(long Read, long Used, long Rejected, long Duplicates, long Conflicting, long OtherNumbers)
    {
        /// <summary>The first rejected rows, as shown.</summary>
        public List<CallReject> Rejects { get; init; } = [];

        /// <summary>Every rejected row counted by its reason's code.</summary>
        public SortedDictionary<string, long> RejectsByCode { get; init; } = new(StringComparer.Ordinal);
    }

    internal sealed record AdviseRequest(string[] Calls, string? Catalog, string? Accounts, string? Number, string? Needs, decimal Growth,
        long? MinutesPerMonth, decimal PeakShare, string? Regions, string? Html, string? Png, string? Map, bool Json, Common.Language Language);

    internal static int Run(CliConsole console, TimeProvider clock, AdviseRequest request)
    {
        if (request.Growth <= -100m)
        {
            console.Fail(CliMessages.GrowthTooLow(request.Growth));
            return CliApp.Unusable;
        }
        if (!OutputPaths.File(console, "--png", request.Png) || !OutputPaths.File(console, "--html", request.Html))
        {
            return CliApp.Unusable;
        }
        if (!CommonOptions.TryColumnMap(console, request.Map, out var map))
        {
            return CliApp.Unusable;
        }
        // An option the command does not know, given after --calls, would otherwise be taken for a file name.
        if (request.Calls.FirstOrDefault(c => c.StartsWith("--", StringComparison.Ordinal)) is { } stray)
        {
            console.Fail(CliMessages.StrayOption(stray, "advise"));
            return CliApp.Unusable;
        }
        if (!new RunFiles().Inputs(request.Calls).Input(request.Catalog).Input(request.Accounts)
            .Output("--html", request.Html).Output("--png", request.Png).Distinct(console))
        {
            return CliApp.Unusable;
        }
        // The caller geocoder's data takes about half a second to load: it loads while the calls are read.
        RegionResolver.PreloadInBackground();
        var catalog = CommonOptions.LoadCatalog(console, request.Catalog);
        if (catalog is null)
        {
            return CliApp.Unusable;
        }
        var needs = (request.Needs ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = PlanAdvisor.UnknownServices(catalog, needs);
        if (unknown.Count > 0)
        {
            var known = catalog.Providers.SelectMany(p => p.Services).Select(s => s.Id).Distinct().Order(StringComparer.Ordinal);
            console.Fail(CliMessages.UnknownServices(unknown, known));
            return CliApp.Unusable;
        }
        if (!CommonOptions.TryNumber(console, request.Number, out var number))
        {
            return CliApp.Unusable;
        }

        TrafficHistory? history;
        var rejected = 0;
        ReadCounts? counts = null;
        if (request.MinutesPerMonth is { } perMonth)
        {
            if (request.Calls.Length > 0)
            {
                console.Fail(CliMessages.CallsAndProfile());
                return CliApp.Unusable;
            }
            if (perMonth <= 0 || request.PeakShare is < 0 or > 1)
            {
                console.Fail(perMonth <= 0 ? CliMessages.MinutesNotPositive() : CliMessages.PeakShareRange());
                return CliApp.Unusable;
            }
            var shares = TrafficProfile.ParseRegions(request.Regions, out var regionError);
            if (shares is null)
            {
                console.Fail(regionError!);
                return CliApp.Unusable;
            }
            var profile = new TrafficProfile(perMonth, request.PeakShare, shares);
            var n = number ?? HotlineNumber.Parse("4000000000");
            // A year from this month on: the versions in force now and announced for the coming months price it.
            var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Common.ChinaTime.Offset).DateTime);
            history = new TrafficHistory(n, profile.SynthesizeYear(n, today, catalog.Calendar));
        }
        else
        {
            if (request.Calls.Length == 0)
            {
                console.Fail(CliMessages.NoHistory());
                return CliApp.Unusable;
            }
            var reader = new TrafficHistoryReader(map, number);
            if (request.Calls.FirstOrDefault(f => !File.Exists(f)) is { } missing)
            {
                console.Fail(CommonOptions.Missing(missing));
                return CliApp.Unusable;
            }
            var errors = new List<Common.LocalizedText>();
            history = reader.ReadFiles(request.Calls, errors);
            foreach (var reject in reader.Rejects)
            {
                console.Error.WriteLine(reject.Describe(request.Language));
            }
            if (reader.Rejected > reader.Rejects.Count)
            {
                console.Error.WriteLine(request.Language == Common.Language.Zh ? $"……共 {reader.Rejected:N0} 行被拒绝" : $"… {reader.Rejected:N0} rows rejected in all");
            }
            if (history is null)
            {
                console.Fail(errors);
                return CliApp.Unusable;
            }
            counts = new ReadCounts(reader.Read, history.Count, reader.Rejected, reader.Duplicates, reader.Conflicting, reader.OtherNumbers)
            {
                Rejects = reader.Rejects,
                RejectsByCode = reader.RejectsByCode,
            };
            rejected = (int)Math.Min(int.MaxValue, reader.Rejected);
        }

        string? currentKey = null;
        Accounts.NumberAccount? account = null;
        if (request.Accounts is not null)
        {
            var book = CommonOptions.LoadAccounts(console, request.Accounts, catalog);
            if (book is null)
            {
                return CliApp.Unusable;
            }
            account = book.Find(history.Number);
            currentKey = account?.SubscriptionOn(history.LastDay)?.Plan.Key ?? account?.Subscriptions.LastOrDefault()?.Plan.Key;
        }

        // The replays take seconds on a year of a busy number: say what is going on, on a terminal.
        T Step<T>(string what, Func<T> work) => console.Interactive && !request.Json
            ? console.Ansi.Status().Start(what, _ => work())
            : work();
        // Services the number has in the accounts, and those the calls show it uses (voicemail,
        // recording), are priced in too, and said so.
        var inferred = new List<(string Service, Common.LocalizedText Why)>();
        foreach (var enrolled in account?.Services.Where(e => e.Covers(history.LastCallDay)) ?? [])
        {
            inferred.Add((enrolled.Service.Id, new Common.LocalizedText("客户档案中已开通", "enabled in the accounts")));
        }
        if (request.MinutesPerMonth is null)
        {
            inferred.AddRange(PlanAdvisor.NeedsShownBy(history, catalog));
        }
        inferred = inferred.Where(x => !needs.Contains(x.Service, StringComparer.Ordinal)).DistinctBy(x => x.Service).ToList();
        needs = [.. needs, .. inferred.Select(x => x.Service)];
        var advisor = new PlanAdvisor(catalog, history, needs, account: account)
        {
            // The number the enterprise has now: plans of another carrier's providers would need a new one.
            CurrentNumber = request.MinutesPerMonth is null ? history.Number : number,
        };
        var advice = Step($"比价中 replaying {history.Calls.Count:N0} calls under every plan…", () => advisor.Advise(request.Growth, currentKey));
        if (advice.Plans.Count == 0)
        {
            console.Fail(CliMessages.NoPlanOffers([.. advice.Unavailable.Select(u => (u.Plan.Key, u.Reason.Text))]));
            return CliApp.Unusable;
        }
        var best = advice.Plans.Take(4).Select(p => p.Plan).ToList();
        var maxMinutes = Math.Max(1000L, (long)Math.Ceiling(advisor.MonthlyMinutes * 3));
        var breakEvens = Step("计算盈亏平衡点 finding break-even volumes…", () => advisor.BreakEvens(best, maxMinutes, 12));
        var sensitivity = Step("话务量敏感性 growth sensitivity…", () => advisor.SensitivityTo(best, -30m, 0m, 30m, 100m));

        if (request.Png is not null || request.Html is not null)
        {
            var chart = Step("绘图 charting…", () => AdviceChartData.Build(advisor, advice.Plans.Take(6).Select(p => p.Plan).ToList(), maxMinutes, 12));
            if (request.Png is { } png && !CommonOptions.TryWrite(console, png, () => Reports.AdvisorChart.WritePng(chart, png, request.Language)))
            {
                return CliApp.Unusable;
            }
            if (request.Html is not null)
            {
                var page = new Reports.AdvicePage(advice, chart, breakEvens, sensitivity, needs)
                {
                    Number = request.MinutesPerMonth is null ? history.Number : number,
                    Period = request.MinutesPerMonth is null ? (advisor.History.FirstCallDay, advisor.History.LastCallDay) : null,
                    NeedsAdded = inferred,
                };
                if (!CommonOptions.TryWrite(console, request.Html, () => File.WriteAllText(request.Html, Reports.AdvisorChart.Html(page, request.Language))))
                {
                    return CliApp.Unusable;
                }
            }
        }

        if (request.Json)
        {
            WriteJson(console, Subject(advisor, request), advice, breakEvens, sensitivity, counts, request.Language, needs, inferred);
        }
        else
        {
            WriteText(console, Subject(advisor, request), request, advice, breakEvens, sensitivity, counts, inferred);
        }
        return rejected > 0 ? CliApp.SomeRejected : CliApp.Ok;
    }

    private static string Yuan(Money.Money m) => m.RoundToFen().Yuan.ToString("0.00", CultureInfo.InvariantCulture);

    private static void WriteJson(CliConsole console, AdviceSubject subject, AdviceResult advice, IReadOnlyList<BreakEven> breakEvens, IReadOnlyList<Sensitivity> sensitivity, ReadCounts? counts, Common.Language language,
        IReadOnlyList<string> needs, IReadOnlyList<(string Service, Common.LocalizedText Why)> inferred)
    {
        object Plan(RankedPlan p) => new Dictionary<string, object?>
        {
            ["provider"] = p.Plan.ProviderId,
            ["plan"] = p.Plan.Id,
            ["key"] = p.Plan.Key,
            ["name"] = p.Plan.Name.Zh,
            ["kind"] = p.Plan.Kind == PlanKind.TollFree800 ? "tollfree800" : "hotline400",
            ["annual_cost"] = Yuan(p.AnnualCost),
            ["billed_minutes_per_month"] = decimal.Round(p.BilledMinutesPerMonth, 1),
            ["keeps_number"] = p.KeepsNumber,
            ["breakdown"] = p.Breakdown.Parts().ToDictionary(x => x.Name, x => Yuan(x.Amount)),
            ["saving_vs_current"] = p.SavingVsCurrent is { } s ? Yuan(s) : null,
        };
        CommonOptions.WriteJson(console, new Dictionary<string, object?>
        {
            ["number"] = subject.Number?.ToString(),
            ["from"] = subject.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = subject.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["months_used"] = advice.MonthsUsed,
            ["annualized"] = advice.Annualized,
            ["recording_assumed"] = advice.RecordingAssumed,
            ["covered_days"] = advice.CoveredDays,
            ["month_days"] = advice.MonthDays,
            ["partial_months"] = advice.PartialMonths,
            ["coverage_factor"] = decimal.Round(advice.Coverage, 4),
            ["read"] = counts?.Read,
            ["used"] = counts?.Used,
            ["rejected"] = counts?.Rejected ?? 0,
            ["duplicates"] = counts?.Duplicates ?? 0,
            ["conflicting_copies"] = counts?.Conflicting ?? 0,
            ["other_numbers"] = counts?.OtherNumbers ?? 0,
            ["needs"] = needs,
            ["needs_added"] = inferred.Select(x => new { service = x.Service, why = x.Why.In(language) }).ToList(),
            ["holidays_unknown_from"] = advice.HolidaysUnknownFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["dropped_months"] = advice.DroppedMonths.Select(m => $"{m.Year:D4}-{m.Month:D2}").ToList(),
            ["rejects"] = CommonOptions.RejectsJson(counts?.Rejects ?? [], language),
            ["rejects_by_code"] = counts?.RejectsByCode ?? new SortedDictionary<string, long>(StringComparer.Ordinal),
            ["growth_percent"] = advice.GrowthPercent,
            ["monthly_minutes"] = decimal.Round(advice.MonthlyMinutes, 1),
            ["plans"] = advice.Plans.Select(Plan).ToList(),
            ["recommended"] = advice.Recommended?.Plan.Key,
            ["recommended_keeping_number"] = advice.RecommendedKeepingNumber?.Plan.Key,
            ["current"] = advice.Current?.Plan.Key,
            ["unavailable"] = advice.Unavailable.Select(u => new { plan = u.Plan.Key, code = u.Reason.Code, reason = u.Reason.In(language) }).ToList(),
            ["break_even"] = breakEvens.Select(b => new { cheaper_below = b.CheaperBelow, cheaper_from = b.CheaperFrom, monthly_minutes = b.MonthlyMinutes }).ToList(),
            ["sensitivity"] = sensitivity.Select(s => new { growth_percent = s.GrowthPercent, costs = s.Costs.ToDictionary(c => c.PlanKey, c => Yuan(c.AnnualCost)) }).ToList(),
        });
    }

    private static void WriteText(CliConsole console, AdviceSubject subject, AdviseRequest request, AdviceResult advice, IReadOnlyList<BreakEven> breakEvens, IReadOnlyList<Sensitivity> sensitivity, ReadCounts? counts,
        IReadOnlyList<(string Service, Common.LocalizedText Why)> inferred)
    {
        var zh = request.Language == Common.Language.Zh;
        var inv = CultureInfo.InvariantCulture;
        if (subject is { Number: { } number, From: { } from, To: { } to })
        {
            console.Out.WriteLine(zh ? $"{number.ToDisplayString()} 的通话：{from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}" : $"Calls of {number.ToDisplayString()}: {from:yyyy-MM-dd} to {to:yyyy-MM-dd}");
        }
        if (counts is { } n)
        {
            var others = n.OtherNumbers > 0 ? (zh ? $" + 其他号码 {n.OtherNumbers:N0}" : $" + {n.OtherNumbers:N0} of other numbers") : "";
            console.Out.WriteLine(zh
                ? $"读取 {n.Read:N0} 行 = 比价使用 {n.Used:N0} + 拒绝 {n.Rejected:N0} + 重复 {n.Duplicates:N0}{others}"
                : $"Read {n.Read:N0} rows = {n.Used:N0} used + {n.Rejected:N0} rejected + {n.Duplicates:N0} duplicates{others}");
            if (n.Conflicting > 0)
            {
                console.Out.WriteLine(zh
                    ? $"注意：{n.Conflicting:N0} 个 call_id 下有内容不同的多行，按先结束的一行计算"
                    : $"Note: {n.Conflicting:N0} call ids have rows that differ; the row of the call that ends first is used");
            }
        }
        foreach (var (service, why) in inferred)
        {
            console.Out.WriteLine(zh ? $"计入所需服务 {service}：{why.Zh}" : $"Priced with {service}: {why.En}");
        }
        if (advice.DroppedMonths.Count > 0)
        {
            var months = string.Join(zh ? "、" : ", ", advice.DroppedMonths.Select(m => $"{m.Year:D4}-{m.Month:D2}"));
            console.Out.WriteLine(zh
                ? $"通话只覆盖 {months} 的一部分，这些月份不计入比价，按其余 {advice.MonthsUsed} 个整月计算"
                : $"The calls cover only part of {months}: {(advice.DroppedMonths.Count == 1 ? "that month is" : "those months are")} left out and the {advice.MonthsUsed} whole months are priced");
        }
        console.Out.WriteLine(advice.Annualized
            ? (advice.MonthsUsed < 12
                ? (zh ? $"按 {advice.MonthsUsed} 个月的通话重复成一年计算；月均接通通话 {advice.MonthlyMinutes:N0} 分钟" : $"Annualized: the {advice.MonthsUsed} months of calls repeated to fill a year; {advice.MonthlyMinutes:N0} answered talk minutes a month")
                : (zh ? $"按 {advice.MonthsUsed} 个月的通话折算全年 (×12/{advice.MonthsUsed})；月均接通通话 {advice.MonthlyMinutes:N0} 分钟" : $"Annualized from {advice.MonthsUsed} months of calls (×12/{advice.MonthsUsed}); {advice.MonthlyMinutes:N0} answered talk minutes a month"))
            : (zh ? $"按 12 个月的通话计算；月均接通通话 {advice.MonthlyMinutes:N0} 分钟" : $"From 12 months of calls; {advice.MonthlyMinutes:N0} answered talk minutes a month"));
        console.Out.WriteLine(zh
            ? "接通通话分钟：自接通起、每通不足一分钟按一分钟；各套餐的计费分钟见表（有IVR、留言时自平台接起计费，按秒或6秒计费的套餐更少）"
            : "Answered talk minutes: from answer, each call's started minutes; each plan bills its own minutes (from pick-up with IVR or voicemail, fewer on plans billed by the second or by 6 s): see the table");
        if (advice.PartialMonths)
        {
            console.Out.WriteLine(zh
                ? $"注意：通话只覆盖 {advice.CoveredDays} 天，所用 {advice.MonthsUsed} 个月共 {advice.MonthDays} 天；话务量已按 {advice.MonthDays}/{advice.CoveredDays} 放大到整月。整月的通话记录结果更准"
                : $"Note: the calls cover {advice.CoveredDays} days of the {advice.MonthDays} days of {(advice.MonthsUsed == 1 ? "the month" : $"the {advice.MonthsUsed} months")} used; their traffic is scaled by {advice.MonthDays}/{advice.CoveredDays} to whole months. Whole months of calls give closer figures");
        }
        if (advice.HolidaysUnknownFrom is { } unknownFrom)
        {
            console.Out.WriteLine((zh ? "注意：" : "Note: ") + Calendar.HolidaysUnknown.Note(unknownFrom).In(request.Language));
        }
        if (advice.RecordingAssumed)
        {
            console.Out.WriteLine(zh ? "所需录音服务按分钟计费：历史记录未标记录音，按全部通话录音计算" : "The needed recording is charged per recorded minute: no call of the history is marked recorded, so every call is taken as recorded");
        }
        if (advice.GrowthPercent != 0)
        {
            console.Out.WriteLine(zh ? $"话务量按 {advice.GrowthPercent:+0.#;-0.#}% 计算" : $"Traffic at {advice.GrowthPercent:+0.#;-0.#}%");
        }
        var table = new Table().Title(zh ? "套餐年费用排名" : "Plans by annual cost")
            .AddColumn("#").AddColumn(zh ? "套餐" : "Plan").AddColumn(zh ? "供应商" : "Provider")
            .AddColumn(new TableColumn(zh ? "年费用(元)" : "Annual (¥)").RightAligned())
            .AddColumn(new TableColumn(zh ? "计费分钟/月" : "Billed min/month").RightAligned())
            .AddColumn(new TableColumn(zh ? "套餐费" : "Package").RightAligned())
            .AddColumn(new TableColumn(zh ? "通话费" : "Usage").RightAligned())
            .AddColumn(new TableColumn(zh ? "低消补足" : "Min. top-up").RightAligned())
            .AddColumn(new TableColumn(zh ? "功能/业务费" : "Fees").RightAligned())
            .AddColumn(new TableColumn(zh ? "主叫分摊" : "Caller share").RightAligned())
            .AddColumn(new TableColumn(zh ? "优惠" : "Promotions").RightAligned())
            .AddColumn(new TableColumn(zh ? "套餐抵扣" : "Covered").RightAligned())
            .AddColumn(new TableColumn(zh ? "比当前节省" : "Saving").RightAligned());
        var rank = 0;
        foreach (var p in advice.Plans)
        {
            var b = p.Breakdown;
            var newNumber = p.KeepsNumber == false ? (zh ? " [需换号]" : " [new number]") : "";
            table.AddRow((++rank).ToString(inv), Markup.Escape($"{p.Plan.Name.In(request.Language)} ({p.Plan.Key}){newNumber}"), Markup.Escape(p.ProviderName.In(request.Language)),
                Yuan(p.AnnualCost), p.BilledMinutesPerMonth.ToString("N0", inv), Yuan(b.Package), Yuan(b.Usage + b.ServiceUsage), Yuan(b.MinimumTopUp),
                Yuan(b.MonthlyFees + b.ServiceFees), Yuan(b.CallerShare), Yuan(b.Promotions), Yuan(b.CoveredByPackage), p.SavingVsCurrent is { } s ? Yuan(s) : "");
        }
        console.Ansi.Write(table);
        if (advice.Recommended is { } r)
        {
            console.Out.WriteLine(zh ? $"推荐：{r.Plan.Name.Zh} ({r.Plan.Key})，年费用 {r.AnnualCost.ToDisplayString()}" : $"Recommended: {r.Plan.Name.En} ({r.Plan.Key}), {r.AnnualCost.ToDisplayString()} a year");
            if (advice.RecommendedKeepingNumber is { } keep)
            {
                var current = subject.Number?.ToDisplayString() ?? "";
                console.Out.WriteLine(zh
                    ? $"推荐的套餐须更换400号码（其供应商不经营现有号码 {current} 所属运营商的号码）；保留现有号码的最省套餐：{keep.Plan.Name.Zh} ({keep.Plan.Key})，年费用 {keep.AnnualCost.ToDisplayString()}"
                    : $"The recommended plan needs a new 400 number (its provider does not sell numbers of {current}'s carrier); the cheapest plan that keeps the number: {keep.Plan.Name.En} ({keep.Plan.Key}), {keep.AnnualCost.ToDisplayString()} a year");
            }
        }
        if (advice.Current is { } c)
        {
            console.Out.WriteLine(zh ? $"当前套餐: {c.Plan.Key}，年费用 {c.AnnualCost.ToDisplayString()}" : $"Current plan: {c.Plan.Key}, {c.AnnualCost.ToDisplayString()} a year");
        }
        foreach (var u in advice.Unavailable)
        {
            console.Out.WriteLine(zh ? $"未参与排名: {u.Plan.Key} — {u.Reason.In(request.Language)}" : $"Not ranked: {u.Plan.Key} — {u.Reason.In(request.Language)}");
        }
        foreach (var b in breakEvens)
        {
            console.Out.WriteLine(zh ? $"盈亏平衡: 月均接通通话 {b.MonthlyMinutes:N0} 分钟起 {b.CheaperFrom} 不比 {b.CheaperBelow} 贵" : $"Break-even: from {b.MonthlyMinutes:N0} answered talk minutes a month {b.CheaperFrom} costs no more than {b.CheaperBelow}");
        }
        foreach (var s in sensitivity)
        {
            console.Out.WriteLine((zh ? $"话务量 {s.GrowthPercent:+0;-0;0}%: " : $"Growth {s.GrowthPercent:+0;-0;0}%: ") + string.Join("  ", s.Costs.Select(x => $"{x.PlanKey} {Yuan(x.AnnualCost)}")));
        }
    }
}
