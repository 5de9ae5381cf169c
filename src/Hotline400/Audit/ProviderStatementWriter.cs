using System.Globalization;
using System.Text;
using Hotline400.Accounts;
using Hotline400.Billing;
using Hotline400.Catalog;
using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Numbers;
using Hotline400.Rating;

namespace Hotline400.Audit;

/// <summary>
/// Writes the statement a provider should send, in the canonical statement layout of
/// docs/audit.md: one line per billed call (its rated charge) and one per fee, promotion and
/// minimum top-up of <see cref="StatementBuilder"/> (on per_line plans a call's share of the
/// rounded usage line, so the call lines add up to it). Auditing its output against the same calls
/// finds nothing; it is how the sample statement was made before errors were planted in it.
/// </summary>
public static class ProviderStatementWriter
{
    public const string Header = "number,period,line_type,call_id,started_at,billed_minutes,rate,amount,description";

    public static string Write(IEnumerable<(HotlineNumber Number, BillingPeriod Period)> statements, IReadOnlyList<RatedCall> rated, TariffCatalog catalog, AccountBook accounts, Language language = Language.Zh)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var (number, period) in statements)
        {
            var account = accounts.Find(number) ?? throw new ArgumentException($"{number} is not in the accounts", nameof(statements));
            var calls = rated.Where(c => c.Call.Number == number && period.ContainsInstant(c.Call.StartedMs) && c.BilledSeconds > 0).ToList();
            calls.Sort((a, b) => CallRecord.CompareForRating(a.Call, b.Call));
            // On per_line plans a call's line is its share of the usage line rounded once (0.122 + 0.124 → 0.12 + 0.13).
            var (shares, _) = BillAuditor.PerLineUsage(calls);
            foreach (var c in calls)
            {
                var covered = c.Pieces.Sum(p => p.CoveredSeconds) > 0 ? (language == Language.Zh ? " 套餐内" : " in allowance") : "";
                Row(sb, number, period, ProviderCharge.CallType, c.Call.CallId, Timestamp.FormatChina(c.Call.StartedMs),
                    (c.BilledSeconds / 60m).ToString("0.##", inv), c.MainPiece.Rate.ToString(), shares.TryGetValue(c.Call.CallId, out var share) ? share : c.Charge.RoundToFen(),
                    (language == Language.Zh ? "通话费" : "Call") + covered);
            }
            var built = StatementBuilder.Build(account, period, catalog, rated, null, new StatementOptions { CallDetails = false });
            foreach (var line in built.Lines)
            {
                if (BillAuditor.FeeKey(line) is { } key)
                {
                    Row(sb, number, period, key, "", "", "", "", line.Amount, line.Description.In(language));
                }
            }
        }
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, HotlineNumber number, BillingPeriod period, string type, string callId, string started, string minutes, string rate, Money.Money amount, string description) =>
        sb.Append(number.Value.ToString(CultureInfo.InvariantCulture)).Append(',').Append(period).Append(',').Append(type).Append(',')
            .Append(Quote(callId)).Append(',').Append(started).Append(',').Append(minutes).Append(',').Append(rate).Append(',')
            .Append(amount.RoundToFen().Yuan.ToString("0.00", CultureInfo.InvariantCulture)).Append(',').Append(Quote(description)).Append('\n');

    private static string Quote(string s) => s.AsSpan().IndexOfAny(",\"\n\r") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
