using CsCheck;
using Hotline400.Rating;

namespace Hotline400.Tests.Rating;

/// <summary>
/// The reorder window releases calls in rating order, only whole seconds before the watermark, and
/// loses none: whatever the gaps between calls and however late a call arrives within the window.
/// </summary>
public class CallWindowTests
{
    /// <summary>Start, then the key's place, standing in for the call id.</summary>
    private sealed class ByStartThenPlace : IComparer<CallWindow.Key>
    {
        public int Compare(CallWindow.Key a, CallWindow.Key b) =>
            a.StartedMs != b.StartedMs ? a.StartedMs.CompareTo(b.StartedMs) : (a.BatchId, a.Slot).CompareTo((b.BatchId, b.Slot));
    }

    private static CallWindow.Key Key(long startedMs, int id) => new(startedMs, 0, id);

    [Fact]
    public void Calls_of_one_second_come_out_by_start_then_id_and_only_once_the_whole_second_is_past()
    {
        var window = new CallWindow(new ByStartThenPlace(), 3_600_000);
        window.Push(Key(10_500, 3));
        window.Push(Key(10_200, 2));
        window.Push(Key(10_200, 1));
        window.Push(Key(11_000, 4));

        Assert.False(window.TryPopBefore(10_900, out _)); // second 10 is not whole before the watermark
        var released = new List<int>();
        while (window.TryPopBefore(11_000, out var key))
        {
            released.Add(key.Slot);
        }
        Assert.Equal([1, 2, 3], released);
        Assert.Equal(1, window.Count);
        Assert.True(window.TryPop(out var last));
        Assert.Equal(4, last.Slot);
        Assert.False(window.TryPop(out _));
    }

    [Fact]
    public void A_call_starting_in_a_second_already_released_comes_out_before_every_waiting_call()
    {
        var window = new CallWindow(new ByStartThenPlace(), 3_600_000);
        window.Push(Key(5_000, 1));
        window.Push(Key(20_000, 2));
        Assert.True(window.TryPopBefore(10_000, out var first));
        Assert.Equal(1, first.Slot);
        window.Push(Key(7_000, 3)); // after the last call released, before the next one waiting
        Assert.True(window.TryPop(out var next));
        Assert.Equal(3, next.Slot);
        Assert.True(window.TryPop(out next));
        Assert.Equal(2, next.Slot);
    }

    [Fact]
    public void Calls_further_apart_than_the_window_are_all_kept_in_order()
    {
        var window = new CallWindow(new ByStartThenPlace(), 10_000);
        long[] starts = [1_000, 86_400_000, 3 * 86_400_000L, 2_000, 86_400_500];
        for (var i = 0; i < starts.Length; i++)
        {
            window.Push(Key(starts[i], i));
        }
        var released = new List<long>();
        while (window.TryPop(out var key))
        {
            released.Add(key.StartedMs);
        }
        Assert.Equal(starts.Order(), released);
    }

    [Fact]
    public void Released_calls_are_the_sorted_input_whatever_the_arrival_order_within_the_window()
    {
        // Calls arrive in end order; each is released once the watermark (latest end − window) passes its second.
        Gen.Select(Gen.Long[0, 7_200_000], Gen.Long[0, 600_000]).Array[1, 300].Sample(calls =>
        {
            const long windowMs = 900_000;
            var arrivals = calls.Select((c, i) => (Start: c.Item1, End: c.Item1 + c.Item2, Id: i)).OrderBy(c => c.End).ToList();
            var window = new CallWindow(new ByStartThenPlace(), windowMs);
            var released = new List<CallWindow.Key>();
            var maxEnd = long.MinValue;
            foreach (var call in arrivals)
            {
                window.Push(Key(call.Start, call.Id));
                maxEnd = Math.Max(maxEnd, call.End);
                while (window.TryPopBefore(maxEnd - windowMs, out var key))
                {
                    Assert.True(key.StartedMs < maxEnd - windowMs);
                    released.Add(key);
                }
            }
            while (window.TryPop(out var key))
            {
                released.Add(key);
            }
            var expected = arrivals.Select(c => Key(c.Start, c.Id)).Order(new ByStartThenPlace()).ToList();
            Assert.Equal(expected, released);
            Assert.Equal(0, window.Count);
        }, iter: 300);
    }
}
