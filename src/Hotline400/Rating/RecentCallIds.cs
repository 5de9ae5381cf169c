using System.Buffers.Binary;

namespace Hotline400.Rating;

/// <summary>
/// The call ids seen recently, for de-duplication in streaming mode, kept as 128-bit digests in
/// two generations of <c>generationMs</c> each (by end time): an id is remembered for at
/// least one generation and at most two, so memory follows the traffic of hours, not the
/// file size. A duplicate arriving later than that (a provider re-sending a file hours later) is caught by the pipeline's order check, which starts the run over with more memory.
/// </summary>
internal sealed class RecentCallIds(long generationMs)
{

    private DigestSet _current = new();
    private DigestSet _previous = new();
    private long _generationEnd = long.MinValue;

    /// <summary>Records the id; false when it was seen already.</summary>
    public bool Add(ReadOnlySpan<byte> callId, long endedMs)
    {
        if (_generationEnd == long.MinValue)
        {
            _generationEnd = endedMs + generationMs;
        }
        else if (endedMs >= _generationEnd)
        {
            (_previous, _current) = (_current, _previous);
            _current.Clear();
            _generationEnd = endedMs + generationMs;
        }
        var digest = Digest(callId);
        return !_previous.Contains(digest) && _current.Add(digest);
    }

    /// <summary>
    /// A set of digests by open addressing: one flat array probed linearly, with no entry objects or
    /// buckets, since a busy window holds hundreds of thousands of ids.
    /// </summary>
    private sealed class DigestSet
    {
        private UInt128[] _slots = new UInt128[1024];
        private int _count;

        public void Clear()
        {
            Array.Clear(_slots);
            _count = 0;
        }

        public bool Contains(UInt128 digest)
        {
            digest = NonZero(digest);
            var mask = _slots.Length - 1;
            for (var i = (int)(ulong)digest & mask; ; i = (i + 1) & mask)
            {
                var slot = _slots[i];
                if (slot == digest)
                {
                    return true;
                }
                if (slot == UInt128.Zero)
                {
                    return false;
                }
            }
        }

        /// <summary>Adds the digest; false when it is there already.</summary>
        public bool Add(UInt128 digest)
        {
            digest = NonZero(digest);
            if (2 * (_count + 1) > _slots.Length)
            {
                Grow();
            }
            var mask = _slots.Length - 1;
            for (var i = (int)(ulong)digest & mask; ; i = (i + 1) & mask)
            {
                var slot = _slots[i];
                if (slot == digest)
                {
                    return false;
                }
                if (slot == UInt128.Zero)
                {
                    _slots[i] = digest;
                    _count++;
                    return true;
                }
            }
        }

        private void Grow()
        {
            var old = _slots;
            _slots = new UInt128[old.Length * 2];
            _count = 0;
            foreach (var d in old)
            {
                if (d != UInt128.Zero)
                {
                    Add(d);
                }
            }
        }

        /// <summary>Zero marks an empty slot; the one digest that is zero is stored as one (both are as unlikely as any other collision).</summary>
        private static UInt128 NonZero(UInt128 digest) => digest == UInt128.Zero ? UInt128.One : digest;
    }

    /// <summary>A 128-bit digest of the id (two independent 64-bit mixes, 8 bytes at a time).</summary>
    internal static UInt128 Digest(ReadOnlySpan<byte> id)
    {
        ulong h1 = 0x9E3779B97F4A7C15UL ^ (ulong)id.Length;
        ulong h2 = 0xC2B2AE3D27D4EB4FUL + (ulong)id.Length;
        while (id.Length >= 8)
        {
            var k = BinaryPrimitives.ReadUInt64LittleEndian(id);
            h1 = Mix(h1 ^ k, 0xBF58476D1CE4E5B9UL);
            h2 = Mix(h2 + k, 0x94D049BB133111EBUL);
            id = id[8..];
        }
        ulong tail = 0;
        for (var i = 0; i < id.Length; i++)
        {
            tail |= (ulong)id[i] << (8 * i);
        }
        h1 = Mix(h1 ^ tail ^ 0xFF, 0xBF58476D1CE4E5B9UL);
        h2 = Mix(h2 + tail + 0xFF, 0x94D049BB133111EBUL);
        return new UInt128(h1, h2);
    }

    private static ulong Mix(ulong x, ulong m)
    {
        x *= m;
        x ^= x >> 31;
        x *= 0xD6E8FEB86659FD93UL;
        return x ^ (x >> 32);
    }
}
