using System.CommandLine;
using System.Globalization;
using Hotline400.Accounts;
using Hotline400.Common;
using Hotline400.Storage;

namespace Hotline400.Cli.Commands;

/// <summary>
/// <c>hotline400 topup NUMBER AMOUNT</c> and <c>hotline400 balance NUMBER</c>: the prepaid ledger
/// of the number's current subscription. A top-up below the plan's minimum is refused with the rule.
/// </summary>
internal static class LedgerCommands
{
    public static Command TopUp(CliConsole console, TimeProvider clock)
    {
        var number = new Argument<string>("number") { Description = "The 400 number" };
        var amount = new Argument<string>("amount") { Description = "Yuan, e.g. 600" };
        var date = new Option<string?>("--date") { Description = "The top-up's date (default: today, China time)" };
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var lang = CommonOptions.Lang();
        var command = new Command("topup", "Top up a number's prepaid balance (the plan's minimum top-up applies)") { number, amount, date, db, json, lang };
        command.SetAction(pr => RunTopUp(console, clock, pr.GetValue(number)!, pr.GetValue(amount)!, pr.GetValue(date), pr.GetValue(db)!, pr.GetValue(json), CommonOptions.ParseLanguage(pr.GetValue(lang))));
        return command;
    }

    public static Command Balance(CliConsole console, TimeProvider clock)
    {
        var number = new Argument<string>("number") { Description = "The 400 number" };
        var date = new Option<string?>("--date") { Description = "As of this date (default: today, China time)" };
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var lang = CommonOptions.Lang();
        var command = new Command("balance", "Money and minutes left, and when they run out at the current pace") { number, date, db, json, lang };
        command.SetAction(pr => RunBalance(console, clock, pr.GetValue(number)!, pr.GetValue(date), pr.GetValue(db)!, pr.GetValue(json), CommonOptions.ParseLanguage(pr.GetValue(lang))));
        return command;
    }

    /// <summary>The subscription in force on the date and its ledger; null (after saying why) when there is none.</summary>
    private static (SqliteWorkspace Workspace, Subscription Subscription, PrepaidLedger Ledger)? Open(CliConsole console, string numberText, DateOnly date, string db)
    {
        if (!CommonParsing.Number(console, numberText, out var number))
        {
            return null;
        }
        var workspace = CommonOptions.OpenWorkspace(console, db, create: false);
        if (workspace is null)
        {
            return null;
        }
        var catalog = workspace.LatestCatalog();
        var accounts = catalog is null ? null : workspace.LatestAccounts(catalog.Catalog);
        var account = accounts?.Accounts.Find(number);
        var subscription = account?.SubscriptionOn(date);
        if (subscription is null)
        {
            console.Fail(account is null ? CliMessages.NotInWorkspaceAccounts(number) : CliMessages.NoSubscriptionOn(number, date));
            workspace.Dispose();
            return null;
        }
        return (workspace, subscription, new PrepaidLedger(subscription, workspace.LedgerEntries(subscription)));
    }

    private static int RunTopUp(CliConsole console, TimeProvider clock, string numberText, string amountText, string? dateText, string db, bool json, Language language)
    {
        if (!CommonParsing.Amount(console, amountText, out var amount) || !CommonParsing.Date(console, dateText, clock, out var date))
        {
            return CliApp.Unusable;
        }
        if (Open(console, numberText, date, db) is not { } opened)
        {
            return CliApp.Unusable;
        }
        using var workspace = opened.Workspace;
        var result = opened.Ledger.TopUp(amount, date);
        if (!result.Ok)
        {
            if (json)
            {
                CommonOptions.WriteJson(console, new { ok = false, refusal = result.Refusal!.In(language) });
            }
            else
            {
                console.Error.WriteLine(result.Refusal!.In(language));
            }
            return CliApp.SomeRejected;
        }
        workspace.AppendLedger(opened.Subscription, result.Entry!);
        var balance = opened.Ledger.Balance();
        if (json)
        {
            CommonOptions.WriteJson(console, new { ok = true, amount = amount.Yuan.ToString("0.00", CultureInfo.InvariantCulture), balance = balance.Yuan.ToString("0.00", CultureInfo.InvariantCulture) });
        }
        else
        {
            console.Out.WriteLine(language == Language.Zh
                ? $"充值 {amount.ToDisplayString()} 成功，预存余额 {balance.ToDisplayString()}"
                : $"topped up {amount.ToDisplayString()}; balance {balance.ToDisplayString()}");
        }
        return CliApp.Ok;
    }

    private static int RunBalance(CliConsole console, TimeProvider clock, string numberText, string? dateText, string db, bool json, Language language)
    {
        if (!CommonParsing.Date(console, dateText, clock, out var date) || Open(console, numberText, date, db) is not { } opened)
        {
            return CliApp.Unusable;
        }
        using var workspace = opened.Workspace;
        var p = opened.Ledger.Project(date);
        var inv = CultureInfo.InvariantCulture;
        // Minutes mean something only on a plan whose allowance is minutes; a package that buys money
        // (a prepaid balance) or a plan without an allowance has the money balance alone.
        var hasMinutes = (opened.Subscription.Plan.VersionAt(date) ?? opened.Subscription.Plan.Versions[0]).Allowance is { Minutes: > 0 };
        if (json)
        {
            CommonOptions.WriteJson(console, new
            {
                number = opened.Subscription.Number.ToString(),
                plan = opened.Subscription.Plan.Key,
                date = date.ToString("yyyy-MM-dd", inv),
                money = p.MoneyLeft.Yuan.ToString("0.00", inv),
                minutes = hasMinutes ? p.MinutesLeft.ToString("0.##", inv) : null,
                money_runs_out = p.MoneyRunsOut?.ToString("yyyy-MM-dd", inv),
                minutes_run_out = p.MinutesRunOut?.ToString("yyyy-MM-dd", inv),
            });
            return CliApp.Ok;
        }
        var s = opened.Subscription;
        if (language == Language.Zh)
        {
            console.Out.WriteLine($"{s.Number.ToDisplayString()}  {s.Plan.Name.Zh}（{s.Plan.Key}）  截至 {date:yyyy-MM-dd}");
            console.Out.WriteLine($"  预存余额：{p.MoneyLeft.ToDisplayString()}" + (p.MoneyRunsOut is { } m ? $"，按当前用量约 {m:yyyy-MM-dd} 用完" : ""));
            if (hasMinutes)
            {
                console.Out.WriteLine($"  剩余分钟：{p.MinutesLeft.ToString("N0", inv)}" + (p.MinutesRunOut is { } n ? $"，按当前用量约 {n:yyyy-MM-dd} 用完" : ""));
            }
        }
        else
        {
            console.Out.WriteLine($"{s.Number.ToDisplayString()}  {s.Plan.Name.In(language)} ({s.Plan.Key})  as of {date:yyyy-MM-dd}");
            console.Out.WriteLine($"  balance: {p.MoneyLeft.ToDisplayString()}" + (p.MoneyRunsOut is { } m ? $", runs out about {m:yyyy-MM-dd} at the current pace" : ""));
            if (hasMinutes)
            {
                console.Out.WriteLine($"  minutes left: {p.MinutesLeft.ToString("N0", inv)}" + (p.MinutesRunOut is { } n ? $", run out about {n:yyyy-MM-dd} at the current pace" : ""));
            }
        }
        return CliApp.Ok;
    }
}
