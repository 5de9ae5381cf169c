using Hotline400.Common;
using PdfSharp.Fonts;

namespace Hotline400.Reports;

/// <summary>
/// Finds a TrueType font with Chinese and Latin glyphs and gives it to PDFsharp, which embeds it
/// in every PDF so that Chinese renders on any reader. Looked for, in order: the file named by
/// <c>HOTLINE400_CJK_FONT</c>, then Debian's WenQuanYi Micro Hei (package fonts-wqy-microhei).
/// A TrueType collection (.ttc) is accepted: its first font is used.
/// </summary>
public static class CjkFont
{
    public const string Family = "Hotline400 CJK";

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    ];

    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>The font file in use, or null with the reason when none is found.</summary>
    public static string? FindFile(out LocalizedText? problem)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("HOTLINE400_CJK_FONT");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            problem = File.Exists(fromEnvironment) ? null : new LocalizedText(
                $"环境变量 HOTLINE400_CJK_FONT 指定的字体文件 {fromEnvironment} 不存在",
                $"HOTLINE400_CJK_FONT names {fromEnvironment}, which does not exist");
            return problem is null ? fromEnvironment : null;
        }
        foreach (var candidate in Candidates)
        {
            if (File.Exists(candidate))
            {
                problem = null;
                return candidate;
            }
        }
        problem = new LocalizedText(
            "找不到含中文字形的字体：请安装 fonts-wqy-microhei（apt-get install fonts-wqy-microhei），或用环境变量 HOTLINE400_CJK_FONT 指定一个 .ttf 或 .ttc 字体文件",
            "no font with Chinese glyphs found: install fonts-wqy-microhei (apt-get install fonts-wqy-microhei) or set HOTLINE400_CJK_FONT to a .ttf or .ttc file");
        return null;
    }

    /// <summary>Installs the font resolver once per process; false with the reason when no font is found.</summary>
    public static bool TryInstall(out LocalizedText? problem)
    {
        lock (Gate)
        {
            if (_installed)
            {
                problem = null;
                return true;
            }
            var file = FindFile(out problem);
            if (file is null)
            {
                return false;
            }
            GlobalFontSettings.FontResolver = new Resolver(TrueTypeCollection.FirstFont(File.ReadAllBytes(file)));
            _installed = true;
            return true;
        }
    }

    private sealed class Resolver(byte[] font) : IFontResolver
    {
        public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new(Family, isBold, false);

        public byte[] GetFont(string faceName) => font;
    }
}
