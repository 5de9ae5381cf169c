using System.CommandLine;
using Hotline400.Billing;
using Hotline400.Billing.Rendering;
using Hotline400.Common;
using Hotline400.Reports;

namespace Hotline400.Cli.Commands;

/// <summary>
/// <c>hotline400 statement NUMBER PERIOD --format text|json|csv|html|pdf</c>: an issued statement,
/// as it was issued, with any adjustments after it. Chinese by default.
/// </summary>
internal static class StatementCommand
{
    private static readonly string[] Formats = ["text", "json", "csv", "html", "pdf"];

    public static Command Create(CliConsole console)
    {
        var number = new Argument<string>("number") { Description = "The 400 number" };
        var period = new Argument<string>("period") { Description = "The month, e.g. 2026-10" };
        var format = new Option<string>("--format") { Description = "text (default), json, csv, html or pdf", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--out") { Description = "Write to this file (pdf: default statement-NUMBER-PERIOD.pdf)" };
        var details = new Option<bool>("--calls") { Description = "Text: include the itemized calls (html and pdf always do)" };
        var db = CommonOptions.Db();
        var lang = CommonOptions.Lang();
        var command = new Command("statement", "Show an issued statement") { number, period, format, output, details, db, lang };
        command.SetAction(pr => Run(console, pr.GetValue(number)!, pr.GetValue(period)!, pr.GetValue(format)!, pr.GetValue(output), pr.GetValue(details), pr.GetValue(db)!, CommonOptions.ParseLanguage(pr.GetValue(lang))));
        return command;
    }

    private static int Run(CliConsole console, string numberText, string periodText, string format, string? output, bool details, string db, Language language)
    {
        if (!CommonParsing.Number(console, numberText, out var number) || !CommonParsing.Period(console, periodText, out var period))
        {
            return CliApp.Unusable;
        }
        // A PDF goes to a file even without --out.
        var path = output ?? (format == "pdf" ? $"statement-{number}-{period}.pdf" : null);
        if (!OutputPaths.File(console, "--out", path) || !new RunFiles().Workspace(db, written: false).Output("--out", path).Distinct(console))
        {
            return CliApp.Unusable;
        }
        using var workspace = CommonOptions.OpenWorkspace(console, db, create: false);
        if (workspace is null)
        {
            return CliApp.Unusable;
        }
        var issued = workspace.Issued(number, period);
        if (issued.Count == 0)
        {
            console.Fail(CliMessages.NoStatementIssued(number, period));
            return CliApp.Unusable;
        }
        var statement = issued[0].Statement!;
        // Each adjustment with its number and the day it was issued (China time): every format shows them after the statement.
        var adjustments = issued.Skip(1).Select(d => new IssuedAdjustment(d.Sequence, DateOnly.FromDateTime(d.IssuedAt.DateTime), d.Adjustment!)).ToList();
        if (format == "pdf")
        {
            var pdf = new MemoryStream();
            if (!PdfRenderer.TryRender(StatementPdf.ToDocument(statement, language, adjustments), pdf, out var problem))
            {
                console.Fail(problem!);
                return CliApp.Unusable;
            }
            if (!CommonOptions.TryWrite(console, path!, () => File.WriteAllBytes(path!, pdf.ToArray())))
            {
                return CliApp.Unusable;
            }
            console.Out.WriteLine(language == Language.Zh ? $"已生成 {path}" : $"wrote {path}");
            return CliApp.Ok;
        }
        var text = format switch
        {
            "json" => StatementJson.Render(statement, language, adjustments: adjustments) + "\n",
            "csv" => StatementCsv.Render(statement, language, adjustments),
            "html" => StatementHtml.Render(statement, language, adjustments),
            _ => StatementText.Render(statement, language, details, adjustments),
        };
        if (output is not null)
        {
            // A CSV file is opened by people in Excel: with a byte order mark, or Excel on Chinese Windows garbles it.
            if (!CommonOptions.TryWrite(console, output, () => OutputFile.WriteAllText(output, text, bom: format == "csv")))
            {
                return CliApp.Unusable;
            }
            console.Out.WriteLine(language == Language.Zh ? $"已生成 {output}" : $"wrote {output}");
        }
        else
        {
            console.Out.Write(text);
        }
        return CliApp.Ok;
    }
}
