using System.Globalization;

namespace Hotline400.Money;

/// <summary>
/// An exact amount of money in yuan (元). Backed by <see cref="decimal"/>, never by a floating-point
/// type. An amount may carry more than two decimals while it is being computed (a per-second
/// charge, say); <see cref="RoundToFen"/> is the one place in the product where amounts are
/// rounded to the fen (分), half away from zero (四舍五入).
/// </summary>
public readonly record struct Money(decimal Yuan) : IComparable<Money>
{
    public static readonly Money Zero = new(0m);

    public static Money FromFen(long fen) => new(fen / 100m);

    /// <summary>The product's single rounding rule: to the fen, half away from zero.</summary>
    public Money RoundToFen() => new(decimal.Round(Yuan, 2, MidpointRounding.AwayFromZero));

    public bool IsZero => Yuan == 0m;
    public bool IsNegative => Yuan < 0m;

    public static Money operator +(Money a, Money b) => new(a.Yuan + b.Yuan);
    public static Money operator -(Money a, Money b) => new(a.Yuan - b.Yuan);
    public static Money operator -(Money a) => new(-a.Yuan);
    public static Money operator *(Money a, decimal factor) => new(a.Yuan * factor);
    public static Money operator *(decimal factor, Money a) => new(a.Yuan * factor);
    public static bool operator <(Money a, Money b) => a.Yuan < b.Yuan;
    public static bool operator >(Money a, Money b) => a.Yuan > b.Yuan;
    public static bool operator <=(Money a, Money b) => a.Yuan <= b.Yuan;
    public static bool operator >=(Money a, Money b) => a.Yuan >= b.Yuan;

    public static Money Max(Money a, Money b) => a.Yuan >= b.Yuan ? a : b;
    public static Money Min(Money a, Money b) => a.Yuan <= b.Yuan ? a : b;

    public int CompareTo(Money other) => Yuan.CompareTo(other.Yuan);

    /// <summary>Two decimals when the amount is whole fen, otherwise every significant decimal.</summary>
    public override string ToString()
    {
        var rounded = decimal.Round(Yuan, 2);
        return rounded == Yuan
            ? Yuan.ToString("0.00", CultureInfo.InvariantCulture)
            : Yuan.ToString("0.00####", CultureInfo.InvariantCulture);
    }

    /// <summary>The amount rounded to the fen, as "¥1,234.50".</summary>
    public string ToDisplayString() => "¥" + RoundToFen().Yuan.ToString("#,0.00", CultureInfo.InvariantCulture);

    public static bool TryParse(ReadOnlySpan<char> text, out Money money)
    {
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
        {
            money = new Money(d);
            return true;
        }
        money = Zero;
        return false;
    }

    /// <summary>Writes the amount as <see cref="ToString"/> does, without allocating.</summary>
    public bool TryFormat(Span<char> destination, out int written)
    {
        var rounded = decimal.Round(Yuan, 2);
        return rounded == Yuan
            ? Yuan.TryFormat(destination, out written, "0.00", CultureInfo.InvariantCulture)
            : Yuan.TryFormat(destination, out written, "0.00####", CultureInfo.InvariantCulture);
    }
}
