using System.Buffers;
using Hotline400.Billing;
using Hotline400.Numbers;

namespace Hotline400.Storage;

/// <summary>
/// A statement with its stored forms made ready, so that serializing can happen on another thread
/// than the one writing: the JSON document and, when the statement has itemized calls, their
/// compact binary form (<see cref="CallDetailCodec"/>). Read back, the two give the statement as it
/// was issued. Holds what issuing needs and not the statement itself, so a bill run does not keep
/// the itemized calls alive while statements wait to be written.
/// </summary>
public sealed class PreparedStatement
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_document;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_detail;

    private byte[]? _document;
    private byte[]? _detail;

    private PreparedStatement(Statement statement, ReadOnlySpan<byte> document, bool hasDetail, ReadOnlySpan<byte> detail)
    {
        Number = statement.Number;
        Period = statement.Period;
        Total = statement.Total;
        LedgerEntries = statement.LedgerEntries;
        Calls = statement.CallDetails.Count;
        _document = Rent(document);
        DocumentLength = document.Length;
        if (hasDetail)
        {
            _detail = Rent(detail);
            DetailLength = detail.Length;
        }
    }

    public HotlineNumber Number { get; }

    public BillingPeriod Period { get; }

    public Money.Money Total { get; }

    /// <summary>The ledger entries issuing the statement adds.</summary>
    public IReadOnlyList<LedgerEntryFor> LedgerEntries { get; }

    /// <summary>Itemized calls on the statement.</summary>
    public int Calls { get; }

    private int DocumentLength { get; }

    private int DetailLength { get; }

    /// <summary>The JSON document, UTF-8: without the call detail when <see cref="Detail"/> holds it.</summary>
    internal ReadOnlySpan<byte> Document => (_document ?? throw Released()).AsSpan(0, DocumentLength);

    /// <summary>Whether the call detail is in <see cref="Detail"/> (format <see cref="CallDetailCodec.Format"/>) rather than in the document.</summary>
    internal bool HasDetail => _detail is not null;

    internal ReadOnlySpan<byte> Detail => (_detail ?? throw Released()).AsSpan(0, DetailLength);

    /// <summary>Serializes the statement into the forms the workspace stores.</summary>
    public static PreparedStatement Of(Statement statement)
    {
        var document = t_document ??= new ArrayBufferWriter<byte>(1 << 14);
        var detail = t_detail ??= new ArrayBufferWriter<byte>(1 << 16);
        try
        {
            document.ResetWrittenCount();
            detail.ResetWrittenCount();
            if (CallDetailCodec.HasDetail(statement) && CallDetailCodec.TryEncode(statement, detail))
            {
                StatementDocuments.Write(document, CallDetailCodec.WithoutDetail(statement));
                return new PreparedStatement(statement, document.WrittenSpan, true, detail.WrittenSpan);
            }
            // Nothing itemized, or lines whose call ids do not follow the calls: the document holds it all.
            document.ResetWrittenCount();
            StatementDocuments.Write(document, statement);
            return new PreparedStatement(statement, document.WrittenSpan, false, default);
        }
        finally
        {
            // A large statement leaves large buffers: let them go rather than hold them for the thread's life.
            if (document.Capacity > 4 << 20)
            {
                t_document = null;
            }
            if (detail.Capacity > 4 << 20)
            {
                t_detail = null;
            }
        }
    }

    /// <summary>Gives the buffers back once the statement is stored (or will not be): it cannot be issued after this.</summary>
    internal void Release()
    {
        if (_document is { } document)
        {
            ArrayPool<byte>.Shared.Return(document);
        }
        if (_detail is { } detail)
        {
            ArrayPool<byte>.Shared.Return(detail);
        }
        _document = null;
        _detail = null;
    }

    private static byte[] Rent(ReadOnlySpan<byte> bytes)
    {
        var array = ArrayPool<byte>.Shared.Rent(bytes.Length);
        bytes.CopyTo(array);
        return array;
    }

    private static InvalidOperationException Released() => new("a prepared statement is issued once: its buffers are released");
}
