using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Hotline400.Cli.Commands;
using Hotline400.Common;
using Hotline400.Storage;

namespace Hotline400.Cli;

/// <summary>
/// Builds the command tree and runs it. Exit codes: 0 all good, 1 the work was done but some
/// input was rejected (or a check found problems), 2 the input was unusable.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int SomeRejected = 1;
    public const int Unusable = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, TimeProvider.System);

    /// <summary>Runs with a given clock: "today" for top-ups and balances comes from it.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        var console = new CliConsole(stdout, stderr, interactive: ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected);
        var root = new RootCommand("Hotline400 — 400号码资费、计费与账单平台 (tariff, rating and billing for China's 400 numbers)");
        root.Subcommands.Add(CatalogCommand.Create(console));
        root.Subcommands.Add(RateCommand.Create(console));
        root.Subcommands.Add(SimulateCommand.Create(console));
        root.Subcommands.Add(DemoCommand.Create(console));
        root.Subcommands.Add(ImportCommand.Create(console));
        root.Subcommands.Add(BillCommand.Create(console));
        root.Subcommands.Add(StatementCommand.Create(console));
        root.Subcommands.Add(LedgerCommands.TopUp(console, clock));
        root.Subcommands.Add(LedgerCommands.Balance(console, clock));
        root.Subcommands.Add(ReportCommand.Create(console));
        root.Subcommands.Add(AdviseCommand.Create(console, clock));
        root.Subcommands.Add(AuditCommand.Create(console));
        // Without a verb, show what there is rather than an error. System.CommandLine's own words
        // (its errors, the headings of --help) stay English whatever the machine's language: the
        // errors are reworded in the language of --lang (CliMessages.ParseError), help is English.
        var uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            args = LowerCaseLanguage(args);
            var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
            console.Language = LanguageOf(parse, args);
            if (parse.Errors.Count > 0)
            {
                console.Fail(parse.Errors.Select(CliMessages.ParseError));
                stderr.WriteLine(CliMessages.SeeHelp(CommandPath(parse.CommandResult)).In(console.Language));
                return Unusable;
            }
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        // The last line of defence: a file or the workspace failing where a command did not expect
        // it is an error line and exit 2, not a stack trace.
        catch (WorkspaceException ex)
        {
            console.Fail(ex.Text);
            return Unusable;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Fail(CliMessages.FileFailed(ex));
            return Unusable;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            console.Fail(CliMessages.WorkspaceFailed(null, ex.Message));
            return Unusable;
        }
        finally
        {
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    /// <summary>
    /// The language the command's <c>--lang</c> asks for: Chinese unless it is <c>en</c>. When the
    /// command line is not a command that has <c>--lang</c> (an unknown verb), a <c>--lang en</c>
    /// anywhere in it still asks for English error lines.
    /// </summary>
    private static Language LanguageOf(ParseResult parse, string[] args)
    {
        if (parse.CommandResult.Command.Options.Any(o => o.Name == "--lang"))
        {
            return parse.CommandResult.Children.OfType<OptionResult>().FirstOrDefault(o => o.Option.Name == "--lang") is { Tokens.Count: > 0 } lang
                ? CommonOptions.ParseLanguage(lang.Tokens[^1].Value)
                : Language.Zh;
        }
        var asked = args.Select((a, i) => a is "--lang" && i + 1 < args.Length ? args[i + 1]
            : a.StartsWith("--lang=", StringComparison.Ordinal) || a.StartsWith("--lang:", StringComparison.Ordinal) ? a[7..] : null).LastOrDefault(a => a is not null);
        return CommonOptions.ParseLanguage(asked);
    }

    /// <summary>
    /// <c>--lang EN</c>, <c>--lang=Zh</c>: the language's name in any case, made lower case before
    /// parsing, so that System.CommandLine, which allows only <c>zh</c> and <c>en</c>, accepts it.
    /// </summary>
    private static string[] LowerCaseLanguage(string[] args)
    {
        static string Lower(string value) => value.Equals("en", StringComparison.OrdinalIgnoreCase) || value.Equals("zh", StringComparison.OrdinalIgnoreCase)
            ? value.ToLowerInvariant()
            : value;
        var result = (string[])args.Clone();
        for (var i = 0; i < result.Length; i++)
        {
            if (result[i] == "--lang" && i + 1 < result.Length)
            {
                result[i + 1] = Lower(result[i + 1]);
            }
            else if (result[i].StartsWith("--lang=", StringComparison.Ordinal) || result[i].StartsWith("--lang:", StringComparison.Ordinal))
            {
                result[i] = result[i][..7] + Lower(result[i][7..]);
            }
        }
        return result;
    }

    /// <summary>"hotline400 import calls": the command as typed, for pointing at its help.</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
        {
            names.Add(c.Parent is null ? "hotline400" : c.Command.Name);
        }
        names.Reverse();
        return string.Join(" ", names);
    }
}
