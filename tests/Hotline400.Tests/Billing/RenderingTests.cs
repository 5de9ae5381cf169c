using System.Text.Json;
using global::Hotline400.Billing;
using global::Hotline400.Billing.Rendering;
using global::Hotline400.Common;
using static Hotline400.Tests.Billing.BillingWorld;

namespace Hotline400.Tests.Billing;

public sealed class RenderingTests
{
    internal static Statement Sample()
    {
        var cat = Tariffs;
        var book = Book(cat, $"{{ number: {Number(1)}, plan: b/p480, start: 2026-01-01 }}");
        return Bill(cat, book, Number(1), "2026-10",
        [
            TestWorld.Answered("c1", Number(1), "2026-10-05T10:00:00", 80 * 60, caller: "13800138000"),
            TestWorld.Answered("c2", Number(1), "2026-10-06T09:30:00", 120, caller: "057188886666"),
        ]).Statement;
    }

    /// <summary>
    /// <see cref="Sample"/> and one adjustment issued on 2026-11-03 for a late call of 200 minutes:
    /// usage 82 → 282 minutes × 0.15 = 12.30 → 42.30 (+30.00, a late call), which is above the 40
    /// minimum, so the 27.70 top-up is withdrawn (−27.70): total +2.30, due after it 40 + 2.30 = 42.30.
    /// VAT: 40 × 0.06 / 1.06 = 2.26; 2.30 × 0.06 / 1.06 = 0.130… → 0.13; after: 2.26 + 0.13 = 2.39.
    /// </summary>
    internal static (Statement Statement, IssuedAdjustment Adjustment) SampleAdjusted()
    {
        var issued = Sample();
        var cat = Tariffs;
        var book = Book(cat, $"{{ number: {Number(1)}, plan: b/p480, start: 2026-01-01 }}");
        var recomputed = Bill(cat, book, Number(1), "2026-10",
        [
            TestWorld.Answered("c1", Number(1), "2026-10-05T10:00:00", 80 * 60, caller: "13800138000"),
            TestWorld.Answered("c2", Number(1), "2026-10-06T09:30:00", 120, caller: "057188886666"),
            TestWorld.Answered("late", Number(1), "2026-10-30T09:30:00", 200 * 60, caller: "13800138000"),
        ]).Statement;
        var adjustment = Rebilling.Adjust(issued, [], recomputed);
        Assert.Equal(2.30m, adjustment.Total.Yuan);
        return (issued, new IssuedAdjustment(1, new DateOnly(2026, 11, 3), adjustment));
    }

    [Fact]
    public void Text_shows_each_adjustment_after_the_statement_with_its_number_date_reason_lines_and_total_and_the_amount_due_after_them()
    {
        var (s, a) = SampleAdjusted();
        var zh = StatementText.Render(s, adjustments: [a]);
        var at = zh.IndexOf("调整单 #1  2026-11-03 出具", StringComparison.Ordinal);
        Assert.True(at > zh.IndexOf("结转预存余额", StringComparison.Ordinal), zh);       // after the statement
        Assert.Contains("原因：补计迟到话单 1 条；费用撤销", zh, StringComparison.Ordinal);
        Assert.Matches(@"通话费 · 0\.15元/分钟.* 12\.30\s+42\.30\s+\+30\.00\s+补计迟到话单 1 条", zh);
        Assert.Matches(@"月最低消费补足.* 27\.70\s+0\.00\s+-27\.70\s+费用撤销", zh);
        Assert.Matches(@"调整合计\s+\+2\.30\n其中增值税（6%）\s+\+0\.13\n", zh);
        Assert.Matches(@"调整后应缴金额\s+42\.30\n其中增值税（6%）\s+2\.39\n", zh);
        var en = StatementText.Render(s, Language.En, adjustments: [a]);
        Assert.Contains("Adjustment #1  issued 2026-11-03", en, StringComparison.Ordinal);
        Assert.Contains("Reason: 1 late call record billed; Charge withdrawn", en, StringComparison.Ordinal);
        Assert.Matches(@"Amount due after adjustments\s+42\.30\n", en);
        Assert.DoesNotContain("调整", StatementText.Render(s), StringComparison.Ordinal);   // none given: nothing said
    }

