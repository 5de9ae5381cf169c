using System.Globalization;

namespace Hotline400.Numbers;

/// <summary>
/// A China 400 hotline number (400电话): <see cref="Value"/> is the ten-digit number
/// 4000000000..4009999999, written 400-xxx-xxxx.
/// </summary>
/// <param name="Value">The ten digits as a number, e.g. 4006001234.</param>
public readonly record struct HotlineNumber(long Value)
{
    /// <summary>The smallest valid value, 4000000000.</summary>
    public const long MinValue = 4_000_000_000;

    /// <summary>The largest valid value, 4009999999.</summary>
    public const long MaxValue = 4_009_999_999;

    // Enough room for "0086" + ten digits, plus a little slack to detect over-long input.
    private const int MaxDigits = 16;

    /// <summary>True when <see cref="Value"/> is in 4000000000..4009999999 (a default instance is not valid).</summary>
    public bool IsValid => Value is >= MinValue and <= MaxValue;

    /// <summary>
    /// Parses a 400 number. Dashes, dots and white space are ignored anywhere; a leading
    /// <c>+86</c> or <c>0086</c> is removed, and a bare <c>86</c> only when exactly ten digits
    /// follow it. What remains must be <c>400</c> followed by seven digits. No allocation.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out HotlineNumber number)
    {
        number = default;
        Span<byte> digits = stackalloc byte[MaxDigits];
        int count = 0;
        bool plus = false;
        foreach (char c in text)
        {
            if (c is >= '0' and <= '9')
            {
                if (count == MaxDigits)
                {
                    return false;
                }

                digits[count++] = (byte)(c - '0');
            }
            else if (c is '-' or '.' or ' ' or '\t' or '\u00A0' or '\u3000')
            {
                // separator
            }
            else if (c == '+' && count == 0 && !plus)
            {
                plus = true;
            }
            else
            {
                return false;
            }
        }

        int start = 0;
        if (plus)
        {
            if (count != 12 || digits[0] != 8 || digits[1] != 6)
            {
                return false;
            }

            start = 2;
        }
        else if (count == 14 && digits[0] == 0 && digits[1] == 0 && digits[2] == 8 && digits[3] == 6)
        {
            start = 4;
        }
        else if (count == 12 && digits[0] == 8 && digits[1] == 6)
        {
            start = 2;
        }

        if (count - start != 10 || digits[start] != 4 || digits[start + 1] != 0 || digits[start + 2] != 0)
        {
            return false;
        }

        long value = 0;
        for (int i = start; i < count; i++)
        {
            value = (value * 10) + digits[i];
        }

        number = new HotlineNumber(value);
        return true;
    }

    /// <summary>Parses a 400 number like <see cref="TryParse"/>; throws <see cref="FormatException"/> naming the text when it is not one.</summary>
    public static HotlineNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out HotlineNumber number))
        {
            throw new FormatException($"'{text}' is not a 400 hotline number (expected 400 followed by 7 digits, e.g. 400-600-1234).");
        }

        return number;
    }

    /// <summary>The fourth digit (the x in 400x…), which identifies the carrier block.</summary>
    public int BlockDigit => (int)(Value / 1_000_000 % 10);

    /// <summary>The issuing carrier by the fourth digit: 8, 9 China Telecom; 0, 6 China Unicom; 1, 7 China Mobile; otherwise Unknown.</summary>
    public Carrier Carrier => BlockDigit switch
    {
        8 or 9 => Carrier.ChinaTelecom,
        0 or 6 => Carrier.ChinaUnicom,
        1 or 7 => Carrier.ChinaMobile,
        _ => Carrier.Unknown,
    };

    /// <summary>The ten digits, e.g. "4001234567".</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The customary written form "400-123-4567".</summary>
    public string ToDisplayString()
    {
        if (!IsValid)
        {
            return ToString();
        }

        return string.Create(12, Value, static (span, value) =>
        {
            for (int i = 11; i >= 0; i--)
            {
                if (i is 3 or 7)
                {
                    span[i] = '-';
                    continue;
                }

                span[i] = (char)('0' + (int)(value % 10));
                value /= 10;
            }
        });
    }

    /// <summary>
    /// The "pretty number" (靓号) pattern of the last four digits, or null for an ordinary number:
    /// "aaaa" when all four are equal (8888), "abcd" when they ascend by one (1234, 5678, 0123),
    /// "abab" when they repeat a pair of two different digits (1212). Returns constants, no allocation.
    /// </summary>
    public string? GradePattern()
    {
        int last4 = (int)(Value % 10_000);
        int a = last4 / 1000;
        int b = last4 / 100 % 10;
        int c = last4 / 10 % 10;
        int d = last4 % 10;
        if (a == b && b == c && c == d)
        {
            return "aaaa";
        }

        if (b == a + 1 && c == b + 1 && d == c + 1)
        {
            return "abcd";
        }

        if (a == c && b == d && a != b)
        {
            return "abab";
        }

        return null;
    }
}
