using System.Collections.Concurrent;
using Hotline400.Calls;

namespace Hotline400.Rating;

/// <summary>
/// Rates the calls the reorder window releases on a thread of its own, so that reading, ordering,
/// rating and writing each keep a core busy. The sequencer hands over steps in blocks, in the
/// order the sink must see them (a call to rate, a reject or a duplicate), and this thread
/// gives them to the sink in that same order, so output does not depend on thread timing.
/// A rated call's batch goes back to the readers' pool once the call is rated.
/// </summary>
internal sealed class RatingStage : IDisposable
{
    private const int BlockSize = 1024;

    /// <summary>One step: rate the call at (batch, slot), or pass <see cref="Item"/> (a reject or a duplicate) to the sink.</summary>
    private readonly record struct Step(int BatchId, int Slot, object? Item);

    private readonly BatchRegistry _batches;
    private readonly ConcurrentBag<CallBatch> _pool;
    private readonly Func<CallRecord, RatedCall?> _rate;
    private readonly IRatingSink _sink;
    private readonly BlockingCollection<(Step[] Steps, int Count)> _blocks = new(boundedCapacity: 2);
    private readonly ConcurrentBag<Step[]> _free = [];
    private readonly CancellationTokenSource _cancel = new();
    private readonly Thread _thread;
    private Step[] _current = new Step[BlockSize];
    private int _count;
    private Exception? _failure;

    /// <param name="rate">Rates a call; null when it cannot be rated (having told the sink why).</param>
    public RatingStage(BatchRegistry batches, ConcurrentBag<CallBatch> pool, IRatingSink sink, Func<CallRecord, RatedCall?> rate)
    {
        _batches = batches;
        _pool = pool;
        _sink = sink;
        _rate = rate;
        _thread = new Thread(Drain) { IsBackground = true, Name = "rating" };
        _thread.Start();
    }

    /// <summary>Calls rated so far (read once <see cref="Complete"/> returned).</summary>
    public long Rated { get; private set; }

    /// <summary>Calls the rater could not rate (read once <see cref="Complete"/> returned).</summary>
    public long Rejected { get; private set; }

    public void Rate(in CallWindow.Key key) => Add(new Step(key.BatchId, key.Slot, null));

    public void Pass(CallReject reject) => Add(new Step(-1, 0, reject));

    public void Pass(CallRecord duplicate) => Add(new Step(-1, 0, duplicate));

    private void Add(Step step)
    {
        _current[_count++] = step;
        if (_count == BlockSize)
        {
            Send();
        }
    }

    private void Send()
    {
        try
        {
            _blocks.Add((_current, _count), _cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Rethrow();
        }
        _current = _free.TryTake(out var block) ? block : new Step[BlockSize];
        _count = 0;
    }

    private void Drain()
    {
        try
        {
            foreach (var (steps, count) in _blocks.GetConsumingEnumerable(_cancel.Token))
            {
                for (var i = 0; i < count; i++)
                {
                    var step = steps[i];
                    switch (step.Item)
                    {
                        case null:
                            RateOne(_batches[step.BatchId], step.Slot);
                            break;
                        case CallReject reject:
                            _sink.Rejected(reject);
                            break;
                        case CallRecord duplicate:
                            _sink.Duplicate(duplicate);
                            break;
                    }
                }
                Array.Clear(steps, 0, count);
                _free.Add(steps);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            _failure = ex;
            _cancel.Cancel();
        }
    }

    private void RateOne(CallBatch batch, int slot)
    {
        var record = batch.Calls[slot].ToRecord(_batches);
        Release(batch, _pool);
        if (_rate(record) is { } rated)
        {
            Rated++;
            _sink.Rated(rated);
        }
        else
        {
            Rejected++;
        }
    }

    /// <summary>
    /// One holder of the batch is done with it: a call of it rated or found a duplicate, or the
    /// merge past it. Whoever is last returns it to the readers' pool.
    /// </summary>
    public static void Release(CallBatch batch, ConcurrentBag<CallBatch> pool)
    {
        if (Interlocked.Decrement(ref batch.Live) == 0)
        {
            pool.Add(batch);
        }
    }

    /// <summary>Rates what is left and waits for the thread; rethrows what it failed with.</summary>
    public void Complete()
    {
        if (_count > 0)
        {
            Send();
        }
        _blocks.CompleteAdding();
        _thread.Join();
        Rethrow();
    }

    private void Rethrow()
    {
        if (_failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
        }
    }

    /// <summary>Stops the thread without rating what is left (the run starts over).</summary>
    public void Dispose()
    {
        _cancel.Cancel();
        _thread.Join();
        _cancel.Dispose();
        _blocks.Dispose();
    }
}
