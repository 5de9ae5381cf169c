using System.Globalization;
using CsCheck;
using Hotline400.Rating;

namespace Hotline400.Tests.Rating;

/// <summary>The rated CSV's hand-written number formatting writes exactly what .NET's invariant formatting writes.</summary>
public class Utf8TextTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(7L)]
    [InlineData(9L)]
    [InlineData(10L)]
    [InlineData(99L)]
    [InlineData(100L)]
    [InlineData(62_500L)]
    [InlineData(-1L)]
    [InlineData(-10L)]
    [InlineData(999_999_999_999_999_999L)]
    [InlineData(1_000_000_000_000_000_000L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Whole_numbers_are_written_as_invariant_digits(long value) =>
        Assert.Equal(value.ToString(CultureInfo.InvariantCulture), new Utf8Text(1).Append(value).ToString());

    [Fact]
    public void Any_whole_number_is_written_as_invariant_digits() =>
        Gen.Long.Sample(v => Assert.Equal(v.ToString(CultureInfo.InvariantCulture), new Utf8Text(1).Append(v).ToString()));

    [Theory]
    [InlineData("0.1", 2, 4, "0.10")]
    [InlineData("0.12345", 2, 4, "0.1235")] // more places than the maximum: rounded as the format "0.00##" rounds
    [InlineData("1.5", 2, 6, "1.50")]
    [InlineData("-0.125", 2, 6, "-0.125")]
    [InlineData("62500", 0, 2, "62500")]
    [InlineData("2.50", 0, 2, "2.5")]
    public void Decimals_keep_between_the_minimum_and_maximum_of_places(string value, int min, int max, string expected) =>
        Assert.Equal(expected, new Utf8Text(1).Append(decimal.Parse(value, CultureInfo.InvariantCulture), min, max).ToString());

    private static readonly decimal[] Places = [1m, 10m, 100m, 1_000m, 10_000m, 100_000m, 1_000_000m];

    [Fact]
    public void Any_amount_is_written_as_the_format_0_00_hash_hash_writes_it() =>
        Gen.Select(Gen.Long[-10_000_000_000, 10_000_000_000], Gen.Int[0, 6]).Sample(t =>
        {
            var amount = t.Item1 / Places[t.Item2];
            Assert.Equal(amount.ToString("0.00####", CultureInfo.InvariantCulture), new Utf8Text(1).Append(amount, 2, 6).ToString());
        });
}
