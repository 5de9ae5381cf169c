using System.CommandLine;
using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Rating;
using Hotline400.Storage;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace Hotline400.Cli.Commands;

/// <summary>
/// <c>hotline400 import calls FILE...</c>: stores call records in the workspace, idempotent by
/// <c>call_id</c>. Exit 0 every row imported or a duplicate; 1 some rows rejected; 2 the input is
/// unusable (a missing file, a bad header, no catalog or accounts in the workspace yet).
/// </summary>
internal static class ImportCallsCommand
{
    private const int RejectsShown = 20;

    public static Command Create(CliConsole console)
    {
        var db = CommonOptions.Db();
        var map = new Option<string?>("--map") { Description = "Column mapping for other exports: field=column,… (e.g. number=被叫号码)" };
        var rejects = new Option<string?>("--rejects") { Description = "Where to write rejected rows with line and reason (CSV)" };
        var json = CommonOptions.Json();
        var lang = CommonOptions.Lang();
        var files = new Argument<string[]>("calls") { Description = "Call record CSV files", Arity = ArgumentArity.OneOrMore };
        var command = new Command("calls", "Import call records; a call_id stored already counts as a duplicate") { db, map, rejects, json, lang, files };
        command.SetAction(pr => Run(console, pr.GetValue(db)!, pr.GetValue(map), pr.GetValue(rejects), pr.GetValue(json),
            CommonOptions.ParseLanguage(pr.GetValue(lang)), pr.GetValue(files)!));
        return command;
    }

    private static int Run(CliConsole console, string db, string? mapText, string? rejectsPath, bool json, Language language, string[] files)
    {
        if (!CommonOptions.TryColumnMap(console, mapText, out var map))
        {
            return CliApp.Unusable;
        }
        if (!CommonOptions.NoStrayOption(console, "import calls", files))
        {
            return CliApp.Unusable;
        }
        var missing = files.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            missing.ForEach(f => console.Fail(CommonOptions.Missing(f)));
            return CliApp.Unusable;
        }
        if (!OutputPaths.File(console, "--rejects", rejectsPath) || !new RunFiles().Inputs(files).Workspace(db, written: true).Output("--rejects", rejectsPath).Distinct(console))
        {
            return CliApp.Unusable;
        }
        using var workspace = CommonOptions.OpenWorkspace(console, db, create: true);
        if (workspace is null)
        {
            return CliApp.Unusable;
        }
        var shown = new List<CallReject>();
        var byCode = new SortedDictionary<string, long>(StringComparer.Ordinal);
        StreamWriter? rejectsText = null;
        RejectsCsvWriter? rejectsWriter = null;
        CallImportResult result;
        Exception? writeFailure = null;
        try
        {
            if (rejectsPath is not null)
            {
                rejectsText = OutputFile.OpenText(rejectsPath, bom: true);
                rejectsWriter = new RejectsCsvWriter(rejectsText, language);
            }
            void Rejected(CallReject reject)
            {
                if (shown.Count < RejectsShown)
                {
                    shown.Add(reject);
                }
                byCode[reject.Code] = byCode.GetValueOrDefault(reject.Code) + 1;
                rejectsWriter?.Rejected(reject);
            }
            result = console.Interactive && !json
                ? WithProgress(console, workspace, files, map, Rejected)
                : workspace.ImportCalls(files, map, null, Rejected);
        }
        catch (Exception ex) when (ex is WorkspaceException or SqliteException or IOException or UnauthorizedAccessException)
        {
            console.Fail(Failure(ex, db));
            return CliApp.Unusable;
        }
        finally
        {
            try
            {
                rejectsWriter?.Dispose();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Reported below with the rejects file named; closing the file comes first.
                writeFailure = ex;
            }
            finally
            {
                DisposeQuietly(rejectsText);
            }
        }
        if (writeFailure is not null)
        {
            console.Fail(Failure(writeFailure, db));
            return CliApp.Unusable;
        }
        if (!result.Usable)
        {
            console.Fail(result.Errors);
            return CliApp.Unusable;
        }
        Report(console, result, shown, byCode, rejectsPath, json, language, db);
        return result.Total.Rejected > 0 ? CliApp.SomeRejected : CliApp.Ok;
    }

    /// <summary>What went wrong, for people: the rejects file that could not be written, the workspace, or a file.</summary>
    private static LocalizedText Failure(Exception ex, string db) => ex switch
    {
        WorkspaceException w => w.Text,
        SqliteException s => CliMessages.WorkspaceFailed(db, s.Message),
        _ when OutputFileException.In(ex) is { } output => CliMessages.WritingFailed(output.Path, output.InnerException!, incomplete: true),
        _ => CliMessages.FileFailed(ex),
    };

    private static void DisposeQuietly(IDisposable? d)
    {
        try
        {
            d?.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The write failed already and is reported.
        }
    }

    private static CallImportResult WithProgress(CliConsole console, IWorkspace workspace, string[] files, ColumnMap map, Action<CallReject> rejected)
    {
        CallImportResult? result = null;
        var totalBytes = Math.Max(1, files.Sum(f => new FileInfo(f).Length));
        console.Ansi.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("导入中 importing", maxValue: totalBytes);
                result = workspace.ImportCalls(files, map, new TaskProgress(task), rejected);
                task.Value = totalBytes;
            });
        return result!;
    }

    /// <summary>Moves the bar as bytes are read (synchronously: no thread pool hop per report).</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => task.Value = value.BytesRead;
    }

    private static void Report(CliConsole console, CallImportResult result, List<CallReject> shown, SortedDictionary<string, long> byCode, string? rejectsPath, bool json, Language language, string db)
    {
        var t = result.Total;
        if (json)
        {
            CommonOptions.WriteJson(console, new
            {
                read = t.Read,
                imported = t.Imported,
                rejected = t.Rejected,
                duplicates = t.Duplicates,
                rejects = CommonOptions.RejectsJson(shown, language),
                rejects_by_code = byCode,
            });
            return;
        }
        var zh = language == Language.Zh;
        if (result.Files.Count > 1)
        {
            foreach (var (file, c) in result.Files)
            {
                console.Out.WriteLine(zh
                    ? $"  {file}: 读取 {c.Read:N0} = 导入 {c.Imported:N0} + 拒绝 {c.Rejected:N0} + 重复 {c.Duplicates:N0}"
                    : $"  {file}: read {c.Read:N0} = imported {c.Imported:N0} + rejected {c.Rejected:N0} + duplicates {c.Duplicates:N0}");
            }
        }
        console.Out.WriteLine(zh
            ? $"读取 {t.Read:N0} 行 = 导入 {t.Imported:N0} + 拒绝 {t.Rejected:N0} + 重复 {t.Duplicates:N0}；工作区 {db}"
            : $"read {t.Read:N0} = imported {t.Imported:N0} + rejected {t.Rejected:N0} + duplicates {t.Duplicates:N0}; workspace {db}");
        if (t.Rejected > 0)
        {
            shown.ForEach(r => console.Error.WriteLine(r.Describe(language)));
            if (t.Rejected > shown.Count)
            {
                console.Error.WriteLine(zh ? $"……共 {t.Rejected:N0} 行被拒绝" : $"… {t.Rejected:N0} rows rejected in all");
            }
            if (rejectsPath is not null)
            {
                console.Error.WriteLine(zh ? $"被拒绝的行及原因已写入 {rejectsPath}" : $"rejected rows and reasons written to {rejectsPath}");
            }
        }
    }
}
