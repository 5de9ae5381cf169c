using System.Text;

namespace Hotline400.Cli;

/// <summary>Writing an output file failed (a full disk, no permission…): which file, and the system's error inside.</summary>
internal sealed class OutputFileException(string path, Exception inner) : IOException(inner.Message, inner)
{
    public string Path { get; } = path;

    /// <summary>The output that failed somewhere in <paramref name="ex"/>'s chain of inner exceptions (the background writer wraps it), if any.</summary>
    public static OutputFileException? In(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is OutputFileException output)
            {
                return output;
            }
        }
        return null;
    }
}

/// <summary>
/// Opens the files commands write. Every failure of opening, writing, flushing or closing one is an
/// <see cref="OutputFileException"/> naming it, so that a full disk found by a background writer
/// can still be reported as <c>错误：写入 FILE 失败：…</c>. CSV files meant for people get a UTF-8
/// byte order mark, without which Excel on Chinese Windows reads UTF-8 as GBK and garbles the Chinese.
/// </summary>
internal static class OutputFile
{
    /// <summary>The UTF-8 byte order mark (EF BB BF).</summary>
    public static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Opens (creating or truncating) <paramref name="path"/> for writing, through <paramref name="open"/> when given (tests inject failing streams there).</summary>
    public static Stream Open(string path, bool bom, Func<string, Stream>? open = null)
    {
        Stream inner;
        try
        {
            inner = open?.Invoke(path) ?? new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputFileException(path, ex);
        }
        var stream = new Guarded(inner, path);
        if (bom)
        {
            stream.Write(Bom);
        }
        return stream;
    }

    /// <summary>A text writer (UTF-8, with a byte order mark when <paramref name="bom"/>) over <see cref="Open"/>.</summary>
    public static StreamWriter OpenText(string path, bool bom, Func<string, Stream>? open = null) =>
        new(Open(path, bom, open), new UTF8Encoding(false), 1 << 16);

    /// <summary>Writes a whole text file (UTF-8, with a byte order mark when <paramref name="bom"/>).</summary>
    public static void WriteAllText(string path, string text, bool bom)
    {
        using var writer = OpenText(path, bom);
        writer.Write(text);
    }

    /// <summary>Passes everything to the file's stream and names the file in any failure.</summary>
    private sealed class Guarded(Stream inner, string path) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            try
            {
                inner.Write(buffer);
            }
            catch (Exception ex) when (ex is (IOException or UnauthorizedAccessException) and not OutputFileException)
            {
                throw new OutputFileException(path, ex);
            }
        }

        public override void Flush()
        {
            try
            {
                inner.Flush();
            }
            catch (Exception ex) when (ex is (IOException or UnauthorizedAccessException) and not OutputFileException)
            {
                throw new OutputFileException(path, ex);
            }
        }

        protected override void Dispose(bool disposing)
        {
            try
            {
                if (disposing)
                {
                    inner.Dispose();
                }
            }
            catch (Exception ex) when (ex is (IOException or UnauthorizedAccessException) and not OutputFileException)
            {
                throw new OutputFileException(path, ex);
            }
            finally
            {
                base.Dispose(disposing);
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
