using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;
using Hotline400.Billing;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Cli;

/// <summary>
/// Every error message the CLI itself makes, in Chinese and English, in one place: files that are
/// missing, options with bad values, outputs that cannot be written, things the workspace lacks, and
/// the command-line errors of System.CommandLine reworded. Messages about input files and
/// periods come from the library (<see cref="Problems"/>, <see cref="Calls.RejectReasons"/>,
/// <see cref="Storage.WorkspaceProblems"/>); all are printed by <see cref="CliConsole.Fail(LocalizedText)"/>
/// as <c>错误：…</c> (or <c>error: …</c> with <c>--lang en</c>), keeping file names, lines and the values given.
/// </summary>
internal static partial class CliMessages
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static LocalizedText T(string zh, string en) => new(zh, en);

    /// <summary>An error line as printed: <c>错误：</c> then the Chinese text, or <c>error: </c> then the English one.</summary>
    public static string ErrorLine(LocalizedText message, Language language) =>
        language == Language.En ? "error: " + message.En : "错误：" + message.Zh;

    /// <summary>"PATH: …" in Chinese punctuation, or "OPTION: …" when the value came with an option.</summary>
    private static string Place(string? option, string zh) => option is null ? zh : $"{option}：{zh}";

    private static string PlaceEn(string? option, string en) => option is null ? en : $"{option}: {en}";

    // ---- files ------------------------------------------------------------------------------

    public static LocalizedText NoSuchFile(string path, string? option = null) => T(
        Place(option, $"文件 {path} 不存在"),
        PlaceEn(option, $"{path}: no such file"));

    public static LocalizedText FolderNotFile(string path, string? option = null) => T(
        Place(option, $"{path} 是文件夹，不是文件"),
        PlaceEn(option, $"{path} is a folder, not a file"));

    public static LocalizedText IsAFolder(string option, string path) => T(
        $"{option}：{path} 是文件夹，请给出文件名",
        $"{option}: {path} is a folder; give a file name");

    public static LocalizedText FolderMissing(string option, string folder) => T(
        $"{option}：文件夹 {folder} 不存在",
        $"{option}: the folder {folder} does not exist");

    /// <summary>A folder was asked for (<c>report --png DIR</c>, <c>demo --dir</c>, the folder of an output) and there is a file, a device or a broken link.</summary>
    public static LocalizedText NotAFolder(string option, string path) => T(
        $"{option}：{path} 不是文件夹",
        $"{option}: {path} is not a folder");

    // ---- outputs that are inputs (RunFiles.Distinct) ----------------------------------------

    public static LocalizedText SameAsInput(string option, string input) => T(
        $"{option} 与输入文件 {input} 是同一个文件；请给出另一个文件名",
        $"{option} is the same file as the input {input}; give another file name");

    public static LocalizedText SameAsWorkspace(string option, string db) => T(
        $"{option} 与工作区 {db} 是同一个文件；请给出另一个文件名",
        $"{option} is the same file as the workspace {db}; give another file name");

    public static LocalizedText SameOutputs(string option, string other, string path) => T(
        $"{option} 与 {other} 是同一个文件（{path}）；请给出另一个文件名",
        $"{option} and {other} are the same file ({path}); give another file name");

    /// <summary>
    /// Writing an output failed (a full disk, no permission…). <paramref name="incomplete"/>: part
    /// of it may have been written, so the file must not be used.
    /// </summary>
    public static LocalizedText WritingFailed(string path, Exception ex, bool incomplete = false) => T(
        $"写入 {path} 失败：{Problems.IoReason(ex).Zh}" + (incomplete ? "；输出文件不完整，请勿使用，问题解决后请重新运行" : ""),
        $"writing {path} failed: {ex.Message}" + (incomplete ? "; the output is incomplete: do not use it, and run again once this is fixed" : ""));

    /// <summary>A file could not be read or written, and the command did not expect it (the last line of defence).</summary>
    public static LocalizedText FileFailed(Exception ex) => T(
        $"读写文件失败：{Problems.IoReason(ex).Zh}",
        $"reading or writing a file failed: {ex.Message}");

    public static LocalizedText HeaderDiffers(string file, string first) => T(
        $"{file}：表头与 {first} 的不同；不同格式的话单请分开计费",
        $"{file}: its header differs from {first}'s; rate files of different layouts in separate runs");

    /// <summary>Said after the (English) problems of a catalog or accounts file that cannot be used.</summary>
    public static LocalizedText CatalogUnusable(string path, int problems) => T(
        $"资费目录 {path} 有 {problems} 个问题（见上），无法使用",
        $"the catalog {path} has {problems} problem{(problems == 1 ? "" : "s")} (above) and cannot be used");

    public static LocalizedText AccountsUnusable(string path, int problems) => T(
        $"客户档案 {path} 有 {problems} 个问题（见上），无法使用",
        $"the accounts {path} have {problems} problem{(problems == 1 ? "" : "s")} (above) and cannot be used");

    // ---- values of options and arguments ----------------------------------------------------

    public static LocalizedText NotANumber(string text, string? option = null) => T(
        Place(option, $"“{text}”不是400号码（应为400加7位数字）"),
        PlaceEn(option, $"'{text}' is not a 400 number (400 followed by 7 digits)"));

    public static LocalizedText NotADate(string text, string? option = null) => T(
        Place(option, $"“{text}”不是日期，应形如 2026-10-31"),
        PlaceEn(option, $"'{text}' is not a date like 2026-10-31"));

    public static LocalizedText NotAnAmount(string text) => T(
        $"“{text}”不是有效的金额：应为大于零、最多两位小数的元数（如 600 或 600.50）",
        $"'{text}' is not an amount in yuan above zero with at most two decimals (e.g. 600 or 600.50)");

    public static LocalizedText ToBeforeFrom(string from, string to) => T(
        $"--to {to} 早于 --from {from}",
        $"--to {to} is before --from {from}");

    public static LocalizedText DemoDates(string from, string to) => T(
        $"--from 和 --to 须为形如 2026-07-01 的日期，且 --to 不早于 --from（实为 {from} … {to}）",
        $"--from and --to must be dates like 2026-07-01 with --to not before --from (got {from} … {to})");

    public static LocalizedText CallsPerDayNegative(int value) => T(
        $"--calls-per-day 不能为负数，实为 {value.ToString(Inv)}",
        $"--calls-per-day must be 0 or more, found {value.ToString(Inv)}");

    public static LocalizedText GrowthTooLow(decimal growth) => T(
        $"--growth：{growth.ToString(Inv)}% 会使话务量归零；请给出大于 -100 的百分比",
        $"--growth: {growth.ToString(Inv)}% would leave no traffic; give a percentage above -100");

    public static LocalizedText StrayOption(string token, string verb) => T(
        $"{token}：不是 {verb} 的选项（见 hotline400 {verb} --help）",
        $"{token}: not an option of {verb} (see hotline400 {verb} --help)");

    public static LocalizedText UnknownServices(IEnumerable<string> unknown, IEnumerable<string> known) => T(
        $"--needs：未知的服务{string.Join("、", unknown.Select(u => $"“{u}”"))}；目录中的服务有 {string.Join(", ", known)}",
        $"--needs: unknown service id {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the catalog's services are: {string.Join(", ", known)}");

    public static LocalizedText CallsAndProfile() => T(
        "--calls 与话务画像（--minutes-per-month …）只能二选一",
        "give either --calls or a profile (--minutes-per-month …), not both");

    public static LocalizedText MinutesNotPositive() => T(
        "--minutes-per-month 须大于零",
        "--minutes-per-month must be positive");

    public static LocalizedText PeakShareRange() => T(
        "--peak-share 须在 0 到 1 之间",
        "--peak-share must be between 0 and 1");

    public static LocalizedText NoHistory() => T(
        "请用 --calls 文件… 给出通话记录，或用 --minutes-per-month N 给出话务画像",
        "give the call history with --calls FILE… or a profile with --minutes-per-month N");

    /// <summary>No plan can be ranked; each unranked plan with its reason.</summary>
    public static LocalizedText NoPlanOffers(IReadOnlyList<(string Plan, LocalizedText Reason)> unavailable) => T(
        "目录中没有套餐提供全部所需服务：" + string.Join("；", unavailable.Select(u => $"{u.Plan}：{u.Reason.Zh}")),
        "no plan of the catalog offers every needed service: " + string.Join("; ", unavailable.Select(u => $"{u.Plan}: {u.Reason.En}")));

    public static LocalizedText CatalogWithoutAccounts() => T(
        "--catalog 与 --accounts 须一起给出：计算通话费用两者都要",
        "--catalog and --accounts go together: both are needed to rate the calls for their cost");

    public static LocalizedText NoCallsOfNumber(HotlineNumber number) => T(
        $"--number：文件中没有 {number.ToDisplayString()} 的通话",
        $"--number: no calls of {number.ToDisplayString()} in the files");

    public static LocalizedText CannotDrawCharts(LocalizedText problem) => T(
        $"无法绘制图表：{problem.Zh}",
        $"cannot draw the charts: {problem.En}");

    public static LocalizedText NoUsableStatementLine(string path) => T(
        $"{path}：账单中没有一行可用",
        $"{path}: no usable statement line");

    // ---- the workspace ----------------------------------------------------------------------

    /// <summary>The workspace's database failed (a full disk, a locked or damaged file); <paramref name="db"/> when known.</summary>
    public static LocalizedText WorkspaceFailed(string? db, string detail) => T(
        db is null ? $"工作区数据库出错：{detail}" : $"工作区 {db} 出错：{detail}",
        db is null ? $"the workspace failed: {detail}" : $"the workspace {db} failed: {detail}");

    /// <summary>A verb that does not fill a workspace was given one that does not exist (a mistyped <c>--db</c>, or nothing imported yet).</summary>
    public static LocalizedText NoWorkspace(string db) => T(
        $"工作区 {db} 不存在；请先用 hotline400 import … 建立",
        $"the workspace {db} does not exist; create it with hotline400 import … first");

    public static LocalizedText NoStatementIssued(HotlineNumber number, BillingPeriod period) => T(
        $"{number.ToDisplayString()} {period} 还没有出账；请先运行 hotline400 bill {period}",
        $"no statement issued for {number.ToDisplayString()} {period}; run 'hotline400 bill {period}' first");

    public static LocalizedText NotInWorkspaceAccounts(HotlineNumber number) => T(
        $"{number.ToDisplayString()} 不在工作区的客户档案中",
        $"{number.ToDisplayString()} is not in the workspace's accounts");

    public static LocalizedText NoSubscriptionOn(HotlineNumber number, DateOnly date) => T(
        $"{number.ToDisplayString()} 在 {date.ToString("yyyy-MM-dd", Inv)} 没有订购套餐",
        $"{number.ToDisplayString()} has no subscription on {date.ToString("yyyy-MM-dd", Inv)}");

    // ---- the command line (System.CommandLine's errors, reworded) ---------------------------

    /// <summary>The line after command-line errors: where the (English) help is.</summary>
    public static LocalizedText SeeHelp(string commandPath) => T(
        $"用法见 {commandPath} --help（帮助为英文）",
        $"Try '{commandPath} --help'.");

    /// <summary>
    /// A command-line error in both languages, one line each. System.CommandLine words its errors
    /// in English (the parse runs with the invariant UI culture), over several lines for a value
    /// not among those allowed; the common ones are reworded from that English form in Chinese and
    /// in English alike (<c>--format: 'docx' is not one of text, json, csv, html, pdf</c>), any
    /// other keeps System.CommandLine's wording, on one line.
    /// </summary>
    public static LocalizedText ParseError(ParseError error)
    {
        var raw = error.Message;
        return raw switch
        {
            _ when RequiredOption().Match(raw) is { Success: true } m => T(
                $"缺少必需的选项 {m.Groups[1].Value}",
                $"missing the required option {m.Groups[1].Value}"),
            _ when RequiredCommandArgument().Match(raw) is { Success: true } m => T(
                $"命令 {m.Groups[1].Value} 缺少必需的参数 {MissingArguments(error)}".TrimEnd(),
                $"{m.Groups[1].Value}: missing the required argument {MissingArguments(error)}".TrimEnd()),
            _ when RequiredOptionArgument().Match(raw) is { Success: true } m => T(
                $"选项 {m.Groups[1].Value} 缺少取值",
                $"{m.Groups[1].Value}: no value given"),
            _ when NotOneOf().Match(raw) is { Success: true } m => NotOneOf(error, m.Groups[1].Value, [.. Quoted().Matches(m.Groups[2].Value).Select(v => v.Groups[1].Value)]),
            _ when Unrecognized().Match(raw) is { Success: true } m => T(
                $"无法识别的命令或参数“{m.Groups[1].Value}”",
                $"unrecognized command or argument '{m.Groups[1].Value}'"),
            _ when CannotParseForOption().Match(raw) is { Success: true } m => T(
                $"{m.Groups[2].Value}：“{m.Groups[1].Value}”不是{TypeName(m.Groups[3].Value).Zh}",
                $"{m.Groups[2].Value}: '{m.Groups[1].Value}' is not {TypeName(m.Groups[3].Value).En}"),
            _ when CannotParseForCommand().Match(raw) is { Success: true } m => T(
                $"参数“{m.Groups[1].Value}”不是{TypeName(m.Groups[3].Value).Zh}",
                $"the argument '{m.Groups[1].Value}' is not {TypeName(m.Groups[3].Value).En}"),
            _ when CannotParse().Match(raw) is { Success: true } m => T(
                $"“{m.Groups[1].Value}”不是{TypeName(m.Groups[2].Value).Zh}",
                $"'{m.Groups[1].Value}' is not {TypeName(m.Groups[2].Value).En}"),
            _ when ExpectsOne().Match(raw) is { Success: true } m => T(
                $"选项 {m.Groups[1].Value} 只能给一个值，实际给了 {m.Groups[2].Value} 个",
                $"{m.Groups[1].Value} takes one value, {m.Groups[2].Value} were given"),
            _ when raw.StartsWith("Required command was not provided", StringComparison.Ordinal) => T(
                "请给出要执行的子命令",
                "give the subcommand to run"),
            _ => T(OneLine(raw), OneLine(raw)),
        };
    }

    /// <summary>A value not among those allowed: "--format: 'docx' is not one of text, json, csv, html, pdf".</summary>
    private static LocalizedText NotOneOf(ParseError error, string value, string[] allowed)
    {
        var option = error.SymbolResult switch
        {
            OptionResult o => o.Option.Name,
            ArgumentResult { Parent: OptionResult o } => o.Option.Name,
            _ => null,
        };
        return T(
            $"{(option is null ? "" : option + "：")}不接受“{value}”，应为 {string.Join("、", allowed)} 之一",
            $"{(option is null ? "" : option + ": ")}'{value}' is not one of {string.Join(", ", allowed)}");
    }

    /// <summary>A message of several lines (tab-indented lists) on one line.</summary>
    private static string OneLine(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>The argument missing (as help names it), or those of the command still missing.</summary>
    private static string MissingArguments(ParseError error) => error.SymbolResult switch
    {
        ArgumentResult a => $"<{a.Argument.Name}>",
        CommandResult c => string.Join(" ", c.Command.Arguments
            .Where(a => a.Arity.MinimumNumberOfValues > 0 && c.GetResult(a) is null or { Tokens.Count: 0 })
            .Select(a => $"<{a.Name}>")),
        _ => "",
    };

    /// <summary>The type System.CommandLine expected, for people.</summary>
    private static LocalizedText TypeName(string type) => type switch
    {
        _ when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) => T("整数", "a whole number"),
        _ when type.Contains("Decimal", StringComparison.Ordinal) || type.Contains("Double", StringComparison.Ordinal) => T("数字", "a number"),
        _ when type.Contains("Boolean", StringComparison.Ordinal) => T("true 或 false", "true or false"),
        _ => T($"有效的值（{type}）", $"a valid value ({type})"),
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^Option '(.+)' is required\.$")]
    private static partial Regex RequiredOption();

    [GeneratedRegex(@"^Required argument missing for command: '(.+)'\.$")]
    private static partial Regex RequiredCommandArgument();

    [GeneratedRegex(@"^Required argument missing for option: '(.+)'\.$")]
    private static partial Regex RequiredOptionArgument();

    [GeneratedRegex(@"^Argument '(.*)' not recognized\. Must be one of:(.*)$", RegexOptions.Singleline)]
    private static partial Regex NotOneOf();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^Unrecognized command or argument '(.*)'\.$")]
    private static partial Regex Unrecognized();

    [GeneratedRegex(@"^Cannot parse argument '(.*)' for option '(.+)' as expected type '(.+)'\.")]
    private static partial Regex CannotParseForOption();

    [GeneratedRegex(@"^Cannot parse argument '(.*)' for command '(.+)' as expected type '(.+)'\.")]
    private static partial Regex CannotParseForCommand();

    [GeneratedRegex(@"^Cannot parse argument '(.*)' as expected type '(.+)'\.")]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Option '(.+)' expects a single argument but (\d+) were provided\.$")]
    private static partial Regex ExpectsOne();
}
