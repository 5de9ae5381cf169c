using System.Text;
using Hotline400.Calls;
using Hotline400.Numbers;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Hotline400.Storage;

/// <summary>
/// Reads a number's stored calls on a connection of its own (read-only, memory-mapped), so a bill
/// run can read the next numbers' calls on one thread while the workspace issues statements on
/// another. One prepared statement, columns read straight from SQLite's buffers. Not thread-safe itself.
/// </summary>
internal sealed class SqliteCallSource : ICallSource
{
    private const string Sql = """
        SELECT call_id, number, caller, started_ms, answered_ms, ended_ms, outcome, recorded, direction, answered_by, line
        FROM calls
        WHERE number = ?1 AND started_ms >= ?2 AND started_ms < ?3
        ORDER BY number, started_ms, call_id
        """;

    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;
    private readonly Dictionary<string, string> _answeredBy = new(StringComparer.Ordinal);

    public SqliteCallSource(string path)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 };
        _connection = new SqliteConnection(builder.ToString());
        try
        {
            _connection.Open();
            using (var pragma = _connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -65536";
                pragma.ExecuteNonQuery();
            }
            var db = _connection.Handle!;
            Check(db, raw.sqlite3_prepare_v2(db, Sql, out _statement));
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public List<CallRecord> Calls(HotlineNumber number, long fromMs, long toMs)
    {
        var s = _statement;
        var db = _connection.Handle!;
        raw.sqlite3_bind_int64(s, 1, number.Value);
        raw.sqlite3_bind_int64(s, 2, fromMs);
        raw.sqlite3_bind_int64(s, 3, toMs);
        var calls = new List<CallRecord>();
        try
        {
            Span<char> caller = stackalloc char[64];
            int rc;
            while ((rc = raw.sqlite3_step(s)) == raw.SQLITE_ROW)
            {
                var callerBytes = raw.sqlite3_column_blob(s, 2);
                var callerChars = callerBytes.Length <= 64 ? caller[..Encoding.UTF8.GetChars(callerBytes, caller)] : Encoding.UTF8.GetString(callerBytes).AsSpan();
                calls.Add(new CallRecord
                {
                    CallId = Encoding.UTF8.GetString(raw.sqlite3_column_blob(s, 0)),
                    Number = new HotlineNumber(raw.sqlite3_column_int64(s, 1)),
                    Caller = CallerNumber.Classify(callerChars),
                    StartedMs = raw.sqlite3_column_int64(s, 3),
                    AnsweredMs = raw.sqlite3_column_type(s, 4) == raw.SQLITE_NULL ? CallRecord.NotAnswered : raw.sqlite3_column_int64(s, 4),
                    EndedMs = raw.sqlite3_column_int64(s, 5),
                    Outcome = ParseOutcome(raw.sqlite3_column_blob(s, 6)),
                    Recorded = raw.sqlite3_column_int64(s, 7) == 1,
                    Direction = raw.sqlite3_column_blob(s, 8).SequenceEqual("out"u8) ? Direction.Out : Direction.In,
                    AnsweredBy = AnsweredBy(raw.sqlite3_column_blob(s, 9)),
                    Line = raw.sqlite3_column_int(s, 10),
                });
            }
            if (rc != raw.SQLITE_DONE)
            {
                Check(db, rc);
            }
        }
        finally
        {
            raw.sqlite3_reset(s);
        }
        return calls;
    }

    /// <summary>The bound phones that answer are few: one string each.</summary>
    private string AnsweredBy(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return "";
        }
        var lookup = _answeredBy.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> chars = stackalloc char[bytes.Length];
        var n = Encoding.UTF8.GetChars(bytes, chars);
        if (!lookup.TryGetValue(chars[..n], out var text))
        {
            text = new string(chars[..n]);
            _answeredBy[text] = text;
        }
        return text;
    }

    private static Outcome ParseOutcome(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("answered"u8) => Outcome.Answered,
        _ when name.SequenceEqual("missed"u8) => Outcome.Missed,
        _ when name.SequenceEqual("busy"u8) => Outcome.Busy,
        _ when name.SequenceEqual("voicemail"u8) => Outcome.Voicemail,
        _ when name.SequenceEqual("abandoned"u8) => Outcome.Abandoned,
        _ when name.SequenceEqual("blocked"u8) => Outcome.Blocked,
        _ => throw new WorkspaceException($"unknown outcome '{Encoding.UTF8.GetString(name)}' in the calls table"),
    };

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
        }
    }

    public void Dispose()
    {
        _statement.Dispose();
        _connection.Dispose();
    }
}
