using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Calls;

/// <summary>How a call ended, as the platform reports it.</summary>
public enum Outcome : byte
{
    Answered,
    Missed,
    Busy,
    Voicemail,
    Abandoned,
    Blocked,
}

public enum Direction : byte
{
    In,
    Out,
}

/// <summary>
/// One validated call record (CDR). Times are milliseconds since the Unix epoch;
/// <see cref="AnsweredMs"/> is <see cref="NotAnswered"/> when nobody answered. <see cref="Raw"/>
/// keeps the record's bytes as they stood in the file, so output can carry the input columns
/// through unchanged.
/// </summary>
public sealed class CallRecord
{
    public const long NotAnswered = long.MinValue;

    private string? _callId;
    private string? _answeredBy;

    /// <summary>The platform's unique id of the call (the de-duplication key).</summary>
    public string CallId
    {
        get => _callId ??= CallIdRange.Length == 0 ? "" : System.Text.Encoding.UTF8.GetString(Raw, CallIdRange.Start, CallIdRange.Length);
        init => _callId = value;
    }

    /// <summary>Where the call id stands in <see cref="Raw"/> (unquoted), when it was not given as text.</summary>
    public (int Start, int Length) CallIdRange { get; init; }

    /// <summary>Where answered_by stands in <see cref="Raw"/> (unquoted).</summary>
    public (int Start, int Length) AnsweredByRange { get; init; }

    public required HotlineNumber Number { get; init; }
    public required CallerNumber Caller { get; init; }
    public required long StartedMs { get; init; }
    public required long AnsweredMs { get; init; }
    public required long EndedMs { get; init; }
    public required Outcome Outcome { get; init; }
    public required bool Recorded { get; init; }
    public required Direction Direction { get; init; }
    /// <summary>The bound phone that answered; empty when nobody did or the file does not say.</summary>
    public string AnsweredBy
    {
        get => _answeredBy ??= AnsweredByRange.Length == 0 ? "" : System.Text.Encoding.UTF8.GetString(Raw, AnsweredByRange.Start, AnsweredByRange.Length);
        init => _answeredBy = value;
    }

    /// <summary>Which input file (0-based, in command-line order) and line the record came from.</summary>
    public int FileIndex { get; init; }
    public int Line { get; init; }
    public byte[] Raw { get; init; } = [];

    public bool WasAnswered => AnsweredMs != NotAnswered;

    /// <summary>The platform's order for rating: start time, then call id (ordinal).</summary>
    public static int CompareForRating(CallRecord a, CallRecord b)
    {
        var c = a.StartedMs.CompareTo(b.StartedMs);
        return c != 0 ? c : CompareCodePoints(a.CallId, b.CallId);
    }

    /// <summary>Call ids in code point order (the order of their UTF-8 bytes), so every path that orders calls agrees.</summary>
    private static int CompareCodePoints(string a, string b)
    {
        var ea = a.EnumerateRunes();
        var eb = b.EnumerateRunes();
        while (true)
        {
            var hasA = ea.MoveNext();
            var hasB = eb.MoveNext();
            if (!hasA || !hasB)
            {
                return hasA ? 1 : hasB ? -1 : 0;
            }
            var c = ea.Current.Value.CompareTo(eb.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }

    /// <summary>
    /// A record from parsed fields and its row: the call id and answered_by are read from the row on
    /// demand through their ranges, or given as text when they had to be unescaped.
    /// </summary>
    public static CallRecord Create(in CallFields f, byte[] raw, (int, int) callIdRange, (int, int) answeredByRange, string? callId = null, string? answeredBy = null) => new()
    {
        _callId = callId,
        _answeredBy = answeredBy,
        CallIdRange = callIdRange,
        AnsweredByRange = answeredByRange,
        Number = f.Number,
        Caller = f.Caller,
        StartedMs = f.StartedMs,
        AnsweredMs = f.AnsweredMs,
        EndedMs = f.EndedMs,
        Outcome = f.Outcome,
        Recorded = f.Recorded,
        Direction = f.Direction,
        FileIndex = f.FileIndex,
        Line = f.Line,
        Raw = raw,
    };
}

/// <summary>A validated record's fields as plain values, for the hot path (no strings, no allocation).</summary>
public struct CallFields
{
    public HotlineNumber Number;
    public CallerNumber Caller;
    public long StartedMs;
    public long AnsweredMs;
    public long EndedMs;
    public Outcome Outcome;
    public bool Recorded;
    public Direction Direction;
    public int FileIndex;
    public int Line;
}

/// <summary>
/// A row that could not be used, with where it was and why: the field (empty for the whole row), the
/// reason's stable code and its wording in Chinese and English (<see cref="RejectReasons"/>).
/// </summary>
public sealed record CallReject(string File, int Line, string Field, RejectReason Reason, string Raw)
{
    /// <summary>The reason's stable code (<see cref="RejectCodes"/>).</summary>
    public string Code => Reason.Code;

    /// <summary>The reason in <paramref name="language"/>.</summary>
    public string Message(Language language) => Reason.In(language);

    /// <summary><c>file:line: field: reason</c> in <paramref name="language"/>, as the commands print it.</summary>
    public string Describe(Language language) => Field.Length > 0 ? $"{File}:{Line}: {Field}: {Message(language)}" : $"{File}:{Line}: {Message(language)}";

    public override string ToString() => Describe(Language.Zh);
}
