using PhoneNumbers;

namespace Hotline400.Numbers;

/// <summary>
/// Finds the region (号码归属地) of a caller: landlines by area code, mobiles by their 7-digit
/// segment, using libphonenumber's offline geocoder. Each key is geocoded once and memoized; a
/// region gets a small integer id (0 = <see cref="Region.Unknown"/>) that callers can use to cache
/// their own per-region decisions. Segments the data does not place in a province
/// (it answers just "中国" for many 16x, 17x, 19x segments) are Unknown, never guessed.
/// Thread-safe: the hot path is a lock-free array read; the first lookup of a key takes a lock.
/// </summary>
public sealed class RegionResolver
{
    private const int FirstMobilePrefix = 1_300_000;
    private const int MobilePrefixCount = 700_000; // 1300000..1999999
    private const int LandlineAreaCodeCount = 1000; // 10..999

    private static readonly Lazy<RegionResolver> SharedInstance = new(() => new RegionResolver(), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Locale Chinese = new("zh", "CN");

    // Memo slots hold region id + 1; 0 means "not looked up yet".
    private readonly int[] _landline = new int[LandlineAreaCodeCount];
    private readonly int[] _mobile = new int[MobilePrefixCount];
    private readonly Lock _gate = new();
    private readonly Dictionary<Region, int> _ids = [];
    private Region[] _regions;
    private int _count;

    /// <summary>Creates a resolver with its own memo (normally use <see cref="Shared"/>).</summary>
    public RegionResolver()
    {
        _regions = new Region[64];
        _regions[0] = Region.Unknown;
        _ids[Region.Unknown] = 0;
        _count = 1;
    }

    /// <summary>
    /// Starts loading the geocoder's data (about a second of work) on a pool thread, so that a run
    /// that is about to look up callers reads and parses meanwhile; the first lookup then waits
    /// only for what is left of the loading.
    /// </summary>
    public static void PreloadInBackground() => ThreadPool.UnsafeQueueUserWorkItem(_ => GeocodeMobile(FirstMobilePrefix + 80_000), null);

    /// <summary>The process-wide resolver, created on first use.</summary>
    public static RegionResolver Shared => SharedInstance.Value;

    /// <summary>How many distinct regions have been seen so far, including Unknown (ids are 0..Count-1).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// The region id of a caller: 0 (Unknown) for withheld and other callers and for keys the
    /// geocoder cannot place. No allocation once the key has been seen.
    /// </summary>
    public int ResolveId(in CallerNumber caller)
    {
        switch (caller.Kind)
        {
            case CallerKind.Landline:
            {
                int areaCode = caller.AreaCode;
                if ((uint)areaCode >= LandlineAreaCodeCount)
                {
                    return 0;
                }

                int slot = Volatile.Read(ref _landline[areaCode]);
                return slot != 0 ? slot - 1 : ResolveSlow(_landline, areaCode, caller);
            }

            case CallerKind.Mobile:
            {
                int index = caller.MobilePrefix - FirstMobilePrefix;
                if ((uint)index >= MobilePrefixCount)
                {
                    return 0;
                }

                int slot = Volatile.Read(ref _mobile[index]);
                return slot != 0 ? slot - 1 : ResolveSlow(_mobile, index, caller);
            }

            default:
                return 0;
        }
    }

    /// <summary>The region of a caller (see <see cref="ResolveId"/>).</summary>
    public Region Resolve(in CallerNumber caller) => GetRegion(ResolveId(caller));

    /// <summary>The region with the given id; id 0 is <see cref="Region.Unknown"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id has not been handed out by this resolver.</exception>
    public Region GetRegion(int id)
    {
        Region[] regions = Volatile.Read(ref _regions);
        if ((uint)id >= (uint)regions.Length || regions[id] is not { } region)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, "No region with this id.");
        }

