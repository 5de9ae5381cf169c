using System.CommandLine;
using Hotline400.Cli.Commands;

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
        // Without a verb, show what there is rather than an error.
        var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                stderr.WriteLine("error: " + e.Message);
            }
            stderr.WriteLine("Try 'hotline400 --help'.");
            return Unusable;
        }
        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }
}
