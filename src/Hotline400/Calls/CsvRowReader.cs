using System.Buffers;
using System.Text;
using Hotline400.Common;

namespace Hotline400.Calls;

/// <summary>
/// A fast RFC 4180 CSV reader over UTF-8 bytes: no string per field, no decoding of columns the
/// caller does not ask for. Quoted fields (with doubled quotes and line breaks inside) are
/// supported. <see cref="LineNumber"/> is the 1-based line a record starts on, counting the
/// line breaks inside quoted fields, so error messages point at the right line.
/// </summary>
public sealed class CsvRowReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private byte[] _buffer;
    private int _start;      // first byte of the current record
    private int _end;        // bytes in the buffer
    private int _recordEnd;  // end of the current record (exclusive, without its line break)
    private int _next;       // where the next record starts
    private bool _eof;
    private int[] _fieldStarts = new int[32];
    private int[] _fieldEnds = new int[32];
    private bool[] _fieldQuoted = new bool[32];
    private byte[] _scratch = new byte[256];
    private int _nextLine = 1;
    private bool _first = true;

    public CsvRowReader(Stream stream, bool ownsStream = true, int bufferSize = 1 << 20)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    public static CsvRowReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));

    /// <summary>
    /// Opens a file, or says why it cannot be read (<see cref="Problems.CannotRead"/>) or is no
    /// CSV file of UTF-8 text (<see cref="CsvSniff"/>: compressed, binary, UTF-16).
    /// </summary>
    public static CsvRowReader? TryOpen(string path, out LocalizedText? error)
    {
        CsvRowReader? csv = null;
        try
        {
            csv = Open(path);
            error = CsvSniff.Problem(path, csv.Head());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = Problems.CannotRead(path, ex);
        }
        if (error is not null)
        {
            csv?.Dispose();
            return null;
        }
        return csv;
    }

    /// <summary>The first <see cref="CsvSniff.HeadBytes"/> bytes of the input (fewer when it is shorter), read before the first record.</summary>
    private ReadOnlySpan<byte> Head()
    {
        while (_end < CsvSniff.HeadBytes && !_eof)
        {
            Refill();
        }
        return _buffer.AsSpan(0, Math.Min(_end, CsvSniff.HeadBytes));
    }

    /// <summary>The line the current record starts on (1-based).</summary>
    public int LineNumber { get; private set; }

    public int FieldCount { get; private set; }

    /// <summary>Bytes read from the stream so far, for progress.</summary>
    public long BytesConsumed { get; private set; }

    /// <summary>The current record as it stands in the file, without its line break.</summary>
    public ReadOnlySpan<byte> RawRecord => _buffer.AsSpan(_start, _recordEnd - _start);

    /// <summary>The field's value: unquoted and unescaped. Valid until the next <see cref="Read"/> or <see cref="Field"/> of a quoted field.</summary>
    public ReadOnlySpan<byte> Field(int index)
    {
        var s = _fieldStarts[index];
        var e = _fieldEnds[index];
        if (!_fieldQuoted[index])
        {
            return _buffer.AsSpan(s, e - s);
        }
        // Quoted: drop the outer quotes, turn "" into ".
        var inner = _buffer.AsSpan(s + 1, Math.Max(0, e - s - 2));
        if (inner.IndexOf((byte)'"') < 0)
        {
            return inner;
        }
        if (_scratch.Length < inner.Length)
        {
            _scratch = new byte[inner.Length * 2];
        }
        var n = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            _scratch[n++] = inner[i];
            if (inner[i] == '"' && i + 1 < inner.Length && inner[i + 1] == '"')
            {
                i++;
            }
        }
        return _scratch.AsSpan(0, n);
    }

    public string FieldString(int index) => Encoding.UTF8.GetString(Field(index));

    /// <summary>
    /// Where a field's value stands inside <see cref="RawRecord"/>, trimmed of spaces, when it can
    /// be read there as it is (not quoted with doubled quotes inside); false otherwise.
    /// </summary>
    public bool TryFieldRange(int index, out int start, out int length)
    {
        var s = _fieldStarts[index];
        var e = _fieldEnds[index];
        if (_fieldQuoted[index])
        {
            s++;
            e--;
            if (_buffer.AsSpan(s, Math.Max(0, e - s)).Contains((byte)'"'))
            {
                start = length = 0;
                return false;
            }
        }
        while (s < e && _buffer[s] == ' ')
        {
            s++;
        }
        while (e > s && _buffer[e - 1] == ' ')
        {
            e--;
        }
        start = s - _start;
        length = Math.Max(0, e - s);
        return true;
    }

    /// <summary>Moves to the next record; false at the end of the input. Blank lines are skipped.</summary>
    public bool Read()
    {
        if (_first)
        {
            _first = false;
            SkipByteOrderMark();
        }
        while (true)
        {
            _start = _next;
            if (!ScanRecord())
            {
                return false;
            }
            if (_recordEnd > _start || FieldCount > 1)
            {
                return true;
            }
        }
    }

    private bool ScanRecord()
    {
        if (!_first && TryScanSimpleRecord())
        {
            return true;
        }
        return ScanRecordGeneral();
    }

    /// <summary>
    /// The fast path for the common record: a whole line in the buffer with no quote in it, split
    /// on commas with vectorized searches. Anything else goes the general way.
    /// </summary>
    private bool TryScanSimpleRecord()
    {
        var rest = _buffer.AsSpan(_start, _end - _start);
        var nl = rest.IndexOf((byte)'\n');
        if (nl < 0)
        {
            return false;
        }
        var line = rest[..nl];
        if (line.Contains((byte)'"'))
        {
            return false;
        }
        var lineLength = line.Length > 0 && line[^1] == '\r' ? line.Length - 1 : line.Length;
        line = line[..lineLength];
        var fields = 0;
        var at = 0;
        while (true)
        {
            var comma = line[at..].IndexOf((byte)',');
            if (fields == _fieldStarts.Length)
            {
                Array.Resize(ref _fieldStarts, fields * 2);
                Array.Resize(ref _fieldEnds, fields * 2);
                Array.Resize(ref _fieldQuoted, fields * 2);
            }
            _fieldStarts[fields] = _start + at;
            _fieldQuoted[fields] = false;
            if (comma < 0)
            {
                _fieldEnds[fields++] = _start + lineLength;
                break;
            }
            _fieldEnds[fields++] = _start + at + comma;
            at += comma + 1;
        }
        FieldCount = fields;
        _recordEnd = _start + lineLength;
        _next = _start + nl + 1;
        LineNumber = _nextLine;
        _nextLine++;
        return true;
    }

    private bool ScanRecordGeneral()
    {
        var fields = 0;
        var line = _nextLine;
        var pos = _start;
        var fieldStart = pos;
        var quoted = false;
        var inQuotes = false;
        var newlines = 0;
        while (true)
        {
            if (pos >= _end)
            {
                if (_eof)
                {
                    if (pos == _start && fields == 0)
                    {
                        return false;
                    }
                    AddField(ref fields, fieldStart, pos, quoted);
                    _recordEnd = pos;
                    _next = pos;
                    break;
                }
                RefillKeepingRecord(ref pos, ref fieldStart, fields);
                continue;
            }
            var span = _buffer.AsSpan(pos, _end - pos);
            if (inQuotes)
            {
                var q = span.IndexOf((byte)'"');
                if (q < 0)
                {
                    newlines += span.Count((byte)'\n');
                    pos = _end;
                    continue;
                }
                newlines += span[..q].Count((byte)'\n');
                pos += q + 1;
                if (pos >= _end && !_eof)
                {
                    // Need the next byte to know if this is "" or the closing quote.
                    pos--;
                    RefillKeepingRecord(ref pos, ref fieldStart, fields);
                    continue;
                }
                if (pos < _end && _buffer[pos] == '"')
                {
                    pos++;
                    continue;
                }
                inQuotes = false;
                continue;
            }
            var k = span.IndexOfAny((byte)',', (byte)'\n', (byte)'"');
            if (k < 0)
            {
                pos = _end;
                continue;
            }
            pos += k;
            var c = _buffer[pos];
            if (c == ',')
            {
                AddField(ref fields, fieldStart, pos, quoted);
                pos++;
                fieldStart = pos;
                quoted = false;
            }
            else if (c == '"')
            {
                if (pos == fieldStart)
                {
                    quoted = true;
                }
                inQuotes = true;
                pos++;
            }
            else
            {
                var recordEnd = pos > _start && _buffer[pos - 1] == '\r' ? pos - 1 : pos;
                AddField(ref fields, fieldStart, recordEnd, quoted);
                _recordEnd = recordEnd;
                _next = pos + 1;
                newlines++;
                break;
            }
        }
        FieldCount = fields;
        LineNumber = line;
        _nextLine = line + newlines;
        return true;
    }

    /// <summary>A UTF-8 byte order mark is not part of the first field; it is skipped before scanning, so a quoted first field stays quoted.</summary>
    private void SkipByteOrderMark()
    {
        while (_end - _next < 3 && !_eof)
        {
            Refill();
        }
        if (_end - _next >= 3 && _buffer[_next] == 0xEF && _buffer[_next + 1] == 0xBB && _buffer[_next + 2] == 0xBF)
        {
            _next += 3;
        }
    }

    /// <summary>Reads more input while a record is being scanned; positions of the record so far move with it.</summary>
    private void RefillKeepingRecord(ref int pos, ref int fieldStart, int fields)
    {
        var shift = _start;
        Refill();
        pos -= shift;
        fieldStart -= shift;
        for (var i = 0; i < fields; i++)
        {
            _fieldStarts[i] -= shift;
            _fieldEnds[i] -= shift;
        }
    }

    private void AddField(ref int fields, int start, int end, bool quoted)
    {
        if (fields == _fieldStarts.Length)
        {
            Array.Resize(ref _fieldStarts, fields * 2);
            Array.Resize(ref _fieldEnds, fields * 2);
            Array.Resize(ref _fieldQuoted, fields * 2);
        }
        if (quoted && end > start && _buffer[end - 1] == '\r')
        {
            end--;
        }
        _fieldStarts[fields] = start;
        _fieldEnds[fields] = end;
        _fieldQuoted[fields] = quoted && end - start >= 2 && _buffer[end - 1] == '"';
        fields++;
    }

    /// <summary>Moves the unread part of the buffer to its front and reads more; grows the buffer for a record larger than it.</summary>
    private void Refill()
    {
        var keep = _end - _start;
        if (_start == 0 && keep == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, keep).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        else if (keep > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, keep);
        }
        _end = keep;
        _next -= _start;
        _start = 0;
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }
        BytesConsumed += read;
        _end += read;
    }

    public void Dispose()
    {
        if (_ownsStream)
        {
            _stream.Dispose();
        }
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
