using System.Text;
using Hotline400.Reports;

namespace Hotline400.Tests.Reports;

public class PdfRendererTests
{
    private static ReportDocument Sample(int rows)
    {
        var doc = new ReportDocument { Title = "400号码月度账单 2026-10", Subtitle = "杭州绿源科技有限公司 · 400-886-2047", Footer = "Hotline400 · 2026-10" };
        doc.Facts.Add(("套餐", "1200元年套餐 (telecom/tel-1200 v1)"));
        var table = new ReportTable
        {
            Heading = "通话明细",
            Columns = [new("日期", 2), new("主叫", 2), new("地区", 3), new("时长", 1.2, true), new("费用(元)", 1.2, true)],
        };
        for (var i = 0; i < rows; i++)
        {
            table.Rows.Add([$"2026-10-{i % 28 + 1:00} 09:{i % 60:00}", "138****8000", "广东省深圳市", "2分", "0.20"]);
        }
        table.Total = ["合计", "", "", "", (rows * 0.2m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)];
        doc.Tables.Add(table);
        doc.Notes.Add("价格含增值税；每一笔费用均可追溯到套餐条款与通话记录。");
        return doc;
    }

    [Fact]
    public void A_statement_with_Chinese_text_renders_with_the_font_embedded()
    {
        Assert.True(CjkFont.FindFile(out var problem) is not null, problem?.En);
        using var output = new MemoryStream();
        Assert.True(PdfRenderer.TryRender(Sample(5), output, out problem), problem?.En);
        var text = Encoding.Latin1.GetString(output.ToArray());
        Assert.StartsWith("%PDF-", text);
        Assert.Contains("/FontFile2", text);          // the TrueType font travels inside the file
        Assert.Contains("/ToUnicode", text);          // so Chinese text can be searched and copied
    }

    [Fact]
    public void A_long_table_continues_on_further_pages()
    {
        using var output = new MemoryStream();
        Assert.True(PdfRenderer.TryRender(Sample(200), output, out var problem), problem?.En);
        var pages = System.Text.RegularExpressions.Regex.Count(Encoding.Latin1.GetString(output.ToArray()), @"/Type\s*/Page[^s]");
        Assert.True(pages >= 4, $"{pages} pages");
    }
}

public class StatementPdfTests
{
    [Fact]
    public void A_statement_renders_as_a_PDF_with_its_lines_totals_and_call_appendix()
    {
        var statement = Billing.RenderingTests.Sample();
        var doc = StatementPdf.ToDocument(statement);
        Assert.Equal("400电话账单 2026-10", doc.Title);
        var charges = doc.Tables[0];
        Assert.Equal(statement.Lines.Count, charges.Rows.Count);
        Assert.Equal("40.00", charges.Total![3]);
        Assert.Contains(doc.Tables, t => t.Heading == "附录：通话详单" && t.Rows.Count == statement.CallDetails.Count);
        using var output = new MemoryStream();
        Assert.True(PdfRenderer.TryRender(doc, output, out var problem), problem?.En);
        Assert.True(output.Length > 1000);
    }

    [Fact]
    public void A_statement_PDF_shows_each_adjustment_after_the_totals_and_the_amount_due_after_them()
    {
        var (statement, adjustment) = Billing.RenderingTests.SampleAdjusted();
        var doc = StatementPdf.ToDocument(statement, adjustments: [adjustment]);
        Assert.Contains(doc.Facts, f => f.Label == "调整后应缴金额" && f.Value.StartsWith("¥42.30", StringComparison.Ordinal));
        var headings = doc.Tables.Select(t => t.Heading).ToList();
        var at = headings.IndexOf("调整单 #1 · 2026-11-03 出具");
        Assert.True(at > headings.IndexOf("合计") && at < headings.IndexOf("附录：通话详单"), string.Join(" | ", headings));
        var table = doc.Tables[at];
        Assert.Equal(["12.30", "42.30", "+30.00", "补计迟到话单 1 条"], table.Rows[0][1..]);
        Assert.Equal("+2.30", table.Total![3]);
        var after = doc.Tables[at + 1];
        Assert.Equal(["调整后应缴金额", "42.30", "2.39"], after.Total!);
        Assert.Equal(["调整单 #1", "+2.30", "+0.13"], after.Rows[1]);
        Assert.DoesNotContain(StatementPdf.ToDocument(statement).Tables, t => t.Heading.StartsWith("调整", StringComparison.Ordinal));
        using var output = new MemoryStream();
        Assert.True(PdfRenderer.TryRender(doc, output, out var problem), problem?.En);
    }
}
