using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Analytics;

/// <summary>
/// A small call file whose figures are computed by hand (2026-11-02 is an ordinary Monday,
/// 2026-11-07 an ordinary Saturday; times in China time):
/// <code>
/// id  caller          start              talk   in peak band?
/// c1  13800138000     Mon 09:10          20 s   yes   北京市
/// c2  020-8888-6666   Mon 09:30          90 s   yes   广东省广州市
/// c3  (withheld)      Mon 09:45 missed    —           未知
/// c4  010-8888-6666   Mon 21:00         300 s   no    北京市
/// c5  13800138000     Sat 10:00          45 s   no    北京市
/// c6  0755-1234-5678  Sat 10:20 busy      —           广东省深圳市
/// c1 again (a duplicate), and one outbound call (left out).
/// </code>
/// </summary>
internal static class KnownCalls
{
    public static readonly string Number = NumberFor("flat");

    public static readonly string[] Rows =
    [
        $"c1,{Number},13800138000,2026-11-02T09:10:00,2026-11-02T09:10:05,2026-11-02T09:10:25,,answered,0,in",
        $"c2,{Number},020-8888-6666,2026-11-02T09:30:00,2026-11-02T09:30:10,2026-11-02T09:31:40,,answered,0,in",
        $"c3,{Number},,2026-11-02T09:45:00,,2026-11-02T09:45:30,,missed,0,in",
        $"c4,{Number},010-8888-6666,2026-11-02T21:00:00,2026-11-02T21:00:05,2026-11-02T21:05:05,,answered,0,in",
        $"c1,{Number},13800138000,2026-11-02T09:10:00,2026-11-02T09:10:05,2026-11-02T09:10:25,,answered,0,in",
        $"c5,{Number},13800138000,2026-11-07T10:00:00,2026-11-07T10:00:02,2026-11-07T10:00:47,,answered,0,in",
        $"c6,{Number},0755-1234-5678,2026-11-07T10:20:00,,2026-11-07T10:20:10,,busy,0,in",
        $"o1,{Number},13800138000,2026-11-07T11:00:00,2026-11-07T11:00:05,2026-11-07T11:01:05,,answered,0,out",
    ];

    /// <summary>A missed call a week after c1–c4 (Monday 2026-11-09 10:00), not in <see cref="Rows"/>.</summary>
    public static readonly string LaterCall = $"c7,{Number},13800138000,2026-11-09T10:00:00,,2026-11-09T10:00:30,,missed,0,in";

    public static string Csv(IEnumerable<string> rows) => Header + "\n" + string.Join("\n", rows) + "\n";
}
