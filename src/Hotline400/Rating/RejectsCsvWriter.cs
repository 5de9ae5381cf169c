using Hotline400.Calls;
using Hotline400.Common;

namespace Hotline400.Rating;

/// <summary>
/// Writes rejected rows with their place and reason: <c>file,line,field,reason,row,code</c> (the
/// header even when nothing is rejected). <c>reason</c> is in the run's language (Chinese by
/// default); <c>code</c> is the reason's stable code for scripts (<see cref="RejectCodes"/>), last so
/// that readers of the first five columns by position keep working.
/// </summary>
public sealed class RejectsCsvWriter : IRatingSink, IDisposable
{
    /// <summary>The header row's columns.</summary>
    public static readonly IReadOnlyList<string> Columns = ["file", "line", "field", "reason", "row", "code"];

    private readonly TextWriter _output;
    private readonly Language _language;

    public RejectsCsvWriter(TextWriter output, Language language = Language.Zh)
    {
        _output = output;
        _language = language;
        _output.Write(string.Join(",", Columns) + "\n");
    }

    public void Rated(RatedCall call)
    {
    }

    public void Rejected(CallReject reject) =>
        _output.Write($"{Quote(reject.File)},{reject.Line},{Quote(reject.Field)},{Quote(reject.Message(_language))},{Quote(reject.Raw)},{Quote(reject.Code)}\n");

    public void Duplicate(CallRecord duplicate)
    {
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    public void Dispose() => _output.Flush();
}
