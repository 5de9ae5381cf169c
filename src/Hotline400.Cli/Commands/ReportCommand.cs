using System.CommandLine;
using System.Globalization;
using System.Text;
using Hotline400.Analytics;
using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Numbers;
using Hotline400.Rating;
using Hotline400.Reports.Charts;
using Spectre.Console;

namespace Hotline400.Cli.Commands;

/// <summary>
/// <c>hotline400 report</c>: how callers call — load by weekday and hour, answer rate, regions,
/// talk time, busiest days, peak share and (with a catalog and accounts) cost per answered call;
/// as a terminal summary, JSON, PNG charts or one HTML page. Exit 0 when every row was usable,
/// 1 when some were rejected, 2 when the input is unusable.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliConsole console)
    {
        var calls = new Option<string[]>("--calls") { Description = "Call record CSV files", Required = true, AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore };
        var number = new Option<string?>("--number") { Description = "Only this 400 number's calls" };
        var catalog = new Option<string?>("--catalog") { Description = "Tariff catalog YAML (with --accounts: cost per answered call)" };
        var accounts = new Option<string?>("--accounts") { Description = "Accounts YAML (with --catalog)" };
        var html = new Option<string?>("--html") { Description = "Write one self-contained HTML page with interactive charts" };
        var png = new Option<string?>("--png") { Description = "Write the charts as PNG files into this directory" };
        var map = new Option<string?>("--map") { Description = "Column mapping for other exports: field=column,…" };
        var json = CommonOptions.Json();
        var lang = CommonOptions.Lang();
        var command = new Command("report", "Call habits: load heatmap, answer rate, regions, talk time, busiest days, peak share")
        {
            calls, number, catalog, accounts, html, png, map, json, lang,
        };
        command.SetAction(pr => Run(console, new ReportRequest(
            pr.GetValue(calls)!, pr.GetValue(number), pr.GetValue(catalog), pr.GetValue(accounts), pr.GetValue(html), pr.GetValue(png),
            pr.GetValue(map), pr.GetValue(json), CommonOptions.ParseLanguage(pr.GetValue(lang)))));
        return command;
    }

    internal sealed record ReportRequest(string[] Calls, string? Number, string? Catalog, string? Accounts, string? Html, string? Png, string? Map, bool Json, Language Language);

    internal static int Run(CliConsole console, ReportRequest request)
    {
        RegionResolver.PreloadInBackground();
        if (!CommonOptions.TryColumnMap(console, request.Map, out var map))
        {
            return CliApp.Unusable;
        }
        if (!CommonOptions.TryNumber(console, request.Number, out var number))
        {
            return CliApp.Unusable;
        }
        if ((request.Catalog is null) != (request.Accounts is null))
        {
            console.Fail(CliMessages.CatalogWithoutAccounts());
            return CliApp.Unusable;
        }
        foreach (var f in request.Calls)
        {
            if (!File.Exists(f))
            {
                console.Fail(CommonOptions.Missing(f));
                return CliApp.Unusable;
            }
        }
        if (!OutputPaths.Folder(console, "--png", request.Png) || !OutputPaths.File(console, "--html", request.Html))
        {
            return CliApp.Unusable;
        }
        if (!new RunFiles().Inputs(request.Calls).Input(request.Catalog).Input(request.Accounts).Output("--html", request.Html)
            .Outputs("--png", request.Png is null ? [] : ReportCharts.FileNames.Select(name => Path.Combine(request.Png, name))).Distinct(console))
        {
            return CliApp.Unusable;
        }
        Catalog.TariffCatalog? catalog = null;
        Accounts.AccountBook? accounts = null;
        if (request.Catalog is not null && !CommonOptions.LoadCatalogAndAccounts(console, request.Catalog, request.Accounts, out catalog, out accounts))
        {
            return CliApp.Unusable;
        }
        var errors = new List<LocalizedText>();
        // Working days are told from days off by the catalog's calendar when there is one.
        var reader = new CallProfileReader(map, number, peak: catalog is null ? null : PeakBand.Default with { Calendar = catalog.Calendar });
        var profile = reader.Read(request.Calls, errors);
        if (profile is null)
        {
            console.Fail(errors);
            return CliApp.Unusable;
        }
        if (number is { } only && profile.Calls == 0)
        {
            console.Fail(CliMessages.NoCallsOfNumber(only));
            return CliApp.Unusable;
        }
        if (catalog is not null && accounts is not null)
        {
            var sink = new CallCostSink(number);
            new RatingPipeline(() => new Rater(catalog, accounts), map).Run(request.Calls, () => sink = new CallCostSink(number), errors);
            if (errors.Count > 0)
            {
                console.Fail(errors);
                return CliApp.Unusable;
            }
            profile = profile.WithCost(sink.Result);
            if (sink.HolidaysUnknownFrom is { } unknownFrom)
            {
                // The cost per call is priced as rate prices it: said the same way, on stderr with --json so that stdout stays JSON.
                (request.Json ? console.Error : console.Out).WriteLine((request.Language == Language.Zh ? "注意：" : "Note: ")
                    + Calendar.HolidaysUnknown.Note(unknownFrom).In(request.Language));
            }
        }
        var labels = ReportLabels.For(request.Language);
        // Never silently merge numbers: the terminal summary says so under its heading; other
        // outputs say so here, on stderr with --json so that stdout stays JSON.
        var summary = !request.Json && request.Html is null && request.Png is null;
        if (profile.CombinesNumbers && !summary)
        {
            (request.Json ? console.Error : console.Out).WriteLine(labels.CombinedNote(profile));
        }
        if (request.Png is not null)
        {
            IReadOnlyList<string>? written = null;
            LocalizedText? problem = null;
            if (!CommonOptions.TryWrite(console, request.Png, () => written = ReportCharts.WritePngs(profile, labels, request.Png, out problem)))
            {
                return CliApp.Unusable;
            }
            if (written is null)
            {
                console.Fail(CliMessages.CannotDrawCharts(problem!));
                return CliApp.Unusable;
            }
            if (!request.Json)
            {
                written.ToList().ForEach(p => console.Out.WriteLine((request.Language == Language.Zh ? "已写入 " : "wrote ") + p));
            }
        }
        if (request.Html is not null)
        {
            if (!CommonOptions.TryWrite(console, request.Html, () => File.WriteAllText(request.Html, ReportHtml.Render(profile, labels), new UTF8Encoding(false))))
            {
                return CliApp.Unusable;
            }
            if (!request.Json)
            {
                console.Out.WriteLine((request.Language == Language.Zh ? "已写入 " : "wrote ") + request.Html);
            }
        }
        if (request.Json)
        {
            CommonOptions.WriteJson(console, ReportJson.Model(profile, reader.Rejects, reader.RejectsByCode, request.Language));
        }
        else if (summary)
        {
            ReportTerminal.Write(console, profile, labels);
        }
        foreach (var reject in reader.Rejects)
        {
            console.Error.WriteLine(reject.Describe(request.Language));
        }
        if (profile.Rejected > reader.Rejects.Count)
        {
            console.Error.WriteLine(request.Language == Language.Zh
                ? $"… 共拒绝 {profile.Rejected:N0} 行"
                : $"… {profile.Rejected:N0} rows rejected in all");
        }
        return profile.Rejected > 0 ? CliApp.SomeRejected : CliApp.Ok;
    }
}

