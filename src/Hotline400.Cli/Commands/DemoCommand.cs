using System.CommandLine;
using System.Globalization;
using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Rating;
using Hotline400.Simulation;
using Hotline400.Billing;
using Hotline400.Billing.Rendering;
using Hotline400.Reports;
using Hotline400.Storage;
using Spectre.Console;

namespace Hotline400.Cli.Commands;

/// <summary>
/// <c>hotline400 demo</c>: the product in one command. Simulates a quarter of traffic for the
/// sample accounts, rates it under the sample catalog and shows what each number cost, with a
/// few explained calls.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var dir = new Option<string>("--dir") { Description = "Folder for the demo files", DefaultValueFactory = _ => "hotline400-demo" };
        var from = new Option<string>("--from") { Description = "First day (China date)", DefaultValueFactory = _ => "2026-07-01" };
        var to = new Option<string>("--to") { Description = "Last day, inclusive", DefaultValueFactory = _ => "2026-09-30" };
        var seed = new Option<int>("--seed") { Description = "Random seed of the simulated traffic", DefaultValueFactory = _ => 400 };
        var json = CommonOptions.Json();
        var lang = CommonOptions.Lang();
        var command = new Command("demo", "Simulate a quarter of calls for the sample accounts, rate them, bill each month into a demo workspace and show the result") { dir, from, to, seed, json, lang };
        command.SetAction(pr => Run(console, pr.GetValue(dir)!, pr.GetValue(from)!, pr.GetValue(to)!, pr.GetValue(seed), pr.GetValue(json), CommonOptions.ParseLanguage(pr.GetValue(lang))));
        return command;
    }

    private static int Run(CliConsole console, string dir, string fromText, string toText, int seed, bool json, Language language)
    {
        if (!DateOnly.TryParseExact(fromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !DateOnly.TryParseExact(toText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) || to < from)
        {
            console.Fail(CliMessages.DemoDates(fromText, toText));
            return CliApp.Unusable;
        }
        if (!OutputPaths.Folder(console, "--dir", dir))
        {
            return CliApp.Unusable;
        }
        var zh = language == Language.Zh;
        Directory.CreateDirectory(dir);
        var catalogPath = Path.Combine(dir, "catalog.yaml");
        var accountsPath = Path.Combine(dir, "accounts.yaml");
        File.WriteAllText(catalogPath, SampleData.CatalogYaml);
        File.WriteAllText(accountsPath, SampleData.AccountsYaml);
        var catalog = CatalogLoader.Sample();
        var accounts = Accounts.AccountsLoader.Sample(catalog);

        var callsPath = Path.Combine(dir, "calls.csv");
        long rows;
        using (var f = File.Create(callsPath))
        {
            rows = new TrafficSimulator(accounts, new SimulationOptions(from, to, seed) { Calendar = catalog.Calendar }).WriteCsv(f);
        }
        if (!json)
        {
            console.Out.WriteLine(zh
                ? $"已模拟 {rows:N0} 通通话（{from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}，{accounts.Numbers.Count()} 个400号码）：{callsPath}"
                : $"simulated {rows:N0} calls ({from:yyyy-MM-dd} to {to:yyyy-MM-dd}, {accounts.Numbers.Count()} numbers): {callsPath}");
        }
        // The demo's files are there to be looked at (in Excel too): its rated CSV has a byte order mark, as with rate --bom.
        var request = new RateCommand.RateRequest(catalogPath, accountsPath, Path.Combine(dir, "rated.csv"), Path.Combine(dir, "rejects.csv"), null, json, language, [callsPath]) { Bom = true };
        var picker = new ExamplePicker();
        var result = RateCommand.RateFiles(console, catalog, accounts, request, picker.Reset);
        if (result is null)
        {
            return CliApp.Unusable;
        }
        var (counts, summary) = result.Value;
        RateCommand.Report(console, request, accounts, counts, summary);
        var bills = BuildWorkspace(console, dir, callsPath, from, to);
        if (bills is null)
        {
            return CliApp.Unusable;
        }
        if (json)
        {
            return CliApp.Ok;
        }
        var chart = new BarChart().Width(Math.Min(100, console.Ansi.Profile.Width)).Label(zh ? "各号码费用（元）" : "Charge per number (¥)");
        foreach (var n in summary.Numbers)
        {
            chart.AddItem(n.Number.ToDisplayString(), (double)n.Charge.Yuan, Color.SteelBlue);
        }
        console.Ansi.Write(chart);
        ShowExamples(console, picker, language);
        ShowStatements(console, dir, bills, language);
        console.Out.WriteLine(zh
            ? $"演示文件在 {Path.GetFullPath(dir)}：catalog.yaml、accounts.yaml、calls.csv、rated.csv（每通话的费用与说明）。"
            : $"Demo files are in {Path.GetFullPath(dir)}: catalog.yaml, accounts.yaml, calls.csv, rated.csv (each call's charge and explanation).");
        return CliApp.Ok;
    }

    /// <summary>
    /// The demo workspace (dir/hotline400.db): the sample catalog and accounts and the quarter's
    /// calls imported, and every month billed. Imports and bill runs are idempotent, so running the
    /// demo again finds everything issued already.
    /// </summary>
    private static List<BillRun.Result>? BuildWorkspace(CliConsole console, string dir, string callsPath, DateOnly from, DateOnly to)
    {
        using var workspace = CommonOptions.OpenWorkspace(console, Path.Combine(dir, "hotline400.db"), create: true);
        if (workspace is null)
        {
            return null;
        }
        workspace.ImportCatalog(SampleData.CatalogYaml, "samples/catalog.yaml");
        workspace.ImportAccounts(SampleData.AccountsYaml, "samples/accounts.yaml");
        workspace.ImportCalls([callsPath], Calls.ColumnMap.Default);
        var results = new List<BillRun.Result>();
        for (var period = BillingPeriod.Of(from); period.Start <= to; period = period.Next)
        {
            var run = new BillRun(workspace).Run(period, null, out var problem);
            if (run is null)
            {
                console.Fail(problem!);
                return null;
            }
            results.Add(run);
        }
        return results;
    }

    /// <summary>The quarter's statements at a glance, and one number's last statement in full (also as HTML and PDF files).</summary>
    private static void ShowStatements(CliConsole console, string dir, List<BillRun.Result> bills, Language language)
    {
        var zh = language == Language.Zh;
        var table = new Table().Title(zh ? "演示账簿：各月账单（应缴金额，元）" : "Demo workspace: statements (amount due, ¥)").AddColumn(zh ? "400号码" : "400 number");
        foreach (var b in bills)
        {
            table.AddColumn(new TableColumn(b.Period.ToString()).RightAligned());
        }
        var numbers = bills.SelectMany(b => b.Outcomes.Select(o => o.Number)).Distinct().OrderBy(n => n.Value).ToList();
        foreach (var n in numbers)
        {
            table.AddRow([n.ToDisplayString(), .. bills.Select(b => b.Outcomes.FirstOrDefault(o => o.Number == n)?.Statement.Total.ToDisplayString() ?? "—")]);
        }
        console.Ansi.Write(table);
        var last = bills[^1].Outcomes.OrderByDescending(o => o.Statement.Lines.Count).FirstOrDefault();
        if (last is null)
        {
            return;
        }
        var statement = last.Statement;
        console.Out.Write(StatementText.Render(statement, language));
        var stem = Path.Combine(dir, $"statement-{statement.Number}-{statement.Period}");
        File.WriteAllText(stem + ".html", StatementHtml.Render(statement, language));
        using (var pdf = File.Create(stem + ".pdf"))
        {
            if (!PdfRenderer.TryRender(StatementPdf.ToDocument(statement, language), pdf, out var problem))
            {
                console.Error.WriteLine((zh ? "未生成 PDF：" : "no PDF: ") + problem!.In(language));
            }
        }
        console.Out.WriteLine(zh
            ? $"账单另存为 {stem}.html 与 .pdf；查看其他账单：hotline400 statement 号码 月份 --db {Path.Combine(dir, "hotline400.db")}"
            : $"Statement also written to {stem}.html and .pdf; others: hotline400 statement NUMBER MONTH --db {Path.Combine(dir, "hotline400.db")}");
    }

    /// <summary>Shows a handful of rated calls with their explanations: one per kind of rule where the data has one.</summary>
    private static void ShowExamples(CliConsole console, ExamplePicker picker, Language language)
    {
        var zh = language == Language.Zh;
        var table = new Table().Title(zh ? "计费说明示例" : "Explained calls").AddColumns(zh ? "通话" : "Call", zh ? "套餐" : "Plan", zh ? "费用" : "Charge", zh ? "说明" : "Explanation");
        foreach (var call in picker.Picked)
        {
            table.AddRow(Markup.Escape(call.Call.CallId), Markup.Escape(call.Plan.Name.In(language)), call.Charge.ToString(), Markup.Escape(Explanation.Of(call, language)));
        }
        console.Ansi.Write(table);
    }

    /// <summary>Keeps the first rated call of each kind worth explaining.</summary>
    private sealed class ExamplePicker : IRatingSink
    {
        private readonly Dictionary<string, RatedCall> _byKind = [];

        public IEnumerable<RatedCall> Picked => _byKind.Values;

        public ExamplePicker Reset()
        {
            _byKind.Clear();
            return this;
        }

        public void Rated(RatedCall call)
        {
            var kind = call switch
            {
                { BillingFrom: BillingFrom.Pickup, Call.WasAnswered: false } => "pickup",
                { Pieces.Length: > 1 } when call.Pieces.Any(p => p.CoveredSeconds > 0) => "allowance-split",
                { Pieces.Length: > 1 } => "split",
                { OverSuspendedAllowance: true } => "suspend",
                { CallerShareCharged: true } => "tollfree",
                _ when call.MainPiece.Source == RateSource.Region => "region",
                _ when call.MainPiece.Source == RateSource.Tier => "tier",
                _ when call.MainPiece.Source == RateSource.Band => "band",
                _ when call.ServiceFees.Length > 0 => "service",
                _ when call.Call.Direction == Calls.Direction.Out => "outbound",
                _ => "",
            };
            if (kind.Length > 0 && _byKind.Count < 8)
            {
                _byKind.TryAdd(kind, call);
            }
        }

        public void Rejected(Calls.CallReject reject)
        {
        }

        public void Duplicate(Calls.CallRecord duplicate)
        {
        }
    }
}
