using CsCheck;
using Hotline400.Advisor;
using Xunit;

namespace Hotline400.Tests.Advisor;

/// <summary>
/// The search that narrows a break-even to the minute (<see cref="PlanAdvisor.FirstWithSign"/>):
/// it must find the volume a minute-by-minute scan finds, in far fewer replays than bisection when
/// costs grow almost in proportion to the volume, and never more than one more where they do not.
/// </summary>
public class BreakEvenSearchTests
{
    /// <summary>The smallest m in (lo, hi] where the difference has the sign or is zero, by looking at every minute.</summary>
    private static long Scan(Func<long, decimal> diff, int sign, long lo, long hi)
    {
        for (var m = lo + 1; m <= hi; m++)
        {
            if (Math.Sign(diff(m)) != -sign)
            {
                return m;
            }
        }
        throw new InvalidOperationException("no sign change");
    }

    [Fact]
    public void A_monotone_difference_is_narrowed_to_the_minute_a_scan_finds()
    {
        // Differences that only grow (steps, plateaus, zeros at the crossing): a plan's cost against
        // another as volume grows. Both signs of crossing, any range.
        Gen.Select(Gen.Int[1, 5000], Gen.Int[0, 4999], Gen.Decimal[0.001m, 50m], Gen.Int[1, 200], Gen.Int[0, 30], Gen.Bool).Sample((width, at, slope, step, flat, rising) =>
        {
            var crossing = Math.Min(at, width - 1);
            // Steps of `step` minutes, and a plateau of zero `flat` minutes wide around the crossing.
            decimal Rising(long m) => m >= crossing && m < crossing + flat ? 0m : slope * ((m - crossing) / step * step + (m >= crossing ? 1 : -1));
            Func<long, decimal> diff = rising ? Rising : m => -Rising(m);
            var sign = rising ? 1 : -1;
            const long lo = 1000;
            var d = (long m) => diff(m - lo);
            if (Math.Sign(d(lo)) != -sign || Math.Sign(d(lo + width)) != sign)
            {
                return; // no change of sign in this range
            }
            Assert.Equal(Scan(d, sign, lo, lo + width), PlanAdvisor.FirstWithSign(d, sign, lo, d(lo), lo + width, d(lo + width)));
        });
    }

    [Fact]
    public void Costs_in_proportion_to_the_volume_take_a_few_replays_not_a_bisection()
    {
        // Two per-minute plans, 0.10 + 300 a year of fees against 0.13: 12 × 0.03 × m = 300 at m = 833.3.
        var evaluations = 0;
        decimal Diff(long m)
        {
            evaluations++;
            return decimal.Round(12 * 0.13m * m, 2) - decimal.Round(12 * 0.10m * m + 300m, 2);
        }
        var (atZero, atEnd) = (Diff(0), Diff(55_000));
        evaluations = 0;
        var found = PlanAdvisor.FirstWithSign(Diff, 1, 0, atZero, 55_000, atEnd);
        Assert.Equal(834, found); // 833: 1299.48 < 1299.60; 834: 1301.04 > 1300.80
        Assert.True(evaluations <= 6, $"{evaluations} probes"); // bisection of 55,000 minutes: 16
    }

    [Fact]
    public void A_package_against_a_flat_rate_is_found_however_far_the_line_guesses_wrong()
    {
        // A package costs 5,000 up to 50,000 minutes a month then 0.0083 a minute more; flat costs 0.12:
        // the straight line between the ends guesses far from the change, and the search still takes no more than bisection's probes and one.
        var evaluations = 0;
        decimal Diff(long m)
        {
            evaluations++;
            var package = Math.Max(5000m, 12 * 0.0083m * m);
            return decimal.Round(12 * 0.12m * m, 2) - package;
        }
        var expected = Scan(Diff, 1, 0, 200_000);
        Assert.Equal(3473, expected); // 12 × 0.12 × m > 5000 from m = 3472.2
        var (atZero, atEnd) = (Diff(0), Diff(200_000));
        evaluations = 0;
        Assert.Equal(expected, PlanAdvisor.FirstWithSign(Diff, 1, 0, atZero, 200_000, atEnd));
        Assert.True(evaluations <= 19, $"{evaluations} probes"); // bisection of 200,000 minutes: 18; ITP: at most one more
    }
}
