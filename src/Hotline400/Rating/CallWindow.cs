namespace Hotline400.Rating;

/// <summary>
/// The reorder window: calls waiting to be rated, released in rating order (start time, then call
/// id) once every call of their start second is known to have arrived. Calls are kept in one
/// bucket per start second on a ring spanning the window, so adding and releasing a call costs
/// the same whatever the window holds (a heap over a busy four-hour window cost a cache miss per
/// level); only the few calls of one second are sorted, when that second is released.
/// The calls themselves stay where their reader put them; only 16-byte keys move.
/// </summary>
internal sealed class CallWindow
{
    /// <summary>A call's place in the window: its start and where it lives.</summary>
    public readonly record struct Key(long StartedMs, int BatchId, int Slot);

    private readonly IComparer<Key> _order;

    // Bucket of second s: _heads[s & _mask], a list linked through _next (−1 ends it).
    private int[] _heads;
    private int _mask;
    private Key[] _keys = new Key[4096];
    private int[] _next = new int[4096];
    private int _used;
    private int _free = -1;

    /// <summary>The first second not yet released; every waiting call is in a bucket at or after it.</summary>
    private long _cursor = long.MinValue;

    /// <summary>The calls of the second being released, sorted; handed out from <see cref="_readyAt"/>.</summary>
    private Key[] _ready = new Key[64];
    private int _readyCount;
    private int _readyAt;

    /// <param name="order">Rating order of two keys (<see cref="KeyOrder"/> in a run).</param>
    /// <param name="spanMs">How far apart in start time waiting calls can be (the reorder window); the ring grows if they are ever further apart.</param>
    public CallWindow(IComparer<Key> order, long spanMs)
    {
        _order = order;
        var seconds = (int)Math.Min(1 << 24, spanMs / 1000 + 2);
        _heads = new int[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)seconds)];
        Array.Fill(_heads, -1);
        _mask = _heads.Length - 1;
    }

    public int Count { get; private set; }

    public void Push(Key key)
    {
        var second = SecondOf(key.StartedMs);
        if (Count == 0)
        {
            _cursor = second;
        }
        // A call that starts in a second already released is still rated before every waiting one
        // (the pipeline checked it is not before the last call rated): it joins the first open second.
        second = Math.Max(second, _cursor);
        while (second - _cursor > _mask)
        {
            Grow();
        }
        if (_free < 0)
        {
            if (_used == _keys.Length)
            {
                Array.Resize(ref _keys, _keys.Length * 2);
                Array.Resize(ref _next, _next.Length * 2);
            }
            _free = _used++;
            _next[_free] = -1;
        }
        var slot = _free;
        _free = _next[slot];
        _keys[slot] = key;
        var bucket = (int)(second & _mask);
        _next[slot] = _heads[bucket];
        _heads[bucket] = slot;
        Count++;
    }

    /// <summary>
    /// The next call in rating order among those that start before <paramref name="watermarkMs"/>,
    /// taking only whole seconds that lie before it; false when there is none.
    /// </summary>
    public bool TryPopBefore(long watermarkMs, out Key key) => TryPop(SecondOf(watermarkMs), out key);

    /// <summary>The next call in rating order; false when the window is empty.</summary>
    public bool TryPop(out Key key) => TryPop(long.MaxValue, out key);

    private bool TryPop(long beforeSecond, out Key key)
    {
        while (_readyAt == _readyCount)
        {
            if (Count == 0 || _cursor >= beforeSecond)
            {
                key = default;
                return false;
            }
            Release(_cursor++);
        }
        key = _ready[_readyAt++];
        Count--;
        return true;
    }

    /// <summary>Moves a second's calls, sorted, to the ready list.</summary>
    private void Release(long second)
    {
        var bucket = (int)(second & _mask);
        _readyCount = 0;
        _readyAt = 0;
        for (var slot = _heads[bucket]; slot >= 0;)
        {
            if (_readyCount == _ready.Length)
            {
                Array.Resize(ref _ready, _ready.Length * 2);
            }
            _ready[_readyCount++] = _keys[slot];
            var next = _next[slot];
            _next[slot] = _free;
            _free = slot;
            slot = next;
        }
        _heads[bucket] = -1;
        if (_readyCount > 1)
        {
            _ready.AsSpan(0, _readyCount).Sort(_order);
        }
    }

    /// <summary>Doubles the ring, for calls further apart than the window it was made for.</summary>
    private void Grow()
    {
        var old = _heads;
        _heads = new int[old.Length * 2];
        Array.Fill(_heads, -1);
        _mask = _heads.Length - 1;
        foreach (var head in old)
        {
            for (var slot = head; slot >= 0;)
            {
                var next = _next[slot];
                var bucket = (int)(Math.Max(SecondOf(_keys[slot].StartedMs), _cursor) & _mask);
                _next[slot] = _heads[bucket];
                _heads[bucket] = slot;
                slot = next;
            }
        }
    }

    private static long SecondOf(long ms) => Math.DivRem(ms, 1000) is var (q, r) && r < 0 ? q - 1 : q;

    /// <summary>Rating order of two keys: start, then call id.</summary>
    public sealed class KeyOrder(BatchRegistry batches) : IComparer<Key>
    {
        public int Compare(Key a, Key b)
        {
            if (a.StartedMs != b.StartedMs)
            {
                return a.StartedMs < b.StartedMs ? -1 : 1;
            }
            return PendingCall.Compare(batches[a.BatchId].Calls[a.Slot], batches[b.BatchId].Calls[b.Slot], batches);
        }
    }
}
