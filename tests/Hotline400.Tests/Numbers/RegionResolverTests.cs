using Hotline400.Numbers;

namespace Hotline400.Tests.Numbers;

public class RegionResolverTests
{
    // What libphonenumber-csharp 9.0.43's geocoding data really says, split into province and city.
    [Theory]
    [InlineData("010-8888-6666", "北京市", "", "Beijing", "", "北京市")]
    [InlineData("021-8888-6666", "上海市", "", "Shanghai", "", "上海市")]
    [InlineData("022-8888-6666", "天津市", "", "Tianjin", "", "天津市")]
    [InlineData("023-8888-6666", "重庆市", "", "Chongqing", "", "重庆市")]
    [InlineData("0755-8888-6666", "广东省", "深圳市", "Guangdong", "Shenzhen", "广东省深圳市")]
    [InlineData("0571-8888-6666", "浙江省", "杭州市", "Zhejiang", "Hangzhou", "浙江省杭州市")]
    [InlineData("0898-6688-8866", "海南省", "海口市、三亚市", "Hainan", "Haikou/Sanya", "海南省海口市、三亚市")]
    [InlineData("0771-888-8666", "广西壮族自治区", "南宁市、崇左市", "Guangxi", "Nanning/Chongzuo", "广西壮族自治区南宁市、崇左市")]
    [InlineData("0772-888-8666", "广西壮族自治区", "柳州市", "Guangxi", "Liuzhou", "广西壮族自治区柳州市")] // geocoder says 广西柳州市
    [InlineData("0471-888-8666", "内蒙古自治区", "呼和浩特市", "Inner Mongolia", "Huhehaote", "内蒙古自治区呼和浩特市")] // geocoder says 内蒙古呼和浩特市
    [InlineData("0991-888-8666", "新疆维吾尔自治区", "乌鲁木齐市", "Xinjiang", "Urumqi", "新疆维吾尔自治区乌鲁木齐市")]
    [InlineData("13800138000", "北京市", "", "Beijing", "", "北京市")]
    [InlineData("13912345678", "江苏省", "常州市", "Jiangsu", "Changzhou", "江苏省常州市")]
    public void A_caller_is_placed_where_the_geocoder_says(string raw, string provinceZh, string cityZh, string provinceEn, string cityEn, string nameZh)
    {
        var resolver = new RegionResolver();
        Region region = resolver.Resolve(CallerNumber.Classify(raw));
        Assert.Equal(new Region(provinceZh, cityZh, provinceEn, cityEn), region);
        Assert.True(region.IsKnown);
        Assert.Equal(nameZh, region.NameZh);
    }

    [Theory]
    [InlineData("19912345678")] // the geocoder answers only "中国" / "China" for this segment
    [InlineData("16612345678")]
    [InlineData("17012345678")]
    [InlineData("0978-888-8666")] // an area code the geocoder places only in "中国"
    [InlineData("0400-888-8666")] // not an area code: a 400 number with a 0 in front
    [InlineData("95588")]
    [InlineData("anonymous")]
    [InlineData("")]
    [InlineData("+44 20 7946 0000")]
    public void A_caller_the_geocoder_cannot_place_is_unknown_never_guessed(string raw)
    {
        var resolver = new RegionResolver();
        CallerNumber caller = CallerNumber.Classify(raw);
        Assert.Equal(0, resolver.ResolveId(caller));
        Assert.Same(Region.Unknown, resolver.Resolve(caller));
        Assert.False(resolver.Resolve(caller).IsKnown);
    }

