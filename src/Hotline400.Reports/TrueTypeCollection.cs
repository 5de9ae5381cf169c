using System.Buffers.Binary;

namespace Hotline400.Reports;

/// <summary>
/// Turns the first font of a TrueType collection (.ttc) into a standalone TrueType file, since
/// PDFsharp embeds single fonts only. A plain .ttf is returned as it is.
/// </summary>
internal static class TrueTypeCollection
{
    public static byte[] FirstFont(byte[] file)
    {
        if (file.Length < 16 || file[0] != 't' || file[1] != 't' || file[2] != 'c' || file[3] != 'f')
        {
            return file;
        }
        var font = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(12));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(font + 4));
        var headerLength = 12 + 16 * tables;
        var records = new List<(int Record, int Offset, int Length)>();
        var total = headerLength;
        for (var i = 0; i < tables; i++)
        {
            var record = font + 12 + 16 * i;
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(record + 8));
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(record + 12));
            records.Add((record, offset, length));
            total += (length + 3) & ~3;
        }
        var result = new byte[total];
        file.AsSpan(font, 12).CopyTo(result);
        var at = headerLength;
        for (var i = 0; i < records.Count; i++)
        {
            var (record, offset, length) = records[i];
            var target = result.AsSpan(12 + 16 * i, 16);
            file.AsSpan(record, 16).CopyTo(target);
            BinaryPrimitives.WriteUInt32BigEndian(target[8..], (uint)at);
            file.AsSpan(offset, length).CopyTo(result.AsSpan(at));
            at += (length + 3) & ~3;
        }
        return result;
    }
}
