using System.Globalization;
using System.Text;

namespace Hotline400.Rating;

/// <summary>
/// A growable UTF-8 text buffer written without intermediate strings: literals, whole numbers and
/// decimals are formatted straight into bytes. The hot output path (rated CSV, explanations)
/// uses it so that a call costs no string.
/// </summary>
public sealed class Utf8Text
{
    private byte[] _bytes;

    public Utf8Text(int capacity = 256) => _bytes = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

    public Utf8Text Clear()
    {
        Length = 0;
        return this;
    }

    private Span<byte> Room(int bytes)
    {
        if (_bytes.Length - Length < bytes)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + bytes));
        }
        return _bytes.AsSpan(Length);
    }

    public Utf8Text Append(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(Room(utf8.Length));
        Length += utf8.Length;
        return this;
    }

    public Utf8Text Append(string text)
    {
        var room = Room(Encoding.UTF8.GetMaxByteCount(text.Length));
        Length += Encoding.UTF8.GetBytes(text, room);
        return this;
    }

    public Utf8Text Append(byte ascii)
    {
        Room(1)[0] = ascii;
        Length++;
        return this;
    }

    public Utf8Text Append(long value)
    {
        if (value < 0)
        {
            Append((byte)'-');
            AppendDigits((ulong)(-(value + 1)) + 1); // long.MinValue has no positive long
            return this;
        }
        AppendDigits((ulong)value);
        return this;
    }

    /// <summary>The decimal digits of a whole number, written from the last one back.</summary>
    private void AppendDigits(ulong value)
    {
        var digits = 1;
        while (digits < Powers.Length && value >= Powers[digits])
        {
            digits++;
        }
        var room = Room(digits);
        for (var i = digits - 1; i >= 0; i--)
        {
            var (q, r) = Math.DivRem(value, 10UL);
            room[i] = (byte)('0' + (int)r);
            value = q;
        }
        Length += digits;
    }

    /// <summary>10^0 … 10^19, the powers of ten a <see cref="ulong"/> holds.</summary>
    private static readonly ulong[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000];

    /// <summary>
    /// A decimal with at least <paramref name="minDecimals"/> and at most <paramref name="maxDecimals"/>
    /// decimals, like the .NET format "0.00##" (min 2, max 4): exact values are written by hand,
    /// since .NET's custom decimal formats are slow on a hot path.
    /// </summary>
    public Utf8Text Append(decimal value, int minDecimals, int maxDecimals)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var valueScale = (bits[3] >> 16) & 0xFF;
        if (bits[2] == 0 && bits[1] >= 0 && valueScale <= maxDecimals)
        {
            var units = ((long)bits[1] << 32) | (uint)bits[0];
            if (bits[3] < 0)
            {
                units = -units;
            }
            for (var k = valueScale; k < maxDecimals; k++)
            {
                units *= 10;
            }
            var scale = (long)Pow10[maxDecimals];
            if (units < 0)
            {
                Append((byte)'-');
                units = -units;
            }
            var whole = units / scale;
            var frac = units % scale;
            var decimals = maxDecimals;
            while (decimals > minDecimals && frac % 10 == 0)
            {
                frac /= 10;
                decimals--;
            }
            Append(whole);
            if (decimals > 0)
            {
                var room = Room(decimals + 1);
                room[0] = (byte)'.';
                for (var i = decimals; i >= 1; i--)
                {
                    room[i] = (byte)('0' + frac % 10);
                    frac /= 10;
                }
                Length += decimals + 1;
            }
            return this;
        }
        var format = minDecimals == maxDecimals ? "0." + new string('0', minDecimals) : "0." + new string('0', minDecimals) + new string('#', maxDecimals - minDecimals);
        value.TryFormat(Room(40), out var n, format, CultureInfo.InvariantCulture);
        Length += n;
        return this;
    }

    private static readonly decimal[] Pow10 = [1m, 10m, 100m, 1000m, 10000m, 100000m, 1000000m, 10000000m, 100000000m];

    /// <summary>An amount as <see cref="Money.Money.ToString"/> writes it: two decimals, more (up to six) only when not whole fen.</summary>
    public Utf8Text Append(Money.Money money) => Append(money.Yuan, 2, 6);

    public override string ToString() => Encoding.UTF8.GetString(Span);
}
