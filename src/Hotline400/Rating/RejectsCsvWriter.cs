using System.Text;
using Hotline400.Calls;

namespace Hotline400.Rating;

/// <summary>Writes rejected rows with their place and reason: <c>file,line,field,reason,row</c>.</summary>
public sealed class RejectsCsvWriter(TextWriter output) : IRatingSink, IDisposable
{
    private bool _headerWritten;

    public void Rated(RatedCall call)
    {
    }

    public void Rejected(CallReject reject)
    {
        if (!_headerWritten)
        {
            output.Write("file,line,field,reason,row\n");
            _headerWritten = true;
        }
        output.Write($"{Quote(reject.File)},{reject.Line},{Quote(reject.Field)},{Quote(reject.Reason)},{Quote(reject.Raw)}\n");
    }

    public void Duplicate(CallRecord duplicate)
    {
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    public void Dispose()
    {
        if (!_headerWritten)
        {
            output.Write("file,line,field,reason,row\n");
        }
        output.Flush();
    }

    internal static string Header => "file,line,field,reason,row";

    internal static Encoding Encoding => Encoding.UTF8;
}
