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
            Check(db, raw.sqlite3_prepare_v2(db, SqliteWorkspace.ChunksOfNumberSql, out _statement));
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
            int rc;
            while ((rc = raw.sqlite3_step(s)) == raw.SQLITE_ROW)
            {
                CallChunk.Read(raw.sqlite3_column_blob(s, 0), number, fromMs, toMs, calls, _answeredBy);
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
        CallChunk.Order(calls);
        return calls;
    }

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
