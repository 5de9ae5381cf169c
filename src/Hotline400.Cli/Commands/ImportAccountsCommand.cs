using System.CommandLine;

namespace Hotline400.Cli.Commands;

/// <summary>
/// <c>hotline400 import accounts FILE</c>: stores accounts checked against the workspace's latest
/// catalog as a new snapshot, unless the text equals the latest one. Exit 0 stored or unchanged;
/// 2 problems in the file or no catalog imported yet.
/// </summary>
internal static class ImportAccountsCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The accounts YAML file (docs/accounts-format.md)" };
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var command = new Command("accounts", "Add an accounts snapshot to the workspace, checked against its latest catalog") { file, db, json };
        command.SetAction(pr => Run(console, pr.GetValue(file)!, pr.GetValue(db)!, pr.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string path, string db, bool json)
    {
        var text = ImportCommand.ReadText(console, path);
        if (text is null)
        {
            return CliApp.Unusable;
        }
        using var workspace = CommonOptions.OpenWorkspace(console, db);
        if (workspace is null)
        {
            return CliApp.Unusable;
        }
        return ImportCatalogCommand.Report(console, workspace.ImportAccounts(text, path), json, "accounts", db);
    }
}
