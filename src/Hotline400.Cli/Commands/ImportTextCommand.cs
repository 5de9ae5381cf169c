using System.CommandLine;
using Hotline400.Storage;

namespace Hotline400.Cli.Commands;

/// <summary>
/// <c>hotline400 import catalog FILE</c> and <c>hotline400 import accounts FILE</c>: store a checked
/// text as a new version (accounts: checked against the workspace's latest catalog), unless it is
/// the same text as the latest version. Exit 0 stored or unchanged; 2 problems in the file (or,
/// for accounts, no catalog imported yet).
/// </summary>
internal static class ImportTextCommand
{
    public static Command Catalog(CliConsole console) => Create(console, "catalog",
        "Add a catalog version to the workspace (a version is never edited)", "The catalog YAML file (docs/tariff-format.md)",
        (workspace, text, path) => workspace.ImportCatalog(text, path));

    public static Command Accounts(CliConsole console) => Create(console, "accounts",
        "Add an accounts snapshot to the workspace, checked against its latest catalog", "The accounts YAML file (docs/accounts-format.md)",
        (workspace, text, path) => workspace.ImportAccounts(text, path));

    private static Command Create(CliConsole console, string kind, string description, string fileDescription, Func<IWorkspace, string, string, VersionImport> import)
    {
        var file = new Argument<string>("file") { Description = fileDescription };
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var command = new Command(kind, description) { file, db, json };
        command.SetAction(pr =>
        {
            var path = pr.GetValue(file)!;
            var text = ImportCommand.ReadText(console, path);
            if (text is null)
            {
                return CliApp.Unusable;
            }
            using var workspace = CommonOptions.OpenWorkspace(console, pr.GetValue(db)!);
            if (workspace is null)
            {
                return CliApp.Unusable;
            }
            return Report(console, import(workspace, text, path), pr.GetValue(json), kind, pr.GetValue(db)!);
        });
        return command;
    }

    /// <summary>Prints a catalog or accounts import; shared by both verbs.</summary>
    internal static int Report(CliConsole console, VersionImport result, bool json, string kind, string db)
    {
        if (json)
        {
            CommonOptions.WriteJson(console, new
            {
                ok = result.Ok,
                version = result.Version,
                added = result.Added,
                sha256 = result.Sha256,
                problems = result.Problems.Select(d => new { file = d.File, line = d.Line, column = d.Column, message = d.Message }),
            });
        }
        else
        {
            foreach (var d in result.Problems)
            {
                console.Error.WriteLine(d);
            }
            var what = kind == "catalog" ? "资费目录 catalog" : "账户 accounts";
            console.Out.WriteLine(!result.Ok
                ? $"{what}: {result.Problems.Count} 个问题，未导入 (not imported: {result.Problems.Count} problem{(result.Problems.Count == 1 ? "" : "s")})"
                : result.Added
                    ? $"{what}: 已导入第 {result.Version} 版 (version {result.Version} added) → {db}"
                    : $"{what}: 与第 {result.Version} 版相同，未新增 (same as version {result.Version}, nothing added)");
        }
        return result.Ok ? CliApp.Ok : CliApp.Unusable;
    }
}
