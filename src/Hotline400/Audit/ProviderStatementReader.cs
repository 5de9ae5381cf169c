using System.Globalization;
using Hotline400.Accounts;
using Hotline400.Billing;
using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Audit;

/// <summary>
/// Reads a provider's statement CSV (docs/audit.md) with the same CSV reader as call records. A
/// row that cannot be used is a <see cref="StatementReject"/> naming file, line and field, and the
/// rest of the file is still read. Statements are small (one row per call and fee of a month), so
/// they are read whole.
/// </summary>
public static partial class ProviderStatementReader
{
    /// <summary>Fee words a statement may use, and the Chinese words providers write for them.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["call"] = "call",
        ["通话"] = "call",
        ["通话费"] = "call",
        ["monthly_fee"] = "monthly_fee",
        ["月功能费"] = "monthly_fee",
        ["月租"] = "monthly_fee",
        ["minimum"] = "minimum",
        ["minimum_topup"] = "minimum",
        ["最低消费"] = "minimum",
        ["月最低消费补足"] = "minimum",
        ["package"] = "package",
        ["套餐"] = "package",
        ["套餐预存"] = "package",
        ["promotion"] = "promotion",
        ["优惠"] = "promotion",
        ["outbound_fee"] = "outbound_fee",
        ["seats"] = "seats",
        ["prepayment_drawn"] = "prepayment_drawn",
        ["预存款抵扣"] = "prepayment_drawn",
        ["service_fee"] = "service_fee",
        ["增值业务费"] = "service_fee",
        ["one_off"] = "one_off",
        ["一次性费用"] = "one_off",
    };

    /// <summary>Reads a file; null with a message when the file itself is unusable (missing, empty, header without required columns).</summary>
    public static ProviderStatement? ReadFile(string path, StatementColumnMap map, AccountBook accounts, out LocalizedText? error)
    {
        if (CsvRowReader.TryOpen(path, out error) is not { } csv)
        {
            return null;
        }
        using (csv)
        {
            return Read(csv, path, map, accounts, out error);
        }
    }

    /// <summary>Reads CSV text (tests and the web portal).</summary>
    public static ProviderStatement? ReadText(string text, string name, StatementColumnMap map, AccountBook accounts, out LocalizedText? error)
    {
        using var csv = new CsvRowReader(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)));
        return Read(csv, name, map, accounts, out error);
    }

    private static ProviderStatement? Read(CsvRowReader csv, string name, StatementColumnMap map, AccountBook accounts, out LocalizedText? error)
    {
        if (!csv.Read())
        {
            error = Problems.EmptyFile(name, StatementColumnMap.Canonical);
            return null;
        }
        var names = new string[csv.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = csv.FieldString(i).Trim();
        }
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new List<(string, string)>();
        foreach (var field in StatementColumnMap.Canonical)
        {
            var column = map.ColumnFor(field);
            var at = Array.IndexOf(names, column);
            index[field] = at;
            if (at < 0 && StatementColumnMap.Required.Contains(field))
            {
                missing.Add((column, field));
            }
        }
        if (missing.Count > 0)
        {
            // A header of another encoding (GBK) is said to be one, not quoted as mojibake.
            error = System.Text.Unicode.Utf8.IsValid(csv.RawRecord) ? Problems.HeaderLacks(name, missing, names) : Problems.NotCsvText(name, Problems.HeaderNotUtf8());
            return null;
        }
        error = null;
        var charges = new List<ProviderCharge>();
        var rejects = new List<StatementReject>();
        while (csv.Read())
        {
            var line = csv.LineNumber;
            if (csv.FieldCount != names.Length)
            {
                rejects.Add(new(name, line, "", RejectReasons.ColumnCount(csv.FieldCount, names.Length)));
                continue;
            }
            string Get(string field) => index[field] < 0 ? "" : csv.FieldString(index[field]).Trim();
            var charge = Row(name, line, Get, accounts, out var reject);
            if (charge is null)
            {
                rejects.Add(reject!);
            }
            else
            {
                charges.Add(charge);
            }
        }
        return new ProviderStatement(charges, rejects);
    }

    private static ProviderCharge? Row(string file, int line, Func<string, string> get, AccountBook accounts, out StatementReject? reject)
    {
        // The call id is kept on a rejected row, so that its call is not also reported as left off the statement.
        var callId = get("call_id");
        StatementReject Fail(string field, RejectReason reason) => new(file, line, field, reason, callId.Length == 0 ? null : callId);
        reject = null;
        var numberText = get("number");
        if (!HotlineNumber.TryParse(numberText, out var number))
        {
            reject = Fail("number", RejectReasons.StatementInvalidNumber(numberText));
            return null;
        }
        if (accounts.Find(number) is null)
        {
            reject = Fail("number", RejectReasons.StatementUnknownNumber(number));
            return null;
        }
        var periodText = get("period");
        if (!BillingPeriod.TryParse(periodText, out var period, out _))
        {
            reject = Fail("period", RejectReasons.InvalidPeriod(periodText));
            return null;
        }
        var type = LineType(get("line_type"));
        if (type is null)
        {
            reject = Fail("line_type", RejectReasons.EmptyLineType());
            return null;
        }
        var amountText = get("amount");
        if (!TryParseAmount(amountText, out var amount))
        {
            reject = Fail("amount", RejectReasons.InvalidAmount(amountText));
            return null;
        }
        if (type == ProviderCharge.CallType && callId.Length == 0)
        {
            reject = Fail("call_id", RejectReasons.StatementEmptyCallId());
            return null;
        }
        DateTimeOffset? started = null;
        var startedText = get("started_at");
        if (startedText.Length > 0)
        {
            if (!Timestamp.TryParse(System.Text.Encoding.UTF8.GetBytes(startedText), out var ms))
            {
                reject = Fail("started_at", RejectReasons.StatementInvalidTime(startedText));
                return null;
            }
            started = ChinaTime.ToDateTimeOffset(ms);
        }
        decimal? minutes = null;
        var minutesText = get("billed_minutes");
        if (minutesText.Length > 0)
        {
            if (!decimal.TryParse(minutesText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var m))
            {
                reject = Fail("billed_minutes", RejectReasons.InvalidMinutes(minutesText));
                return null;
            }
            minutes = m;
        }
        decimal? rate = null;
        var rateText = get("rate");
        if (rateText.Length > 0)
        {
            if (!decimal.TryParse(rateText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r))
            {
                reject = Fail("rate", RejectReasons.InvalidRate(rateText));
                return null;
            }
            rate = r;
        }
        return new ProviderCharge(file, line, number, period.Value, type, callId.Length == 0 ? null : callId, started, minutes, rate, amount, get("description"), get("line_type"));
    }

    /// <summary>
    /// An amount as Chinese billing exports write it: <c>1.08</c>, <c>-5.00</c>, <c>¥1.08</c>,
    /// <c>￥1.08</c>, <c>1.08元</c>, <c>1.08 元</c>, <c>1,234.50</c> (thousands separators only in groups
    /// of three). Decimals beyond the fen are kept exactly (docs/audit.md says how they count).
    /// </summary>
    internal static bool TryParseAmount(string text, out Money.Money amount)
    {
        amount = Money.Money.Zero;
        var m = AmountPattern().Match(text.Trim());
        if (!m.Success || (m.Groups["s1"].Length > 0 && m.Groups["s2"].Length > 0))
        {
            return false;
        }
        var digits = m.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan))
        {
            return false;
        }
        amount = new Money.Money(m.Groups["s1"].Value == "-" || m.Groups["s2"].Value == "-" ? -yuan : yuan);
        return true;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<s1>[-+]?)\s*[¥￥]?\s*(?<s2>[-+]?)(?<n>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*元?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex AmountPattern();

    /// <summary>The canonical line type: aliases translated, <c>service_fee:ivr</c> kept with its id in lower case.</summary>
    internal static string? LineType(string text)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return null;
        }
        var colon = text.IndexOfAny([':', '：']);
        var head = colon < 0 ? text : text[..colon].Trim();
        var tail = colon < 0 ? "" : text[(colon + 1)..].Trim().ToLowerInvariant();
        var word = Aliases.TryGetValue(head, out var canonical) ? canonical : head.ToLowerInvariant();
        return tail.Length == 0 ? word : $"{word}:{tail}";
    }
}
