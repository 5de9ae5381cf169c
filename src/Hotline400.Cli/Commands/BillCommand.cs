using System.CommandLine;
using System.Globalization;
using Hotline400.Billing;
using Hotline400.Common;
using Hotline400.Storage;
using Spectre.Console;

namespace Hotline400.Cli.Commands;

/// <summary>
/// <c>hotline400 bill PERIOD [--number N]</c>: issues the month's statements from the workspace;
/// a month billed before gets adjustment statements for what changed, or nothing.
/// </summary>
internal static class BillCommand
{
    public static Command Create(CliConsole console)
    {
        var period = new Argument<string>("period") { Description = "The month, e.g. 2026-10" };
        var number = new Option<string?>("--number") { Description = "Bill one 400 number only" };
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var lang = CommonOptions.Lang();
        var command = new Command("bill", "Issue the month's statements (adjustments when billed before)") { period, number, db, json, lang };
        command.SetAction(pr => Run(console, pr.GetValue(period)!, pr.GetValue(number), pr.GetValue(db)!, pr.GetValue(json), CommonOptions.ParseLanguage(pr.GetValue(lang))));
        return command;
    }

    private static int Run(CliConsole console, string periodText, string? numberText, string db, bool json, Language language)
    {
        if (!CommonParsing.Period(console, periodText, out var period))
        {
            return CliApp.Unusable;
        }
        Numbers.HotlineNumber? only = null;
        if (numberText is not null)
        {
            if (!CommonParsing.Number(console, numberText, out var n))
            {
                return CliApp.Unusable;
            }
            only = n;
        }
        using var workspace = CommonOptions.OpenWorkspace(console, db, create: false);
        if (workspace is null)
        {
            return CliApp.Unusable;
        }
        var result = new BillRun(workspace) { KeepCallDetail = false }.Run(period, only, out var problem);
        if (result is null)
        {
            console.Fail(problem!);
            return CliApp.Unusable;
        }
        Report(console, result, json, language);
        return CliApp.Ok;
    }

    /// <summary>An alert as the run's table shows it: the holidays note in short (the run says it in full under the table).</summary>
    private static string TableAlert(StatementAlert alert, bool zh) =>
        alert.Kind == AlertKind.HolidaysUnknown ? (zh ? "含节假日未收录日期的通话" : "calls on days without holiday data") : alert.Message.In(zh ? Language.Zh : Language.En);

    internal static void Report(CliConsole console, BillRun.Result result, bool json, Language language)
    {
        var inv = CultureInfo.InvariantCulture;
        if (json)
        {
            CommonOptions.WriteJson(console, new
            {
                period = result.Period.ToString(),
                issued = result.Issued,
                adjusted = result.Adjusted,
                holidays_unknown_from = result.HolidaysUnknownFrom?.ToString("yyyy-MM-dd", inv),
                holidays_unknown = result.HolidaysUnknownFrom is { } from ? Calendar.HolidaysUnknown.Note(from).In(language) : null,
                statements = result.Outcomes.Select(o => new
                {
                    number = o.Number.ToString(),
                    total = o.Statement.Total.Yuan.ToString("0.00", inv),
                    outcome = o.Kind.ToString().ToLowerInvariant(),
                    adjustment = o.Adjustment?.Total.Yuan.ToString("0.00", inv),
                    alerts = o.Statement.Alerts.Select(a => a.Message.In(language)),
                }),
            });
            return;
        }
        var zh = language == Language.Zh;
        var table = new Table().Title(zh ? $"{result.Period} 出账" : $"Bill run {result.Period}")
            .AddColumns(zh ? "400号码" : "400 number", zh ? "结果" : "Outcome")
            .AddColumn(new TableColumn(zh ? "本月费用" : "Charges").RightAligned())
            .AddColumn(new TableColumn(zh ? "应缴" : "Due").RightAligned())
            .AddColumn(new TableColumn(zh ? "调整" : "Adjustment").RightAligned())
            .AddColumn(zh ? "提醒" : "Alerts");
        foreach (var o in result.Outcomes)
        {
            var outcome = o.Kind switch
            {
                BillOutcomeKind.Issued => zh ? "已出账" : "issued",
                BillOutcomeKind.Adjusted => zh ? "已调整" : "adjusted",
                _ => zh ? "无变化" : "unchanged",
            };
            table.AddRow(o.Number.ToDisplayString(), outcome, o.Statement.Totals.Charges.ToDisplayString(), o.Statement.Total.ToDisplayString(),
                o.Adjustment is { } a ? a.Total.ToDisplayString() : "", Markup.Escape(string.Join("；", o.Statement.Alerts.Select(x => TableAlert(x, zh)))));
        }
        console.Ansi.Write(table);
        console.Out.WriteLine(zh
            ? $"出账 {result.Issued} 份，调整 {result.Adjusted} 份，无变化 {result.Outcomes.Count - result.Issued - result.Adjusted} 份。"
            : $"{result.Issued} issued, {result.Adjusted} adjusted, {result.Outcomes.Count - result.Issued - result.Adjusted} unchanged.");
        if (result.HolidaysUnknownFrom is { } unknownFrom)
        {
            var statements = result.Outcomes.Count(o => o.HolidaysUnknownFrom is not null);
            console.Out.WriteLine(zh
                ? $"注意：{Calendar.HolidaysUnknown.Note(unknownFrom).Zh}（涉及 {statements} 份账单）"
                : $"Note: {Calendar.HolidaysUnknown.Note(unknownFrom).En} ({statements} statement{(statements == 1 ? "" : "s")} affected)");
        }
    }
}
