namespace Hotline400.Numbers;

/// <summary>
/// The carrier that issued a 400 number block, as told by the number's fourth digit
/// (4008/4009 China Telecom, 4000/4006 China Unicom, 4001/4007 China Mobile).
/// </summary>
public enum Carrier : byte
{
    /// <summary>The prefix belongs to no known carrier block.</summary>
    Unknown,

    /// <summary>中国电信 (4008, 4009).</summary>
    ChinaTelecom,

    /// <summary>中国联通 (4000, 4006).</summary>
    ChinaUnicom,

    /// <summary>中国移动 (4001, 4007).</summary>
    ChinaMobile,
}

/// <summary>Display names of <see cref="Carrier"/> values in Chinese and English (no allocation).</summary>
public static class CarrierNames
{
    /// <summary>The Chinese name: 中国电信, 中国联通, 中国移动 or 未知.</summary>
    public static string Zh(Carrier carrier) => carrier switch
    {
        Carrier.ChinaTelecom => "中国电信",
        Carrier.ChinaUnicom => "中国联通",
        Carrier.ChinaMobile => "中国移动",
        _ => "未知",
    };

    /// <summary>The English name: China Telecom, China Unicom, China Mobile or Unknown.</summary>
    public static string En(Carrier carrier) => carrier switch
    {
        Carrier.ChinaTelecom => "China Telecom",
        Carrier.ChinaUnicom => "China Unicom",
        Carrier.ChinaMobile => "China Mobile",
        _ => "Unknown",
    };
}
