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
    public static bool TryParse(ReadOnlySpan<byte> s, out long unixMs)
    {
        unixMs = 0;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ' && s[10] != 't') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) || hour > 23 || minute > 59 || second > 59 || year < 1970)
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
        long offsetMs = ChinaTime.OffsetMs;
        if (i < s.Length)
        {
            var c = s[i];
            if ((c == 'Z' || c == 'z') && i + 1 == s.Length)
            {
                offsetMs = 0;
            }
            else if (c == '+' || c == '-')
            {
                var rest = s[(i + 1)..];
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
            }
            else
            {
                return false;
            }
        }
        var days = DaysFromCivil(year, month, day);
        unixMs = ((days * 24L + hour) * 60 + minute) * 60_000L + second * 1000L + ms - offsetMs;
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
