namespace Hotline400.Numbers;

/// <summary>
/// China's province-level divisions with their full and short Chinese names. libphonenumber's
/// descriptions use both ("广西壮族自治区南宁市" and "广西柳州市", "内蒙古包头市", "天津"), so the
/// province is recognised by either and reported by its full name.
/// </summary>
internal static class ChineseProvinces
{
    /// <summary>One province-level division.</summary>
    internal sealed record Province(string FullZh, string ShortZh, string En, bool IsMunicipality);

    internal static readonly Province[] All =
    [
        new("北京市", "北京", "Beijing", true),
        new("天津市", "天津", "Tianjin", true),
        new("上海市", "上海", "Shanghai", true),
        new("重庆市", "重庆", "Chongqing", true),
        new("河北省", "河北", "Hebei", false),
        new("山西省", "山西", "Shanxi", false),
        new("辽宁省", "辽宁", "Liaoning", false),
        new("吉林省", "吉林", "Jilin", false),
        new("黑龙江省", "黑龙江", "Heilongjiang", false),
        new("江苏省", "江苏", "Jiangsu", false),
        new("浙江省", "浙江", "Zhejiang", false),
        new("安徽省", "安徽", "Anhui", false),
        new("福建省", "福建", "Fujian", false),
        new("江西省", "江西", "Jiangxi", false),
        new("山东省", "山东", "Shandong", false),
        new("河南省", "河南", "Henan", false),
        new("湖北省", "湖北", "Hubei", false),
        new("湖南省", "湖南", "Hunan", false),
        new("广东省", "广东", "Guangdong", false),
        new("海南省", "海南", "Hainan", false),
        new("四川省", "四川", "Sichuan", false),
        new("贵州省", "贵州", "Guizhou", false),
        new("云南省", "云南", "Yunnan", false),
        new("陕西省", "陕西", "Shaanxi", false),
        new("甘肃省", "甘肃", "Gansu", false),
        new("青海省", "青海", "Qinghai", false),
        new("台湾省", "台湾", "Taiwan", false),
        new("内蒙古自治区", "内蒙古", "Inner Mongolia", false),
        new("广西壮族自治区", "广西", "Guangxi", false),
        new("西藏自治区", "西藏", "Tibet", false),
        new("宁夏回族自治区", "宁夏", "Ningxia", false),
        new("新疆维吾尔自治区", "新疆", "Xinjiang", false),
        new("香港特别行政区", "香港", "Hong Kong", true),
        new("澳门特别行政区", "澳门", "Macau", true),
    ];

    /// <summary>The division whose full or short Chinese name equals <paramref name="name"/>, or null.</summary>
    internal static Province? FindZh(string name)
    {
        foreach (Province p in All)
        {
            if (p.FullZh == name || p.ShortZh == name)
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>
    /// Splits a Chinese geocoder description into province (full name) and city: a known
    /// province name, full or short, at the start; otherwise after the first 省 or 自治区;
    /// otherwise the whole text is the province.
    /// </summary>
    internal static (string Province, string City) SplitZh(string description)
    {
        foreach (Province p in All)
        {
            if (description.StartsWith(p.FullZh, StringComparison.Ordinal))
            {
                return (p.FullZh, description[p.FullZh.Length..]);
            }
        }

        foreach (Province p in All)
        {
            if (description.StartsWith(p.ShortZh, StringComparison.Ordinal))
            {
                return (p.FullZh, description[p.ShortZh.Length..]);
            }
        }

        int sheng = description.IndexOf('省', StringComparison.Ordinal);
        int zizhiqu = description.IndexOf("自治区", StringComparison.Ordinal);
        if (sheng >= 0 && (zizhiqu < 0 || sheng < zizhiqu))
        {
            return (description[..(sheng + 1)], description[(sheng + 1)..]);
        }

        if (zizhiqu >= 0)
        {
            return (description[..(zizhiqu + 3)], description[(zizhiqu + 3)..]);
        }

        return (description, "");
    }
}
