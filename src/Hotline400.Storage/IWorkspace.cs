using Hotline400.Accounts;
using Hotline400.Billing;
using Hotline400.Calls;
using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Storage;

/// <summary>
/// A workspace: the catalog versions, accounts snapshots and call records one provider bills
/// from, and a log of every import. Storage-neutral: <see cref="SqliteWorkspace"/> is the embedded
/// implementation (one file); a PostgreSQL one implements the same contract. Imports are
/// idempotent: a catalog or accounts import adds a version only when the text differs from the
/// latest one, and a call whose <c>call_id</c> is stored already is counted as a duplicate.
/// </summary>
public interface IWorkspace : IDisposable
{
    /// <summary>
    /// Checks a catalog and stores it as a new version unless the latest version has the same text
    /// (same SHA-256). A version is never edited. A catalog with problems, or one under which the
    /// latest accounts no longer load, stores nothing and gives every problem.
    /// </summary>
    VersionImport ImportCatalog(string text, string source);

    /// <summary>
    /// Checks accounts against the latest catalog and stores them as a new snapshot unless the latest
    /// snapshot has the same text. Problems (or no catalog yet) store nothing.
    /// </summary>
    VersionImport ImportAccounts(string text, string source);

    /// <summary>
    /// Reads call files (every header is checked before anything is stored) and stores the valid
    /// calls of numbers in the latest accounts. Rows whose <c>call_id</c> is stored already, or was
    /// read earlier in the run, are duplicates. Counts reconcile per file and in total:
    /// read = imported + rejected + duplicates. <paramref name="rejected"/> receives every reject
    /// in file order.
    /// </summary>
    CallImportResult ImportCalls(IReadOnlyList<string> files, ColumnMap map, IProgress<ImportProgress>? progress = null, Action<CallReject>? rejected = null);

    /// <summary>The newest catalog version, loaded; null when none was imported.</summary>
    StoredCatalog? LatestCatalog();

    /// <summary>A catalog version by its number (1, 2, …), loaded; null when there is none.</summary>
    StoredCatalog? Catalog(int version);

    /// <summary>
    /// The newest accounts snapshot, loaded over <paramref name="catalog"/>; null when none was
    /// imported. Throws <see cref="WorkspaceException"/> when the stored text does not load over that catalog.
    /// </summary>
    StoredAccounts? LatestAccounts(TariffCatalog catalog);

    /// <summary>
    /// Stored calls started in [<paramref name="fromMs"/>, <paramref name="toMs"/>) (unix ms), of one
    /// number or of all, ordered by number, start and call id (the rating order within a number).
    /// Streams: a caller may stop early.
    /// </summary>
    IEnumerable<CallRecord> CallsBetween(HotlineNumber? number, long fromMs, long toMs);

    /// <summary>How many versions, snapshots, calls and import runs the workspace holds.</summary>
    WorkspaceCounts Counts();

    /// <summary>The import log, oldest first.</summary>
    IReadOnlyList<ImportRun> ImportRuns();

    /// <summary>What was issued for a number and month: the statement first, then its adjustments in order; empty when nothing was.</summary>
    IReadOnlyList<IssuedDocument> Issued(HotlineNumber number, BillingPeriod period);

    /// <summary>
    /// Stores a statement with the ledger entries issuing it adds, in one transaction. Refused
    /// (<see cref="WorkspaceException"/>) when one is issued already for that number and month:
    /// a correction is an adjustment.
    /// </summary>
    IssuedDocument IssueStatement(Statement statement, AccountBook accounts, int catalogVersion, int accountsSnapshot);

    /// <summary>
    /// Stores an adjustment to an issued statement, with a ledger adjustment when it changes what was
    /// drawn from the prepayment, and <paramref name="ledgerCorrections"/> (corrected package credits,
    /// <see cref="Rebilling.CreditCorrections"/>), in one transaction.
    /// </summary>
    IssuedDocument IssueAdjustment(StatementAdjustment adjustment, Subscription subscription, int catalogVersion, int accountsSnapshot,
        IReadOnlyList<(Subscription Subscription, LedgerEntry Entry)>? ledgerCorrections = null);

    /// <summary>The subscription's ledger entries in the order they were recorded.</summary>
    IReadOnlyList<LedgerEntry> LedgerEntries(Subscription subscription);

    /// <summary>Records one ledger entry (a top-up, say).</summary>
    void AppendLedger(Subscription subscription, LedgerEntry entry);

    // ---- for bill runs over many numbers -------------------------------------------------------

    /// <summary>
    /// Every ledger entry, by subscription (number, plan key, start), each list in the order recorded:
    /// what <see cref="LedgerEntries"/> gives for each subscription, read at once.
    /// </summary>
    IReadOnlyDictionary<LedgerKey, List<LedgerEntry>> AllLedgerEntries();

    /// <summary>The numbers that have a statement issued for the month.</summary>
    IReadOnlySet<long> NumbersIssued(BillingPeriod period);

