using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Hotline400.Rating;

/// <summary>
/// Hands items from one producer to a consumer on a thread of its own, in blocks and in order,
/// so that two steps of a run each keep a core busy. Adding an item only stores it: a full block
/// goes into a bounded queue (the producer waits while <c>blocksAhead</c> blocks are queued,
/// which bounds memory), and blocks the consumer is done with are cleared and reused, so items
/// cost no allocation and no lock.
/// <para>
/// What the consumer throws stops it and surfaces on the producer, with its original stack, at
/// the next <see cref="Add"/> that hands over a block or at <see cref="Complete"/>.
/// <see cref="Complete"/> hands over what is left and waits until it is consumed;
/// <see cref="Dispose"/> without it stops the consumer at the end of its current block, dropping
/// what is queued. Either way no thread is left running.
/// </para>
/// </summary>
/// <remarks>One producer thread only: <see cref="Add"/>, <see cref="Complete"/> and <see cref="Dispose"/> are not thread-safe.</remarks>
internal sealed class BlockHandoff<T> : IDisposable
{
    private readonly Action<ReadOnlySpan<T>> _consume;
    private readonly int _blockSize;
    private readonly BlockingCollection<(T[] Items, int Count)> _blocks;
    private readonly ConcurrentQueue<T[]> _free = new();
    private readonly CancellationTokenSource _cancel = new();
    private readonly Thread _thread;
    private T[] _current;
    private int _count;
    private volatile ExceptionDispatchInfo? _failure;
    private bool _disposed;

    /// <param name="threadName">The consumer thread's name (as debuggers and profilers show it).</param>
    /// <param name="blockSize">Items a block holds.</param>
    /// <param name="blocksAhead">Full blocks that may wait for the consumer before the producer waits too.</param>
    /// <param name="consume">Called on the consumer thread with each block's items, in the order they were added.</param>
    public BlockHandoff(string threadName, int blockSize, int blocksAhead, Action<ReadOnlySpan<T>> consume)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blocksAhead, 1);
        _consume = consume;
        _blockSize = blockSize;
        _blocks = new(boundedCapacity: blocksAhead);
        _current = NewBlock();
        _thread = new Thread(Drain) { IsBackground = true, Name = threadName };
        _thread.Start();
    }

    /// <summary>Blocks allocated so far: at most <c>blocksAhead</c> + 2 (one being filled, one being consumed), however many items pass.</summary>
    internal int BlocksAllocated { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T item)
    {
        _current[_count++] = item;
        if (_count == _current.Length)
        {
            Send();
        }
    }

    /// <summary>Hands over what is left, waits until the consumer is done and rethrows what it failed with.</summary>
    public void Complete()
    {
        if (_count > 0)
        {
            Send();
        }
        _blocks.CompleteAdding();
        _thread.Join();
        _failure?.Throw();
    }

    /// <summary>Stops the consumer (at the end of the block it is on) and waits for its thread; what is still queued is dropped.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _cancel.Cancel();
        _thread.Join();
        _cancel.Dispose();
        _blocks.Dispose();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Send()
    {
        if (_failure is null)
        {
            try
            {
                _blocks.Add((_current, _count), _cancel.Token);
                _current = _free.TryDequeue(out var block) ? block : NewBlock();
                _count = 0;
                return;
            }
            catch (OperationCanceledException) when (_failure is not null)
            {
                // The consumer failed while the producer waited for room.
            }
        }
        _count = 0; // the consumer has stopped: nothing more is handed over
        _failure!.Throw();
    }

    private T[] NewBlock()
    {
        BlocksAllocated++;
        return new T[_blockSize];
    }

    private void Drain()
    {
        try
        {
            foreach (var (items, count) in _blocks.GetConsumingEnumerable(_cancel.Token))
            {
                _consume(new ReadOnlySpan<T>(items, 0, count));
                if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
                {
                    Array.Clear(items, 0, count); // a pooled block must not keep what it held alive
                }
                _free.Enqueue(items);
            }
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            // Disposed before completion: stop here.
        }
        catch (Exception ex)
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
            // Wakes the producer if it waits on a full queue; it then rethrows the failure.
            _cancel.Cancel();
        }
    }
}
