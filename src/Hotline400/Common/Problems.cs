using System.Globalization;
using Hotline400.Numbers;

namespace Hotline400.Common;

/// <summary>
/// Every message the library gives about input it cannot use (a file that cannot be read, an empty
/// file, a header without required columns, a bad column mapping, period or traffic profile, a
/// call history of several numbers) and about a refused top-up, in Chinese and English, in one
/// place, as <see cref="Calls.RejectReasons"/> holds the reasons rows are rejected. File names,
/// line numbers and the offending values are quoted as given. The CLI prints them after
/// <c>错误：</c> / <c>error: </c> in the language of <c>--lang</c>.
/// </summary>
public static class Problems
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static LocalizedText T(string zh, string en) => new(zh, en);

    // ---- files ------------------------------------------------------------------------------

    /// <summary>
    /// Why reading or writing a file failed, for people: the kind in Chinese (not found, no
    /// permission, disk full…) with the system's own message after it (for whoever looks into it);
    /// in English the system's message, which says as much.
    /// </summary>
    public static LocalizedText IoReason(Exception ex)
    {
        var zh = ex switch
        {
            FileNotFoundException => "文件不存在",
            DirectoryNotFoundException => "文件夹不存在",
            UnauthorizedAccessException => "没有访问权限",
            IOException io when IsDiskFull(io) => "磁盘空间已满",
            PathTooLongException => "路径太长",
            _ => "读写出错",
        };
        return T($"{zh}（{ex.Message}）", ex.Message);
    }

    /// <summary>
    /// Whether an I/O error means the disk (or the user's quota) is full: ENOSPC or EDQUOT on Linux
    /// and macOS (the errno is the exception's HResult there), ERROR_DISK_FULL or
    /// ERROR_HANDLE_DISK_FULL on Windows.
    /// </summary>
    public static bool IsDiskFull(IOException ex)
    {
        var code = ex.HResult;
        if (OperatingSystem.IsWindows())
        {
            return (code & 0xFFFF) is 0x70 or 0x27;
        }
        return code == 28 || (OperatingSystem.IsLinux() && code == 122) || (OperatingSystem.IsMacOS() && code == 69);
    }

    public static LocalizedText CannotRead(string path, Exception ex) => T(
        $"{path}：无法读取文件：{IoReason(ex).Zh}",
        $"{path}: cannot read the file: {ex.Message}");

    public static LocalizedText EmptyFile(string name, IEnumerable<string> columns) => T(
        $"{name}：文件是空的；第一行须为表头（{string.Join(",", columns)}）",
        $"{name}: the file is empty; a header row is required ({string.Join(",", columns)})");

    /// <summary>
    /// A file read as CSV that is not UTF-8 text (<see cref="Calls.CsvSniff"/>), and
    /// <paramref name="why"/>: <see cref="BinaryData"/>, <see cref="PackedFile"/>, <see cref="Utf16Text"/>, <see cref="HeaderNotUtf8"/>.
    /// </summary>
    public static LocalizedText NotCsvText(string name, LocalizedText why) => T(
        $"{name} 不是 UTF-8 文本的 CSV 文件（{why.Zh}）",
        $"{name} is not a CSV file of UTF-8 text ({why.En})");

    public static LocalizedText BinaryData() => T(
        "开头是二进制数据；压缩文件请先解压",
        "it starts with binary data; decompress a compressed file first");

    /// <summary>A compressed or packed file, by its kind: gzip, zip, xls, 7z, bzip2, xz, zstd, rar.</summary>
    public static LocalizedText PackedFile(string format) => format switch
    {
        "zip" => T("是 zip 压缩文件或 Excel 工作簿（.xlsx）；请先解压，或在 Excel 中另存为“CSV UTF-8”",
            "it is a zip archive or an Excel workbook (.xlsx); unzip it, or save it from Excel as CSV UTF-8"),
        "xls" => T("是 Excel 工作簿（.xls）或其他 Office 文件；请在 Excel 中另存为“CSV UTF-8”",
            "it is an Excel workbook (.xls) or another Office file; save it from Excel as CSV UTF-8"),
        _ => T($"是 {format} 压缩文件；请先解压", $"it is {format}-compressed; decompress it first"),
    };

    public static LocalizedText Utf16Text() => T(
        "是 UTF-16 编码的文本；请另存为 UTF-8 编码",
        "it is UTF-16 text; save it as UTF-8");

    public static LocalizedText HeaderNotUtf8() => T(
        "表头不是 UTF-8 编码，可能是 GBK；请另存为 UTF-8 编码",
        "its header is not UTF-8, perhaps GBK; save it as UTF-8");

    /// <summary>How long a header quoted in a message may be, in characters; a longer one is cut with "…".</summary>
    public const int QuotedHeaderLength = 120;

    /// <summary>
    /// A header as quoted in a message: control characters (which would move the terminal's cursor
    /// or ring its bell) shown as "�", and cut after <see cref="QuotedHeaderLength"/> characters.
    /// </summary>
    public static string QuotedHeader(IEnumerable<string> columns)
    {
        var text = string.Concat(string.Join(",", columns).Select(c => char.IsControl(c) ? '\uFFFD' : c));
        return text.Length <= QuotedHeaderLength ? text : text[..QuotedHeaderLength] + "…";
    }

    /// <summary>The header of <paramref name="name"/> lacks required columns: each as (column looked for, the field it gives, when mapped to another name).</summary>
    public static LocalizedText HeaderLacks(string name, IReadOnlyList<(string Column, string Field)> missing, IEnumerable<string> found)
    {
        var foundText = QuotedHeader(found);
        return T(
            $"{name}:1：表头缺少必需的列 {string.Join("、", missing.Select(m => m.Column == m.Field ? m.Column : $"{m.Column}（对应 {m.Field}）"))}；表头实为 {foundText}",
            $"{name}:1: the header lacks required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => m.Column == m.Field ? m.Column : $"{m.Column} (for {m.Field})"))}; found {foundText}");
    }

    // ---- column mappings (--map, --statement-map) -------------------------------------------

    public static LocalizedText MapNotPair(string option, string pair) => T(
        $"{option}：“{pair}”不是“字段=列名”的形式",
        $"{option}: '{pair}' is not field=column");

    public static LocalizedText MapUnknownField(string option, string field, IEnumerable<string> fields) => T(
        $"{option}：未知的字段“{field}”；可用的字段为 {string.Join(", ", fields)}",
        $"{option}: unknown field '{field}'; fields are {string.Join(", ", fields)}");

    // ---- billing periods --------------------------------------------------------------------

    public static LocalizedText NotAPeriod(string? text) => T(
        $"“{text}”不是账期：请按 YYYY-MM 填写月份，如 2026-10",
        $"'{text}' is not a billing period: write the month as YYYY-MM, e.g. 2026-10");

    // ---- a call history (advise) ------------------------------------------------------------

    public static LocalizedText NoUsableCalls() => T(
        "文件中没有可用的通话记录",
        "the files hold no usable calls");

    public static LocalizedText NoCallsOf(HotlineNumber number, IEnumerable<HotlineNumber> present)
    {
        var numbers = present.OrderBy(x => x.Value).ToList();
        var shown = string.Join(", ", numbers.Take(10).Select(x => x.ToDisplayString()));
        return T(
            $"文件中没有 {number.ToDisplayString()} 的通话（文件中的号码：{shown.Replace(", ", "、", StringComparison.Ordinal)}{(numbers.Count > 10 ? $"……共 {numbers.Count} 个" : "")}）",
            $"no calls of {number.ToDisplayString()} in the files (numbers present: {shown}{(numbers.Count > 10 ? $", … {numbers.Count} in all" : "")})");
    }

    public static LocalizedText SeveralNumbers(IReadOnlyCollection<HotlineNumber> numbers)
    {
        var shown = numbers.OrderBy(x => x.Value).Take(5).Select(x => x.ToDisplayString()).ToList();
        return T(
            $"文件中有 {numbers.Count} 个号码的通话（{string.Join("、", shown)}{(numbers.Count > 5 ? "……" : "")}）；请用 --number 指定其中一个",
            $"the files hold calls of {numbers.Count} numbers ({string.Join(", ", shown)}{(numbers.Count > 5 ? ", …" : "")}); pick one with --number");
    }

    // ---- a traffic profile (advise --regions) -----------------------------------------------

    public static LocalizedText RegionNotPair(string part) => T(
        $"--regions：“{part}”不是“省份=占比”的形式（如 广东省=0.3）",
        $"--regions: '{part}' is not province=share (e.g. 广东省=0.3)");

    public static LocalizedText UnknownProvince(string name) => T(
        $"--regions：未知的省份“{name}”（请写全称，如 广东省、北京市）",
        $"--regions: unknown province '{name}' (use full names such as 广东省, 北京市)");

    public static LocalizedText SharesOverOne() => T(
        "--regions：各省份的占比加起来超过 1",
        "--regions: the shares add up to more than 1");

    // ---- top-ups (the prepaid ledger) -------------------------------------------------------

    public static LocalizedText TopUpNotPositive(Money.Money amount) => T(
        $"充值金额须大于零，不能是 {amount}",
        $"a top-up must be a positive amount, not {amount}");

    public static LocalizedText TopUpNotWholeFen(Money.Money amount) => T(
        $"充值金额须精确到分，不能是 {amount}",
        $"a top-up is paid in whole fen, not {amount}");

    public static LocalizedText TopUpNoVersion(string planKey, DateOnly date) => T(
        $"套餐 {planKey} 在 {date.ToString("yyyy-MM-dd", Inv)} 没有生效的版本",
        $"plan {planKey} has no version in force on {date.ToString("yyyy-MM-dd", Inv)}");

    /// <summary>
    /// A top-up below the plan version's minimum, said once: <paramref name="required"/> is the larger
    /// of the rule's amount and <paramref name="months"/> × the monthly minimum (<paramref name="byMonths"/>;
    /// zero when the rule has no months). The months are named only when they are what sets the
    /// minimum; otherwise the rule's amount is the whole story.
    /// </summary>
    public static LocalizedText TopUpBelowMinimum(Money.Money amount, LocalizedText planName, string planKey, int version, Money.Money required,
        Money.Money ruleAmount, int months, Money.Money monthlyMinimum, Money.Money byMonths)
    {
        var byMonthsSets = months > 0 && byMonths > Money.Money.Zero && byMonths >= ruleAmount;
        return T(
            $"充值 {amount} 元未受理：{planName.Zh}（{planKey} v{version}）每次充值须不少于 {required} 元"
                + (byMonthsSets ? $"，即 {months} 个月的月最低消费（每月 {monthlyMinimum} 元）" : ""),
            $"top-up of {amount} refused: {planName.In(Language.En)} ({planKey} v{version}) takes top-ups of at least {required}"
                + (byMonthsSets ? $", {months} months of its {monthlyMinimum} monthly minimum" : ""));
    }
}
