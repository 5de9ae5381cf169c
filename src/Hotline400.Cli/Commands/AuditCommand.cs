using System.CommandLine;
using System.Globalization;
using Hotline400.Audit;
using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Numbers;
using Spectre.Console;

namespace Hotline400.Cli.Commands;

/// <summary>
/// <c>hotline400 audit</c>: re-rates the call records under the catalog and accounts and
/// reconciles a provider's statement with them line by line. Exit 0 when the bill is right, 1 when
/// it is not (a finding or an unreadable statement row), 2 when the input is unusable.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CliConsole console)
    {
        var statement = new Option<string>("--statement") { Description = "The provider's statement (CSV, docs/audit.md)", Required = true };
        var calls = new Option<string[]>("--calls")
        {
            Description = "Call record CSV files of the billed months",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var catalog = new Option<string>("--catalog") { Description = "Tariff catalog YAML (the contract)", Required = true };
        var accounts = new Option<string>("--accounts") { Description = "Accounts YAML", Required = true };
        var map = new Option<string?>("--map") { Description = "Column mapping of the call files: field=column,…" };
        var statementMap = new Option<string?>("--statement-map") { Description = "Column mapping of the statement: field=column,… (e.g. amount=金额)" };
        var json = CommonOptions.Json();
        var lang = CommonOptions.Lang();
        var command = new Command("audit", "Audit a provider's statement: re-rate the calls and list every difference with its cause")
        {
            statement, calls, catalog, accounts, map, statementMap, json, lang,
        };
        command.SetAction(pr => Run(console, new AuditRequest(
            pr.GetValue(statement)!, pr.GetValue(calls)!, pr.GetValue(catalog)!, pr.GetValue(accounts)!, pr.GetValue(map), pr.GetValue(statementMap),
            pr.GetValue(json), CommonOptions.ParseLanguage(pr.GetValue(lang)))));
        return command;
    }

    internal sealed record AuditRequest(string Statement, string[] Calls, string Catalog, string Accounts, string? Map, string? StatementMap, bool Json, Language Language);

    internal static int Run(CliConsole console, AuditRequest request)
    {
        RegionResolver.PreloadInBackground();
        if (!CommonOptions.TryColumnMap(console, request.Map, out var callMap))
        {
            return CliApp.Unusable;
        }
        var statementMap = StatementColumnMap.Default;
        if (request.StatementMap is not null)
        {
            var parsed = StatementColumnMap.Parse(request.StatementMap, out var mapError);
            if (parsed is null)
            {
                console.Fail(mapError!);
                return CliApp.Unusable;
            }
            statementMap = parsed;
        }
        foreach (var f in request.Calls.Append(request.Statement))
        {
            if (!File.Exists(f))
            {
                console.Fail(CommonOptions.Missing(f));
                return CliApp.Unusable;
            }
        }
        if (!CommonOptions.LoadCatalogAndAccounts(console, request.Catalog, request.Accounts, out var catalog, out var accounts))
        {
            return CliApp.Unusable;
        }
        var statement = ProviderStatementReader.ReadFile(request.Statement, statementMap, accounts, out var statementError);
        if (statement is null)
        {
            console.Fail(statementError!);
            return CliApp.Unusable;
        }
        if (statement.Charges.Count == 0)
        {
            statement.Rejects.Take(20).ToList().ForEach(r => console.Error.WriteLine(r.Describe(request.Language)));
            console.Fail(CliMessages.NoUsableStatementLine(request.Statement));
            return CliApp.Unusable;
        }
        var errors = new List<LocalizedText>();
        var rating = BillAuditor.RateCalls(request.Calls, catalog, accounts, callMap, errors);
        if (rating is null)
        {
            console.Fail(errors);
            return CliApp.Unusable;
        }
        var (rated, callRejects, _) = rating.Value;
        var result = BillAuditor.Audit(statement, rated, catalog, accounts, callRejects);
        foreach (var w in result.Warnings)
        {
            console.Error.WriteLine((request.Language == Language.Zh ? "注意：" : "warning: ") + w.In(request.Language));
        }
        if (request.Json)
        {
            WriteJson(console, result, request.Language);
        }
        else
        {
            WriteTable(console, result, request.Language);
        }
        return result.Ok ? CliApp.Ok : CliApp.SomeRejected;
    }

    private static string Yuan(Money.Money m) => m.RoundToFen().Yuan.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The JSON report: machine codes (<c>cause</c>, <c>line_type</c>) are fixed; <c>detail</c> and <c>warnings</c> follow <c>--lang</c> (Chinese by default).</summary>
    private static void WriteJson(CliConsole console, AuditResult result, Language language)
    {
        var findings = result.Findings.Select(f =>
        {
            var o = new Dictionary<string, object?> { ["cause"] = AuditCauses.Code(f.Cause) };
            if (f.CallId is not null)
            {
                o["call_id"] = f.CallId;
            }
            o["number"] = f.Number.Value.ToString(CultureInfo.InvariantCulture);
            o["period"] = f.Period.ToString();
            o["line_type"] = f.LineType;
            o["line"] = f.Line;
            o["expected"] = Yuan(f.Expected);
            o["billed"] = Yuan(f.Billed);
            o["difference"] = Yuan(f.Difference);
            o["verified"] = f.Verified;
            if (f.NeedsCallsFrom is { } from)
            {
                o["needs_calls_from"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            o["detail"] = f.Detail.In(language);
            if (f.Wording is not null)
            {
                o["description"] = f.Wording;
            }
            return o;
        }).ToList();
        CommonOptions.WriteJson(console, new Dictionary<string, object?>
        {
            ["ok"] = result.Ok,
            ["findings"] = findings,
            ["at_stake"] = Yuan(result.AtStake),
            ["at_stake_unverified"] = Yuan(result.AtStakeUnverified),
            ["warnings"] = result.Warnings.Select(w => w.In(language)).ToList(),
            ["holidays_unknown_from"] = result.HolidaysUnknownFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["overcharged"] = Yuan(result.Overcharged),
            ["undercharged"] = Yuan(result.Undercharged),
            ["by_cause"] = result.ByCause.Select(c => new
            {
                cause = AuditCauses.Code(c.Cause), count = c.Count, at_stake = Yuan(c.AtStake), unverified = c.Unverified, at_stake_unverified = Yuan(c.AtStakeUnverified),
            }).ToList(),
            ["allowance_assumed_full"] = result.AllowanceAssumedFull.Select(a => new
            {
                number = a.Number.Value.ToString(CultureInfo.InvariantCulture),
                plan = a.Plan.Key,
                period_start = a.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                first_call = a.FirstCall.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                allowance_period_start = a.AllowanceFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                tier_month_start = a.TierMonthFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                note = BillAuditor.StateNote(a).In(language),
            }).ToList(),
            ["billed"] = Yuan(result.Billed),
            ["expected"] = Yuan(result.Expected),
            ["statements"] = result.Statements.Select(s => new { number = s.Number.Value.ToString(CultureInfo.InvariantCulture), period = s.Period.ToString() }).ToList(),
            ["call_lines"] = result.CallLines,
            ["fee_lines"] = result.FeeLines,
            ["calls_rated"] = result.CallsRated,
            ["call_rejects"] = result.CallRejects.Count,
            ["call_rejects_by_code"] = result.CallRejects.GroupBy(r => r.Code).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            ["statement_rejects"] = result.StatementRejects.Select(r =>
            {
                var o = new Dictionary<string, object?> { ["file"] = r.File, ["line"] = r.Line, ["field"] = r.Field, ["code"] = r.Code, ["reason"] = r.Message(language) };
                if (r.CallId is not null)
                {
                    o["call_id"] = r.CallId;
                }
                return o;
            }).ToList(),
        });
    }

    /// <summary>
    /// One cause of the summary as a sentence: how many findings and which way the money goes
    /// (<c>计费分钟数不符（取整/计费单位）：1 项，多收 0.12 元</c>; <c>Billed minutes differ (rounding / increment): 1 finding, 0.12 overcharged</c>).
    /// </summary>
    internal static string CauseSummary(AuditCause cause, int count, Money.Money atStake, Language language) =>
        CauseSummary(new CauseTotal(cause, count, atStake, 0, Money.Money.Zero), language);

    /// <summary>
    /// One cause of the summary as a sentence, the unverified findings apart and out of the total
    /// (<c>费率不符：2 项，多收 0.26 元；另 1 项待核实（少收 0.06 元，未计入合计）</c>;
    /// <c>Rate differs: 2 findings, 0.26 overcharged; 1 more unverified (0.06 left out, not in the total)</c>).
    /// </summary>
    internal static string CauseSummary(CauseTotal total, Language language)
    {
        var name = AuditCauses.Name(total.Cause).In(language);
        var zh = language == Language.Zh;
        var verified = total.Count - total.Unverified;
        var parts = new List<string>(2);
        if (verified > 0)
        {
            parts.Add(zh ? $"{verified} 项，{Direction(total.AtStake, language)}" : $"{verified} finding{(verified == 1 ? "" : "s")}, {Direction(total.AtStake, language)}");
        }
        if (total.Unverified > 0)
        {
            var n = total.Unverified;
            var money = Direction(total.AtStakeUnverified, language);
            parts.Add(zh
                ? $"{(verified > 0 ? "另 " : "")}{n} 项待核实（{money}，未计入合计）"
                : $"{n} {(verified > 0 ? "more " : "")}unverified{(verified > 0 ? "" : n == 1 ? " finding" : " findings")} ({money}, not in the total)");
        }
        return zh ? $"{name}：{string.Join("；", parts)}" : $"{name}: {string.Join("; ", parts)}";
    }

    /// <summary>A net difference as words: <c>多收 0.12 元</c> / <c>少收 0.60 元</c> / <c>差额 0.00 元</c>; <c>0.12 overcharged</c> / <c>0.60 left out</c> / <c>netting to 0.00</c>.</summary>
    private static string Direction(Money.Money atStake, Language language)
    {
        var sign = atStake.Yuan.CompareTo(0m);
        var amount = Yuan(sign < 0 ? -atStake : atStake);
        return language == Language.Zh
            ? $"{(sign > 0 ? "多收" : sign < 0 ? "少收" : "差额")} {amount} 元"
            : sign > 0 ? $"{amount} overcharged" : sign < 0 ? $"{amount} left out" : $"netting to {amount}";
    }

    /// <summary>Says once, under the totals, for each subscription whose allowance or tier volume began before the files, what the audit could not know (<c>注意：</c>).</summary>
    private static void WriteStateNotes(CliConsole console, AuditResult result, Language language)
    {
        foreach (var a in result.AllowanceAssumedFull)
        {
            console.Out.WriteLine((language == Language.Zh ? "注意：" : "Note: ") + BillAuditor.StateNote(a).In(language));
        }
    }

    private static void WriteTable(CliConsole console, AuditResult result, Language language)
    {
        var zh = language == Language.Zh;
        foreach (var r in result.StatementRejects)
        {
            console.Error.WriteLine(r.Describe(language));
        }
        if (result.Findings.Count > 0)
        {
            var table = new Table().Title(zh ? "账单稽核结果" : "Bill audit findings")
                .AddColumn(zh ? "原因" : "Cause")
                .AddColumn(zh ? "400号码" : "400 number")
                .AddColumn(zh ? "账期" : "Period")
                .AddColumn(new TableColumn(zh ? "行" : "Line").RightAligned())
                .AddColumn(zh ? "通话/项目" : "Call / item")
                .AddColumn(new TableColumn(zh ? "应收(元)" : "Expected (¥)").RightAligned())
                .AddColumn(new TableColumn(zh ? "账单(元)" : "Billed (¥)").RightAligned())
                .AddColumn(new TableColumn(zh ? "差额(元)" : "Difference (¥)").RightAligned())
                .AddColumn(zh ? "说明" : "Detail");
            foreach (var group in result.Findings.GroupBy(f => f.Cause).OrderBy(g => g.Key))
            {
                var name = Markup.Escape(AuditCauses.Name(group.Key).In(language));
                foreach (var f in group)
                {
                    // An unverified difference is marked where the money is, and its detail says why.
                    var difference = f.Verified ? Yuan(f.Difference) : Yuan(f.Difference) + (zh ? " 待核实" : " unverified");
                    table.AddRow(name, f.Number.ToDisplayString(), f.Period.ToString(), f.Line == 0 ? "—" : f.Line.ToString(CultureInfo.InvariantCulture),
                        Markup.Escape(f.CallId ?? f.LineType), Yuan(f.Expected), Yuan(f.Billed), difference, Markup.Escape(f.Detail.In(language)));
                    name = "";
                }
                var subtotal = group.Where(f => f.Verified).Aggregate(Money.Money.Zero, (s, f) => s + f.Difference);
                var unsure = group.Where(f => !f.Verified).ToList();
                var unsureSum = Yuan(unsure.Aggregate(Money.Money.Zero, (s, f) => s + f.Difference));
                if (unsure.Count == group.Count())
                {
                    table.AddRow("", "", "", "", zh ? $"[bold]小计 {unsure.Count} 项（待核实）[/]" : $"[bold]Subtotal, {unsure.Count} (unverified)[/]", "", "",
                        zh ? $"[bold]{unsureSum} 待核实[/]" : $"[bold]{unsureSum} unverified[/]", "");
                    continue;
                }
                var apart = unsure.Count == 0 ? ""
                    : zh ? $"另 {unsure.Count} 项待核实，差额 {unsureSum} 元，未计入小计"
                    : $"{unsure.Count} more unverified, {unsureSum} apart, not in the subtotal";
                table.AddRow("", "", "", "", zh ? $"[bold]小计 {group.Count() - unsure.Count} 项[/]" : $"[bold]Subtotal, {group.Count() - unsure.Count}[/]", "", "", $"[bold]{Yuan(subtotal)}[/]", Markup.Escape(apart));
            }
            console.Ansi.Write(table);
        }
        var inv = CultureInfo.InvariantCulture;
        console.Out.WriteLine(zh
            ? $"稽核 {result.Statements.Count} 份账单：通话行 {result.CallLines:N0}，费用行 {result.FeeLines:N0}；话单计费 {result.CallsRated.ToString("N0", inv)} 通"
            : $"audited {result.Statements.Count} statement(s): {result.CallLines:N0} call lines, {result.FeeLines:N0} fee lines; {result.CallsRated.ToString("N0", inv)} calls rated");
        console.Out.WriteLine(zh
            ? $"账单金额 {Yuan(result.Billed)} 元，应收 {Yuan(result.Expected)} 元"
            : $"billed {Yuan(result.Billed)}, expected {Yuan(result.Expected)}");
        if (result.CallRejects.Count > 0)
        {
            console.Error.WriteLine(zh ? $"话单中 {result.CallRejects.Count} 行无法计费（如 rate 命令所示）" : $"{result.CallRejects.Count} call rows could not be rated (as the rate command shows)");
        }
        if (result.Ok)
        {
            console.Out.WriteLine(result.AllowanceAssumedFull.Count == 0
                ? zh ? "账单正确：每一行都与合同相符。" : "The bill is right: every line matches the contract."
                : zh ? "按所给话单，每一行都与合同相符；但部分套餐余量或阶梯用量的起点早于话单，见下方注意。"
                : "Every line matches the contract as far as the call files show; but some allowances or tier volumes began before the files: see the note below.");
            WriteStateNotes(console, result, language);
            return;
        }
        foreach (var total in result.ByCause)
        {
            console.Out.WriteLine("  " + CauseSummary(total, language));
        }
        console.Out.WriteLine(zh
            ? $"涉及金额合计 {Yuan(result.AtStake)} 元（多收 {Yuan(result.Overcharged)} 元，少收 {Yuan(-result.Undercharged)} 元）"
            : $"money at stake {Yuan(result.AtStake)} (overcharged {Yuan(result.Overcharged)}, left out {Yuan(-result.Undercharged)})");
        var unverified = result.Findings.Where(f => !f.Verified).ToList();
        if (unverified.Count > 0)
        {
            // Which calls would settle them: per number, from the earliest day its findings need.
            var needs = unverified.GroupBy(f => f.Number).OrderBy(g => g.Key.Value).Select(g => (Number: g.Key.ToDisplayString(), From: g.Min(f => f.NeedsCallsFrom!.Value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList();
            var more = unverified.Count < result.Findings.Count;
            console.Out.WriteLine(zh
                ? $"{(more ? "另有" : "有")} {unverified.Count} 项差异待核实，差额 {Yuan(result.AtStakeUnverified)} 元，未计入{(more ? "上述合计" : "涉及金额")}：需补充 {string.Join("、", needs.Select(n => $"{n.Number} 自 {n.From} 起"))}的通话记录"
                : $"{unverified.Count} {(more ? "more " : "")}difference{(unverified.Count == 1 ? " is" : "s are")} unverified, {Yuan(result.AtStakeUnverified)} in all, not in the money at stake: {(unverified.Count == 1 ? "it needs" : "they need")} the calls of {string.Join(", ", needs.Select(n => $"{n.Number} from {n.From} on"))}");
        }
        WriteStateNotes(console, result, language);
        if (result.StatementRejects.Count > 0)
        {
            var calls = result.StatementRejects.Count(r => r.CallId is not null);
            console.Out.WriteLine(zh
                ? $"账单中 {result.StatementRejects.Count} 行无法读取，未稽核" + (calls > 0 ? $"（其中 {calls} 行为通话，其通话不计为漏计）" : "")
                : $"{result.StatementRejects.Count} statement rows could not be read and were not audited" + (calls > 0 ? $" ({calls} of them name a call, which is not counted as left out)" : ""));
        }
    }
}
