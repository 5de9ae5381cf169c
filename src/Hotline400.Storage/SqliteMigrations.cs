namespace Hotline400.Storage;

/// <summary>
/// The SQLite schema as an ordered list of forward migrations. Each is applied once, in its own
/// transaction, and recorded in <c>schema_version</c>; a migration is never edited once released,
/// a change is a new one at the end. docs/workspace.md describes the tables.
/// </summary>
internal static class SqliteMigrations
{
    /// <summary>A migration: its SQL, then, for the few that need it, code run in the same transaction.</summary>
    public sealed record Migration(int Version, string Description, string Sql, Action<SqliteWorkspace>? Code = null);

    public const string SchemaVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version     INTEGER PRIMARY KEY,
            description TEXT    NOT NULL,
            applied_at  INTEGER NOT NULL
        );
        """;

    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "catalog versions, accounts snapshots, calls, import runs", """
            CREATE TABLE catalog_versions (
                version     INTEGER PRIMARY KEY,
                source      TEXT    NOT NULL,
                sha256      TEXT    NOT NULL CHECK (length(sha256) = 64),
                yaml        TEXT    NOT NULL,
                imported_at INTEGER NOT NULL
            );

            CREATE TABLE accounts_snapshots (
                snapshot        INTEGER PRIMARY KEY,
                catalog_version INTEGER NOT NULL REFERENCES catalog_versions (version),
                source          TEXT    NOT NULL,
                sha256          TEXT    NOT NULL CHECK (length(sha256) = 64),
                yaml            TEXT    NOT NULL,
                imported_at     INTEGER NOT NULL
            );

            CREATE TABLE import_runs (
                id          INTEGER PRIMARY KEY,
                kind        TEXT    NOT NULL CHECK (kind IN ('catalog', 'accounts', 'calls')),
                file        TEXT    NOT NULL,
                started_at  INTEGER NOT NULL,
                finished_at INTEGER,
                read        INTEGER NOT NULL DEFAULT 0,
                imported    INTEGER NOT NULL DEFAULT 0,
                rejected    INTEGER NOT NULL DEFAULT 0,
                duplicates  INTEGER NOT NULL DEFAULT 0,
                CHECK (read = imported + rejected + duplicates)
            );

            -- No CHECK constraints on calls: the importer validates every value (CallReader), and
            -- checks evaluated per row halve the import rate.
            CREATE TABLE calls (
                call_id     TEXT    NOT NULL PRIMARY KEY,
                number      INTEGER NOT NULL,
                caller      TEXT    NOT NULL,
                started_ms  INTEGER NOT NULL,
                answered_ms INTEGER,
                ended_ms    INTEGER NOT NULL,
                outcome     TEXT    NOT NULL,
                recorded    INTEGER NOT NULL,
                direction   TEXT    NOT NULL,
                answered_by TEXT    NOT NULL,
                import_run  INTEGER NOT NULL REFERENCES import_runs (id),
                line        INTEGER NOT NULL
            ) WITHOUT ROWID;

            CREATE INDEX calls_by_number_start ON calls (number, started_ms);
            """),
        new(2, "issued statements and adjustments, prepaid ledger", """
            -- A statement is issued once per number and month (sequence 0) and never changed; a
            -- re-bill that finds differences issues an adjustment (sequence 1, 2, …).
            CREATE TABLE statements (
                id                INTEGER PRIMARY KEY,
                number            INTEGER NOT NULL,
                period            TEXT    NOT NULL CHECK (length(period) = 7),
                sequence          INTEGER NOT NULL CHECK (sequence >= 0),
                kind              TEXT    NOT NULL CHECK (kind IN ('statement', 'adjustment')),
                total             TEXT    NOT NULL,
                catalog_version   INTEGER NOT NULL REFERENCES catalog_versions (version),
                accounts_snapshot INTEGER NOT NULL REFERENCES accounts_snapshots (snapshot),
                document          TEXT    NOT NULL,
                issued_at         INTEGER NOT NULL,
                UNIQUE (number, period, sequence),
                CHECK ((sequence = 0) = (kind = 'statement'))
            );

            -- Append-only: balances and remaining minutes are sums of entries. A subscription is
            -- named by number, plan and start date, which stay the same across accounts snapshots.
            CREATE TABLE ledger_entries (
                id                 INTEGER PRIMARY KEY,
                number             INTEGER NOT NULL,
                plan               TEXT    NOT NULL,
                subscription_start TEXT    NOT NULL,
                kind               TEXT    NOT NULL,
                date               TEXT    NOT NULL,
                amount             TEXT    NOT NULL,
                minutes            TEXT    NOT NULL,
                reason_zh          TEXT    NOT NULL,
                reason_en          TEXT    NOT NULL,
                trace              TEXT    NOT NULL,
                statement          INTEGER REFERENCES statements (id),
                recorded_at        INTEGER NOT NULL
            );

            CREATE INDEX ledger_by_subscription ON ledger_entries (number, plan, subscription_start, date);
            """),
        new(3, "calls stored as chunks with their call id hashes", """
            -- Every stored call has a sequence number (1, 2, … with no gaps). A chunk holds the calls
            -- first … first + count - 1: one number's calls from one import block, in (start, call id)
            -- order, packed (CallChunk). first_ms and last_ms are its first and last start.
            CREATE TABLE call_chunks (
                first       INTEGER PRIMARY KEY,
                number      INTEGER NOT NULL,
                first_ms    INTEGER NOT NULL,
                last_ms     INTEGER NOT NULL,
                count       INTEGER NOT NULL CHECK (count > 0),
                import_run  INTEGER NOT NULL REFERENCES import_runs (id),
                calls       BLOB    NOT NULL
            );

            -- A number's calls started in [from, to): its chunks with last_ms >= from and first_ms < to.
            CREATE INDEX call_chunks_by_number ON call_chunks (number, last_ms);

            -- The 64-bit hash (CallKeys.Hash, 8 bytes little-endian) of the call id of every stored
            -- call, in sequence order: hashes covers the calls first … first + length / 8 - 1. An import
            -- loads them to find duplicates and confirms every hit against the stored call id.
            CREATE TABLE call_hashes (
                first  INTEGER PRIMARY KEY,
                hashes BLOB    NOT NULL CHECK (length(hashes) > 0 AND length(hashes) % 8 = 0)
            );
            """, w => w.MoveCallsToChunks()),
        new(4, "statement call detail in a compact binary form", """
            -- A statement issued from this migration on keeps its itemized calls and the call ids of
            -- its lines here (CallDetailCodec, format 1) instead of in its JSON document: about 35
            -- bytes a call instead of about 360. Documents issued before keep them in the JSON and
            -- have no row here. Written with the statement, in its transaction; never changed.
            CREATE TABLE statement_calls (
                statement INTEGER PRIMARY KEY REFERENCES statements (id),
                format    INTEGER NOT NULL,
                calls     INTEGER NOT NULL,
                detail    BLOB    NOT NULL
            );
            """),
    ];
}