        return region;
    }

    /// <summary>
    /// Whether the region with this id matches a pattern: a province (广东省, or short 广东), province
    /// and city (广东省深圳市), a city (深圳市, also one of several cities of an area code, with or without
    /// 市/地区/盟), "unknown"/"未知" (matches only Unknown), or English names compared case-insensitively
    /// ("Guangdong", "Shenzhen", "Shenzhen, Guangdong"). Not meant for the hot path: cache the answer per id.
    /// </summary>
    public bool Matches(int regionId, string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Region region = GetRegion(regionId);
        string p = pattern.Trim();
        if (p.Equals("unknown", StringComparison.OrdinalIgnoreCase) || p == "未知")
        {
            return !region.IsKnown;
        }

        if (!region.IsKnown || p.Length == 0)
        {
            return false;
        }

        // Chinese
        ChineseProvinces.Province? province = ChineseProvinces.FindZh(region.ProvinceZh);
        if (p == region.ProvinceZh || (province is not null && p == province.ShortZh) || p == region.NameZh)
        {
            return true;
        }

        if (CityMatchesZh(region.CityZh, p))
        {
            return true;
        }

        foreach (string prefix in province is null ? [region.ProvinceZh] : (string[])[province.FullZh, province.ShortZh])
        {
            if (p.Length > prefix.Length && p.StartsWith(prefix, StringComparison.Ordinal)
                && CityMatchesZh(region.CityZh, p[prefix.Length..]))
            {
                return true;
            }
        }

        // English
        if (EnProvinceMatches(region, province, p) || CityMatchesEn(region.CityEn, p)
            || string.Equals(p, region.NameEn, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        int comma = p.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0)
        {
            string city = p[..comma].Trim();
            string prov = p[(comma + 1)..].Trim();
            return EnProvinceMatches(region, province, prov) && CityMatchesEn(region.CityEn, city);
        }

        return false;
    }

    private static bool EnProvinceMatches(Region region, ChineseProvinces.Province? province, string p) =>
        string.Equals(p, region.ProvinceEn, StringComparison.OrdinalIgnoreCase)
        || (province is not null && string.Equals(p, province.En, StringComparison.OrdinalIgnoreCase));

    private static bool CityMatchesZh(string city, string p)
    {
        if (city.Length == 0)
        {
            return false;
        }

        if (city == p)
        {
            return true;
        }

        string core = CoreZh(p);
        foreach (string part in city.Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part == p || CoreZh(part) == core)
            {
                return true;
            }
        }

        return false;
    }

    private static string CoreZh(string name)
    {
        foreach (string suffix in (ReadOnlySpan<string>)["地区", "市", "盟"])
        {
            if (name.Length > suffix.Length + 1 && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    private static bool CityMatchesEn(string city, string p)
    {
        if (city.Length == 0)
        {
            return false;
        }

        if (string.Equals(city, p, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (string part in city.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (string.Equals(part, p, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private int ResolveSlow(int[] memo, int index, in CallerNumber caller)
    {
        lock (_gate)
        {
            int slot = memo[index];
            if (slot != 0)
            {
                return slot - 1;
            }

            Region region = caller.Kind == CallerKind.Landline ? GeocodeLandline(caller.AreaCode) : GeocodeMobile(caller.MobilePrefix);
            int id = Intern(region);
            Volatile.Write(ref memo[index], id + 1);
            return id;
        }
    }

    /// <summary>Gives a region its id; called under the lock.</summary>
    private int Intern(Region region)
    {
        if (_ids.TryGetValue(region, out int id))
        {
            return id;
        }

        id = _count;
        Region[] regions = _regions;
        if (id == regions.Length)
        {
            Array.Resize(ref regions, regions.Length * 2);
        }

        regions[id] = region;
        _ids[region] = id;
        Volatile.Write(ref _regions, regions);
        Volatile.Write(ref _count, id + 1);
        return id;
    }

    private static Region GeocodeLandline(int areaCode)
    {
        // The geocoder answers only for a valid number, and some areas have 7-digit, others
        // 8-digit local numbers: try a plausible local number of each length.
        Region region = Geocode(((ulong)areaCode * 100_000_000) + 88_888_888);
        return region.IsKnown ? region : Geocode(((ulong)areaCode * 10_000_000) + 8_888_888);
    }

    private static Region GeocodeMobile(int prefix) => Geocode(((ulong)prefix * 10_000) + 1234);

    private static Region Geocode(ulong nationalNumber)
    {
        try
        {
            PhoneNumber number = new PhoneNumber.Builder().SetCountryCode(86).SetNationalNumber(nationalNumber).Build();
            PhoneNumberOfflineGeocoder geocoder = PhoneNumberOfflineGeocoder.GetInstance();
            string zh = geocoder.GetDescriptionForNumber(number, Chinese);
            return FromDescriptions(zh, geocoder.GetDescriptionForNumber(number, Locale.English));
        }
#pragma warning disable CA1031 // Any failure of the geocoder means "unknown", never a guess and never a failed call.
        catch (Exception)
#pragma warning restore CA1031
        {
            return Region.Unknown;
        }
    }

    /// <summary>
    /// Builds a region from the geocoder's Chinese and English descriptions ("广东省深圳市",
    /// "Shenzhen, Guangdong"). Empty or country-level-only ("中国", "China") descriptions are Unknown.
    /// </summary>
    internal static Region FromDescriptions(string? zh, string? en)
    {
        zh = zh?.Trim() ?? "";
        en = en?.Trim() ?? "";
        if (zh.Length == 0 || zh == "中国" || en == "China")
        {
            return Region.Unknown;
        }

        (string provinceZh, string cityZh) = ChineseProvinces.SplitZh(zh);
        ChineseProvinces.Province? province = ChineseProvinces.FindZh(provinceZh);
        if (province is { IsMunicipality: true } && CoreZh(cityZh) == province.ShortZh)
        {
            cityZh = "";
        }

        string provinceEn;
        string cityEn;
        int comma = en.LastIndexOf(", ", StringComparison.Ordinal);
        if (comma >= 0)
        {
            cityEn = en[..comma].Trim();
            provinceEn = en[(comma + 2)..].Trim();
        }
        else
        {
            cityEn = "";
            provinceEn = en.Length > 0 ? en : province?.En ?? "";
        }

        if (string.Equals(cityEn, provinceEn, StringComparison.OrdinalIgnoreCase))
        {
            cityEn = "";
        }

        return new Region(provinceZh, cityZh, provinceEn, cityEn);
    }
}
