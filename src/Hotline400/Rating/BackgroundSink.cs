using System.Collections.Concurrent;
using Hotline400.Calls;

namespace Hotline400.Rating;

/// <summary>
/// Hands what the rater produces to another sink on its own thread, in blocks and in order, so
/// that formatting and writing output runs beside rating. <see cref="Complete"/> waits until
/// everything has been written and rethrows what the writing thread failed with.
/// </summary>
public sealed class BackgroundSink : IRatingSink, IDisposable
{
    private const int BlockSize = 1024;

    private readonly IRatingSink _inner;
    private readonly BlockingCollection<object[]> _blocks = new(boundedCapacity: 4);
    private readonly ConcurrentBag<object[]> _free = [];
    private readonly Thread _thread;
    private object[] _current;
    private int _count;
    private Exception? _failure;
    private bool _completed;

    public BackgroundSink(IRatingSink inner)
    {
        _inner = inner;
        _current = new object[BlockSize];
        _thread = new Thread(Drain) { IsBackground = true, Name = "rated output" };
        _thread.Start();
    }

    public void Rated(RatedCall call) => Add(call);

    public void Rejected(CallReject reject) => Add(reject);

    public void Duplicate(CallRecord duplicate) => Add(duplicate);

    private void Add(object item)
    {
        _current[_count++] = item;
        if (_count == BlockSize)
        {
            Send();
        }
    }

    private void Send()
    {
        if (_count < BlockSize)
        {
            Array.Clear(_current, _count, BlockSize - _count);
        }
        _blocks.Add(_current);
        _current = _free.TryTake(out var block) ? block : new object[BlockSize];
        _count = 0;
    }

    private void Drain()
    {
        try
        {
            foreach (var block in _blocks.GetConsumingEnumerable())
            {
                foreach (var item in block)
                {
                    switch (item)
                    {
                        case RatedCall c:
                            _inner.Rated(c);
                            break;
                        case CallReject r:
                            _inner.Rejected(r);
                            break;
                        case CallRecord d:
                            _inner.Duplicate(d);
                            break;
                        case null:
                            break;
                    }
                }
                Array.Clear(block);
                _free.Add(block);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _failure = ex;
            // Keep taking blocks so the rating side never blocks on a full queue.
            foreach (var _ in _blocks.GetConsumingEnumerable())
            {
            }
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
        if (_count > 0)
        {
            Send();
        }
        _blocks.CompleteAdding();
        _thread.Join();
        if (_failure is not null)
        {
            throw new IOException(_failure.Message, _failure);
        }
    }

    public void Dispose()
    {
        Complete();
        _blocks.Dispose();
    }
}
