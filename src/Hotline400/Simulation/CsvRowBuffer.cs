using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace Hotline400.Simulation;

/// <summary>
/// A UTF-8 output buffer for simulated call rows: digits and China-time timestamps are written
/// straight as bytes (no strings, no DateTimeOffset formatting), flushed to the stream in large blocks.
/// </summary>
internal sealed class CsvRowBuffer(Stream output, int capacity)
{
    private const long ChinaOffsetSeconds = 8 * 3600;
    private const int UnixEpochDayNumber = 719_162; // new DateOnly(1970, 1, 1).DayNumber

    private readonly byte[] _buffer = new byte[capacity];
    private int _pos;
    private long _cachedDay = long.MinValue;
    private ulong _cachedDate; // "yyyy-MM-" as 8 bytes
    private ushort _cachedDayOfMonth; // "dd" as 2 bytes

    public int Free => _buffer.Length - _pos;

    public void Flush()
    {
        output.Write(_buffer, 0, _pos);
        _pos = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Byte(byte b) => _buffer[_pos++] = b;

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(_pos));
        _pos += bytes.Length;
    }

    public void Ascii(string text) => _pos += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_pos));

    public void Number(long value)
    {
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_pos), out var written);
        _pos += written;
    }

    /// <summary>A non-negative number with at least <paramref name="digits"/> digits (zero-padded).</summary>
    public void Padded(int value, int digits)
    {
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_pos), out var written, new System.Buffers.StandardFormat('D', (byte)digits));
        _pos += written;
    }

    /// <summary>The China date of a day number as yyyyMMdd.</summary>
    public void CompactDate(DateOnly date)
    {
        Padded(date.Year, 4);
        Two(date.Month);
        Two(date.Day);
    }

    /// <summary>Unix seconds as <c>yyyy-MM-ddTHH:mm:ss+08:00</c>.</summary>
    public void Timestamp(long unixSeconds)
    {
        var local = unixSeconds + ChinaOffsetSeconds;
        var day = local / 86_400;
        var sod = (int)(local - day * 86_400);
        if (day != _cachedDay)
        {
            CacheDate(day);
        }
        var b = _buffer.AsSpan(_pos, 25);
        Unsafe.WriteUnaligned(ref b[0], _cachedDate);
        Unsafe.WriteUnaligned(ref b[8], _cachedDayOfMonth);
        b[10] = (byte)'T';
        var h = sod / 3600;
        var rest = sod - h * 3600;
        var m = rest / 60;
        var s = rest - m * 60;
        b[11] = (byte)('0' + h / 10);
        b[12] = (byte)('0' + h % 10);
        b[13] = (byte)':';
        b[14] = (byte)('0' + m / 10);
        b[15] = (byte)('0' + m % 10);
        b[16] = (byte)':';
        b[17] = (byte)('0' + s / 10);
        b[18] = (byte)('0' + s % 10);
        "+08:00"u8.CopyTo(b[19..]);
        _pos += 25;
    }

    private void CacheDate(long day)
    {
        var date = DateOnly.FromDayNumber((int)(day + UnixEpochDayNumber));
        Span<byte> d = stackalloc byte[10];
        Utf8Formatter.TryFormat(date.Year, d, out _, new System.Buffers.StandardFormat('D', 4));
        d[4] = (byte)'-';
        d[5] = (byte)('0' + date.Month / 10);
        d[6] = (byte)('0' + date.Month % 10);
        d[7] = (byte)'-';
        d[8] = (byte)('0' + date.Day / 10);
        d[9] = (byte)('0' + date.Day % 10);
        _cachedDate = Unsafe.ReadUnaligned<ulong>(ref d[0]);
        _cachedDayOfMonth = Unsafe.ReadUnaligned<ushort>(ref d[8]);
        _cachedDay = day;
    }

    private void Two(int value)
    {
        _buffer[_pos] = (byte)('0' + value / 10);
        _buffer[_pos + 1] = (byte)('0' + value % 10);
        _pos += 2;
    }
}
