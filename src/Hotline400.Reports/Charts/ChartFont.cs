namespace Hotline400.Reports.Charts;

/// <summary>
/// Registers the CJK font (see <see cref="CjkFont.FindFile"/>) with ScottPlot so that Chinese
/// labels render as glyphs, not boxes. ScottPlot loads fonts from files; a TrueType collection
/// (.ttc) has its first font written to a temporary .ttf first.
/// </summary>
public static class ChartFont
{
    public const string Family = "Hotline400 CJK";

    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Registers the font once per process; false with the reason when no font is found.</summary>
    public static bool TryInstall(out Hotline400.Common.LocalizedText? problem)
    {
        lock (Gate)
        {
            if (_installed)
            {
                problem = null;
                return true;
            }
            var file = CjkFont.FindFile(out problem);
            if (file is null)
            {
                return false;
            }
            var path = file;
            if (file.EndsWith(".ttc", StringComparison.OrdinalIgnoreCase))
            {
                path = Path.Combine(Path.GetTempPath(), $"hotline400-cjk-{new FileInfo(file).Length}.ttf");
                if (!File.Exists(path))
                {
                    var temp = path + "." + Environment.ProcessId + ".tmp";
                    File.WriteAllBytes(temp, TrueTypeCollection.FirstFont(File.ReadAllBytes(file)));
                    File.Move(temp, path, overwrite: true);
                }
            }
            ScottPlot.Fonts.AddFontFile(Family, path, bold: false, italic: false);
            ScottPlot.Fonts.AddFontFile(Family, path, bold: true, italic: false);
            _installed = true;
            return true;
        }
    }
}
