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

    public required string CallId { get; init; }
    public required HotlineNumber Number { get; init; }
    public required CallerNumber Caller { get; init; }
    public required long StartedMs { get; init; }
    public required long AnsweredMs { get; init; }
    public required long EndedMs { get; init; }
    public required Outcome Outcome { get; init; }
    public required bool Recorded { get; init; }
    public required Direction Direction { get; init; }
    public string AnsweredBy { get; init; } = "";

    /// <summary>Which input file (0-based, in command-line order) and line the record came from.</summary>
    public int FileIndex { get; init; }
    public int Line { get; init; }
    public byte[] Raw { get; init; } = [];

    public bool WasAnswered => AnsweredMs != NotAnswered;

    /// <summary>The platform's order for rating: start time, then call id (ordinal).</summary>
    public static int CompareForRating(CallRecord a, CallRecord b)
    {
        var c = a.StartedMs.CompareTo(b.StartedMs);
        return c != 0 ? c : string.CompareOrdinal(a.CallId, b.CallId);
    }
}

/// <summary>A row that could not be used, with where it was and why.</summary>
public sealed record CallReject(string File, int Line, string Field, string Reason, string Raw)
{
    public override string ToString() => Field.Length > 0 ? $"{File}:{Line}: {Field}: {Reason}" : $"{File}:{Line}: {Reason}";
}
