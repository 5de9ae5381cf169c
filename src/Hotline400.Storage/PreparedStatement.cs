using System.Buffers;
using Hotline400.Billing;

namespace Hotline400.Storage;

/// <summary>
/// A statement with its stored forms made ready, so that serializing can happen on another thread
/// than the one writing: the JSON document and, when the statement has itemized calls, their
/// compact binary form (<see cref="CallDetailCodec"/>). Read back, the two give the statement as it
/// was issued.
/// </summary>
public sealed class PreparedStatement
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_document;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_detail;

    private PreparedStatement(Statement statement, byte[] document, byte[]? detail)
    {
        Statement = statement;
        Document = document;
        Detail = detail;
    }

    public Statement Statement { get; }

    /// <summary>The JSON document, UTF-8: without the call detail when <see cref="Detail"/> holds it.</summary>
    internal byte[] Document { get; }

    /// <summary>The call detail and the lines' call ids (format <see cref="CallDetailCodec.Format"/>); null when the document holds everything.</summary>
    internal byte[]? Detail { get; }

    /// <summary>Itemized calls on the statement.</summary>
    public int Calls => Statement.CallDetails.Count;

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
                return new PreparedStatement(statement, document.WrittenSpan.ToArray(), detail.WrittenSpan.ToArray());
            }
            // Nothing itemized, or lines whose call ids do not follow the calls: the document holds it all.
            document.ResetWrittenCount();
            StatementDocuments.Write(document, statement);
            return new PreparedStatement(statement, document.WrittenSpan.ToArray(), null);
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
}
