using System.Text;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Calls;

/// <summary>
/// Reads call records from one CSV file: maps columns, validates every row and turns it into a
/// <see cref="CallRecord"/> or a <see cref="CallReject"/> naming the line, the field and the reason.
/// </summary>
public sealed class CallReader : IDisposable
{
    /// <summary>No call lasts longer than this; longer ones are rejected.</summary>
    public const long MaxDurationMs = 24 * 3_600_000L;

    private readonly CsvRowReader _csv;
    private readonly int _fileIndex;
    private readonly int _iCallId, _iNumber, _iCaller, _iStarted, _iAnswered, _iEnded, _iAnsweredBy, _iOutcome, _iRecorded, _iDirection;

    private CallReader(CsvRowReader csv, string file, int fileIndex, int[] indexes, string header, int headerCount)
    {
        _headerCount = headerCount;
        _csv = csv;
        File = file;
        _fileIndex = fileIndex;
        (_iCallId, _iNumber, _iCaller, _iStarted, _iAnswered, _iEnded, _iAnsweredBy, _iOutcome, _iRecorded, _iDirection) =
            (indexes[0], indexes[1], indexes[2], indexes[3], indexes[4], indexes[5], indexes[6], indexes[7], indexes[8], indexes[9]);
        Header = header;
    }

    public string File { get; }

    /// <summary>The file's position among the files of one run (0-based).</summary>
    public int FileIndex => _fileIndex;

    /// <summary>The header line as it stood in the file.</summary>
    public string Header { get; }

    public long BytesConsumed => _csv.BytesConsumed;

    /// <summary>
    /// Opens every file (file index = its position) and checks its header; null, with every
    /// unusable file's message added to <paramref name="errors"/> and nothing left open, when any is unusable.
    /// </summary>
    public static List<CallReader>? OpenAll(IReadOnlyList<string> files, ColumnMap map, List<LocalizedText> errors)
    {
        var readers = new List<CallReader>();
        var failed = false;
        for (var i = 0; i < files.Count; i++)
        {
            var reader = Open(files[i], i, map, out var error);
            if (reader is null)
            {
                errors.Add(error!);
                failed = true;
            }
            else
            {
                readers.Add(reader);
            }
        }
        if (failed)
        {
            readers.ForEach(r => r.Dispose());
            return null;
        }
        return readers;
    }

    /// <summary>Opens a file and checks its header; an unusable file gives an error message instead.</summary>
    public static CallReader? Open(string path, int fileIndex, ColumnMap map, out LocalizedText? error)
    {
        if (CsvRowReader.TryOpen(path, out error) is not { } csv)
        {
            return null;
        }
        return Open(csv, path, fileIndex, map, out error);
    }

    public static CallReader? Open(CsvRowReader csv, string name, int fileIndex, ColumnMap map, out LocalizedText? error)
    {
        if (!csv.Read())
        {
            csv.Dispose();
            error = Problems.EmptyFile(name, ColumnMap.Canonical);
            return null;
        }
        var names = new string[csv.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = csv.FieldString(i).Trim();
        }
        var header = Encoding.UTF8.GetString(csv.RawRecord);
        var indexes = new int[ColumnMap.Canonical.Length];
        var missing = new List<(string, string)>();
        for (var f = 0; f < ColumnMap.Canonical.Length; f++)
        {
            var column = map.ColumnFor(ColumnMap.Canonical[f]);
            indexes[f] = Array.IndexOf(names, column);
            if (indexes[f] < 0 && ColumnMap.Required.Contains(ColumnMap.Canonical[f]))
            {
                missing.Add((column, ColumnMap.Canonical[f]));
            }
        }
        if (missing.Count > 0)
        {
            // A header of another encoding (GBK) is said to be one, not quoted as mojibake.
            error = System.Text.Unicode.Utf8.IsValid(csv.RawRecord) ? Problems.HeaderLacks(name, missing, names) : Problems.NotCsvText(name, Problems.HeaderNotUtf8());
            csv.Dispose();
            return null;
        }
        error = null;
        return new CallReader(csv, name, fileIndex, indexes, header, names.Length);
    }

    private readonly int _headerCount;

    /// <summary>Reads the next row: true with either a record or a reject; false at the end of the file.</summary>
    public bool Next(out CallRecord? record, out CallReject? reject)
    {
        record = null;
        if (!NextFields(out var fields, out reject))
        {
            return false;
        }
        if (reject is null)
        {
            record = CurrentRecord(fields);
        }
        return true;
    }

