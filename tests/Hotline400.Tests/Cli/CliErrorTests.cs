using Hotline400.Cli;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Cli;

/// <summary>
/// Unusable input, verb by verb: exit 2 (catalog check: 1) and an error line in Chinese by default
/// (<c>错误：…</c>), in English with <c>--lang en</c> (<c>error: …</c>), naming the file, option or
/// value at fault. Never a stack trace.
/// </summary>
public sealed class CliErrorTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Dictionary<string, string> _places;

    public CliErrorTests()
    {
        var calls = Header + "\n" + Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 61) + "\n";
        _places = new()
        {
            ["{catalog}"] = _dir.Write("catalog.yaml", CatalogYaml),
            ["{accounts}"] = _dir.Write("accounts.yaml", AccountsYaml),
            ["{brokencatalog}"] = _dir.Write("broken-catalog.yaml", "currency: USD\nproviders: []\n"),
            ["{brokenaccounts}"] = _dir.Write("broken-accounts.yaml", "enterprises:\n  - id: e1\n    name: E\n    frobnicate: yes\n"),
            ["{calls}"] = _dir.Write("calls.csv", calls),
            ["{empty}"] = _dir.Write("empty.csv", ""),
            ["{badheader}"] = _dir.Write("bad-header.csv", "call_id,number,started_at,ended_at\nc1,4008000000,2026-03-02T10:00:00,2026-03-02T10:01:00\n"),
            ["{twonumbers}"] = _dir.Write("two-numbers.csv", calls + Answered("c2", NumberFor("six"), "2026-03-02T11:00:00", 61) + "\n"),
            ["{badstatement}"] = _dir.Write("bad-statement.csv", "number,amount\n4008000000,1.00\n"),
            ["{missing}"] = _dir.File("missing.csv"),
            ["{nofolder}"] = Path.Combine(_dir.File("no-such-folder"), "out.csv"),
            ["{dir}"] = _dir.Path,
            ["{emptydb}"] = _dir.File("empty.db"),
        };
        global::Hotline400.Storage.SqliteWorkspace.Open(_places["{emptydb}"]).Dispose();
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Verb, arguments, exit code, the Chinese line (a part of it) and the English one; {placeholders} stand for the test's files, {db} for a new workspace.</summary>
    public static TheoryData<string, string, int, string, string> Cases => new()
    {
        // rate
        { "rate", "rate --catalog {catalog} --accounts {accounts} --out {dir}/r.csv {missing}", 2, "错误：文件 {missing} 不存在", "error: {missing}: no such file" },
        { "rate", "rate --catalog {catalog} --accounts {accounts} --out {dir}/r.csv {empty}", 2, "错误：{empty}：文件是空的；第一行须为表头（call_id,number,", "error: {empty}: the file is empty; a header row is required" },
        { "rate", "rate --catalog {catalog} --accounts {accounts} --out {dir}/r.csv {badheader}", 2, "错误：{badheader}:1：表头缺少必需的列 outcome；表头实为 call_id,number,started_at,ended_at", "error: {badheader}:1: the header lacks required column outcome; found call_id,number,started_at,ended_at" },
        { "rate", "rate --catalog {catalog} --accounts {accounts} --out {dir}/r.csv --map number=被叫号码 {calls}", 2, "错误：{calls}:1：表头缺少必需的列 被叫号码（对应 number）", "error: {calls}:1: the header lacks required column 被叫号码 (for number)" },
        { "rate", "rate --catalog {catalog} --accounts {accounts} --out {dir}/r.csv --map phone=x {calls}", 2, "错误：--map：未知的字段“phone”；可用的字段为 call_id, number", "error: --map: unknown field 'phone'; fields are call_id, number" },
        { "rate", "rate --catalog {catalog} --accounts {accounts} --out {dir}/r.csv --map number {calls}", 2, "错误：--map：“number”不是“字段=列名”的形式", "error: --map: 'number' is not field=column" },
        { "rate", "rate --catalog {catalog} --accounts {accounts} --out {dir}/r.csv {dir}", 2, "错误：{dir} 是文件夹，不是文件", "error: {dir} is a folder, not a file" },
        { "rate", "rate --catalog {missing} --accounts {accounts} --out {dir}/r.csv {calls}", 2, "错误：--catalog：文件 {missing} 不存在", "error: --catalog: {missing}: no such file" },
        { "rate", "rate --catalog {catalog} --accounts {missing} --out {dir}/r.csv {calls}", 2, "错误：--accounts：文件 {missing} 不存在", "error: --accounts: {missing}: no such file" },
        { "rate", "rate --catalog {brokencatalog} --accounts {accounts} --out {dir}/r.csv {calls}", 2, "错误：资费目录 {brokencatalog} 有 1 个问题（见上），无法使用", "error: the catalog {brokencatalog} has 1 problem (above) and cannot be used" },
        { "rate", "rate --catalog {catalog} --accounts {brokenaccounts} --out {dir}/r.csv {calls}", 2, "错误：客户档案 {brokenaccounts} 有", "error: the accounts {brokenaccounts} have" },
        { "rate", "rate --catalog {catalog} --accounts {accounts} --out {nofolder} {calls}", 2, "错误：--out：文件夹 {dir}/no-such-folder 不存在", "error: --out: the folder {dir}/no-such-folder does not exist" },
        { "rate", "rate --catalog {catalog} --accounts {accounts} --out {dir} {calls}", 2, "错误：--out：{dir} 是文件夹，请给出文件名", "error: --out: {dir} is a folder; give a file name" },
        { "rate", "rate --catalog {catalog} --accounts {accounts} --out {dir}/r.csv {calls} {twonumbers}", 0, "", "" },
        { "rate", "rate --catalog {catalog} --accounts {accounts} --out {dir}/r.csv {calls} {badheader}", 2, "错误：{badheader}：表头与 {calls} 的不同；不同格式的话单请分开计费", "error: {badheader}: its header differs from {calls}'s" },
        { "rate", "rate --catalog {catalog} --accounts {accounts} {calls}", 2, "错误：缺少必需的选项 --out", "error: missing the required option --out" },
        { "rate", "rate --catalog {catalog} --accounts {accounts} --out {dir}/r.csv", 2, "错误：命令 rate 缺少必需的参数 <calls>", "error: rate: missing the required argument <calls>" },
        { "rate", "rate --catalog {catalog} --accounts {accounts} --out {dir}/r.csv --frobnicate {calls}", 2, "错误：--frobnicate：不是 rate 的选项（见 hotline400 rate --help）", "error: --frobnicate: not an option of rate (see hotline400 rate --help)" },
        // import
        { "import calls", "import calls --db {db} {calls}", 2, "错误：{db}：工作区中还没有资费目录：请先导入资费目录和客户档案", "error: {db}: the workspace has no catalog yet" },
        { "import calls", "import calls --db {db} {missing}", 2, "错误：文件 {missing} 不存在", "error: {missing}: no such file" },
        { "import calls", "import calls --db {dir} {calls}", 2, "错误：--db：{dir} 是文件夹，请给出文件名", "error: --db: {dir} is a folder; give a file name" },
        { "import calls", "import calls --db {nofolder} {calls}", 2, "错误：--db：文件夹 {dir}/no-such-folder 不存在", "error: --db: the folder {dir}/no-such-folder does not exist" },
        { "import calls", "import calls --db {calls}/w.db {calls}", 2, "错误：--db：{calls} 不是文件夹", "error: --db: {calls} is not a folder" },
        { "import calls", "import calls --db {db} --rejects {dir} {calls}", 2, "错误：--rejects：{dir} 是文件夹，请给出文件名", "error: --rejects: {dir} is a folder; give a file name" },
        { "import calls", "import calls --db {db} --rejects {nofolder} {calls}", 2, "错误：--rejects：文件夹 {dir}/no-such-folder 不存在", "error: --rejects: the folder {dir}/no-such-folder does not exist" },
        { "import catalog", "import catalog --db {dir} {catalog}", 2, "错误：--db：{dir} 是文件夹，请给出文件名", "error: --db: {dir} is a folder; give a file name" },
        { "import catalog", "import catalog --db {nofolder} {catalog}", 2, "错误：--db：文件夹 {dir}/no-such-folder 不存在", "error: --db: the folder {dir}/no-such-folder does not exist" },
        { "statement", "statement 4008862047 2026-10 --db {dir}", 2, "错误：--db：{dir} 是文件夹，请给出文件名", "error: --db: {dir} is a folder; give a file name" },
        { "import catalog", "import catalog --db {db} {missing}", 2, "错误：文件 {missing} 不存在", "error: {missing}: no such file" },
        { "import catalog", "import catalog --db {db} {dir}", 2, "错误：{dir} 是文件夹，不是文件", "error: {dir} is a folder, not a file" },
        { "import catalog", "import catalog --db {db} {brokencatalog}", 2, "错误：资费目录有 1 个问题（见上），未导入", "error: catalog: not imported: 1 problem (above)" },
        { "import accounts", "import accounts --db {db} {accounts}", 2, "错误：工作区中还没有资费目录：请先运行 hotline400 import catalog 文件", "error: the workspace has no catalog: run 'hotline400 import catalog FILE' first" },
        // bill, statement, topup, balance
        { "bill", "bill 2026-13 --db {db}", 2, "错误：“2026-13”不是账期：请按 YYYY-MM 填写月份，如 2026-10", "error: '2026-13' is not a billing period: write the month as YYYY-MM, e.g. 2026-10" },
        { "bill", "bill 2026-10 --db {emptydb}", 2, "错误：工作区中还没有资费目录", "error: the workspace has no catalog" },
        { "bill", "bill 2026-10 --db {db}", 2, "错误：工作区 {db} 不存在；请先用 hotline400 import … 建立", "error: the workspace {db} does not exist; create it with hotline400 import … first" },
        { "bill", "bill 2026-10 --number 12345 --db {db}", 2, "错误：“12345”不是400号码（应为400加7位数字）", "error: '12345' is not a 400 number (400 followed by 7 digits)" },
        { "statement", "statement 4008862047 2026-10 --db {db}", 2, "错误：工作区 {db} 不存在；请先用 hotline400 import … 建立", "error: the workspace {db} does not exist; create it with hotline400 import … first" },
        { "statement", "statement 4008862047 2026-10 --db {emptydb}", 2, "错误：400-886-2047 2026-10 还没有出账；请先运行 hotline400 bill 2026-10", "error: no statement issued for 400-886-2047 2026-10; run 'hotline400 bill 2026-10' first" },
        { "statement", "statement 4008862047 2026/10 --db {db}", 2, "错误：“2026/10”不是账期", "error: '2026/10' is not a billing period" },
        { "statement", "statement 4008862047 2026-10 --format docx --db {db}", 2, "错误：--format：不接受“docx”，应为 text、json、csv、html、pdf 之一", "error: --format: 'docx' is not one of text, json, csv, html, pdf\n" },
        { "topup", "topup 4008862047 12.345 --db {db}", 2, "错误：“12.345”不是有效的金额：应为大于零、最多两位小数的元数", "error: '12.345' is not an amount in yuan above zero with at most two decimals" },
        { "topup", "topup 4008862047 600 --date 2026-02-30 --db {db}", 2, "错误：--date：“2026-02-30”不是日期，应形如 2026-10-31", "error: --date: '2026-02-30' is not a date like 2026-10-31" },
        { "topup", "topup 4008862047 600 --date 2026-10-01 --db {db}", 2, "错误：工作区 {db} 不存在；请先用 hotline400 import … 建立", "error: the workspace {db} does not exist; create it with hotline400 import … first" },
        { "balance", "balance 4008862047 --db {db}", 2, "错误：工作区 {db} 不存在；请先用 hotline400 import … 建立", "error: the workspace {db} does not exist; create it with hotline400 import … first" },
        { "topup", "topup 4008862047 600 --date 2026-10-01 --db {emptydb}", 2, "错误：400-886-2047 不在工作区的客户档案中", "error: 400-886-2047 is not in the workspace's accounts" },
        { "balance", "balance 12345 --db {db}", 2, "错误：“12345”不是400号码", "error: '12345' is not a 400 number" },
        // simulate, demo
        { "simulate", "simulate --accounts {accounts} --from 2026-10-05 --to 2026-10-01 --out {dir}/c.csv", 2, "错误：--to 2026-10-01 早于 --from 2026-10-05", "error: --to 2026-10-01 is before --from 2026-10-05" },
        { "simulate", "simulate --accounts {accounts} --from 2026-10-01 --to 2026-10-01 --out {nofolder}", 2, "错误：--out：文件夹 {dir}/no-such-folder 不存在", "error: --out: the folder {dir}/no-such-folder does not exist" },
        { "simulate", "simulate --accounts {accounts} --from 2026-10-01 --to 2026-10-01 --seed x --out {dir}/c.csv", 2, "错误：--seed：“x”不是整数", "error: --seed: 'x' is not a whole number\n" },
        { "simulate", "simulate --accounts {missing} --from 2026-10-01 --to 2026-10-01 --out {dir}/c.csv", 2, "错误：--accounts：文件 {missing} 不存在", "error: --accounts: {missing}: no such file" },
        { "demo", "demo --dir {calls}", 2, "错误：--dir：{calls} 不是文件夹", "error: --dir: {calls} is not a folder" },
        { "demo", "demo --dir {dir}/no-such-folder/demo", 2, "错误：--dir：文件夹 {dir}/no-such-folder 不存在", "error: --dir: the folder {dir}/no-such-folder does not exist" },
        { "simulate", "simulate --accounts {accounts} --from 2026-10-01 --to 2026-10-01 --out {calls}/c.csv", 2, "错误：--out：{calls} 不是文件夹", "error: --out: {calls} is not a folder" },
        { "demo", "demo --dir {dir}/demo --from 2026-07-01 --to 2026-06-01", 2, "错误：--from 和 --to 须为形如 2026-07-01 的日期，且 --to 不早于 --from（实为 2026-07-01 … 2026-06-01）", "error: --from and --to must be dates like 2026-07-01" },
        // advise
        { "advise", "advise --calls {twonumbers}", 2, "错误：文件中有 2 个号码的通话（400-800-0000、400-800-0001）；请用 --number 指定其中一个", "error: the files hold calls of 2 numbers (400-800-0000, 400-800-0001); pick one with --number" },
        { "advise", "advise --calls {calls} --number 4009999999", 2, "错误：文件中没有 400-999-9999 的通话（文件中的号码：400-800-0000）", "error: no calls of 400-999-9999 in the files (numbers present: 400-800-0000)" },
        { "advise", "advise --calls {calls} --number 12345", 2, "错误：--number：“12345”不是400号码", "error: --number: '12345' is not a 400 number" },
        { "advise", "advise --calls {missing}", 2, "错误：文件 {missing} 不存在", "error: {missing}: no such file" },
        { "advise", "advise --calls {empty}", 2, "错误：{empty}：文件是空的", "error: {empty}: the file is empty" },
        { "advise", "advise --calls {calls} --needs telepathy", 2, "错误：--needs：未知的服务“telepathy”；目录中的服务有", "error: --needs: unknown service id 'telepathy'; the catalog's services are:" },
        { "advise", "advise --calls {calls} --growth -100", 2, "错误：--growth：-100% 会使话务量归零；请给出大于 -100 的百分比", "error: --growth: -100% would leave no traffic" },
        { "advise", "advise --minutes-per-month 100 --regions 火星=0.5", 2, "错误：--regions：未知的省份“火星”（请写全称，如 广东省、北京市）", "error: --regions: unknown province '火星'" },
        { "advise", "advise --minutes-per-month 100 --regions 广东省=0.7,北京市=0.6", 2, "错误：--regions：各省份的占比加起来超过 1", "error: --regions: the shares add up to more than 1" },
        { "advise", "advise --minutes-per-month 100 --peak-share 2", 2, "错误：--peak-share 须在 0 到 1 之间", "error: --peak-share must be between 0 and 1" },
        { "advise", "advise --calls {calls} --minutes-per-month 100", 2, "错误：--calls 与话务画像（--minutes-per-month …）只能二选一", "error: give either --calls or a profile" },
        { "advise", "advise", 2, "错误：请用 --calls 文件… 给出通话记录，或用 --minutes-per-month N 给出话务画像", "error: give the call history with --calls FILE…" },
        { "advise", "advise --calls {calls} --html {nofolder}", 2, "错误：--html：文件夹 {dir}/no-such-folder 不存在", "error: --html: the folder {dir}/no-such-folder does not exist" },
        { "advise", "advise --calls {calls} --html {dir}", 2, "错误：--html：{dir} 是文件夹，请给出文件名", "error: --html: {dir} is a folder; give a file name" },
        { "advise", "advise --calls {calls} --png {dir}", 2, "错误：--png：{dir} 是文件夹，请给出文件名", "error: --png: {dir} is a folder; give a file name" },
        { "advise", "advise --calls {calls} --png {nofolder}", 2, "错误：--png：文件夹 {dir}/no-such-folder 不存在", "error: --png: the folder {dir}/no-such-folder does not exist" },
        // audit
        { "audit", "audit --statement {missing} --calls {calls} --catalog {catalog} --accounts {accounts}", 2, "错误：文件 {missing} 不存在", "error: {missing}: no such file" },
        { "audit", "audit --statement {badstatement} --calls {calls} --catalog {catalog} --accounts {accounts}", 2, "错误：{badstatement}:1：表头缺少必需的列 period、line_type；表头实为 number,amount", "error: {badstatement}:1: the header lacks required columns period, line_type; found number,amount" },
        { "audit", "audit --statement {empty} --calls {calls} --catalog {catalog} --accounts {accounts}", 2, "错误：{empty}：文件是空的；第一行须为表头（number,period,", "error: {empty}: the file is empty; a header row is required (number,period," },
        { "audit", "audit --statement {badstatement} --calls {calls} --catalog {catalog} --accounts {accounts} --statement-map amout=金额", 2, "错误：--statement-map：未知的字段“amout”", "error: --statement-map: unknown field 'amout'" },
        { "audit", "audit --statement {badstatement} --calls {calls} --catalog {catalog}", 2, "错误：缺少必需的选项 --accounts", "error: missing the required option --accounts" },
        // report
        { "report", "report --calls {missing}", 2, "错误：文件 {missing} 不存在", "error: {missing}: no such file" },
        { "report", "report --calls {badheader}", 2, "错误：{badheader}:1：表头缺少必需的列 outcome", "error: {badheader}:1: the header lacks required column outcome" },
        { "report", "report --calls {calls} --catalog {catalog}", 2, "错误：--catalog 与 --accounts 须一起给出", "error: --catalog and --accounts go together" },
        { "report", "report --calls {calls} --number 12345", 2, "错误：--number：“12345”不是400号码", "error: --number: '12345' is not a 400 number" },
        { "report", "report --calls {calls} --number 4009999999", 2, "错误：--number：文件中没有 400-999-9999 的通话", "error: --number: no calls of 400-999-9999 in the files" },
        { "report", "report --calls {calls} --png {calls}", 2, "错误：--png：{calls} 不是文件夹", "error: --png: {calls} is not a folder" },
        { "report", "report --calls {calls} --png {dir}/no-such-folder/charts", 2, "错误：--png：文件夹 {dir}/no-such-folder 不存在", "error: --png: the folder {dir}/no-such-folder does not exist" },
        { "report", "report --calls {calls} --html {dir}", 2, "错误：--html：{dir} 是文件夹，请给出文件名", "error: --html: {dir} is a folder; give a file name" },
        // catalog check: a check, so its findings exit 1
        { "catalog check", "catalog check {missing}", 1, "错误：文件 {missing} 不存在", "error: {missing}: no such file" },
        // no verb at all
        { "(none)", "frobnicate", 2, "错误：无法识别的命令或参数“frobnicate”", "error: unrecognized command or argument 'frobnicate'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unusable_input_is_one_error_line_in_the_language_of_lang(string verb, string args, int code, string zh, string en)
    {
        var (zhCode, zhOut, zhErr) = Run(args);
        Assert.True(zhCode == code, $"{verb}: exit {zhCode}\n{zhOut}{zhErr}");
        Assert.DoesNotContain("   at ", zhErr, StringComparison.Ordinal);
        if (code == 0)
        {
            return;
        }
        Assert.Contains(Resolve(zh), zhErr, StringComparison.Ordinal);
        Assert.DoesNotContain("error:", zhErr, StringComparison.Ordinal);

        var (enCode, _, enErr) = Run(args + " --lang en");
        Assert.Equal(code, enCode);
        Assert.Contains(Resolve(en), enErr, StringComparison.Ordinal);
        Assert.DoesNotContain("错误：", enErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_line_error_points_at_the_verbs_help_and_says_it_is_English()
    {
        var (code, _, error) = Run("statement 4008862047");
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal(["错误：命令 statement 缺少必需的参数 <period>", "用法见 hotline400 statement --help（帮助为英文）"], Lines(error));
        (code, _, error) = Run("statement 4008862047 --lang en");
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal(["error: statement: missing the required argument <period>", "Try 'hotline400 statement --help'."], Lines(error));
    }

    /// <summary>Command-line errors with <c>--lang en</c>, System.CommandLine's wording and all: one reworded line each, then where the help is.</summary>
    public static TheoryData<string, string> EnglishCommandLineErrors => new()
    {
        { "statement 4008862047 2026-10 --format docx", "error: --format: 'docx' is not one of text, json, csv, html, pdf" },
        { "simulate --accounts {accounts} --from 2026-10-01 --to 2026-10-01 --seed abc --out {dir}/c.csv", "error: --seed: 'abc' is not a whole number" },
        { "advise --calls {calls} --growth lots", "error: --growth: 'lots' is not a number" },
        { "advise --minutes-per-month 1.5", "error: --minutes-per-month: '1.5' is not a whole number" },
        { "rate --catalog {catalog} --accounts {accounts} {calls}", "error: missing the required option --out" },
        { "rate --catalog {catalog} --accounts {accounts} --out {dir}/a.csv --out {dir}/b.csv {calls}", "error: --out takes one value, 2 were given" },
        { "balance", "error: balance: missing the required argument <number>" },
        { "report --lang en --calls {calls} --png", "error: --png: no value given" },
        { "frobnicate", "error: unrecognized command or argument 'frobnicate'" },
    };

    [Theory]
    [MemberData(nameof(EnglishCommandLineErrors))]
    public void Command_line_errors_in_English_are_reworded_on_one_line_each(string args, string expected)
    {
        var (code, _, error) = Run(args.Contains("--lang", StringComparison.Ordinal) ? args : args + " --lang en");
        Assert.Equal(CliApp.Unusable, code);
        var lines = Lines(error);
        Assert.Contains(Resolve(expected), lines);
        Assert.All(lines, l => Assert.True(l.StartsWith("error: ", StringComparison.Ordinal) || l.StartsWith("Try '", StringComparison.Ordinal), l));
        Assert.DoesNotContain('\t', error);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EN", "error: --format: 'docx' is not one of text, json, csv, html, pdf")]
    [InlineData("En", "error: --format: 'docx' is not one of text, json, csv, html, pdf")]
    [InlineData("ZH", "错误：--format：不接受“docx”，应为 text、json、csv、html、pdf 之一")]
    public void The_language_is_taken_in_either_case(string lang, string expected)
    {
        var (code, _, error) = Run($"statement 4008862047 2026-10 --format docx --lang {lang}");
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal(2, Lines(error).Length); // the error and where the help is: nothing about --lang
        Assert.Equal(expected, Lines(error)[0]);
        (code, _, error) = Run($"statement 4008862047 2026-10 --format docx --lang={lang}");
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal(2, Lines(error).Length);
        Assert.Equal(expected, Lines(error)[0]);
    }

    [Fact]
    public void A_verb_speaks_English_with_lang_in_capitals()
    {
        var (code, output, error) = Run("catalog check {catalog} --lang EN");
        Assert.True(code == CliApp.Ok, error);
        Assert.Contains("OK: no problems found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_language_other_than_zh_or_en_is_refused_in_Chinese()
    {
        var (code, _, error) = Run("rate --catalog {catalog} --accounts {accounts} --out {dir}/r.csv --lang fr {calls}");
        Assert.Equal(CliApp.Unusable, code);
        Assert.Contains("错误：--lang：不接受“fr”，应为 zh、en 之一", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_stays_English_and_the_lang_option_says_it_covers_error_messages()
    {
        var (code, output, _) = Run("rate --help");
        Assert.Equal(CliApp.Ok, code);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains("Language of labels, explanations and error messages: zh (default) or en", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("catalog check {catalog}", "检查通过：没有发现问题", "OK: no problems found")]
    [InlineData("simulate --catalog {catalog} --accounts {accounts} --from 2026-10-01 --to 2026-10-01 --calls-per-day 1 --out {dir}/sim.csv", "已模拟", " calls for ")]
    [InlineData("import catalog --db {db} {catalog}", "资费目录：已导入第 1 版", "catalog: version 1 added")]
    public void Verbs_that_had_no_lang_speak_Chinese_by_default_and_English_on_request(string args, string zh, string en)
    {
        var (code, output, error) = Run(args);
        Assert.True(code == CliApp.Ok, error);
        Assert.Contains(Resolve(zh), output, StringComparison.Ordinal);
        (code, output, error) = Run(args + " --lang en");
        Assert.True(code == CliApp.Ok, error);
        Assert.Contains(Resolve(en), output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_top_up_and_a_balance_follow_lang()
    {
        var db = _dir.File("ledger.db");
        var catalog = _dir.Write("sample-catalog.yaml", global::Hotline400.Common.SampleData.CatalogYaml);
        var accounts = _dir.Write("sample-accounts.yaml", global::Hotline400.Common.SampleData.AccountsYaml);
        Assert.Equal(CliApp.Ok, Run($"import catalog --db {db} {catalog}").Code);
        Assert.Equal(CliApp.Ok, Run($"import accounts --db {db} {accounts}").Code);

        var (code, _, error) = Run($"topup 400-886-2047 100 --date 2026-08-01 --db {db}");
        Assert.Equal(CliApp.SomeRejected, code);
        Assert.Contains("充值 100.00 元未受理：600元预存话费（telecom/tel-600 v1）每次充值须不少于 600.00 元", error, StringComparison.Ordinal);
        (code, _, error) = Run($"topup 400-886-2047 100 --date 2026-08-01 --db {db} --lang en");
        Assert.Equal(CliApp.SomeRejected, code);
        Assert.Contains("top-up of 100.00 refused: 600 yuan prepaid balance (telecom/tel-600 v1) takes top-ups of at least 600.00", error, StringComparison.Ordinal);

        Assert.Equal(CliApp.Ok, Run($"topup 400-886-2047 600 --date 2026-08-01 --db {db}").Code);
        var (_, output, _) = Run($"balance 400-886-2047 --date 2026-08-02 --db {db}");
        Assert.Contains("预存余额：¥600.00", output, StringComparison.Ordinal);
        (_, output, _) = Run($"balance 400-886-2047 --date 2026-08-02 --db {db} --lang en");
        Assert.Contains("balance: ¥600.00", output, StringComparison.Ordinal);
        Assert.DoesNotContain("预存", output, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private string Resolve(string text)
    {
        foreach (var (placeholder, value) in _places)
        {
            text = text.Replace(placeholder, value, StringComparison.Ordinal);
        }
        return text;
    }

    private string? _db;

    private (int Code, string Out, string Err) Run(string args)
    {
        // Each run gets a new workspace, named in the messages as {db}.
        _db = _dir.File($"w-{Guid.NewGuid():N}.db");
        _places["{db}"] = _db;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run([.. args.Split(' ').Select(Resolve)], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