/// <summary>The report on a terminal: headline figures, a shaded weekday × hour heatmap and bar charts.</summary>
internal static class ReportTerminal
{
    /// <summary>A bar chart and a blank line; nothing for a chart without bars (no calls), which Spectre.Console cannot draw.</summary>
    private static void WriteChart(IAnsiConsole ansi, BarChart chart)
    {
        if (chart.Data.Count == 0)
        {
            return;
        }
        ansi.Write(chart);
        ansi.WriteLine();
    }

    private static readonly string[] Shades = [" ", "░", "▒", "▓", "█"];

    public static void Write(CliConsole console, CallProfile p, ReportLabels l)
    {
        var inv = CultureInfo.InvariantCulture;
        var ansi = console.Ansi;
        ansi.Write(new Rule(l.Title).LeftJustified());
        console.Out.WriteLine(l.Scope(p));
        if (p.CombinesNumbers)
        {
            ansi.MarkupLine($"[yellow]{Markup.Escape(l.CombinedNote(p))}[/]");
        }
        ansi.WriteLine();
        var head = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        head.AddRow(l.Calls, p.Calls.ToString("N0", inv));
        head.AddRow(l.Answered, p.Answered.ToString("N0", inv));
        head.AddRow(l.Missed, p.Missed.ToString("N0", inv));
        head.AddRow(l.AnswerRate, p.AnswerRate.ToString("P1", inv));
        head.AddRow(l.PeakShare + l.Paren(l.PeakBand(p.PeakBand)), p.PeakShare.ToString("P1", inv));
        head.AddRow($"{l.Median} / {l.P90}", $"{p.MedianTalkSeconds} / {p.P90TalkSeconds} {l.Seconds}");
        if (p.Cost is { } cost)
        {
            head.AddRow(l.TotalCost, cost.Total.ToDisplayString());
            head.AddRow(l.CostPerAnsweredCall, cost.PerAnsweredCall?.ToDisplayString() ?? "—");
        }
        ansi.Write(head);
        ansi.WriteLine();

        // The heatmap: one character per hour, shaded by the cell's share of the busiest cell.
        ansi.Write(new Rule(l.LoadTitle).LeftJustified());
        var max = p.Load.SelectMany(r => r).DefaultIfEmpty(0).Max();
        var sb = new StringBuilder();
        sb.Append("     ");
        for (var h = 0; h < 24; h++)
        {
            sb.Append(h % 3 == 0 ? h.ToString("00", inv).PadRight(3) : "");
        }
        console.Out.WriteLine(sb.ToString().TrimEnd());
        for (var d = 0; d < 7; d++)
        {
            sb.Clear();
            sb.Append(l.Weekdays[d].PadRight(l.Language == Language.Zh ? 3 : 5));
            foreach (var v in p.Load[d])
            {
                var shade = max == 0 || v == 0 ? 0 : 1 + (int)Math.Min(3, v * 4 / (max + 1));
                sb.Append(Shades[shade]);
            }
            sb.Append("  ").Append(p.Load[d].Sum().ToString("N0", inv));
            console.Out.WriteLine(sb.ToString());
        }
        ansi.WriteLine();

        var hours = new BarChart().Label(l.AnswerRateTitle).Width(70);
        for (var h = 0; h < 24; h++)
        {
            if (p.CallsByHour[h] > 0)
            {
                hours.AddItem($"{h:00}  {p.AnswerRateAt(h).ToString("P0", inv),6}", p.MissedAt(h), Color.Orange1); // "100 %" and " 79 %" line up
            }
        }
        WriteChart(ansi, hours);

        var provinces = new BarChart().Label(l.ProvincesTitle).Width(70);
        foreach (var r in p.Provinces.Take(10))
        {
            provinces.AddItem(Markup.Escape(l.RegionName(r, false)), r.Calls, r.IsUnknown ? Color.Grey : Color.SteelBlue);
        }
        WriteChart(ansi, provinces);

        var talk = new BarChart().Label($"{l.TalkTimeTitle}").Width(70);
        for (var i = 0; i < TalkTimeBucket.All.Length; i++)
        {
            talk.AddItem(Markup.Escape(l.BucketLabel(TalkTimeBucket.All[i])), p.TalkTimeBuckets[i], Color.SeaGreen2);
        }
        WriteChart(ansi, talk);

        var days = new Table().Title(l.BusiestDaysTitle).AddColumn(l.Date)
            .AddColumn(new TableColumn(l.Calls).RightAligned()).AddColumn(new TableColumn(l.Answered).RightAligned()).AddColumn(new TableColumn(l.TalkMinutes).RightAligned());
        foreach (var d in p.BusiestDays())
        {
            days.AddRow(d.Date.ToString("yyyy-MM-dd ddd", l.Language == Language.Zh ? CultureInfo.GetCultureInfo("zh-CN") : inv),
                d.Calls.ToString("N0", inv), d.Answered.ToString("N0", inv), (d.TalkSeconds / 60m).ToString("N1", inv));
        }
        ansi.Write(days);
        if (p.Rejected + p.Duplicates + p.Outbound > 0)
        {
            console.Out.WriteLine($"{l.Rejected} {p.Rejected:N0} · {l.Duplicates} {p.Duplicates:N0} · {l.Outbound} {p.Outbound:N0}");
        }
    }
}
