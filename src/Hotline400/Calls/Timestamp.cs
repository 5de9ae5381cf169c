using Hotline400.Common;

namespace Hotline400.Calls;

/// <summary>
/// Parses ISO 8601 timestamps from UTF-8 bytes into milliseconds since the Unix epoch, without
/// allocating: <c>2026-10-01T09:30:15</c>, with a space instead of <c>T</c>, optional fractions,
/// and an optional <c>Z</c>, <c>+08:00</c> or <c>+0800</c> offset. Without an offset the time is
/// China Standard Time (UTC+8).
/// </summary>
public static class Timestamp
{
    /// <summary>The date part (10 bytes) and its day number of the last date parsed on this thread: files hold runs of one date.</summary>
    [ThreadStatic]
    private static long t_lastDateBytes;

    [ThreadStatic]
    private static int t_lastDayBytes;

    [ThreadStatic]
    private static long t_lastDays;

    public static bool TryParse(ReadOnlySpan<byte> s, out long unixMs)
    {
        if (s.Length >= 19 && s.Length <= 32)
        {
            var dateBytes = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(s);
            var dayBytes = (s[8] << 8) | s[9];
            if (dateBytes == t_lastDateBytes && dayBytes == t_lastDayBytes && TryParseTime(s, out var msOfDay, out var offsetMs))
            {
                unixMs = t_lastDays * ChinaTime.MsPerDay + msOfDay - offsetMs;
                return true;
            }
            if (TryParseFull(s, out unixMs, out var days))
            {
                t_lastDateBytes = dateBytes;
                t_lastDayBytes = dayBytes;
                t_lastDays = days;
                return true;
            }
            return false;
        }
        unixMs = 0;
        return false;
    }

    /// <summary>Parses the time of day and offset of a timestamp whose date part is already known.</summary>
    private static bool TryParseTime(ReadOnlySpan<byte> s, out long msOfDay, out long offsetMs)
    {
        msOfDay = 0;
        offsetMs = 0;
        if ((s[10] != 'T' && s[10] != ' ' && s[10] != 't') || s[13] != ':' || s[16] != ':'
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        var i = 19;
        var ms = 0;
        if (i < s.Length && (s[i] == '.' || s[i] == ','))
        {
            i++;
            var scale = 100;
            var any = false;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                ms += (s[i] - '0') * scale;
                scale /= 10;
                i++;
                any = true;
            }
            if (!any)
            {
                return false;
            }
        }
        if (!TryParseOffset(s[i..], out offsetMs))
        {
            return false;
        }
        msOfDay = ((hour * 60L + minute) * 60 + second) * 1000 + ms;
        return true;
    }

    private static bool TryParseOffset(ReadOnlySpan<byte> s, out long offsetMs)
    {
        offsetMs = ChinaTime.OffsetMs;
        if (s.IsEmpty)
        {
            return true;
        }
        var c = s[0];
        if ((c == 'Z' || c == 'z') && s.Length == 1)
        {
            offsetMs = 0;
            return true;
        }
        if (c != '+' && c != '-')
        {
            return false;
        }
        var rest = s[1..];
        int oh, om;
        if (rest.Length == 5 && rest[2] == ':' && Digits(rest, 0, 2, out oh) && Digits(rest, 3, 2, out om)) { }
        else if (rest.Length == 4 && Digits(rest, 0, 2, out oh) && Digits(rest, 2, 2, out om)) { }
        else if (rest.Length == 2 && Digits(rest, 0, 2, out oh)) { om = 0; }
        else
        {
            return false;
        }
        if (oh > 14 || om > 59)
        {
            return false;
        }
        offsetMs = (oh * 60L + om) * 60_000L * (c == '-' ? -1 : 1);
        return true;
    }

    private static bool TryParseFull(ReadOnlySpan<byte> s, out long unixMs, out long days)
    {
        unixMs = 0;
        days = 0;
        if (s[4] != '-' || s[7] != '-' || !Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || month is < 1 or > 12 || day < 1 || year < 1970 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        if (!TryParseTime(s, out var msOfDay, out var offsetMs))
        {
            return false;
        }
        days = DaysFromCivil(year, month, day);
        unixMs = days * ChinaTime.MsPerDay + msOfDay - offsetMs;
        return true;
    }

    /// <summary>Writes <paramref name="unixMs"/> as China time, <c>2026-10-01T09:30:15+08:00</c>.</summary>
    public static string FormatChina(long unixMs) => ChinaTime.ToDateTimeOffset(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss'+08:00'", System.Globalization.CultureInfo.InvariantCulture);

    private static bool Digits(ReadOnlySpan<byte> s, int at, int count, out int value)
    {
        value = 0;
        for (var i = at; i < at + count; i++)
        {
            var d = (uint)(s[i] - '0');
            if (d > 9)
            {
                return false;
            }
            value = value * 10 + (int)d;
        }
        return true;
    }

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).</summary>
    internal static long DaysFromCivil(int y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - era * 400;
        var doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        var doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097L + doe - 719468;
    }
}
