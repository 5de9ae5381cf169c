using Hotline400.Common;

namespace Hotline400.Calls;

/// <summary>
/// Tells from a file's first bytes that it cannot be a CSV file of UTF-8 text — a compressed file,
/// an Excel workbook, UTF-16 text, binary data — so that it is refused with what it is
/// (<see cref="Problems.NotCsvText"/>) instead of read as a header of control characters and
/// printed back. Only the first line is looked at for binary data: a stray control character in a
/// later row is that row's problem, not the file's.
/// </summary>
public static class CsvSniff
{
    /// <summary>How many bytes of the file's start are looked at.</summary>
    public const int HeadBytes = 4096;

    /// <summary>Why the file starting with <paramref name="head"/> is not a CSV file of UTF-8 text; null when it may be one.</summary>
    public static LocalizedText? Problem(string name, ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return Problems.NotCsvText(name, Problems.Utf16Text());
        }
        if (Packed(head) is { } format)
        {
            return Problems.NotCsvText(name, Problems.PackedFile(format));
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }
        var newline = head.IndexOf((byte)'\n');
        var line = newline < 0 ? head : head[..newline];
        foreach (var b in line)
        {
            if (b is < 0x20 and not ((byte)'\t' or (byte)'\r') or 0x7F)
            {
                return Problems.NotCsvText(name, Problems.BinaryData());
            }
        }
        return null;
    }

    /// <summary>The kind of a compressed or packed file by its magic bytes: gzip, zip (also .xlsx), xls (an Office compound file), 7z, bzip2, xz, zstd, rar.</summary>
    private static string? Packed(ReadOnlySpan<byte> head) => head switch
    {
        [0x1F, 0x8B, ..] => "gzip",
        [0x50, 0x4B, 0x03, 0x04, ..] or [0x50, 0x4B, 0x05, 0x06, ..] or [0x50, 0x4B, 0x07, 0x08, ..] => "zip",
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, ..] => "xls",
        [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, ..] => "7z",
        [0x42, 0x5A, 0x68, >= (byte)'1' and <= (byte)'9', ..] => "bzip2",
        [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, ..] => "xz",
        [0x28, 0xB5, 0x2F, 0xFD, ..] => "zstd",
        [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, ..] => "rar",
        _ => null,
    };
}
