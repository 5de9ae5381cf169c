using System.CommandLine;

namespace Hotline400.Cli.Commands;

/// <summary><c>hotline400 import catalog|accounts|calls</c>: fill the workspace (docs/workspace.md). Every import is idempotent.</summary>
internal static class ImportCommand
{
    public static Command Create(CliConsole console) => new("import", "Import a catalog, accounts or call records into the workspace (--db)")
    {
        ImportTextCommand.Catalog(console),
        ImportTextCommand.Accounts(console),
        ImportCallsCommand.Create(console),
    };

    /// <summary>Reads a whole text file; prints why and returns null when it cannot be read.</summary>
    internal static string? ReadText(CliConsole console, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Fail(ex is FileNotFoundException || Directory.Exists(path) ? CommonOptions.Missing(path) : Common.Problems.CannotRead(path, ex));
            return null;
        }
    }
}