    /// <summary>The current row as a <see cref="CallRecord"/> with its own copy of the row's bytes.</summary>
    private CallRecord CurrentRecord(in CallFields fields)
    {
        var raw = _csv.RawRecord.ToArray();
        var callId = CurrentCallIdRange.Length == 0 ? Encoding.UTF8.GetString(_csv.Field(_iCallId).Trim((byte)' ')) : null;
        return CallRecord.Create(fields, raw, CurrentCallIdRange, CurrentAnsweredByRange, callId, CurrentAnsweredByEscaped);
    }

    /// <summary>The current row as it stands in the file (valid until the next read).</summary>
    public ReadOnlySpan<byte> CurrentRaw => _csv.RawRecord;

    /// <summary>The call id of the current row, unquoted (valid until the next read).</summary>
    public ReadOnlySpan<byte> CurrentCallId => _csv.Field(_iCallId).Trim((byte)' ');

    /// <summary>The caller column of the current row as given, unquoted and trimmed; empty when the file has none (valid until the next read).</summary>
    public ReadOnlySpan<byte> CurrentCaller => _iCaller >= 0 ? _csv.Field(_iCaller).Trim((byte)' ') : default;

    /// <summary>The answered_by column of the current row, unquoted and trimmed; empty when the file has none (valid until the next read).</summary>
    public ReadOnlySpan<byte> CurrentAnsweredBy => _iAnsweredBy >= 0 ? _csv.Field(_iAnsweredBy).Trim((byte)' ') : default;

    /// <summary>Where the call id stands in <see cref="CurrentRaw"/>; length 0 when it must be unescaped (see <see cref="CurrentCallId"/>).</summary>
    public (int Start, int Length) CurrentCallIdRange { get; private set; }

    public (int Start, int Length) CurrentAnsweredByRange { get; private set; }

    /// <summary>answered_by unescaped, when it was quoted with doubled quotes inside (rare); null otherwise.</summary>
    public string? CurrentAnsweredByEscaped { get; private set; }

    /// <summary>
    /// Reads and validates the next row without allocating: true with either valid
    /// <paramref name="fields"/> (and the row in <see cref="CurrentRaw"/>) or a reject; false at the end.
    /// </summary>
    public bool NextFields(out CallFields fields, out CallReject? reject)
    {
        fields = default;
        reject = null;
        if (!_csv.Read())
        {
            return false;
        }
        var line = _csv.LineNumber;
        if (_csv.FieldCount != _headerCount)
        {
            reject = Reject(line, "", RejectReasons.ColumnCount(_csv.FieldCount, _headerCount));
            return true;
        }
        var callId = _csv.Field(_iCallId).Trim((byte)' ');
        if (callId.IsEmpty)
        {
            reject = Reject(line, "call_id", RejectReasons.EmptyCallId());
            return true;
        }
        CurrentCallIdRange = _csv.TryFieldRange(_iCallId, out var cs, out var cl) ? (cs, cl) : (0, 0);
        CurrentAnsweredByRange = (0, 0);
        CurrentAnsweredByEscaped = null;
        if (_iAnsweredBy >= 0)
        {
            if (_csv.TryFieldRange(_iAnsweredBy, out var bs, out var bl))
            {
                CurrentAnsweredByRange = (bs, bl);
            }
            else
            {
                CurrentAnsweredByEscaped = _csv.FieldString(_iAnsweredBy).Trim();
            }
        }
        if (!HotlineNumber.TryParse(Ascii(_csv.Field(_iNumber), stackalloc char[64]), out fields.Number))
        {
            reject = Reject(line, "number", RejectReasons.InvalidNumber(Text(_iNumber)));
            return true;
        }
        if (!Timestamp.TryParse(_csv.Field(_iStarted).Trim((byte)' '), out fields.StartedMs))
        {
            reject = BadTime(line, _iStarted, "started_at");
            return true;
        }
        if (!Timestamp.TryParse(_csv.Field(_iEnded).Trim((byte)' '), out fields.EndedMs))
        {
            reject = BadTime(line, _iEnded, "ended_at");
            return true;
        }
        var started = fields.StartedMs;
        var ended = fields.EndedMs;
        var answered = CallRecord.NotAnswered;
        if (_iAnswered >= 0)
        {
            var a = _csv.Field(_iAnswered).Trim((byte)' ');
            if (!a.IsEmpty && !Timestamp.TryParse(a, out answered))
            {
                reject = BadTime(line, _iAnswered, "answered_at");
                return true;
            }
        }
        fields.AnsweredMs = answered;
        if (ended < started)
        {
            reject = Reject(line, "ended_at", RejectReasons.EndedBeforeStarted(Text(_iEnded), Text(_iStarted)));
            return true;
        }
        if (ended - started > MaxDurationMs)
        {
            reject = Reject(line, "ended_at", RejectReasons.Over24Hours(ended - started));
            return true;
        }
        if (answered != CallRecord.NotAnswered && (answered < started || answered > ended))
        {
            reject = Reject(line, "answered_at", RejectReasons.AnsweredOutsideCall(Text(_iAnswered), Text(_iStarted), Text(_iEnded)));
            return true;
        }
        if (!TryOutcome(_csv.Field(_iOutcome).Trim((byte)' '), out fields.Outcome))
        {
            reject = Reject(line, "outcome", RejectReasons.UnknownOutcome(Text(_iOutcome)));
            return true;
        }
        if (fields.Outcome == Outcome.Answered && answered == CallRecord.NotAnswered)
        {
            reject = Reject(line, "answered_at", RejectReasons.AnsweredWithoutAnsweredAt());
            return true;
        }
        if (fields.Outcome != Outcome.Answered && answered != CallRecord.NotAnswered)
        {
            reject = Reject(line, "outcome", RejectReasons.AnsweredAtButNotAnswered(Text(_iOutcome)));
            return true;
        }
        if (_iRecorded >= 0)
        {
            var r = _csv.Field(_iRecorded).Trim((byte)' ');
            if (r.SequenceEqual("1"u8) || r.SequenceEqual("true"u8))
            {
                fields.Recorded = true;
            }
            else if (!(r.IsEmpty || r.SequenceEqual("0"u8) || r.SequenceEqual("false"u8)))
            {
                reject = Reject(line, "recorded", RejectReasons.InvalidRecorded(Text(_iRecorded)));
                return true;
            }
        }
        if (_iDirection >= 0)
        {
            var d = _csv.Field(_iDirection).Trim((byte)' ');
            if (d.SequenceEqual("out"u8))
            {
                fields.Direction = Direction.Out;
            }
            else if (!(d.IsEmpty || d.SequenceEqual("in"u8)))
            {
                reject = Reject(line, "direction", RejectReasons.InvalidDirection(Text(_iDirection)));
                return true;
            }
        }
        fields.Caller = _iCaller >= 0 ? CallerNumber.Classify(Ascii(_csv.Field(_iCaller), stackalloc char[64])) : CallerNumber.Withheld;
        fields.FileIndex = _fileIndex;
        fields.Line = line;
        return true;
    }

