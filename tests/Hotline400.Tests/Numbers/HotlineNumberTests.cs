using Hotline400.Numbers;

namespace Hotline400.Tests.Numbers;

public class HotlineNumberTests
{
    [Theory]
    [InlineData("400-600-1234", 4006001234L)]
    [InlineData("+86 400 600 1234", 4006001234L)]
    [InlineData("+86-400-600-1234", 4006001234L)]
    [InlineData("4006001234", 4006001234L)]
    [InlineData("400.600.1234", 4006001234L)]
    [InlineData(" 400 600 1234 ", 4006001234L)]
    [InlineData("+864006001234 ", 4006001234L)]
    [InlineData("864006001234", 4006001234L)]
    [InlineData("0086 400 600 1234", 4006001234L)]
    [InlineData("4009999999", 4009999999L)]
    [InlineData("4000000000", 4000000000L)]
    public void A_400_number_written_with_separators_or_country_code_parses(string text, long expected)
    {
        Assert.True(HotlineNumber.TryParse(text, out HotlineNumber number));
        Assert.Equal(expected, number.Value);
        Assert.Equal(new HotlineNumber(expected), HotlineNumber.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("008640060012345")] // 0086 + eleven digits
    [InlineData("4016001234")] // 401 is not a 400 number
    [InlineData("40060012")] // too short
    [InlineData("40060012345")] // too long
    [InlineData("86 4006001234 5")]
    [InlineData("+1 400 600 1234")]
    [InlineData("4006OO1234")]
    [InlineData("800-600-1234")]
    [InlineData("(400) 600-1234")]
    [InlineData("++86 400 600 1234")]
    [InlineData("400+6001234")]
    [InlineData("8640060012")] // 86 followed by only eight digits
    public void Anything_else_is_not_a_400_number(string text)
    {
        Assert.False(HotlineNumber.TryParse(text, out HotlineNumber number));
        Assert.Equal(default, number);
    }

    [Fact]
    public void A_plus_86_with_12_digits_parses_but_a_bare_86_with_11_does_not()
    {
        Assert.True(HotlineNumber.TryParse("+864006001234", out _));
        Assert.False(HotlineNumber.TryParse("86400600123", out _));
    }

    [Fact]
    public void Parse_names_the_text_it_rejects()
    {
        FormatException e = Assert.Throws<FormatException>(() => HotlineNumber.Parse("400-12"));
        Assert.Contains("400-12", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4008001234", Carrier.ChinaTelecom)]
    [InlineData("4009001234", Carrier.ChinaTelecom)]
    [InlineData("4000001234", Carrier.ChinaUnicom)]
    [InlineData("4006001234", Carrier.ChinaUnicom)]
    [InlineData("4001001234", Carrier.ChinaMobile)]
    [InlineData("4007001234", Carrier.ChinaMobile)]
    [InlineData("4002001234", Carrier.Unknown)]
    [InlineData("4003001234", Carrier.Unknown)]
    [InlineData("4004001234", Carrier.Unknown)]
    [InlineData("4005001234", Carrier.Unknown)]
    public void The_fourth_digit_tells_the_carrier(string text, Carrier expected)
    {
        Assert.Equal(expected, HotlineNumber.Parse(text).Carrier);
    }

    [Theory]
    [InlineData(Carrier.ChinaTelecom, "中国电信", "China Telecom")]
    [InlineData(Carrier.ChinaUnicom, "中国联通", "China Unicom")]
    [InlineData(Carrier.ChinaMobile, "中国移动", "China Mobile")]
    [InlineData(Carrier.Unknown, "未知", "Unknown")]
    public void Carriers_have_Chinese_and_English_names(Carrier carrier, string zh, string en)
    {
        Assert.Equal(zh, CarrierNames.Zh(carrier));
        Assert.Equal(en, CarrierNames.En(carrier));
    }

    [Theory]
    [InlineData(4001234567L, "4001234567", "400-123-4567")]
    [InlineData(4000000000L, "4000000000", "400-000-0000")]
    [InlineData(4009990001L, "4009990001", "400-999-0001")]
    public void A_number_prints_as_digits_and_displays_with_dashes(long value, string plain, string display)
    {
        var number = new HotlineNumber(value);
        Assert.Equal(plain, number.ToString());
        Assert.Equal(display, number.ToDisplayString());
    }

    [Theory]
    [InlineData("400-600-8888", "aaaa")]
    [InlineData("400-600-0000", "aaaa")]
    [InlineData("400-600-1234", "abcd")]
    [InlineData("400-600-5678", "abcd")]
    [InlineData("400-600-6789", "abcd")]
    [InlineData("400-600-0123", "abcd")]
    [InlineData("400-600-1212", "abab")]
    [InlineData("400-600-6868", "abab")]
    [InlineData("400-600-4321", null)]
    [InlineData("400-600-1235", null)]
    [InlineData("400-600-1221", null)]
    [InlineData("400-600-8889", null)]
    [InlineData("400-600-7890", null)]
    public void The_last_four_digits_give_the_grade_pattern(string text, string? expected)
    {
        Assert.Equal(expected, HotlineNumber.Parse(text).GradePattern());
    }

    [Fact]
    public void Parsing_does_not_allocate()
    {
        static void Parse1000()
        {
            for (int i = 0; i < 1000; i++)
            {
                HotlineNumber.TryParse("+86 400-600-1234", out HotlineNumber n);
                _ = n.Carrier;
                _ = n.GradePattern();
            }
        }

        // Once before measuring: a loop's first runs may be compiled again on this thread (tiering), which allocates.
        Parse1000();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Parse1000();
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
