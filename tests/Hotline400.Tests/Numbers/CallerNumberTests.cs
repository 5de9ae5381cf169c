using Hotline400.Numbers;

namespace Hotline400.Tests.Numbers;

public class CallerNumberTests
{
    [Theory]
    [InlineData("13800138000", CallerKind.Mobile, 0, 1380013, 13800138000L)]
    [InlineData("+8613800138000", CallerKind.Mobile, 0, 1380013, 13800138000L)]
    [InlineData("8613800138000", CallerKind.Mobile, 0, 1380013, 13800138000L)]
    [InlineData("008613800138000", CallerKind.Mobile, 0, 1380013, 13800138000L)]
    [InlineData("+86 138-0013-8000", CallerKind.Mobile, 0, 1380013, 13800138000L)]
    [InlineData("19912345678", CallerKind.Mobile, 0, 1991234, 19912345678L)]
    [InlineData("01088886666", CallerKind.Landline, 10, 0, 1088886666L)]
    [InlineData("010-8888-6666", CallerKind.Landline, 10, 0, 1088886666L)]
    [InlineData("(010) 8888 6666", CallerKind.Landline, 10, 0, 1088886666L)]
    [InlineData("02188886666", CallerKind.Landline, 21, 0, 2188886666L)]
    [InlineData("075588886666", CallerKind.Landline, 755, 0, 75588886666L)]
    [InlineData("0571-8888666", CallerKind.Landline, 571, 0, 5718888666L)]
    [InlineData("0898-6688-8866", CallerKind.Landline, 898, 0, 89866888866L)]
    [InlineData("+86 755 8888 6666", CallerKind.Landline, 755, 0, 75588886666L)]
    [InlineData("+86 (0)10 8888 6666", CallerKind.Landline, 10, 0, 1088886666L)]
    [InlineData("0086 21 8888 6666", CallerKind.Landline, 21, 0, 2188886666L)]
    [InlineData("95588", CallerKind.Other, 0, 0, 95588L)]
    [InlineData("4006001234", CallerKind.Other, 0, 0, 4006001234L)]
    [InlineData("1088886666", CallerKind.Other, 0, 0, 1088886666L)] // a landline without its trunk 0
    [InlineData("75588886666", CallerKind.Other, 0, 0, 75588886666L)] // a landline without its trunk 0
    [InlineData("12345678901", CallerKind.Other, 0, 0, 12345678901L)] // 12x is not a mobile segment
    [InlineData("0755888866", CallerKind.Other, 0, 0, 755888866L)] // six-digit local number
    [InlineData("0755888866661", CallerKind.Other, 0, 0, 755888866661L)] // nine-digit local number
    [InlineData("0110888866", CallerKind.Other, 0, 0, 110888866L)] // 011 is no area code
    [InlineData("+44 20 7946 0000", CallerKind.Other, 0, 0, 442079460000L)]
    [InlineData("0044 20 7946 0000", CallerKind.Other, 0, 0, 442079460000L)]
    [InlineData("110", CallerKind.Other, 0, 0, 110L)]
    [InlineData("abc", CallerKind.Other, 0, 0, 0L)]
    [InlineData("", CallerKind.Withheld, 0, 0, 0L)]
    [InlineData("   ", CallerKind.Withheld, 0, 0, 0L)]
    [InlineData("-", CallerKind.Withheld, 0, 0, 0L)]
    [InlineData("anonymous", CallerKind.Withheld, 0, 0, 0L)]
    [InlineData("Anonymous", CallerKind.Withheld, 0, 0, 0L)]
    [InlineData("UNKNOWN", CallerKind.Withheld, 0, 0, 0L)]
    [InlineData("withheld", CallerKind.Withheld, 0, 0, 0L)]
    [InlineData(" Private ", CallerKind.Withheld, 0, 0, 0L)]
    public void A_caller_number_is_classified_by_its_digits(string raw, CallerKind kind, int areaCode, int mobilePrefix, long national)
    {
        CallerNumber caller = CallerNumber.Classify(raw);
        Assert.Equal(kind, caller.Kind);
        Assert.Equal(areaCode, caller.AreaCode);
        Assert.Equal(mobilePrefix, caller.MobilePrefix);
        Assert.Equal(national, caller.NationalNumber);
        Assert.Equal(kind == CallerKind.Withheld, caller.IsWithheld);
    }

    [Theory]
    [InlineData("13800138000", "138****8000")]
    [InlineData("+86 138 0013 8000", "138****8000")]
    [InlineData("0571-88886666", "0571-88****66")]
    [InlineData("057188886666", "0571-88****66")]
    [InlineData("0571-8888666", "0571-88***66")]
    [InlineData("010-8888-6666", "010-88****66")]
    [InlineData("", "")]
    [InlineData("anonymous", "")]
    [InlineData("95588", "95588")]
    [InlineData("4006001234", "400*****34")]
    public void Statements_show_masked_caller_numbers(string raw, string expected)
    {
        Assert.Equal(expected, CallerNumber.Masked(raw));
    }

    [Fact]
    public void Classifying_does_not_allocate()
    {
        static void Classify1000()
        {
            for (int i = 0; i < 1000; i++)
            {
                CallerNumber.Classify("+86 138-0013-8000");
                CallerNumber.Classify("0571-8888666");
                CallerNumber.Classify("anonymous");
            }
        }

        // Once before measuring: a loop's first runs may be compiled again on this thread (tiering), which allocates.
        Classify1000();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Classify1000();
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