    /// <summary>Widens ASCII bytes to chars for the number parsers; non-ASCII text becomes '?' and fails validation.</summary>
    private static ReadOnlySpan<char> Ascii(ReadOnlySpan<byte> bytes, Span<char> buffer)
    {
        if (bytes.Length > buffer.Length)
        {
            return "?".AsSpan();
        }
        for (var i = 0; i < bytes.Length; i++)
        {
            buffer[i] = bytes[i] < 128 ? (char)bytes[i] : '?';
        }
        return buffer[..bytes.Length];
    }

    private static bool TryOutcome(ReadOnlySpan<byte> s, out Outcome outcome)
    {
        outcome = s switch
        {
            _ when s.SequenceEqual("answered"u8) || s.SequenceEqual("接通"u8) => Outcome.Answered,
            _ when s.SequenceEqual("missed"u8) || s.SequenceEqual("未接"u8) => Outcome.Missed,
            _ when s.SequenceEqual("busy"u8) || s.SequenceEqual("占线"u8) => Outcome.Busy,
            _ when s.SequenceEqual("voicemail"u8) || s.SequenceEqual("留言"u8) => Outcome.Voicemail,
            _ when s.SequenceEqual("abandoned"u8) || s.SequenceEqual("放弃"u8) => Outcome.Abandoned,
            _ when s.SequenceEqual("blocked"u8) || s.SequenceEqual("拦截"u8) => Outcome.Blocked,
            _ => (Outcome)255,
        };
        return outcome != (Outcome)255;
    }

    private string Text(int index) => index >= 0 ? _csv.FieldString(index) : "";

    private CallReject BadTime(int line, int index, string field) =>
        Reject(line, field, _csv.Field(index).IsEmpty ? RejectReasons.EmptyTime(field) : RejectReasons.InvalidTime(field, Text(index)));

    private CallReject Reject(int line, string field, RejectReason reason) => new(File, line, field, reason, Encoding.UTF8.GetString(_csv.RawRecord));

    public void Dispose() => _csv.Dispose();
}
