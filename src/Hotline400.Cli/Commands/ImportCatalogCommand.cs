using System.CommandLine;
using Hotline400.Storage;

namespace Hotline400.Cli.Commands;

/// <summary>
/// <c>hotline400 import catalog FILE</c>: stores a checked catalog as a new version, unless it is the
/// same text as the latest version. Exit 0 stored or unchanged; 2 the catalog has problems.
/// </summary>
internal static class ImportCatalogCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The catalog YAML file (docs/tariff-format.md)" };
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var command = new Command("catalog", "Add a catalog version to the workspace (a version is never edited)") { file, db, json };
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
        var result = workspace.ImportCatalog(text, path);
        return Report(console, result, json, "catalog", db);
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
