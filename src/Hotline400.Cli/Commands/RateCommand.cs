using System.CommandLine;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Hotline400.Accounts;
using Hotline400.Calendar;
using Hotline400.Calls;
using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Rating;
using Spectre.Console;

namespace Hotline400.Cli.Commands;

/// <summary>
/// <c>hotline400 rate</c>: call files in, rated calls out (stateless, file to file), with a
/// summary per number. Exit 0 when every row rated, 1 when some were rejected, 2 when the input
/// is unusable.
/// </summary>
internal static class RateCommand
{
    public static Command Create(CliConsole console)
    {
        var catalog = new Option<string>("--catalog") { Description = "Tariff catalog YAML", Required = true };
        var accounts = new Option<string>("--accounts") { Description = "Accounts YAML", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the rated calls (CSV)", Required = true };
        var rejects = new Option<string?>("--rejects") { Description = "Where to write rejected rows with line and reason (CSV)" };
        var map = new Option<string?>("--map") { Description = "Column mapping for other exports: field=column,… (e.g. number=被叫号码)" };
        var bom = new Option<bool>("--bom") { Description = "Start the rated CSV with a UTF-8 byte order mark, for opening it in Excel (the rejects CSV always has one)" };
        var json = CommonOptions.Json();
        var lang = CommonOptions.Lang();
        var calls = new Argument<string[]>("calls") { Description = "Call record CSV files", Arity = ArgumentArity.OneOrMore };
        var command = new Command("rate", "Rate call records into explained charges (CSV in, rated CSV out)")
        {
            catalog, accounts, output, rejects, map, bom, json, lang, calls,
        };
        command.SetAction(pr => Run(console, new RateRequest(
            pr.GetValue(catalog)!, pr.GetValue(accounts)!, pr.GetValue(output)!, pr.GetValue(rejects), pr.GetValue(map),
            pr.GetValue(json), CommonOptions.ParseLanguage(pr.GetValue(lang)), pr.GetValue(calls)!) { Bom = pr.GetValue(bom) }));
        return command;
    }

    internal sealed record RateRequest(string Catalog, string Accounts, string Out, string? Rejects, string? Map, bool Json, Language Language, string[] Calls)
    {
        /// <summary>Whether the rated CSV starts with a UTF-8 byte order mark (<c>--bom</c>). The rejects CSV always does: it is read by people.</summary>
        public bool Bom { get; init; }

        /// <summary>Opens an output file instead of the file system (tests inject streams that fail, as a full disk does).</summary>
        public Func<string, Stream>? OpenOutput { get; init; }
    }

    internal static int Run(CliConsole console, RateRequest request)
    {
        if (!CommonOptions.LoadCatalogAndAccounts(console, request.Catalog, request.Accounts, out var catalog, out var accounts))
        {
            return CliApp.Unusable;
        }
        var result = RateFiles(console, catalog, accounts, request);
        if (result is null)
        {
            return CliApp.Unusable;
        }
        var (counts, summary) = result.Value;
        Report(console, request, accounts, counts, summary);
        return counts.Rejected > 0 ? CliApp.SomeRejected : CliApp.Ok;
    }

    /// <summary>
    /// Runs the pipeline with the output files; null (after printing why) when the input is
    /// unusable or an output cannot be written (a full disk: <c>错误：写入 FILE 失败：…</c>, and no
    /// summary, since the files are incomplete).
    /// </summary>
    internal static (RunCounts, RatingSummary)? RateFiles(CliConsole console, TariffCatalog catalog, AccountBook accounts, RateRequest request, Func<IRatingSink>? extraSink = null)
    {
        if (!CommonOptions.TryColumnMap(console, request.Map, out var map)
            || !OutputPaths.File(console, "--out", request.Out) || !OutputPaths.File(console, "--rejects", request.Rejects))
        {
            return null;
        }
        if (!CommonOptions.NoStrayOption(console, "rate", request.Calls)
            || !new RunFiles().Input(request.Catalog).Input(request.Accounts).Inputs(request.Calls)
                .Output("--out", request.Out).Output("--rejects", request.Rejects).Distinct(console))
        {
            return null;
        }
        var header = CommonHeader(console, request.Calls);
        if (header is null)
        {
            return null;
        }
        var pipeline = new RatingPipeline(() => new Rater(catalog, accounts), map);
        Stream? outStream = null;
        RatedCsvWriter? writer = null;
        RejectsCsvWriter? rejectsWriter = null;
        StreamWriter? rejectsText = null;
        BackgroundSink? background = null;
        RatingSummary summary = new();
        var errors = new List<LocalizedText>();
        Exception? failure = null;
        var totalBytes = request.Calls.Sum(f => new FileInfo(f).Length);
        // Closes every output even when one fails (the background writer reports a full disk
        // here), keeping the first failure.
        void Close()
        {
            IDisposable?[] all = [background, writer, outStream, rejectsWriter, rejectsText];
            (background, writer, outStream, rejectsWriter, rejectsText) = (null, null, null, null, null);
            foreach (var d in all)
            {
                try
                {
                    d?.Dispose();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    failure ??= ex;
                }
            }
        }
        IRatingSink MakeSink()
        {
            Close();
            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure); // a run that starts over does not paper over a failed write
            }
            outStream = OutputFile.Open(request.Out, request.Bom, request.OpenOutput);
            writer = new RatedCsvWriter(outStream, header, request.Language);
            summary = new RatingSummary();
            var sinks = new List<IRatingSink> { writer, summary };
            if (extraSink is not null)
            {
                sinks.Add(extraSink());
            }
            if (request.Rejects is not null)
            {
                rejectsText = OutputFile.OpenText(request.Rejects, bom: true, request.OpenOutput);
                rejectsWriter = new RejectsCsvWriter(rejectsText, request.Language);
                sinks.Add(rejectsWriter);
            }
            // Output is formatted and written on its own thread, beside rating.
            background = new BackgroundSink(new FanOutSink([.. sinks]));
            return background;
        }
        RunCounts counts = new();
        try
        {
            counts = console.Interactive && !request.Json
                ? WithProgress(console, pipeline, request.Calls, MakeSink, errors, totalBytes)
                : pipeline.Run(request.Calls, MakeSink, errors);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            failure ??= ex;
        }
        finally
        {
            Close();
        }
        if (errors.Count > 0)
        {
            console.Fail(errors);
            return null;
        }
        if (failure is not null)
        {
            console.Fail(OutputFileException.In(failure) is { } output
                ? CliMessages.WritingFailed(output.Path, output.InnerException!, incomplete: true)
                : CliMessages.FileFailed(failure));
            return null;
        }
        return (counts, summary);
    }

    private static RunCounts WithProgress(CliConsole console, RatingPipeline pipeline, string[] files, Func<IRatingSink> makeSink, List<LocalizedText> errors, long totalBytes)
    {
        RunCounts counts = new();
        console.Ansi.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("计费中 rating", maxValue: Math.Max(1, totalBytes));
                using var timer = new Timer(_ => task.Value = pipeline.BytesRead, null, 100, 100);
                counts = pipeline.Run(files, makeSink, errors);
                task.Value = totalBytes;
            });
        return counts;
    }

    /// <summary>The header shared by all files (the rated output repeats it); null when files differ.</summary>
    private static string? CommonHeader(CliConsole console, string[] files)
    {
        string? header = null;
        foreach (var f in files)
        {
            if (!File.Exists(f))
            {
                console.Fail(CommonOptions.Missing(f));
                return null;
            }
            string line;
            try
            {
                // Read as the pipeline reads it: a compressed or binary file is said to be one, not compared.
                using var csv = CsvRowReader.TryOpen(f, out var problem);
                if (csv is null)
                {
                    console.Fail(problem!);
                    return null;
                }
                line = csv.Read() ? System.Text.Encoding.UTF8.GetString(csv.RawRecord) : "";
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                console.Fail(Problems.CannotRead(f, ex));
                return null;
            }
            if (header is not null && line != header)
            {
                console.Fail(CliMessages.HeaderDiffers(f, files[0]));
                return null;
            }
            header = line;
        }
        return header;
    }

    /// <summary>The subscriptions whose allowance or tier month began before the files, by number.</summary>
    private static List<AllowanceAssumedFull> AssumedFull(RatingSummary summary) =>
        [.. summary.AllowanceAssumedFull.OrderBy(a => a.Number.Value).ThenBy(a => a.PeriodStart)];

    /// <summary>
    /// Says once, under the summary, that allowances were taken as unused and tier volumes as zero at
    /// the first call (<c>注意：</c>): one sentence for one subscription, else a heading and a line each (20 at most).
    /// </summary>
    private static void WriteAssumedFull(CliConsole console, Language language, List<AllowanceAssumedFull> assumed)
    {
        var zh = language == Language.Zh;
        var note = zh ? "注意：" : "Note: ";
        if (assumed.Count == 1)
        {
            console.Out.WriteLine(note + assumed[0].Note().In(language));
            return;
        }
        if (assumed.Count == 0)
        {
            return;
        }
        console.Out.WriteLine(note + Rating.AllowanceAssumedFull.Heading(assumed.Count).In(language));
        foreach (var a in assumed.Take(20))
        {
            console.Out.WriteLine("  " + a.Line().In(language));
        }
        if (assumed.Count > 20)
        {
            console.Out.WriteLine(zh ? $"  ……共 {assumed.Count:N0} 个号码" : $"  … {assumed.Count:N0} numbers in all");
        }
    }

    internal static void Report(CliConsole console, RateRequest request, AccountBook accounts, RunCounts counts, RatingSummary summary)
    {
        var inv = CultureInfo.InvariantCulture;
        if (request.Json)
        {
            CommonOptions.WriteJson(console, new
            {
                read = counts.Read,
                rated = counts.Rated,
                rejected = counts.Rejected,
                duplicates = counts.Duplicates,
                total = summary.Total.RoundToFen().Yuan.ToString("0.00", inv),
                sorted_in_memory = counts.SortedInMemory,
                window_hours = counts.WindowHours,
                conflicting_copies = counts.ConflictingCopies.Select(c => new { call_id = c.CallId, rated = $"{c.File}:{c.Line}" }),
                rejects = CommonOptions.RejectsJson(summary.Rejects, request.Language),
                rejects_by_code = summary.RejectsByCode,
                holidays_unknown_from = summary.HolidaysUnknownFrom?.ToString("yyyy-MM-dd", inv),
                holidays_unknown_calls = summary.HolidaysUnknownCalls,
                holidays_unknown = summary.HolidaysUnknownFrom is { } from ? HolidaysUnknown.Note(from).In(request.Language) : null,
                allowance_assumed_full = AssumedFull(summary).Select(a => new
                {
                    number = a.Number.ToString(),
                    plan = a.Plan.Key,
                    period_start = a.PeriodStart.ToString("yyyy-MM-dd", inv),
                    first_call = a.FirstCall.ToString("yyyy-MM-dd", inv),
                    allowance_period_start = a.AllowanceFrom?.ToString("yyyy-MM-dd", inv),
                    tier_month_start = a.TierMonthFrom?.ToString("yyyy-MM-dd", inv),
                    note = a.Note().In(request.Language),
                }),
                numbers = summary.Numbers.Select(n => new
                {
                    number = n.Number.ToString(),
                    calls = n.Calls,
                    minutes = n.Minutes.ToString("0.##", inv),
                    charge = n.Charge.Yuan.ToString("0.00", inv),
                }),
            });
            return;
        }
        var zh = request.Language == Language.Zh;
        var table = new Table().Title(zh ? "计费汇总" : "Rating summary")
            .AddColumn(zh ? "400号码" : "400 number")
            .AddColumn(zh ? "企业" : "Enterprise")
            .AddColumn(new TableColumn(zh ? "通话数" : "Calls").RightAligned())
            .AddColumn(new TableColumn(zh ? "计费分钟" : "Billed minutes").RightAligned())
            .AddColumn(new TableColumn(zh ? "费用(元)" : "Charge (¥)").RightAligned());
        foreach (var n in summary.Numbers)
        {
            var account = accounts.Find(n.Number);
            var enterprise = account is null ? "" : accounts.Enterprises.First(e => e.Id == account.EnterpriseId).Name.In(request.Language);
            table.AddRow(n.Number.ToDisplayString(), Markup.Escape(enterprise), n.Calls.ToString("N0", inv), n.Minutes.ToString("N1", inv), n.Charge.ToDisplayString());
        }
        table.AddRow("", zh ? "合计" : "Total", summary.Numbers.Sum(n => n.Calls).ToString("N0", inv),
            summary.Numbers.Sum(n => n.Minutes).ToString("N1", inv), summary.Total.ToDisplayString());
        console.Ansi.Write(table);
        console.Out.WriteLine(zh
            ? $"读取 {counts.Read:N0} 行 = 计费 {counts.Rated:N0} + 拒绝 {counts.Rejected:N0} + 重复 {counts.Duplicates:N0}；输出 {request.Out}"
            : $"read {counts.Read:N0} = rated {counts.Rated:N0} + rejected {counts.Rejected:N0} + duplicates {counts.Duplicates:N0}; wrote {request.Out}");
        foreach (var c in counts.ConflictingCopies.Take(20))
        {
            console.Error.WriteLine(zh
                ? $"警告：call_id {c.CallId} 有内容不同的多行记录；按最先结束的一行计费（{c.File}:{c.Line}），其余计为重复"
                : $"warning: call_id {c.CallId} is given by rows that differ; the call that ends first is rated ({c.File}:{c.Line}), the others count as duplicates");
        }
        if (counts.ConflictingCopies.Count > 20)
        {
            console.Error.WriteLine(zh ? $"……共 {counts.ConflictingCopies.Count:N0} 个 call_id 有内容不同的多行记录" : $"… {counts.ConflictingCopies.Count:N0} call ids in all are given by rows that differ");
        }
        if (summary.HolidaysUnknownFrom is { } unknownFrom)
        {
            console.Out.WriteLine(zh
                ? $"注意：{HolidaysUnknown.Note(unknownFrom).Zh}（涉及 {summary.HolidaysUnknownCalls:N0} 通通话）"
                : $"Note: {HolidaysUnknown.Note(unknownFrom).En} ({summary.HolidaysUnknownCalls:N0} call{(summary.HolidaysUnknownCalls == 1 ? "" : "s")} affected)");
        }
        WriteAssumedFull(console, request.Language, AssumedFull(summary));
        if (counts.SortedInMemory)
        {
            console.Out.WriteLine(counts.ConflictingCopies.Count > 0
                ? (zh ? "注意：为在内容不同的同一 call_id 记录中选定计费行，已在内存中排序后计费。" : "Note: the input was sorted in memory before rating, to choose among rows that differ under one call id.")
                : (zh ? "注意：输入未按结束时间排序，已在内存中排序后计费。" : "Note: the input was not ordered by end time; it was sorted in memory before rating."));
        }
        if (counts.Rejected > 0)
        {
            foreach (var r in summary.Rejects)
            {
                console.Error.WriteLine(r.Describe(request.Language));
            }
            if (counts.Rejected > summary.Rejects.Count)
            {
                console.Error.WriteLine(zh ? $"……共 {counts.Rejected:N0} 行被拒绝" : $"… {counts.Rejected:N0} rows rejected in all");
            }
            if (request.Rejects is not null)
            {
                console.Error.WriteLine(zh ? $"被拒绝的行及原因已写入 {request.Rejects}" : $"rejected rows and reasons written to {request.Rejects}");
            }
        }
    }
}
