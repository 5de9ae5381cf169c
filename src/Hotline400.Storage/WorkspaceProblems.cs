using Hotline400.Billing;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Storage;

/// <summary>
/// Every message about a workspace that cannot be used or cannot do what was asked (no catalog yet,
/// a newer schema, a damaged file, a statement issued already…), in Chinese and English, in one
/// place (<see cref="Problems"/> holds the library's messages about input files). A
/// <see cref="WorkspaceException"/> carries one; its <see cref="Exception.Message"/> is the English text.
/// </summary>
public static class WorkspaceProblems
{
    private static LocalizedText T(string zh, string en) => new(zh, en);

    // ---- opening ----------------------------------------------------------------------------

    public static LocalizedText CannotOpen(string path, string detail) => T(
        $"{path}：无法打开工作区：{detail}",
        $"{path}: cannot open the workspace: {detail}");

    public static LocalizedText NewerSchema(string path, long version, long latest) => T(
        $"{path}：工作区的结构版本为 {version}，比本程序支持的版本 {latest} 新；请使用新版 hotline400",
        $"{path}: the workspace has schema version {version}, newer than this hotline400 knows ({latest}); use a newer hotline400");

    // ---- what has to be imported first ------------------------------------------------------

    /// <summary>Calls cannot be imported before a catalog and accounts (<paramref name="noCatalog"/>: neither is there).</summary>
    public static LocalizedText NothingToImportCallsUnder(string path, bool noCatalog) => noCatalog
        ? T($"{path}：工作区中还没有资费目录：请先导入资费目录和客户档案（hotline400 import catalog 文件，再 hotline400 import accounts 文件）",
            $"{path}: the workspace has no catalog yet: import a catalog and accounts first (hotline400 import catalog FILE)")
        : T($"{path}：工作区中还没有客户档案：请先导入客户档案（hotline400 import accounts 文件）",
            $"{path}: the workspace has no accounts yet: import accounts first (hotline400 import accounts FILE)");

    public static LocalizedText NoCatalog() => T(
        "工作区中还没有资费目录：请先运行 hotline400 import catalog 文件",
        "the workspace has no catalog: run 'hotline400 import catalog FILE' first");

    public static LocalizedText NoAccounts() => T(
        "工作区中还没有客户档案：请先运行 hotline400 import accounts 文件",
        "the workspace has no accounts: run 'hotline400 import accounts FILE' first");

    public static LocalizedText NotInAccounts(HotlineNumber number) => T(
        $"400号码 {number.ToDisplayString()} 不在客户档案中",
        $"{number.ToDisplayString()} is not in the accounts");

    // ---- stored texts that no longer load ---------------------------------------------------

    public static LocalizedText CatalogNoLongerLoads(string path, int version, string source, IEnumerable<Diagnostic> diagnostics)
    {
        var lines = string.Join("\n", diagnostics);
        return T($"{path}：第 {version} 版资费目录（{source}）已无法加载：\n{lines}",
            $"{path}: catalog version {version} ({source}) no longer loads:\n{lines}");
    }

    public static LocalizedText AccountsDoNotLoad(string path, int snapshot, string source, IEnumerable<Diagnostic> diagnostics)
    {
        var lines = string.Join("\n", diagnostics);
        return T($"{path}：第 {snapshot} 版客户档案（{source}）在该资费目录下无法加载：\n{lines}",
            $"{path}: accounts snapshot {snapshot} ({source}) does not load under this catalog:\n{lines}");
    }

    // ---- statements -------------------------------------------------------------------------

    public static LocalizedText IssuedAlready(HotlineNumber number, BillingPeriod period) => T(
        $"{number.ToDisplayString()} {period} 的账单已出，不能重出；更正请出调整单",
        $"a statement for {number.ToDisplayString()} {period} is issued already; a correction is an adjustment");

    public static LocalizedText NothingToAdjust(HotlineNumber number, BillingPeriod period) => T(
        $"{number.ToDisplayString()} {period} 没有已出的账单，无从调整",
        $"no statement for {number.ToDisplayString()} {period} to adjust");

    public static LocalizedText UnknownCallDetailFormat(HotlineNumber number, BillingPeriod period, int format) => T(
        $"{number.ToDisplayString()} {period} 账单的通话明细为第 {format} 种格式，本版本无法读取",
        $"the statement of {number.ToDisplayString()} {period} has call detail in format {format}, which this version does not read");

    // ---- a damaged workspace ----------------------------------------------------------------

    public static LocalizedText CallDetailUnknown() => T(
        "已存账单的通话明细格式无法识别",
        "a stored statement's call detail is not in a known format");

    public static LocalizedText CallDetailDamaged() => T(
        "已存账单的通话明细已损坏",
        "a stored statement's call detail is damaged");

    public static LocalizedText StatementEmpty() => T("已存的账单为空", "a stored statement is empty");

    public static LocalizedText AdjustmentEmpty() => T("已存的调整单为空", "a stored adjustment is empty");

    public static LocalizedText HashesNotContiguous(string path, long expected, long found) => T(
        $"{path}：工作区的通话索引 (call_hashes) 不连续（应从第 {expected} 通起，实为第 {found} 通）",
        $"{path}: call_hashes is not contiguous (expected the calls from {expected} on, found {found})");

    public static LocalizedText NoChunkHolds(string path, long seq) => T(
        $"{path}：工作区中没有存放第 {seq} 通通话的数据块",
        $"{path}: no stored chunk holds call {seq}");

    public static LocalizedText UnknownOutcome(string name) => T(
        $"通话表中有未知的通话结果“{name}”",
        $"unknown outcome '{name}' in the calls table");

    public static LocalizedText UnknownOutcomeCode(int code) => T(
        $"已存通话中有未知的通话结果代码 {code}",
        $"unknown outcome code {code} in a stored call");

    public static LocalizedText CallCorrupt() => T(
        "已存通话已损坏（变长整数过长）",
        "a stored call is corrupt (varint too long)");

    public static LocalizedText TooManyCalls() => T(
        "工作区中的通话超过一次导入能在内存中去重的上限（约30亿通）",
        "the workspace holds more calls than one import can de-duplicate in memory (about 3 billion)");

    public static LocalizedText SequenceOutOfRange(long seq) => T(
        $"通话序号 {seq} 超出范围（超过40亿通）",
        $"call sequence number {seq} is out of range (more than 4 billion calls)");
}