    [Fact]
    public void Regions_get_stable_compact_ids_shared_by_equal_regions()
    {
        var resolver = new RegionResolver();
        Assert.Equal(1, resolver.Count);
        int beijingLandline = resolver.ResolveId(CallerNumber.Classify("010-8888-6666"));
        int beijingMobile = resolver.ResolveId(CallerNumber.Classify("13800138000"));
        int shenzhen = resolver.ResolveId(CallerNumber.Classify("0755-8888-6666"));
        Assert.Equal(beijingLandline, beijingMobile);
        Assert.NotEqual(beijingLandline, shenzhen);
        Assert.Equal(3, resolver.Count);
        Assert.Equal(shenzhen, resolver.ResolveId(CallerNumber.Classify("0755-1234-5678")));
        Assert.Equal("广东省深圳市", resolver.GetRegion(shenzhen).NameZh);
        Assert.Same(Region.Unknown, resolver.GetRegion(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => resolver.GetRegion(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => resolver.GetRegion(-1));
    }

    [Theory]
    [InlineData("0755-8888-6666", "广东省", true)]
    [InlineData("0755-8888-6666", "广东", true)]
    [InlineData("0755-8888-6666", "广东省深圳市", true)]
    [InlineData("0755-8888-6666", "深圳市", true)]
    [InlineData("0755-8888-6666", "深圳", true)]
    [InlineData("0755-8888-6666", "Guangdong", true)]
    [InlineData("0755-8888-6666", "guangdong", true)]
    [InlineData("0755-8888-6666", "SHENZHEN", true)]
    [InlineData("0755-8888-6666", "Shenzhen, Guangdong", true)]
    [InlineData("0755-8888-6666", "广州市", false)]
    [InlineData("0755-8888-6666", "广东省广州市", false)]
    [InlineData("0755-8888-6666", "浙江省", false)]
    [InlineData("0755-8888-6666", "Guangzhou", false)]
    [InlineData("0755-8888-6666", "unknown", false)]
    [InlineData("0755-8888-6666", "", false)]
    [InlineData("010-8888-6666", "北京市", true)]
    [InlineData("010-8888-6666", "北京", true)]
    [InlineData("010-8888-6666", "Beijing", true)]
    [InlineData("010-8888-6666", "上海市", false)]
    [InlineData("0898-6688-8866", "三亚市", true)]
    [InlineData("0898-6688-8866", "海南省三亚市", true)]
    [InlineData("0898-6688-8866", "Sanya", true)]
    [InlineData("0898-6688-8866", "Sanya, Hainan", true)]
    [InlineData("0772-888-8666", "广西壮族自治区", true)]
    [InlineData("0772-888-8666", "广西", true)]
    [InlineData("0772-888-8666", "广西柳州市", true)]
    [InlineData("0471-888-8666", "内蒙古", true)]
    [InlineData("0471-888-8666", "Inner Mongolia", true)]
    [InlineData("19912345678", "unknown", true)]
    [InlineData("19912345678", "Unknown", true)]
    [InlineData("19912345678", "未知", true)]
    [InlineData("19912345678", "北京市", false)]
    [InlineData("anonymous", "unknown", true)]
    public void A_region_matches_province_city_and_English_patterns(string raw, string pattern, bool expected)
    {
        var resolver = new RegionResolver();
        int id = resolver.ResolveId(CallerNumber.Classify(raw));
        Assert.Equal(expected, resolver.Matches(id, pattern));
    }

    [Fact]
    public void Every_area_code_the_geocoder_places_gets_a_known_province()
    {
        var resolver = new RegionResolver();
        var provinces = new HashSet<string>(StringComparer.Ordinal)
        {
            "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省",
            "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省",
            "云南省", "陕西省", "甘肃省", "青海省", "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
        };
        int known = 0;
        for (int area = 10; area < 1000; area++)
        {
            // Three-digit codes start with 3..9: 01x other than 010 and 02x are two-digit codes.
            if (area is (> 10 and < 20) or (>= 100 and < 300))
            {
                continue;
            }

            CallerNumber caller = CallerNumber.Classify("0" + area + (area < 100 ? "88888888" : "8888888"));
            Assert.Equal(CallerKind.Landline, caller.Kind);
            Region region = resolver.Resolve(caller);
            if (region.IsKnown)
            {
                known++;
                Assert.Contains(region.ProvinceZh, provinces);
                Assert.NotEqual("", region.ProvinceEn);
                Assert.DoesNotContain(",", region.ProvinceEn, StringComparison.Ordinal);
            }
        }

        Assert.True(known > 300, $"only {known} area codes placed");
        Assert.Equal(31, CountProvinces(resolver, provinces));
    }

    [Fact]
    public void Concurrent_lookups_agree()
    {
        var resolver = new RegionResolver();
        string[] raws = ["13800138000", "0755-8888-6666", "010-8888-6666", "19912345678", "13912345678", "0571-8888666"];
        int[][] results = new int[8][];
        Parallel.For(0, 8, t =>
        {
            results[t] = new int[raws.Length];
            for (int i = 0; i < raws.Length; i++)
            {
                results[t][i] = resolver.ResolveId(CallerNumber.Classify(raws[(i + t) % raws.Length]));
            }

            int[] byRaw = new int[raws.Length];
            for (int i = 0; i < raws.Length; i++)
            {
                byRaw[(i + t) % raws.Length] = results[t][i];
            }

            results[t] = byRaw;
        });
        for (int t = 1; t < 8; t++)
        {
            Assert.Equal(results[0], results[t]);
        }
    }

    [Fact]
    public void A_memoized_lookup_does_not_allocate()
    {
        var resolver = new RegionResolver();
        CallerNumber mobile = CallerNumber.Classify("13800138000");
        CallerNumber landline = CallerNumber.Classify("0755-8888-6666");
        int Resolve1000()
        {
            int sum = 0;
            for (int i = 0; i < 1000; i++)
            {
                sum += resolver.ResolveId(mobile) + resolver.ResolveId(landline);
            }

            return sum;
        }

        // Once before measuring: the first lookups fill the memo, and a loop's first runs may be compiled again (tiering).
        Resolve1000();
        long before = GC.GetAllocatedBytesForCurrentThread();
        int sum = Resolve1000();
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(sum > 0);
    }

    [Fact]
    public void The_shared_resolver_is_one_instance()
    {
        Assert.Same(RegionResolver.Shared, RegionResolver.Shared);
    }

    [Theory]
    [InlineData("广东省深圳市", "Shenzhen, Guangdong", "广东省", "深圳市", "Guangdong", "Shenzhen")]
    [InlineData("天津", "Tianjin", "天津市", "", "Tianjin", "")]
    [InlineData("广西壮族自治区南宁市", "Nanning, Guangxi", "广西壮族自治区", "南宁市", "Guangxi", "Nanning")]
    [InlineData("某某省某市", "Moushi, Mousheng", "某某省", "某市", "Mousheng", "Moushi")] // a province not in the table: split after 省
    [InlineData("某某自治区某市", "", "某某自治区", "某市", "", "")]
    public void Geocoder_descriptions_split_into_province_and_city(string zh, string en, string provinceZh, string cityZh, string provinceEn, string cityEn)
    {
        Assert.Equal(new Region(provinceZh, cityZh, provinceEn, cityEn), RegionResolver.FromDescriptions(zh, en));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("中国", "China")]
    [InlineData(null, null)]
    public void Empty_or_country_only_descriptions_are_unknown(string? zh, string? en)
    {
        Assert.Same(Region.Unknown, RegionResolver.FromDescriptions(zh, en));
    }

    [Fact]
    public void Unknown_reads_as_unknown_in_both_languages()
    {
        Assert.Equal("未知", Region.Unknown.NameZh);
        Assert.Equal("Unknown", Region.Unknown.NameEn);
        Assert.False(Region.Unknown.IsKnown);
        Assert.Equal("Shenzhen, Guangdong", new Region("广东省", "深圳市", "Guangdong", "Shenzhen").NameEn);
        Assert.Equal("北京市", new Region("北京市", "北京市", "Beijing", "Beijing").NameZh);
    }

    private static int CountProvinces(RegionResolver resolver, HashSet<string> provinces)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int id = 1; id < resolver.Count; id++)
        {
            seen.Add(resolver.GetRegion(id).ProvinceZh);
        }

        seen.IntersectWith(provinces);
        return seen.Count;
    }
}
