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

    /// <summary>What <see cref="Add"/> found.</summary>
    public enum Seen
    {
        /// <summary>The id is new.</summary>
        New,

        /// <summary>The id was seen, with the same content digest: a copy.</summary>
        Same,

        /// <summary>The id was seen with another content digest: two different rows claim to be one call.</summary>
        Different,
    }

    /// <summary>
    /// A 32-bit digest of a row, to tell a copy from a different row with the same call id: two
    /// different rows pass for copies once in 4 billion, and are then counted as a plain duplicate.
    /// </summary>
    public static uint ContentDigest(ReadOnlySpan<byte> row)
    {
        // Seeded per process, which is enough: digests are compared within one run only.
        var hash = new HashCode();
        hash.AddBytes(row);
        return (uint)hash.ToHashCode();
    }

    /// <summary>Records the id and a digest of its row's content, or says how it was seen already.</summary>
    public Seen Add(ReadOnlySpan<byte> callId, uint content, long endedMs) => Add(Digest(callId), content, endedMs);

    /// <summary>Records an id by its <see cref="Digest"/> and a digest of its row's content, or says how it was seen already.</summary>
    public Seen Add(UInt128 digest, uint content, long endedMs)
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
        if (_previous.TryGet(digest, out var known) || _current.TryGet(digest, out known))
        {
            return known == content ? Seen.Same : Seen.Different;
        }
        _current.Add(digest, content);
        return Seen.New;
    }

    /// <summary>
    /// A map of digests to content digests by open addressing: flat arrays probed linearly, with
    /// no entry objects or buckets, since a busy window holds hundreds of thousands of ids.
    /// </summary>
    private sealed class DigestSet
    {
        private UInt128[] _slots = new UInt128[1024];
        private uint[] _contents = new uint[1024];
        private int _count;

        public void Clear()
        {
            Array.Clear(_slots);
            _count = 0;
        }

        public bool TryGet(UInt128 digest, out uint content)
        {
            digest = NonZero(digest);
            var mask = _slots.Length - 1;
            for (var i = (int)(ulong)digest & mask; ; i = (i + 1) & mask)
            {
                var slot = _slots[i];
                if (slot == digest)
                {
                    content = _contents[i];
                    return true;
                }
                if (slot == UInt128.Zero)
                {
                    content = 0;
                    return false;
                }
            }
        }

        /// <summary>Adds a digest that is not there yet.</summary>
        public void Add(UInt128 digest, uint content)
        {
            digest = NonZero(digest);
            if (2 * (_count + 1) > _slots.Length)
            {
                Grow();
            }
            var mask = _slots.Length - 1;
            var i = (int)(ulong)digest & mask;
            while (_slots[i] != UInt128.Zero)
            {
                i = (i + 1) & mask;
            }
            _slots[i] = digest;
            _contents[i] = content;
            _count++;
        }

        private void Grow()
        {
            var (slots, contents) = (_slots, _contents);
            _slots = new UInt128[slots.Length * 2];
            _contents = new uint[slots.Length * 2];
            _count = 0;
            for (var i = 0; i < slots.Length; i++)
            {
                if (slots[i] != UInt128.Zero)
                {
                    Add(slots[i], contents[i]);
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
