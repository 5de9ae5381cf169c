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
        Assert.StartsWith("number,period,kind,description", rows[0], StringComparison.Ordinal);
        Assert.Equal(s.Lines.Count + 2, rows.Length);
        Assert.Contains(",total,", rows[^1], StringComparison.Ordinal);
        Assert.EndsWith("40.00,,,", rows[^1], StringComparison.Ordinal);
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
