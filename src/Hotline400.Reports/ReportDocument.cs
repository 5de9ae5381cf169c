namespace Hotline400.Reports;

/// <summary>
/// A printable document in presentation terms only: a title, facts as label/value pairs, tables
/// and notes. Statements, audits and reports are mapped to it and rendered to PDF by
/// <see cref="PdfRenderer"/>, so layout lives in one place.
/// </summary>
public sealed class ReportDocument
{
    public required string Title { get; init; }
    public string? Subtitle { get; init; }
    public List<(string Label, string Value)> Facts { get; } = [];
    public List<ReportTable> Tables { get; } = [];
    public List<string> Notes { get; } = [];

    /// <summary>Printed at the foot of every page, e.g. "Hotline400 · 2026-10".</summary>
    public string? Footer { get; init; }
}

/// <summary>A table with a heading, columns (right-aligned ones for amounts) and rows; an optional emphasized total row.</summary>
public sealed class ReportTable
{
    public required string Heading { get; init; }
    public required IReadOnlyList<ReportColumn> Columns { get; init; }
    public List<string[]> Rows { get; } = [];
    public string[]? Total { get; set; }
}

/// <summary>A column: its header, its share of the page width, and whether it is right-aligned.</summary>
public sealed record ReportColumn(string Header, double Width, bool AlignRight = false);
