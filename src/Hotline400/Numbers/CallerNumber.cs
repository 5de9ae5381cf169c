using System.Globalization;

namespace Hotline400.Numbers;

/// <summary>What kind of number called a 400 line, as far as the presented digits tell.</summary>
public enum CallerKind : byte
{
    /// <summary>No number was presented (empty, "anonymous", "unknown", "withheld", "private", "-").</summary>
    Withheld,

    /// <summary>A mainland China mobile number, 11 digits 1[3-9]xxxxxxxxx.</summary>
    Mobile,

    /// <summary>A mainland China landline written with its trunk 0 and area code (or after +86).</summary>
    Landline,

    /// <summary>Anything else: service numbers (95xxx), 400 numbers, international, too short, unrecognisable.</summary>
    Other,
}

/// <summary>
/// A caller number (主叫号码) classified for rating and routing: its kind, the landline area code
/// or the mobile 7-digit segment that determine the caller's region, and the national number.
/// Created by <see cref="Classify"/> without allocation.
/// </summary>
public readonly struct CallerNumber : IEquatable<CallerNumber>
{
    private const int MaxDigits = 24;

    private CallerNumber(CallerKind kind, int areaCode, int mobilePrefix, long nationalNumber)
    {
        Kind = kind;
        AreaCode = areaCode;
        MobilePrefix = mobilePrefix;
        NationalNumber = nationalNumber;
    }

    /// <summary>The kind of number.</summary>
    public CallerKind Kind { get; }

    /// <summary>For a landline the area code without the trunk 0 (10, 21, 755, 571); 0 otherwise.</summary>
    public int AreaCode { get; }

    /// <summary>For a mobile the first seven digits (1380013), which identify province and city; 0 otherwise.</summary>
    public int MobilePrefix { get; }

    /// <summary>
    /// The digits without trunk 0 and without country code (13800138000, 1088886666);
    /// for <see cref="CallerKind.Other"/> the digits as given (0 if more than 18); 0 when withheld.
    /// </summary>
    public long NationalNumber { get; }

    /// <summary>True when the caller presented no number.</summary>
    public bool IsWithheld => Kind == CallerKind.Withheld;

    /// <summary>A withheld caller (the default value).</summary>
    public static CallerNumber Withheld => default;

    /// <summary>
    /// Classifies a raw caller number. Spaces, dashes and parentheses are ignored; <c>+86</c> and
    /// <c>0086</c> are removed (a landline then follows without its trunk 0), a bare <c>86</c> only
    /// when a valid mobile follows. A landline needs its trunk 0: area codes 10 and 20–29 have two
    /// digits, all others three; the local part has 7–8 digits. No allocation.
    /// </summary>
    public static CallerNumber Classify(ReadOnlySpan<char> raw)
    {
        raw = raw.Trim();
        if (raw.IsEmpty || IsWithheldToken(raw))
        {
            return default;
        }

        Span<byte> buffer = stackalloc byte[MaxDigits];
        int count = 0;
        bool plus = false;
        bool overflow = false;
        foreach (char c in raw)
        {
            if (c is >= '0' and <= '9')
            {
                if (count < MaxDigits)
                {
                    buffer[count] = (byte)(c - '0');
                }
                else
                {
                    overflow = true;
                }

                count++;
            }
            else if (c is ' ' or '-' or '(' or ')' or '\t' or '\u00A0' or '\u3000' or '（' or '）')
            {
                // separator
            }
            else if (c == '+' && count == 0 && !plus)
            {
                plus = true;
            }
            else
            {
                return Other(ReadOnlySpan<byte>.Empty);
            }
        }

        if (count == 0)
        {
            // Only separators ("-", "--", "()"): nothing was presented.
            return plus ? Other(ReadOnlySpan<byte>.Empty) : default;
        }

        if (overflow)
        {
            return Other(ReadOnlySpan<byte>.Empty);
        }

        ReadOnlySpan<byte> digits = buffer[..count];

        bool international = false;
        if (plus)
        {
            if (!digits.StartsWith((ReadOnlySpan<byte>)[8, 6]))
            {
                return Other(digits);
            }

            digits = digits[2..];
            international = true;
        }
        else if (digits.StartsWith((ReadOnlySpan<byte>)[0, 0, 8, 6]))
        {
            digits = digits[4..];
            international = true;
        }
        else if (digits.Length == 13 && digits[0] == 8 && digits[1] == 6 && IsMobile(digits[2..]))
        {
            digits = digits[2..];
        }
        else if (digits.Length >= 2 && digits[0] == 0 && digits[1] == 0)
        {
            // Another international access prefix: a caller from abroad.
            return Other(digits);
        }

        if (IsMobile(digits))
        {
            long national = ToLong(digits);
            return new CallerNumber(CallerKind.Mobile, 0, (int)(national / 10_000), national);
        }

        if (international)
        {
            // After the country code a landline comes without its trunk 0; "+86 (0)10 …" keeps it.
            if (digits.Length > 0 && digits[0] == 0)
            {
                digits = digits[1..];
            }

            return TryLandline(digits, out CallerNumber landline) ? landline : Other(digits);
        }

        if (digits[0] == 0 && TryLandline(digits[1..], out CallerNumber trunkLandline))
        {
            return trunkLandline;
        }

        return Other(digits);
    }

    /// <summary>
    /// Masks the middle digits of a raw caller number for statements: a mobile as 138****8000,
    /// a landline as 0571-88****66 (area code, first two and last two local digits), a withheld
    /// caller as the empty string; other numbers of 7 or more digits keep their first 3 and last 2 digits.
    /// </summary>
    public static string Masked(ReadOnlySpan<char> raw)
    {
        CallerNumber caller = Classify(raw);
        switch (caller.Kind)
        {
            case CallerKind.Withheld:
                return string.Empty;
            case CallerKind.Mobile:
            {
                string n = caller.NationalNumber.ToString(CultureInfo.InvariantCulture);
                return string.Concat(n.AsSpan(0, 3), "****", n.AsSpan(7));
            }

            case CallerKind.Landline:
            {
                string area = caller.AreaCode.ToString(CultureInfo.InvariantCulture);
                string national = caller.NationalNumber.ToString(CultureInfo.InvariantCulture);
                ReadOnlySpan<char> local = national.AsSpan(area.Length);
                return string.Concat("0", area, "-", string.Concat(local[..2], new string('*', local.Length - 4), local[^2..]));
            }

            default:
            {
                string n = caller.NationalNumber == 0 ? string.Empty : caller.NationalNumber.ToString(CultureInfo.InvariantCulture);
                if (n.Length < 7)
                {
                    return n;
                }

                return string.Concat(n.AsSpan(0, 3), new string('*', n.Length - 5), n.AsSpan(n.Length - 2));
            }
        }
    }

    /// <summary>A readable form: "13800138000", "0571-88886666", "withheld" or the digits of another number.</summary>
    public override string ToString()
    {
        switch (Kind)
        {
            case CallerKind.Withheld:
                return "withheld";
            case CallerKind.Landline:
            {
                string area = AreaCode.ToString(CultureInfo.InvariantCulture);
                string national = NationalNumber.ToString(CultureInfo.InvariantCulture);
                return string.Concat("0", area, "-", national.AsSpan(area.Length));
            }

            default:
                return NationalNumber.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <inheritdoc />
    public bool Equals(CallerNumber other) =>
        Kind == other.Kind && AreaCode == other.AreaCode && MobilePrefix == other.MobilePrefix && NationalNumber == other.NationalNumber;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CallerNumber other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, AreaCode, MobilePrefix, NationalNumber);

    /// <summary>Value equality.</summary>
    public static bool operator ==(CallerNumber left, CallerNumber right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(CallerNumber left, CallerNumber right) => !left.Equals(right);

    private static bool IsWithheldToken(ReadOnlySpan<char> s) =>
        s.Equals("anonymous", StringComparison.OrdinalIgnoreCase)
        || s.Equals("unknown", StringComparison.OrdinalIgnoreCase)
        || s.Equals("withheld", StringComparison.OrdinalIgnoreCase)
        || s.Equals("private", StringComparison.OrdinalIgnoreCase);

    private static bool IsMobile(ReadOnlySpan<byte> d) => d.Length == 11 && d[0] == 1 && d[1] >= 3;

    /// <summary>Reads area code + local number (trunk 0 already removed).</summary>
    private static bool TryLandline(ReadOnlySpan<byte> d, out CallerNumber caller)
    {
        caller = default;
        if (d.Length < 2)
        {
            return false;
        }

        int areaLength;
        if (d[0] == 1)
        {
            if (d[1] != 0)
            {
                return false;
            }

            areaLength = 2;
        }
        else if (d[0] == 2)
        {
            areaLength = 2;
        }
        else if (d[0] >= 3)
        {
            areaLength = 3;
        }
        else
        {
            return false;
        }

        int localLength = d.Length - areaLength;
        if (localLength is < 7 or > 8 || d[areaLength] == 0)
        {
            return false;
        }

        int area = (int)ToLong(d[..areaLength]);
        caller = new CallerNumber(CallerKind.Landline, area, 0, ToLong(d));
        return true;
    }

    private static CallerNumber Other(ReadOnlySpan<byte> digits) =>
        new(CallerKind.Other, 0, 0, digits.Length is > 0 and <= 18 ? ToLong(digits) : 0);

    private static long ToLong(ReadOnlySpan<byte> d)
    {
        long v = 0;
        foreach (byte b in d)
        {
            v = (v * 10) + b;
        }

        return v;
    }
}
