using System.Text;
using Hotline400.Common;

namespace Hotline400.Billing.Rendering;

/// <summary>A statement's lines as CSV (UTF-8, header row; a final <c>total</c> row repeats the sum of the lines).</summary>
public static class StatementCsv
{
    public static string Render(Statement s, Language lang = Language.Zh)
    {
        var sb = new StringBuilder("number,period,kind,description,quantity,unit,unit_price,amount,allowance_minutes,charged_minutes,trace\n");
        var number = s.Number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var l in s.Lines)
        {
            sb.Append(number).Append(',').Append(s.Period).Append(',').Append(StatementLabels.Kind(l.Kind)).Append(',')
              .Append(Quote(l.Description.In(lang))).Append(',').Append(StatementLabels.Quantity(l.Quantity)).Append(',')
              .Append(l.Unit.ToString().ToLowerInvariant()).Append(',').Append(StatementLabels.UnitPrice(l.UnitPrice)).Append(',')
              .Append(StatementLabels.Amount(l.Amount)).Append(',')
              .Append(l.Kind == LineKind.Usage ? StatementLabels.Quantity(l.AllowanceMinutes) : "").Append(',')
              .Append(l.Kind == LineKind.Usage ? StatementLabels.Quantity(l.ChargedMinutes) : "").Append(',')
              .Append(Quote(l.Trace.ToString())).Append('\n');
        }
        sb.Append(number).Append(',').Append(s.Period).Append(",total,").Append(Quote(StatementLabels.T(lang, "应缴金额", "Amount due")))
          .Append(",,,,").Append(StatementLabels.Amount(s.Total)).Append(",,,\n");
        return sb.ToString();
    }

    private static string Quote(string v) =>
        v.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
}
