using Hotline400.Numbers;

namespace Hotline400.Simulation;

/// <summary>
/// Where simulated callers come from: mobile 7-digit segments (号段 + HLR block) placed in a
/// province by the same geocoder the rater uses and drawn by province population, landline area
/// codes of the big cities drawn by city size, and a few new segments the geocoder cannot place.
/// Built once per process from a fixed seed, so it never depends on the simulation's options.
/// </summary>
internal sealed class CallerPool
{
    /// <summary>Province-level population, millions (2020 census, rounded), by the full Chinese name.</summary>
    private static readonly (string ProvinceZh, double Millions)[] Population =
    [
        ("广东省", 126.0), ("山东省", 101.5), ("河南省", 99.4), ("江苏省", 84.7), ("四川省", 83.7),
        ("河北省", 74.6), ("湖南省", 66.4), ("浙江省", 64.6), ("安徽省", 61.0), ("湖北省", 57.8),
        ("广西壮族自治区", 50.1), ("云南省", 47.2), ("江西省", 45.2), ("辽宁省", 42.6), ("福建省", 41.5),
        ("陕西省", 39.5), ("贵州省", 38.6), ("山西省", 34.9), ("重庆市", 32.1), ("黑龙江省", 31.9),
        ("新疆维吾尔自治区", 25.9), ("甘肃省", 25.0), ("上海市", 24.9), ("内蒙古自治区", 24.0), ("吉林省", 24.1),
        ("北京市", 21.9), ("天津市", 13.9), ("海南省", 10.1), ("宁夏回族自治区", 7.2), ("青海省", 5.9),
        ("西藏自治区", 3.6),
    ];

    /// <summary>Mobile segments (first three digits) whose HLR blocks are sampled.</summary>
    private static readonly int[] Segments =
    [
        130, 131, 132, 133, 134, 135, 136, 137, 138, 139,
        150, 151, 152, 153, 155, 156, 157, 158, 159,
        180, 181, 182, 183, 184, 185, 186, 187, 188, 189,
        147, 166, 170, 173, 175, 176, 177, 178, 191, 198, 199,
    ];

    /// <summary>Landline area codes (without trunk 0) with a weight roughly by metropolitan size; all use 8-digit local numbers.</summary>
    private static readonly (int AreaCode, double Weight)[] AreaCodes =
    [
        (10, 22), (21, 25), (20, 19), (755, 18), (571, 12), (28, 21), (27, 13), (25, 9.5), (29, 13), (23, 32),
        (22, 14), (512, 13), (731, 10), (371, 13), (531, 9), (591, 8.3), (871, 8.5), (451, 10), (24, 9), (311, 11),
        (757, 9.5), (769, 10.5), (760, 4.4), (510, 7.5), (574, 9.4), (532, 10), (592, 5.2), (411, 7.5), (431, 9),
        (551, 9.4), (791, 6.3), (771, 8.7), (851, 6), (898, 2.9), (931, 4.4), (991, 4), (351, 5.3), (471, 3.4),
    ];

    private static readonly Lazy<CallerPool> SharedInstance = new(() => new CallerPool(RegionResolver.Shared), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly int[][] _mobileByProvince;
    private readonly double[] _provinceCdf;
    private readonly int[] _unplaced;
    private readonly int[] _areaCodes;
    private readonly double[] _areaCdf;

    public static CallerPool Shared => SharedInstance.Value;

    private CallerPool(RegionResolver regions)
    {
        const int blocksPerSegment = 96;
        var byProvince = new List<int>[Population.Length];
        for (var i = 0; i < byProvince.Length; i++)
        {
            byProvince[i] = [];
        }
        var unplaced = new List<int>();
        var rng = new SimRandom(0x400_400_400UL);
        Span<char> digits = stackalloc char[11];
        foreach (var segment in Segments)
        {
            for (var b = 0; b < blocksPerSegment; b++)
            {
                var prefix = segment * 10_000 + rng.Next(10_000);
                (prefix * 10_000L).TryFormat(digits, out _);
                var region = regions.Resolve(CallerNumber.Classify(digits));
                var p = region.IsKnown ? IndexOfProvince(region.ProvinceZh) : -1;
                if (p >= 0)
                {
                    byProvince[p].Add(prefix);
                }
                else if (!region.IsKnown)
                {
                    unplaced.Add(prefix);
                }
            }
        }
        _mobileByProvince = new int[Population.Length][];
        var weights = new double[Population.Length];
        for (var i = 0; i < Population.Length; i++)
        {
            _mobileByProvince[i] = [.. byProvince[i]];
            weights[i] = _mobileByProvince[i].Length > 0 ? Population[i].Millions : 0;
        }
        _provinceCdf = Cdf(weights);
        _unplaced = unplaced.Count > 0 ? [.. unplaced] : [1_990_000];
        _areaCodes = new int[AreaCodes.Length];
        var areaWeights = new double[AreaCodes.Length];
        for (var i = 0; i < AreaCodes.Length; i++)
        {
            _areaCodes[i] = AreaCodes[i].AreaCode;
            areaWeights[i] = AreaCodes[i].Weight;
        }
        _areaCdf = Cdf(areaWeights);
    }

    /// <summary>A mobile number (11 digits): mostly from a province drawn by population, ~3% from a segment the geocoder cannot place.</summary>
    public long Mobile(ref SimRandom rng)
    {
        int prefix;
        if (rng.NextDouble() < 0.03)
        {
            prefix = _unplaced[rng.Next(_unplaced.Length)];
        }
        else
        {
            var blocks = _mobileByProvince[Pick(_provinceCdf, rng.NextDouble())];
            prefix = blocks[rng.Next(blocks.Length)];
        }
        return prefix * 10_000L + rng.Next(10_000);
    }

    /// <summary>A landline's national number without trunk 0 (area code + 8-digit local number), from a big city.</summary>
    public long Landline(ref SimRandom rng) => Landline(ref rng, _areaCodes[Pick(_areaCdf, rng.NextDouble())]);

    /// <summary>A landline in the given area (local numbers start with 2–8, as real ones do).</summary>
    public static long Landline(ref SimRandom rng, int areaCode)
    {
        long local = rng.Between(2, 8) * 10_000_000L + rng.Next(10_000_000);
        return areaCode * 100_000_000L + local;
    }

    private static int IndexOfProvince(string provinceZh)
    {
        for (var i = 0; i < Population.Length; i++)
        {
            if (Population[i].ProvinceZh == provinceZh)
            {
                return i;
            }
        }
        return -1;
    }

    internal static double[] Cdf(ReadOnlySpan<double> weights)
    {
        var cdf = new double[weights.Length];
        double total = 0;
        foreach (var w in weights)
        {
            total += w;
        }
        double sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            cdf[i] = sum / total;
        }
        cdf[^1] = 1.0;
        return cdf;
    }

    /// <summary>The first index whose cumulative weight exceeds <paramref name="u"/> (binary search).</summary>
    internal static int Pick(double[] cdf, double u)
    {
        int lo = 0, hi = cdf.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (cdf[mid] > u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
