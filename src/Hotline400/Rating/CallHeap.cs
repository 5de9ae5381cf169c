namespace Hotline400.Rating;

/// <summary>A binary min-heap of calls in rating order, stored in one array: the reorder window.</summary>
internal sealed class CallHeap(BatchRegistry batches)
{
    private PendingCall[] _items = new PendingCall[1024];

    public int Count { get; private set; }

    public ref readonly PendingCall Peek() => ref _items[0];

    public void Push(in PendingCall call)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (PendingCall.Compare(call, _items[parent], batches) >= 0)
            {
                break;
            }
            _items[i] = _items[parent];
            i = parent;
        }
        _items[i] = call;
    }

    public PendingCall Pop()
    {
        var top = _items[0];
        var last = _items[--Count];
        _items[Count] = default;
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= Count)
            {
                break;
            }
            if (child + 1 < Count && PendingCall.Compare(_items[child + 1], _items[child], batches) < 0)
            {
                child++;
            }
            if (PendingCall.Compare(last, _items[child], batches) <= 0)
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
}
