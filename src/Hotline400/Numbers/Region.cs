namespace Hotline400.Numbers;

/// <summary>
/// Where a caller number is registered (号码归属地): province-level division and city, in Chinese
/// and English, as given by libphonenumber's geocoding data. Municipalities (北京市, 上海市, 天津市,
/// 重庆市) have the municipality as province and an empty city. <see cref="Unknown"/> when the data
/// has no answer; a region is never guessed.
/// </summary>
/// <param name="ProvinceZh">Province-level division in Chinese, full name (广东省, 广西壮族自治区, 北京市).</param>
/// <param name="CityZh">City in Chinese (深圳市); several cities joined by 、 when an area code covers them; may be empty.</param>
/// <param name="ProvinceEn">Province in English (Guangdong, Inner Mongolia, Beijing).</param>
/// <param name="CityEn">City in English (Shenzhen); several cities joined by / ; may be empty.</param>
public sealed record Region(string ProvinceZh, string CityZh, string ProvinceEn, string CityEn)
{
    /// <summary>The region of a withheld, unrecognised or not geocodable caller: 未知 / Unknown.</summary>
    public static Region Unknown { get; } = new("未知", "", "Unknown", "");

    /// <summary>False for <see cref="Unknown"/>.</summary>
    public bool IsKnown => !(ProvinceZh == "未知" && CityZh.Length == 0 && ProvinceEn == "Unknown");

    /// <summary>Province and city in Chinese, e.g. 广东省深圳市; a municipality once (北京市).</summary>
    public string NameZh => CityZh.Length == 0 || CityZh == ProvinceZh ? ProvinceZh : ProvinceZh + CityZh;

    /// <summary>City and province in English, e.g. "Shenzhen, Guangdong"; a municipality once ("Beijing").</summary>
    public string NameEn => CityEn.Length == 0 || string.Equals(CityEn, ProvinceEn, StringComparison.OrdinalIgnoreCase)
        ? ProvinceEn
        : CityEn + ", " + ProvinceEn;

    /// <inheritdoc />
    public override string ToString() => NameZh + " (" + NameEn + ")";
}
