using System.Globalization;

namespace Hotline400.Money;

/// <summary>
/// A price per minute in yuan (元/分钟). A rate is not an amount: multiplying it by billed
/// seconds gives <see cref="Money"/>, exactly, with no rounding (rounding is
/// <see cref="Money.RoundToFen"/>'s job).
/// </summary>
public readonly record struct Rate(decimal YuanPerMinute)
{
    public static readonly Rate Zero = new(0m);

    /// <summary>The exact charge for <paramref name="seconds"/> billed seconds at this rate.</summary>
    public Money ForSeconds(long seconds)
    {
        // Whole minutes (the common case) need no division; decimal division is slow.
        if (seconds % 60 == 0)
        {
            return new Money(YuanPerMinute * (seconds / 60));
        }
        return new Money(YuanPerMinute * seconds / 60m);
    }

    public override string ToString() => YuanPerMinute.ToString("0.00##", CultureInfo.InvariantCulture);

    public bool TryFormat(Span<char> destination, out int written) =>
        YuanPerMinute.TryFormat(destination, out written, "0.00##", CultureInfo.InvariantCulture);
}