    [Fact]
    public void Json_lists_each_adjustment_with_its_number_date_reason_lines_total_and_VAT_and_the_amount_due_after_them()
    {
        var (s, a) = SampleAdjusted();
        using var doc = JsonDocument.Parse(StatementJson.Render(s, adjustments: [a]));
        var root = doc.RootElement;
        var adjustment = Assert.Single(root.GetProperty("adjustments").EnumerateArray().ToList());
        Assert.Equal(1, adjustment.GetProperty("number").GetInt32());
        Assert.Equal("2026-11-03", adjustment.GetProperty("date").GetString());
        Assert.StartsWith("补计迟到话单 1 条", adjustment.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("2.30", adjustment.GetProperty("total").GetString());
        Assert.Equal("0.13", adjustment.GetProperty("vat_included").GetString());
        var lines = adjustment.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["usage", "minimum_topup"], lines.Select(l => l.GetProperty("kind").GetString()));
        Assert.Equal(("12.30", "42.30", "30.00"), (lines[0].GetProperty("was").GetString(), lines[0].GetProperty("now").GetString(), lines[0].GetProperty("amount").GetString()));
        Assert.Equal("42.30", root.GetProperty("due_after_adjustments").GetString());
        Assert.Equal("2.39", root.GetProperty("vat_after_adjustments").GetString());
        Assert.Equal("40.00", root.GetProperty("total").GetString());                         // the statement as issued
        using var en = JsonDocument.Parse(StatementJson.Render(s, Language.En, adjustments: [a]));
        Assert.Equal("1 late call record billed", en.RootElement.GetProperty("adjustments")[0].GetProperty("lines")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public void Csv_has_the_adjustments_rows_after_the_total_and_a_last_row_with_the_amount_due_after_them()
    {
        var (s, a) = SampleAdjusted();
        var rows = StatementCsv.Render(s, adjustments: [a]).TrimEnd('\n').Split('\n');
        var total = Array.FindIndex(rows, r => r.Contains(",total,", StringComparison.Ordinal));
        Assert.Equal(s.Lines.Count + 1, total);
        Assert.Equal(1 + s.Lines.Count + 1 + 2 + 1 + 1, rows.Length);   // header, lines, total, 2 adjustment lines, their total, the amount after
        Assert.Contains(",adjustment,", rows[total + 1], StringComparison.Ordinal);
        Assert.Contains(",30.00,", rows[total + 1], StringComparison.Ordinal);
        Assert.EndsWith(",1,2026-11-03,12.30,42.30,补计迟到话单 1 条", rows[total + 1], StringComparison.Ordinal);
        Assert.Contains(",adjustment_total,", rows[total + 3], StringComparison.Ordinal);
        Assert.Contains(",2.30,", rows[total + 3], StringComparison.Ordinal);
        Assert.Contains(",total_after_adjustments,", rows[^1], StringComparison.Ordinal);
        Assert.Contains(",42.30,", rows[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Html_shows_each_adjustment_after_the_statement_and_before_the_call_appendix()
    {
        var (s, a) = SampleAdjusted();
        var html = StatementHtml.Render(s, adjustments: [a]);
        var at = html.IndexOf("调整单 #1", StringComparison.Ordinal);
        Assert.True(at > html.IndexOf("结转预存余额", StringComparison.Ordinal) && at < html.IndexOf("通话详单", StringComparison.Ordinal));
        Assert.Contains("2026-11-03", html, StringComparison.Ordinal);
        Assert.Contains("补计迟到话单 1 条", html, StringComparison.Ordinal);
        Assert.Contains("+30.00", html, StringComparison.Ordinal);
        Assert.Matches("调整合计</td><td class=\"n\">2\\.30<", html);
        Assert.Matches("调整后应缴金额</td><td class=\"n\">42\\.30<", html);
    }

    [Fact]
    public void Json_has_the_documented_shape_with_two_decimal_strings_that_sum_to_the_total()
    {
        var s = Sample();
        using var doc = JsonDocument.Parse(StatementJson.Render(s));
        var root = doc.RootElement;
        Assert.Equal("4009000001", root.GetProperty("number").GetString());
        Assert.Equal("2026-10", root.GetProperty("period").GetString());
        var amounts = root.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("amount").GetString()!).ToList();
        Assert.All(amounts, a => Assert.Matches(@"^-?\d+\.\d\d$", a));
        Assert.Equal("40.00", root.GetProperty("total").GetString());
        Assert.Equal(40.00m, amounts.Sum(a => decimal.Parse(a, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("minimum_topup", root.GetProperty("lines")[1].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("alerts").ValueKind);
    }

    [Fact]
    public void Text_is_Chinese_by_default_and_English_on_request()
    {
        var s = Sample();
        var zh = StatementText.Render(s);
        Assert.Contains("月最低消费补足", zh, StringComparison.Ordinal);
        Assert.Contains("应缴金额", zh, StringComparison.Ordinal);
        Assert.Contains("27.70", zh, StringComparison.Ordinal);
        var en = StatementText.Render(s, Language.En);
        Assert.Contains("Monthly minimum top-up", en, StringComparison.Ordinal);
        Assert.Contains("of which VAT", en, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_has_a_header_one_row_per_line_and_a_total_row()
    {
        var s = Sample();
        var rows = StatementCsv.Render(s).TrimEnd('\n').Split('\n');
        Assert.Equal(s.Lines.Count + 2, rows.Length);
        Assert.Contains(",total,", rows[^1], StringComparison.Ordinal);
        Assert.EndsWith(",40.00,,,,,,,,", rows[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_Chinese_csv_has_Chinese_headers_kinds_and_units_beside_the_stable_kind_code()
    {
        var s = Sample();
        var zh = StatementCsv.Render(s).TrimEnd('\n').Split('\n');
        Assert.Equal("号码,账期,kind,类型,项目,数量,单位,单价（元）,金额（元）,套餐内分钟,计费分钟,依据,调整单,日期,原金额（元）,现金额（元）,原因", zh[0]);
        // usage: 82 minutes at 0.15, all from the allowance, traced to 2 calls
        Assert.StartsWith("4009000001,2026-10,usage,通话费,通话费 · 0.15元/分钟（套餐内 82 分钟，计费 0 分钟）,82,分钟,0.15,12.30,82,0,\"b/p480 v1 rate, allowance · 2 通\",", zh[1], StringComparison.Ordinal);
        Assert.StartsWith("4009000001,2026-10,minimum_topup,月最低消费补足,", zh[2], StringComparison.Ordinal);
        Assert.Contains(",1,月,40.00,27.70,", zh[2], StringComparison.Ordinal);
        Assert.DoesNotContain("minute", string.Join('\n', zh.Skip(1)), StringComparison.Ordinal);
        Assert.DoesNotContain("calls", string.Join('\n', zh), StringComparison.Ordinal);

        var en = StatementCsv.Render(s, Language.En).TrimEnd('\n').Split('\n');
        Assert.Equal("number,period,kind,type,description,quantity,unit,unit_price,amount,allowance_minutes,charged_minutes,trace,adjustment,date,was,now,reason", en[0]);
        Assert.StartsWith("4009000001,2026-10,usage,Calls,\"Calls, 0.15/min (82 min from allowance, 0 min charged)\",82,minute,0.15,12.30,82,0,\"b/p480 v1 rate, allowance · 2 calls\",", en[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Html_is_self_contained_and_masks_callers_in_the_call_detail()
    {
        var html = StatementHtml.Render(Sample());
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("通话详单", html, StringComparison.Ordinal);
        Assert.Contains("138****8000", html, StringComparison.Ordinal);
        Assert.Contains("0571-88****66", html, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", html, StringComparison.Ordinal);
        Assert.Contains("2026-10-05", html, StringComparison.Ordinal);
    }
}
