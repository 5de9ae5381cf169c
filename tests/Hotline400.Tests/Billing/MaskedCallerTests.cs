using CsCheck;
using Hotline400.Billing;
using Hotline400.Numbers;

namespace Hotline400.Tests.Billing;

/// <summary>The itemized calls' caller text, formatted straight from the digits, is what masking the caller's text gives.</summary>
public sealed class MaskedCallerTests
{
    private static readonly string[] AreaCodes = ["010", "020", "021", "022", "023", "024", "025", "027", "028", "029", "0311", "0351", "0371", "0431", "0451", "0471", "0531", "0551", "0571", "0591", "0731", "0755", "0757", "0769", "0851", "0871", "0898", "0991"];

    /// <summary>Caller texts as providers send them: mobiles and landlines with and without +86, spaces, dashes, trunk zeros; short, long and odd ones.</summary>
    private static readonly Gen<string> Raw = Gen.OneOf(
        Gen.Long[13_000_000_000, 19_999_999_999].Select(Gen.Int[0, 3], (n, style) => style switch
        {
            0 => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            1 => "+86 " + n,
            2 => "86" + n,
            _ => $"{n / 100_000_000}-{n / 10_000 % 10_000:D4}-{n % 10_000:D4}",
        }),
        Gen.Int[0, AreaCodes.Length - 1].Select(Gen.Long[1_000_000, 99_999_999], Gen.Int[0, 3], (a, local, style) => style switch
        {
            0 => AreaCodes[a] + local,
            1 => AreaCodes[a] + "-" + local,
            2 => "+86 " + AreaCodes[a][1..] + " " + local,
            _ => "+86 (0)" + AreaCodes[a][1..] + local,
        }),
        Gen.String[Gen.Char["0123456789+-() "], 0, 16],
        Gen.OneOf(Gen.Const("anonymous"), Gen.Const(""), Gen.Const("withheld"), Gen.Const("+44 20 7946 0958"), Gen.Const("12345"), Gen.Const("95588")));

    [Fact]
    public void Masked_from_the_digits_is_masking_the_callers_text()
    {
        Raw.Sample(raw =>
        {
            var caller = CallerNumber.Classify(raw);
            if (caller.IsWithheld)
            {
                return; // a withheld caller shows as empty, before any masking
            }
            Assert.Equal(CallerNumber.Masked(caller.ToString()), StatementBuilder.MaskedCaller(caller));
        }, iter: 20_000);
    }

    [Theory]
    [InlineData("13800138000", "138****8000")]
    [InlineData("+86 138-0013-8000", "138****8000")]
    [InlineData("0571-88886666", "0571-88****66")]
    [InlineData("010 6552 9988", "010-65****88")]
    public void Examples(string raw, string masked) => Assert.Equal(masked, StatementBuilder.MaskedCaller(CallerNumber.Classify(raw)));
}
