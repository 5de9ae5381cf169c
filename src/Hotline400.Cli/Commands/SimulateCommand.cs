using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hotline400.Common;
using Hotline400.Simulation;
using Spectre.Console;

namespace Hotline400.Cli.Commands;

/// <summary>
/// <c>hotline400 simulate</c>: writes realistic call records for the numbers of an accounts file
/// over a date range (canonical CSV, ordered by end time), for demos and benchmarks. The same
/// inputs and seed always give the same file. Exit 0 when written, 2 when the input is unusable.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(CliConsole console)
    {
        var accounts = new Option<string>("--accounts") { Description = "Accounts YAML whose numbers receive the calls", Required = true };
        var from = new Option<string>("--from") { Description = "First China date to simulate (yyyy-MM-dd)", Required = true };
        var to = new Option<string>("--to") { Description = "Last China date to simulate, included (yyyy-MM-dd)", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the call records (CSV)", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same file", DefaultValueFactory = _ => 1 };
        var callsPerDay = new Option<int?>("--calls-per-day") { Description = "Average inbound calls per number on a workday (default: 20–400 by package size)" };
        var catalog = new Option<string?>("--catalog") { Description = "Tariff catalog YAML (default: the built-in sample)" };
        var json = CommonOptions.Json();
        var lang = CommonOptions.Lang();
        var command = new Command("simulate", "Generate realistic call records for the accounts' numbers (CSV ordered by end time)")
        {
            accounts, from, to, output, seed, callsPerDay, catalog, json, lang,
        };
        command.SetAction(pr => Run(console, new SimulateRequest(
            pr.GetValue(accounts)!, pr.GetValue(from)!, pr.GetValue(to)!, pr.GetValue(output)!,
            pr.GetValue(seed), pr.GetValue(callsPerDay), pr.GetValue(catalog), pr.GetValue(json), CommonOptions.ParseLanguage(pr.GetValue(lang)))));
        return command;
    }

    internal sealed record SimulateRequest(string Accounts, string From, string To, string Out, int Seed, int? CallsPerDay, string? Catalog, bool Json, Language Language = Language.Zh);

    internal static int Run(CliConsole console, SimulateRequest request)
    {
        if (!TryDate(console, "--from", request.From, out var from) || !TryDate(console, "--to", request.To, out var to))
        {
            return CliApp.Unusable;
        }
        if (to < from)
        {
            console.Fail(CliMessages.ToBeforeFrom(request.From, request.To));
            return CliApp.Unusable;
        }
        if (request.CallsPerDay is < 0)
        {
            console.Fail(CliMessages.CallsPerDayNegative(request.CallsPerDay.Value));
            return CliApp.Unusable;
        }
        if (!OutputPaths.File(console, "--out", request.Out)
            || !new RunFiles().Input(request.Accounts).Input(request.Catalog).Output("--out", request.Out).Distinct(console)
            || !CommonOptions.LoadCatalogAndAccounts(console, request.Catalog, request.Accounts, out var catalog, out var accounts))
        {
            return CliApp.Unusable;
        }

        var simulator = new TrafficSimulator(accounts, new SimulationOptions(from, to, request.Seed, request.CallsPerDay) { Calendar = catalog.Calendar });
        var stopwatch = Stopwatch.StartNew();
        long rows;
        try
        {
            // Machine output (call records to rate, possibly gigabytes): no byte order mark, as providers' exports.
            using var stream = OutputFile.Open(request.Out, bom: false);
            rows = console.Interactive && !request.Json ? WithProgress(console, simulator, stream) : simulator.WriteCsv(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Fail(CliMessages.WritingFailed(request.Out, OutputFileException.In(ex)?.InnerException ?? ex, incomplete: true));
            return CliApp.Unusable;
        }
        stopwatch.Stop();

        if (request.Json)
        {
            CommonOptions.WriteJson(console, new { rows, numbers = simulator.NumberCount, days = simulator.DayCount, file = request.Out });
            return CliApp.Ok;
        }
        var inv = CultureInfo.InvariantCulture;
        var seconds = stopwatch.Elapsed.TotalSeconds;
        console.Out.WriteLine(request.Language == Language.Zh
            ? string.Create(inv, $"已模拟 {rows:N0} 通通话（{simulator.NumberCount} 个号码，{simulator.DayCount} 天），写入 {request.Out}，用时 {seconds:0.00} 秒（每秒 {(seconds > 0 ? rows / seconds : 0):N0} 行）")
            : string.Create(inv, $"{rows:N0} calls for {simulator.NumberCount} number{(simulator.NumberCount == 1 ? "" : "s")} over {simulator.DayCount} day{(simulator.DayCount == 1 ? "" : "s")} written to {request.Out} in {seconds:0.00} s ({(seconds > 0 ? rows / seconds : 0):N0} rows/s)"));
        return CliApp.Ok;
    }

    private static long WithProgress(CliConsole console, TrafficSimulator simulator, Stream stream)
    {
        long rows = 0;
        console.Ansi.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("模拟话单 simulating", maxValue: simulator.DayCount);
                rows = simulator.WriteCsv(stream, _ => task.Increment(1));
                task.Value = simulator.DayCount;
            });
        return rows;
    }

    private static bool TryDate(CliConsole console, string option, string text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }
        console.Fail(CliMessages.NotADate(text, option));
        return false;
    }
}
