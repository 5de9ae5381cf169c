using global::Hotline400.Billing;

namespace Hotline400.Tests.Billing;

public sealed class BillingPeriodTests
{
    [Fact]
    public void A_period_is_a_calendar_month_with_an_inclusive_start_and_exclusive_end()
    {
        var p = BillingPeriod.Parse("2026-10");
        Assert.Equal(new DateOnly(2026, 10, 1), p.Start);
        Assert.Equal(new DateOnly(2026, 11, 1), p.End);
        Assert.Equal(new DateOnly(2026, 10, 31), p.LastDay);
        Assert.Equal(31, p.Days);
        Assert.True(p.Contains(new DateOnly(2026, 10, 31)));
        Assert.False(p.Contains(new DateOnly(2026, 11, 1)));
        Assert.Equal("2026-10", p.ToString());
        Assert.Equal(BillingPeriod.Parse("2026-11"), p.Next);
    }

    [Fact]
    public void The_period_starts_at_China_midnight()
    {
        var p = BillingPeriod.Parse("2026-10");
        Assert.Equal(DateTimeOffset.Parse("2026-10-01T00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), p.StartMs);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026/10")]
    [InlineData("")]
    [InlineData("26-10")]
    public void Bad_text_is_refused_with_a_message(string text)
    {
        Assert.False(BillingPeriod.TryParse(text, out _, out var error));
        Assert.Contains("YYYY-MM", error.En, StringComparison.Ordinal);
        Assert.Contains("不是账期：请按 YYYY-MM 填写月份", error.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Days_overlapping_count_half_open_ranges()
    {
        var p = BillingPeriod.Parse("2026-11");
        Assert.Equal(15, p.DaysOverlapping(new DateOnly(2026, 11, 16), null));
        Assert.Equal(30, p.DaysOverlapping(new DateOnly(2026, 1, 1), null));
        Assert.Equal(10, p.DaysOverlapping(new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 11)));
    }
}
