using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hotline400.Common;

namespace Hotline400.Billing.Rendering;

/// <summary>
/// A statement as JSON: <c>{number, period, lines: [{kind, description, amount, …}], total, alerts: […], …}</c>.
/// Amounts are decimal strings in yuan with two decimals; the line amounts sum exactly to <c>total</c>.
/// Given the adjustments issued after the statement (none is an empty list), it adds
/// <c>adjustments: [{number, date, reason, total, vat_included, lines: [{kind, description, was, now, amount, reason}]}]</c>,
/// <c>due_after_adjustments</c> and <c>vat_after_adjustments</c>.
/// </summary>
public static class StatementJson
{
    public static string Render(Statement s, Language lang = Language.Zh, bool indented = true, IReadOnlyList<IssuedAdjustment>? adjustments = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("number", s.Number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("period", s.Period.ToString());
            w.WriteString("start", s.Period.Start.ToString("yyyy-MM-dd", null));
            w.WriteString("end", s.Period.End.ToString("yyyy-MM-dd", null));
            w.WriteStartArray("plans");
            for (var i = 0; i < s.Plans.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("key", s.Plans[i]);
                if (i < s.PlanNames.Count)
                {
                    w.WriteString("name", s.PlanNames[i].In(lang));
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
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
                w.WriteString("trace", l.Trace.In(lang));
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
            if (adjustments is not null)
            {
                Adjustments(w, s, adjustments, lang);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Adjustments(Utf8JsonWriter w, Statement s, IReadOnlyList<IssuedAdjustment> adjustments, Language lang)
    {
        w.WriteStartArray("adjustments");
        foreach (var a in adjustments)
        {
            w.WriteStartObject();
            w.WriteNumber("number", a.Number);
            w.WriteString("date", a.Date.ToString("yyyy-MM-dd", null));
            w.WriteString("reason", a.Reason.In(lang));
            w.WriteString("total", StatementLabels.Amount(a.Total));
            w.WriteString("vat_included", StatementLabels.Amount(a.Vat(s.Totals.VatRate)));
            w.WriteStartArray("lines");
            foreach (var l in a.Adjustment.Lines)
            {
                w.WriteStartObject();
                w.WriteString("kind", StatementLabels.Kind(l.Kind));
                w.WriteString("description", l.Description.In(lang));
                w.WriteString("was", StatementLabels.Amount(l.Was));
                w.WriteString("now", StatementLabels.Amount(l.Now));
                w.WriteString("amount", StatementLabels.Amount(l.Amount));
                w.WriteString("reason", l.Reason.In(lang));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("due_after_adjustments", StatementLabels.Amount(IssuedAdjustment.DueAfter(s, adjustments)));
        w.WriteString("vat_after_adjustments", StatementLabels.Amount(IssuedAdjustment.VatAfter(s, adjustments)));
    }
}
