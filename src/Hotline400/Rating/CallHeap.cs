namespace Hotline400.Rating;

/// <summary>
/// The reorder window: a binary min-heap of small keys (start time, batch, slot) in rating order.
/// The calls themselves stay where their reader put them; only 16-byte keys move.
/// </summary>
internal sealed class CallHeap(BatchRegistry batches)
{
    /// <summary>A call's place in the window: its start and where it lives.</summary>
    public readonly record struct Key(long StartedMs, int BatchId, int Slot);

    private Key[] _items = new Key[1024];

    public int Count { get; private set; }


    public Key Peek() => _items[0];

    public void Push(Key key)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (Compare(key, _items[parent]) >= 0)
            {
                break;
            }
            _items[i] = _items[parent];
            i = parent;
        }
        _items[i] = key;
    }

    public Key Pop()
    {
        var top = _items[0];
        var last = _items[--Count];
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= Count)
            {
                break;
            }
            if (child + 1 < Count && Compare(_items[child + 1], _items[child]) < 0)
            {
                child++;
            }
            if (Compare(last, _items[child]) <= 0)
            {
                break;
            }
            _items[i] = _items[child];
            i = child;
        }
        if (Count > 0)
        {
            _items[i] = last;
        }
        return top;
    }

    private int Compare(Key a, Key b)
    {
        if (a.StartedMs != b.StartedMs)
        {
            return a.StartedMs < b.StartedMs ? -1 : 1;
        }
        return PendingCall.Compare(batches[a.BatchId].Calls[a.Slot], batches[b.BatchId].Calls[b.Slot], batches);
    }
}
