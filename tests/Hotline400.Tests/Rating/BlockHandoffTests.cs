using System.Runtime.CompilerServices;
using Hotline400.Rating;

namespace Hotline400.Tests.Rating;

/// <summary>
/// The hand-off between two threads of a rating run: items arrive in order, blocks are reused,
/// a failure of either side reaches the producer or ends the consumer, and no thread is left running.
/// </summary>
public class BlockHandoffTests
{
    /// <summary>Guards against a hang only (a TimeoutException): every test finishes in milliseconds when the code is right.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private static Task WithinGuard(Action action) => Task.Run(action).WaitAsync(Guard);

    [Fact]
    public async Task Items_arrive_in_the_order_added_across_many_blocks_and_a_partial_last_one()
    {
        const int n = 64 * 100 + 17;
        var seen = new List<int>();
        await WithinGuard(() =>
        {
            using var handoff = new BlockHandoff<int>("test", blockSize: 64, blocksAhead: 2, block => seen.AddRange(block));
            for (var i = 0; i < n; i++)
            {
                handoff.Add(i);
            }
            handoff.Complete();
        });
        Assert.Equal(Enumerable.Range(0, n), seen);
    }

    [Fact]
    public async Task Blocks_are_reused_so_few_are_ever_allocated()
    {
        const int blocks = 10_000;
        var consumed = 0L;
        var allocated = 0;
        await WithinGuard(() =>
        {
            using var handoff = new BlockHandoff<int>("test", blockSize: 16, blocksAhead: 3, block => consumed += block.Length);
            for (var i = 0; i < blocks * 16; i++)
            {
                handoff.Add(i);
            }
            handoff.Complete();
            allocated = handoff.BlocksAllocated;
        });
        Assert.Equal(blocks * 16L, consumed);
        Assert.InRange(allocated, 1, 3 + 2);
    }

