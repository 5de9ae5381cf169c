using Hotline400.Calls;

namespace Hotline400.Rating;

/// <summary>Writes rejected rows with their place and reason: <c>file,line,field,reason,row</c> (the header even when nothing is rejected).</summary>
public sealed class RejectsCsvWriter : IRatingSink, IDisposable
{
    private readonly TextWriter _output;

    public RejectsCsvWriter(TextWriter output)
    {
        _output = output;
        _output.Write("file,line,field,reason,row\n");
    }

    public void Rated(RatedCall call)
    {
    }

    public void Rejected(CallReject reject) =>
        _output.Write($"{Quote(reject.File)},{reject.Line},{Quote(reject.Field)},{Quote(reject.Reason)},{Quote(reject.Raw)}\n");

    public void Duplicate(CallRecord duplicate)
    {
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    public void Dispose() => _output.Flush();
}
