using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hotline400.Accounts;
using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Storage;

namespace Hotline400.Cli.Commands;

/// <summary>Options and helpers shared by several verbs.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object instead of tables" };

    public static Option<string> Lang() => new Option<string>("--lang")
    {
        Description = "Language of labels, explanations and error messages: zh (default) or en (either case)",
        DefaultValueFactory = _ => "zh",
    }.AcceptOnlyFromAmong("zh", "en");

    public static Option<string> Db() => new("--db")
    {
        Description = "The workspace file (SQLite); only import and demo create it",
        DefaultValueFactory = _ => "hotline400.db",
    };

    /// <summary>
    /// Opens (and migrates) a workspace; prints why and returns null when it cannot be used. Only
    /// the verbs that fill a workspace (<c>import …</c>, <c>demo</c>) <paramref name="create"/> it:
    /// for the others a missing file is a mistyped <c>--db</c>, and a new empty workspace would
    /// only hide that (<c>错误：工作区 X 不存在；请先用 hotline400 import … 建立</c>).
    /// </summary>
    public static SqliteWorkspace? OpenWorkspace(CliConsole console, string path, bool create)
    {
        if (!OutputPaths.Workspace(console, path, create))
        {
            return null;
        }
        try
        {
            return SqliteWorkspace.Open(path, create);
        }
        catch (WorkspaceException ex)
        {
            console.Fail(ex.Text);
            return null;
        }
    }

    /// <summary>English for <c>en</c> in any case, Chinese otherwise.</summary>
    public static Language ParseLanguage(string? text) => string.Equals(text, "en", StringComparison.OrdinalIgnoreCase) ? Language.En : Language.Zh;

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteJson(CliConsole console, object value) => console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>Rejected rows as <c>--json</c> lists them: place, field, the reason's stable <c>code</c> and the <c>reason</c> in <paramref name="language"/>.</summary>
    public static List<object> RejectsJson(IEnumerable<Hotline400.Calls.CallReject> rejects, Language language) =>
        rejects.Select(r => (object)new { file = r.File, line = r.Line, field = r.Field, code = r.Code, reason = r.Message(language) }).ToList();

    /// <summary>The 400 number of <c>--number</c> (null when absent); false after printing why when it is not a 400 number.</summary>
    public static bool TryNumber(CliConsole console, string? text, out Hotline400.Numbers.HotlineNumber? number)
    {
        number = null;
        if (text is null)
        {
            return true;
        }
        if (!Hotline400.Numbers.HotlineNumber.TryParse(text, out var parsed))
        {
            console.Fail(CliMessages.NotANumber(text, "--number"));
            return false;
        }
        number = parsed;
        return true;
    }

    /// <summary>The column mapping of <c>--map</c> (the canonical layout when absent); false after printing why when it is wrong.</summary>
    public static bool TryColumnMap(CliConsole console, string? text, out Hotline400.Calls.ColumnMap map)
    {
        map = Hotline400.Calls.ColumnMap.Default;
        if (text is null)
        {
            return true;
        }
        var parsed = Hotline400.Calls.ColumnMap.Parse(text, out var error);
        if (parsed is null)
        {
            console.Fail(error!);
            return false;
        }
        map = parsed;
        return true;
    }

    /// <summary>
    /// Loads a catalog file (or the built-in sample); returns null when unusable, after printing
    /// every problem (the loader's <c>file:line:column</c> diagnostics, in English) and an error line
    /// in the language of <c>--lang</c>.
    /// </summary>
    public static TariffCatalog? LoadCatalog(CliConsole console, string? path)
    {
        if (path is null)
        {
            return CatalogLoader.Sample();
        }
        if (!File.Exists(path))
        {
            console.Fail(Missing(path, "--catalog"));
            return null;
        }
        var result = CatalogLoader.LoadFile(path);
        if (result.Ok)
        {
            return result.Value;
        }
        foreach (var d in result.Diagnostics)
        {
            console.Error.WriteLine(d);
        }
        console.Fail(CliMessages.CatalogUnusable(path, result.Diagnostics.Count));
        return null;
    }

    /// <summary>Why an input file given (with <paramref name="option"/>, if any) cannot be read because it is not there: missing, or a folder.</summary>
    public static LocalizedText Missing(string path, string? option = null) =>
        Directory.Exists(path) ? CliMessages.FolderNotFile(path, option) : CliMessages.NoSuchFile(path, option);

    /// <summary>
    /// False after saying so when a file argument is an option the verb does not know: it would be
    /// taken for a file name (<c>rate … --frobnicate calls.csv</c>) and reported as a missing file.
    /// </summary>
    public static bool NoStrayOption(CliConsole console, string verb, IEnumerable<string> files)
    {
        if (files.FirstOrDefault(f => f.StartsWith("--", StringComparison.Ordinal) && !File.Exists(f)) is { } stray)
        {
            console.Fail(CliMessages.StrayOption(stray, verb));
            return false;
        }
        return true;
    }

    /// <summary>Writes an output file; false after printing <c>错误：写入 FILE 失败：…</c> when it cannot be written (a full disk, no permission).</summary>
    public static bool TryWrite(CliConsole console, string path, Action write)
    {
        try
        {
            write();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Fail(CliMessages.WritingFailed(path, ex is OutputFileException o ? o.InnerException! : ex));
            return false;
        }
    }

    /// <summary>Loads a catalog and the accounts checked against it (see <see cref="LoadCatalog"/>); false when either is unusable.</summary>
    public static bool LoadCatalogAndAccounts(CliConsole console, string? catalogPath, string? accountsPath,
        [NotNullWhen(true)] out TariffCatalog? catalog, [NotNullWhen(true)] out AccountBook? accounts)
    {
        accounts = null;
        catalog = LoadCatalog(console, catalogPath);
        if (catalog is null)
        {
            return false;
        }
        accounts = LoadAccounts(console, accountsPath, catalog);
        return accounts is not null;
    }

    /// <summary>Loads an accounts file (or the built-in sample) checked against the catalog; prints every problem (as <see cref="LoadCatalog"/>) and returns null when unusable.</summary>
    public static AccountBook? LoadAccounts(CliConsole console, string? path, TariffCatalog catalog)
    {
        if (path is null)
        {
            return AccountsLoader.Sample(catalog);
        }
        if (!File.Exists(path))
        {
            console.Fail(Missing(path, "--accounts"));
            return null;
        }
        var result = AccountsLoader.LoadFile(path, catalog);
        if (result.Ok)
        {
            return result.Value;
        }
        foreach (var d in result.Diagnostics)
        {
            console.Error.WriteLine(d);
        }
        console.Fail(CliMessages.AccountsUnusable(path, result.Diagnostics.Count));
        return null;
    }
}
