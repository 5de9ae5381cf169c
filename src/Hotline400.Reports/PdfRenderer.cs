using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Hotline400.Reports;

/// <summary>
/// Lays a <see cref="ReportDocument"/> out on A4 pages: title, facts, tables that continue on the
/// next page with their header repeated, notes, page numbers. Chinese text uses the embedded
/// <see cref="CjkFont"/>.
/// </summary>
public sealed class PdfRenderer
{
    private const double Margin = 40;
    private const double RowHeight = 16;

    private readonly XFont _title = new(CjkFont.Family, 16, XFontStyleEx.Bold);
    private readonly XFont _heading = new(CjkFont.Family, 11, XFontStyleEx.Bold);
    private readonly XFont _body = new(CjkFont.Family, 9, XFontStyleEx.Regular);
    private readonly XFont _small = new(CjkFont.Family, 7.5, XFontStyleEx.Regular);

    private PdfDocument _pdf = null!;
    private XGraphics _gfx = null!;
    private PdfPage _page = null!;
    private double _y;
    private ReportDocument _doc = null!;

    /// <summary>Renders to a stream; false with the reason when no CJK font is available.</summary>
    public static bool TryRender(ReportDocument document, Stream output, out Hotline400.Common.LocalizedText? problem)
    {
        if (!CjkFont.TryInstall(out problem))
        {
            return false;
        }
        new PdfRenderer().Render(document, output);
        return true;
    }

    private void Render(ReportDocument doc, Stream output)
    {
        _doc = doc;
        _pdf = new PdfDocument();
        _pdf.Info.Title = doc.Title;
        _pdf.Info.Creator = "Hotline400";
        NewPage();
        _gfx.DrawString(doc.Title, _title, XBrushes.Black, new XPoint(Margin, _y + 16));
        _y += 26;
        if (doc.Subtitle is { } subtitle)
        {
            _gfx.DrawString(subtitle, _body, XBrushes.DimGray, new XPoint(Margin, _y + 10));
            _y += 18;
        }
        foreach (var (label, value) in doc.Facts)
        {
            EnsureRoom(RowHeight);
            _gfx.DrawString(label, _body, XBrushes.DimGray, new XPoint(Margin, _y + 11));
            _gfx.DrawString(value, _body, XBrushes.Black, new XPoint(Margin + 120, _y + 11));
            _y += RowHeight - 2;
        }
        foreach (var table in doc.Tables)
        {
            DrawTable(table);
        }
        foreach (var note in doc.Notes)
        {
            foreach (var line in Wrap(note, _body, Width))
            {
                EnsureRoom(RowHeight);
                _gfx.DrawString(line, _body, XBrushes.Black, new XPoint(Margin, _y + 11));
                _y += RowHeight - 3;
            }
        }
        FinishPage();
        _pdf.Save(output, false);
    }

    private double Width => _page.Width.Point - 2 * Margin;

    private void NewPage()
    {
        if (_gfx is not null)
        {
            FinishPage();
        }
        _page = _pdf.AddPage();
        _page.Size = PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }

    private void FinishPage()
    {
        var footer = $"{_doc.Footer ?? "Hotline400"}    {_pdf.PageCount}";
        _gfx.DrawString(footer, _small, XBrushes.Gray, new XPoint(Margin, _page.Height.Point - Margin / 2));
        _gfx.Dispose();
        _gfx = null!;
    }

    private bool EnsureRoom(double height)
    {
        if (_y + height <= _page.Height.Point - Margin)
        {
            return false;
        }
        NewPage();
        return true;
    }

    private void DrawTable(ReportTable table)
    {
        EnsureRoom(3 * RowHeight);
        _y += 8;
        _gfx.DrawString(table.Heading, _heading, XBrushes.Black, new XPoint(Margin, _y + 12));
        _y += RowHeight + 2;
        DrawHeader(table);
        foreach (var row in table.Rows)
        {
            var lines = WrapCells(table, row);
            var height = Math.Max(1, lines.Max(l => l.Count)) * (RowHeight - 4) + 4;
            if (EnsureRoom(height))
            {
                DrawHeader(table);
            }
            DrawCells(table, lines, _body, XBrushes.Black);
            _y += height;
        }
        if (table.Total is { } total)
        {
            EnsureRoom(RowHeight);
            _gfx.DrawLine(XPens.Black, Margin, _y, Margin + Width, _y);
            DrawCells(table, WrapCells(table, total), _heading, XBrushes.Black);
            _y += RowHeight + 2;
        }
    }

    private void DrawHeader(ReportTable table)
    {
        _gfx.DrawRectangle(XBrushes.WhiteSmoke, Margin, _y, Width, RowHeight);
        DrawCells(table, table.Columns.Select(c => new List<string> { c.Header }).ToList(), _body, XBrushes.DimGray);
        _y += RowHeight;
    }

    private List<List<string>> WrapCells(ReportTable table, string[] row) =>
        table.Columns.Select((c, i) => Wrap(i < row.Length ? row[i] : "", _body, ColumnWidth(table, i) - 6)).ToList();

    private void DrawCells(ReportTable table, List<List<string>> cells, XFont font, XBrush brush)
    {
        var x = Margin;
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var w = ColumnWidth(table, i);
            var lineY = _y;
            foreach (var line in cells[i])
            {
                var rect = new XRect(x + 3, lineY + 2, w - 6, RowHeight - 4);
                _gfx.DrawString(line, font, brush, rect, table.Columns[i].AlignRight ? XStringFormats.TopRight : XStringFormats.TopLeft);
                lineY += RowHeight - 4;
            }
            x += w;
        }
    }

    private double ColumnWidth(ReportTable table, int i) => Width * table.Columns[i].Width / table.Columns.Sum(c => c.Width);

    /// <summary>Breaks text into lines that fit; Chinese has no spaces, so it breaks between characters.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var ch in text)
        {
            current.Append(ch);
            if (_gfx.MeasureString(current.ToString(), font).Width > width && current.Length > 1)
            {
                current.Length--;
                lines.Add(current.ToString());
                current.Clear().Append(ch);
            }
        }
        lines.Add(current.ToString());
        return lines;
    }
}
