using System.Globalization;
using Hotline400.Billing;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Cli.Commands;

/// <summary>Parsing of the arguments several verbs share, each failure a clear message (<see cref="CliMessages"/>) in the language of <c>--lang</c>.</summary>
internal static class CommonParsing
{
    public static bool Period(CliConsole console, string text, out BillingPeriod period)
    {
        if (BillingPeriod.TryParse(text, out var parsed, out var error))
        {
            period = parsed.Value;
            return true;
        }
        console.Fail(error);
        period = default;
        return false;
    }

    public static bool Number(CliConsole console, string text, out HotlineNumber number)
    {
        if (HotlineNumber.TryParse(text, out number))
        {
            return true;
        }
        console.Fail(CliMessages.NotANumber(text));
        return false;
    }

    /// <summary>A China date, or today in China when none is given.</summary>
    public static bool Date(CliConsole console, string? text, TimeProvider clock, out DateOnly date)
    {
        if (text is null)
        {
            date = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaTime.Offset).DateTime);
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }
        console.Fail(CliMessages.NotADate(text, "--date"));
        return false;
    }

    public static bool Amount(CliConsole console, string text, out Money.Money amount)
    {
        if (Money.Money.TryParse(text, out amount) && amount.Yuan > 0 && decimal.Round(amount.Yuan, 2) == amount.Yuan)
        {
            return true;
        }
        console.Fail(CliMessages.NotAnAmount(text));
        return false;
    }
}