    [Fact]
    public async Task Blocks_in_the_pool_hold_nothing_alive()
    {
        var gone = false;
        await WithinGuard(() =>
        {
            using var handoff = new BlockHandoff<object>("test", blockSize: 4, blocksAhead: 2, _ => { });
            var added = AddFreshObjects(handoff, 4 * 10 + 1);
            handoff.Complete();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            gone = added.All(w => !w.IsAlive);
            GC.KeepAlive(handoff);
        });
        Assert.True(gone);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> AddFreshObjects(BlockHandoff<object> handoff, int count)
    {
        var added = new List<WeakReference>();
        for (var i = 0; i < count; i++)
        {
            var item = new object();
            added.Add(new WeakReference(item));
            handoff.Add(item);
        }
        return added;
    }

    [Fact]
    public async Task What_the_consumer_throws_surfaces_at_a_later_add_with_its_type_message_and_stack()
    {
        InvalidOperationException? thrown = null;
        await WithinGuard(() =>
        {
            using var handoff = new BlockHandoff<int>("test", blockSize: 8, blocksAhead: 2, FailOnFirstBlock);
            // The queue holds two blocks and the consumer takes no more once it failed: the adds cannot all succeed.
            thrown = Assert.Throws<InvalidOperationException>(() =>
            {
                for (var i = 0; i < 1_000_000; i++)
                {
                    handoff.Add(i);
                }
            });
        });
        AssertIsTheConsumersFailure(thrown);
    }

    [Fact]
    public async Task A_consumer_that_fails_while_the_producer_waits_for_room_wakes_it_with_the_failure()
    {
        using var gate = new ManualResetEventSlim();
        InvalidOperationException? thrown = null;
        await WithinGuard(() =>
        {
            using var handoff = new BlockHandoff<int>("test", blockSize: 1, blocksAhead: 1, block =>
            {
                gate.Wait();
                FailOnFirstBlock(block);
            });
            // By then the producer waits on the full queue (one block taken, one queued): only the failure can free it.
            var release = Task.Delay(200).ContinueWith(_ => gate.Set(), TaskScheduler.Default);
            thrown = Assert.Throws<InvalidOperationException>(() =>
            {
                for (var i = 0; i < 3; i++)
                {
                    handoff.Add(i);
                }
            });
            // The failure can reach the producer a moment before the task that freed the consumer has finished.
            release.Wait();
        });
        AssertIsTheConsumersFailure(thrown);
    }

    [Fact]
    public async Task What_the_consumer_throws_surfaces_at_complete()
    {
        InvalidOperationException? thrown = null;
        await WithinGuard(() =>
        {
            using var handoff = new BlockHandoff<int>("test", blockSize: 8, blocksAhead: 2, FailOnFirstBlock);
            handoff.Add(0); // less than a block: only Complete hands it over
            thrown = Assert.Throws<InvalidOperationException>(handoff.Complete);
        });
        AssertIsTheConsumersFailure(thrown);
    }

    [Fact]
    public async Task After_the_consumer_failed_every_later_hand_over_rethrows_and_dispose_does_not()
    {
        await WithinGuard(() =>
        {
            var handoff = new BlockHandoff<int>("test", blockSize: 1, blocksAhead: 1, FailOnFirstBlock);
            Assert.Throws<InvalidOperationException>(() =>
            {
                for (var i = 0; i < 1_000_000; i++)
                {
                    handoff.Add(i);
                }
            });
            Assert.Throws<InvalidOperationException>(() => handoff.Add(0));
            Assert.Throws<InvalidOperationException>(handoff.Complete);
            handoff.Dispose();
            handoff.Dispose();
        });
    }

    [Fact]
    public async Task A_producer_that_stops_early_ends_the_consumer_without_consuming_the_rest()
    {
        var consumed = 0;
        var afterDispose = 0;
        await WithinGuard(() =>
        {
            var handoff = new BlockHandoff<int>("test", blockSize: 4, blocksAhead: 2, block =>
            {
                Thread.Sleep(5); // slower than the producer, so blocks wait in the queue
                Interlocked.Add(ref consumed, block.Length);
            });
            for (var i = 0; i < 4 * 3 + 1; i++)
            {
                handoff.Add(i);
            }
            handoff.Dispose(); // without Complete: a producer that failed
            afterDispose = Volatile.Read(ref consumed);
            Thread.Sleep(50);
        });
        Assert.Equal(afterDispose, Volatile.Read(ref consumed)); // the consumer has stopped for good
        Assert.True(afterDispose < 4 * 3 + 1);
    }

    [Fact]
    public async Task A_producer_that_throws_with_blocks_queued_does_not_hang_in_dispose()
    {
        using var release = new ManualResetEventSlim();
        await WithinGuard(() =>
        {
            Assert.Throws<TimeoutException>(void () =>
            {
                using var handoff = new BlockHandoff<int>("test", blockSize: 2, blocksAhead: 1, _ => release.Wait());
                for (var i = 0; i < 2 * 2 + 1; i++)
                {
                    handoff.Add(i); // one block being consumed (waiting), one queued, one being filled
                }
                release.Set();
                throw new TimeoutException("the producer failed");
            });
        });
    }

    [Fact]
    public async Task The_consumer_runs_on_a_named_thread_of_its_own()
    {
        string? name = null;
        var producer = Environment.CurrentManagedThreadId;
        var consumer = producer;
        await WithinGuard(() =>
        {
            using var handoff = new BlockHandoff<int>("the consumer", blockSize: 4, blocksAhead: 1, _ =>
            {
                name = Thread.CurrentThread.Name;
                consumer = Environment.CurrentManagedThreadId;
            });
            handoff.Add(1);
            handoff.Complete();
        });
        Assert.Equal("the consumer", name);
        Assert.NotEqual(producer, consumer);
    }

    private static void FailOnFirstBlock(ReadOnlySpan<int> block) => throw new InvalidOperationException($"consumer failed at item {block[0]}");

    private static void AssertIsTheConsumersFailure(InvalidOperationException? thrown)
    {
        Assert.NotNull(thrown);
        Assert.Equal("consumer failed at item 0", thrown.Message);
        // Rethrown with the consumer's own stack, not a new one from the producer's side.
        Assert.Contains(nameof(FailOnFirstBlock), thrown.StackTrace);
    }
}
