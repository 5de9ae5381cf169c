using System.CommandLine;
using Hotline400.Common;
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
        var lang = CommonOptions.Lang();
        var command = new Command(kind, description) { file, db, json, lang };
        command.SetAction(pr =>
        {
            var path = pr.GetValue(file)!;
            var text = ImportCommand.ReadText(console, path);
            if (text is null || !new RunFiles().Input(path).Workspace(pr.GetValue(db)!, written: true).Distinct(console))
            {
                return CliApp.Unusable;
            }
            using var workspace = CommonOptions.OpenWorkspace(console, pr.GetValue(db)!, create: true);
            if (workspace is null)
            {
                return CliApp.Unusable;
            }
            if (kind == "accounts" && workspace.LatestCatalog() is null)
            {
                console.Fail(WorkspaceProblems.NoCatalog());
                return CliApp.Unusable;
            }
            return Report(console, import(workspace, text, path), pr.GetValue(json), kind, pr.GetValue(db)!, CommonOptions.ParseLanguage(pr.GetValue(lang)));
        });
        return command;
    }

    /// <summary>Prints a catalog or accounts import; shared by both verbs.</summary>
    internal static int Report(CliConsole console, VersionImport result, bool json, string kind, string db, Language language)
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
            var n = result.Problems.Count;
            if (!result.Ok)
            {
                console.Fail(kind == "catalog"
                    ? new LocalizedText($"资费目录有 {n} 个问题（见上），未导入", $"catalog: not imported: {n} problem{(n == 1 ? "" : "s")} (above)")
                    : new LocalizedText($"客户档案有 {n} 个问题（见上），未导入", $"accounts: not imported: {n} problem{(n == 1 ? "" : "s")} (above)"));
            }
            else
            {
                var zh = language == Language.Zh;
                var what = kind == "catalog" ? (zh ? "资费目录" : "catalog") : (zh ? "客户档案" : "accounts");
                console.Out.WriteLine(result.Added
                    ? (zh ? $"{what}：已导入第 {result.Version} 版 → {db}" : $"{what}: version {result.Version} added → {db}")
                    : (zh ? $"{what}：与第 {result.Version} 版相同，未新增" : $"{what}: same as version {result.Version}, nothing added"));
            }
        }
        return result.Ok ? CliApp.Ok : CliApp.Unusable;
    }
}
