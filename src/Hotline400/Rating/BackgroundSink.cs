using Hotline400.Calls;

namespace Hotline400.Rating;

/// <summary>
/// Hands what the rater produces to another sink on its own thread, in blocks and in order (a
/// <see cref="BlockHandoff{T}"/>), so that formatting and writing output runs beside rating.
/// <see cref="Complete"/> waits until everything has been written and rethrows what the writing
/// thread failed with; a write that fails (a full disk) is reported there, as an
/// <see cref="IOException"/>, while rating goes on to the end.
/// </summary>
public sealed class BackgroundSink : IRatingSink, IDisposable
{
    private const int BlockSize = 1024;

    private readonly IRatingSink _inner;
    private readonly BlockHandoff<object> _items;
    private Exception? _failure;
    private bool _completed;

    public BackgroundSink(IRatingSink inner)
    {
        _inner = inner;
        _items = new BlockHandoff<object>("rated output", BlockSize, blocksAhead: 4, Write);
    }

    public void Rated(RatedCall call) => _items.Add(call);

    public void Rejected(CallReject reject) => _items.Add(reject);

    public void Duplicate(CallRecord duplicate) => _items.Add(duplicate);

    /// <summary>Writes a block, on the writing thread.</summary>
    private void Write(ReadOnlySpan<object> items)
    {
        if (_failure is not null)
        {
            return; // Keep taking blocks so the rating side never blocks on a full queue.
        }
        try
        {
            foreach (var item in items)
            {
                _inner.Pass(item);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _failure = ex;
        }
    }

    /// <summary>Writes what is left and waits for the writing thread.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }
        _completed = true;
        _items.Complete();
        if (_failure is not null)
        {
            throw new IOException(_failure.Message, _failure);
        }
    }

    public void Dispose()
    {
        try
        {
            Complete();
        }
        finally
        {
            _items.Dispose();
        }
    }
}
