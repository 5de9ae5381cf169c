using System.Collections.Concurrent;
using Hotline400.Calls;

namespace Hotline400.Rating;

/// <summary>
/// Rates the calls the reorder window releases on a thread of its own, so that reading, ordering,
/// rating and writing each keep a core busy. The sequencer hands over steps in blocks (a
/// <see cref="BlockHandoff{T}"/>), in the order the sink must see them (a call to rate, a reject
/// or a duplicate), and this thread gives them to the sink in that same order, so output does
/// not depend on thread timing.
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
    private readonly BlockHandoff<Step> _steps;

    /// <param name="rate">Rates a call; null when it cannot be rated (having told the sink why).</param>
    public RatingStage(BatchRegistry batches, ConcurrentBag<CallBatch> pool, IRatingSink sink, Func<CallRecord, RatedCall?> rate)
    {
        _batches = batches;
        _pool = pool;
        _sink = sink;
        _rate = rate;
        _steps = new BlockHandoff<Step>("rating", BlockSize, blocksAhead: 2, Run);
    }

    /// <summary>Calls rated so far (read once <see cref="Complete"/> returned).</summary>
    public long Rated { get; private set; }

    /// <summary>Calls the rater could not rate (read once <see cref="Complete"/> returned).</summary>
    public long Rejected { get; private set; }

    public void Rate(in CallWindow.Key key) => _steps.Add(new Step(key.BatchId, key.Slot, null));

    public void Pass(CallReject reject) => _steps.Add(new Step(-1, 0, reject));

    public void Pass(CallRecord duplicate) => _steps.Add(new Step(-1, 0, duplicate));

    /// <summary>Runs a block of steps, on the rating thread.</summary>
    private void Run(ReadOnlySpan<Step> steps)
    {
        foreach (ref readonly var step in steps)
        {
            if (step.Item is null)
            {
                RateOne(_batches[step.BatchId], step.Slot);
            }
            else
            {
                _sink.Pass(step.Item); // a reject or a duplicate
            }
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
    public void Complete() => _steps.Complete();

    /// <summary>Stops the thread without rating what is left (the run starts over).</summary>
    public void Dispose() => _steps.Dispose();
}
