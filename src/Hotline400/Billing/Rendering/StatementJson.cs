using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hotline400.Common;

namespace Hotline400.Billing.Rendering;

/// <summary>
/// A statement as JSON: <c>{number, period, lines: [{kind, description, amount, …}], total, alerts: […], …}</c>.
/// Amounts are decimal strings in yuan with two decimals; the line amounts sum exactly to <c>total</c>.
/// </summary>
public static class StatementJson
{
    public static string Render(Statement s, Language lang = Language.Zh, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("number", s.Number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("period", s.Period.ToString());
            w.WriteString("start", s.Period.Start.ToString("yyyy-MM-dd", null));
            w.WriteString("end", s.Period.End.ToString("yyyy-MM-dd", null));
            w.WriteStartArray("lines");
            foreach (var l in s.Lines)
            {
                w.WriteStartObject();
                w.WriteString("kind", StatementLabels.Kind(l.Kind));
                w.WriteString("description", l.Description.In(lang));
                w.WriteString("amount", StatementLabels.Amount(l.Amount));
                w.WriteString("quantity", StatementLabels.Quantity(l.Quantity));
                w.WriteString("unit", l.Unit.ToString().ToLowerInvariant());
                if (l.UnitPrice is { } p)
                {
                    w.WriteString("unit_price", StatementLabels.UnitPrice(p));
                }
                if (l.Kind == LineKind.Usage)
                {
                    w.WriteString("allowance_minutes", StatementLabels.Quantity(l.AllowanceMinutes));
                    w.WriteString("charged_minutes", StatementLabels.Quantity(l.ChargedMinutes));
                }
                w.WriteString("trace", l.Trace.ToString());
                if (l.Trace.Calls > 0)
                {
                    w.WriteNumber("calls", l.Trace.Calls);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("total", StatementLabels.Amount(s.Total));
            w.WriteString("charges", StatementLabels.Amount(s.Totals.Charges));
            w.WriteString("prepayment_drawn", StatementLabels.Amount(s.Totals.PrepaymentDrawn));
            w.WriteString("vat_included", StatementLabels.Amount(s.Totals.VatIncluded));
            w.WriteString("opening_balance", StatementLabels.Amount(s.Totals.OpeningBalance));
            w.WriteString("balance_carried", StatementLabels.Amount(s.Totals.BalanceCarried));
            w.WriteStartArray("alerts");
            foreach (var a in s.Alerts)
            {
                w.WriteStartObject();
                w.WriteString("kind", StatementLabels.Alert(a.Kind));
                w.WriteString("message", a.Message.In(lang));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