    /// <summary>
    /// Stores several statements, each with the ledger entries issuing it adds, in one transaction:
    /// a crash leaves all of them or none, so never a statement without its entries. Refused
    /// (<see cref="WorkspaceException"/>, nothing stored) when one of them is issued already.
    /// </summary>
    IReadOnlyList<IssuedDocument> IssueStatements(IReadOnlyList<Statement> statements, AccountBook accounts, int catalogVersion, int accountsSnapshot);

    /// <summary>
    /// <see cref="IssueStatements(IReadOnlyList{Statement}, AccountBook, int, int)"/> for statements
    /// serialized beforehand (<see cref="PreparedStatement.Of"/>, on any thread).
    /// </summary>
    IReadOnlyList<IssuedDocument> IssueStatements(IReadOnlyList<PreparedStatement> statements, AccountBook accounts, int catalogVersion, int accountsSnapshot);

    /// <summary>
    /// A reader of stored calls that may be used from another thread while this workspace is used
    /// (its own connection, or whatever the store needs). Gives what <see cref="CallsBetween"/> gives for one number.
    /// </summary>
    ICallSource OpenCallSource();
}

/// <summary>A subscription's identity in the ledger across accounts snapshots.</summary>
public readonly record struct LedgerKey(long Number, string Plan, DateOnly Start)
{
    public static LedgerKey Of(Subscription subscription) => new(subscription.Number.Value, subscription.Plan.Key, subscription.Start);
}

/// <summary>Reads one number's stored calls; for one thread at a time.</summary>
public interface ICallSource : IDisposable
{
    /// <summary>The number's calls started in [<paramref name="fromMs"/>, <paramref name="toMs"/>), ordered by start and call id.</summary>
    List<CallRecord> Calls(HotlineNumber number, long fromMs, long toMs);
}

/// <summary>An issued statement (sequence 0) or adjustment (1, 2, …) as stored.</summary>
public sealed record IssuedDocument(long Id, HotlineNumber Number, BillingPeriod Period, int Sequence, Money.Money Total, DateTimeOffset IssuedAt, Statement? Statement, StatementAdjustment? Adjustment);

/// <summary>The outcome of a catalog or accounts import.</summary>
/// <param name="Version">The version (or snapshot) number now latest; 0 when nothing is stored.</param>
/// <param name="Added">True when a new version was stored; false when the text equals the latest one or had problems.</param>
public sealed record VersionImport(int Version, bool Added, string Sha256, IReadOnlyList<Diagnostic> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>A stored catalog version with the catalog rebuilt from its text.</summary>
public sealed record StoredCatalog(int Version, string Source, string Sha256, DateTimeOffset ImportedAt, TariffCatalog Catalog);

/// <summary>A stored accounts snapshot with the accounts rebuilt from its text.</summary>
/// <param name="CatalogVersion">The catalog version it was checked against when imported.</param>
public sealed record StoredAccounts(int Snapshot, string Source, string Sha256, DateTimeOffset ImportedAt, int CatalogVersion, AccountBook Accounts);

/// <summary>Counts of one call file or of a whole import. They reconcile: read = imported + rejected + duplicates.</summary>
public sealed record ImportCounts(long Read, long Imported, long Rejected, long Duplicates)
{
    public static readonly ImportCounts Zero = new(0, 0, 0, 0);

    public static ImportCounts operator +(ImportCounts a, ImportCounts b) =>
        new(a.Read + b.Read, a.Imported + b.Imported, a.Rejected + b.Rejected, a.Duplicates + b.Duplicates);
}

/// <summary>
/// The outcome of a calls import. When <see cref="Errors"/> is not empty the input was unusable (a
/// missing file, a bad header, no accounts yet) and nothing was stored.
/// </summary>
public sealed record CallImportResult(ImportCounts Total, IReadOnlyList<(string File, ImportCounts Counts)> Files, IReadOnlyList<LocalizedText> Errors)
{
    public bool Usable => Errors.Count == 0;
}

/// <summary>Where a calls import stands: bytes of input read and rows read so far, over all files.</summary>
public readonly record struct ImportProgress(long BytesRead, long Rows);

public sealed record WorkspaceCounts(int CatalogVersions, int AccountsSnapshots, long Calls, int ImportRuns);

/// <summary>One line of the import log. <see cref="FinishedAt"/> is null for a run that was interrupted.</summary>
public sealed record ImportRun(long Id, string Kind, string File, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, ImportCounts Counts);

/// <summary>
/// The workspace cannot be used: a newer schema, a damaged file, stored text that no longer loads.
/// <see cref="Text"/> says so in Chinese and English (<see cref="WorkspaceProblems"/>);
/// <see cref="Exception.Message"/> is the English text.
/// </summary>
public sealed class WorkspaceException(LocalizedText text, Exception? inner = null) : Exception(text.En, inner)
{
    public LocalizedText Text { get; } = text;
}
