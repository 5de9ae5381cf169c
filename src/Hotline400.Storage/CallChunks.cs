using System.Buffers.Binary;
using System.Text;
using Hotline400.Calls;
using Hotline400.Numbers;

namespace Hotline400.Storage;

/// <summary>A 64-bit hash of a call id's UTF-8 bytes. Stored in the workspace: it must never change (see <see cref="CallKeys.Hash"/>).</summary>
internal delegate ulong CallIdHash(ReadOnlySpan<byte> callId);

/// <summary>
/// The call id hash (stored in <c>call_hashes</c>) and the in-memory table an import de-duplicates with.
/// A hash only finds candidates: every hit is confirmed by comparing the stored call id itself, so
/// two different ids that share a hash are both stored and each is still de-duplicated exactly.
/// </summary>
internal static class CallKeys
{
    /// <summary>
    /// The stored hash of a call id: 8 bytes at a time, each mixed in with a multiply and shift,
    /// the rest padded with zeros, then the splitmix64 finalizer. Pinned by a test: changing it
    /// would make every stored hash wrong (a new hash needs a migration that recomputes them).
    /// </summary>
    public static ulong Hash(ReadOnlySpan<byte> id)
    {
        var h = 0x9E3779B97F4A7C15UL ^ (ulong)id.Length;
        while (id.Length >= 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(id)) * 0xBF58476D1CE4E5B9UL;
            h ^= h >> 29;
            id = id[8..];
        }
        ulong tail = 0;
        for (var i = 0; i < id.Length; i++)
        {
            tail |= (ulong)id[i] << (8 * i);
        }
        h = (h ^ tail) * 0x94D049BB133111EBUL;
        h ^= h >> 31;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return h;
    }
}

/// <summary>
/// Every stored call's hash, in memory for one import: an open-addressing table of 8-byte entries
/// (the hash's high 32 bits and the call's sequence number; the slot comes from the low 32 bits).
/// About 11 bytes per stored call at its 70% load. Built from <c>call_hashes</c>; not thread-safe.
/// </summary>
internal sealed class CallKeyTable
{
    private const double MaxLoad = 0.7;
    private ulong[] _slots;
    private uint _capacity;

    public CallKeyTable(long expected)
    {
        _capacity = CapacityFor(expected);
        _slots = new ulong[_capacity];
    }

    public long Count { get; private set; }

    /// <summary>Whether <paramref name="more"/> entries fit without passing the load limit.</summary>
    public bool Fits(long more) => Count + more <= (long)(_capacity * MaxLoad);

    /// <summary>Empties the table with room for <paramref name="expected"/> entries.</summary>
    public void Reset(long expected)
    {
        _capacity = CapacityFor(expected);
        _slots = new ulong[_capacity];
        Count = 0;
    }

    private static uint CapacityFor(long expected)
    {
        var capacity = Math.Max(1024, (long)(expected / MaxLoad) + 1);
        if (capacity >= uint.MaxValue)
        {
            throw new WorkspaceException(WorkspaceProblems.TooManyCalls());
        }
        return (uint)capacity;
    }

    private uint Slot(ulong hash) => (uint)(((ulong)(uint)hash * _capacity) >> 32);

    /// <summary>The slot an entry of this hash is looked for from (to prefetch it ahead of <see cref="AddIfAbsent"/>).</summary>
    public void Prefetch(ulong hash)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            unsafe
            {
                fixed (ulong* p = &_slots[Slot(hash)])
                {
                    System.Runtime.Intrinsics.X86.Sse.Prefetch0(p);
                }
            }
        }
    }

    /// <summary>Adds a call known not to be in the table (loading the stored hashes).</summary>
    public void Add(ulong hash, long seq) => Put(FreeSlot(hash), hash, seq);

    /// <summary>
    /// Adds the call of <paramref name="seq"/> unless a stored call has its id: every entry whose hash
    /// agrees in the 32 bits kept is confirmed by <paramref name="check"/>, which compares the ids.
    /// True when it was added.
    /// </summary>
    public bool AddIfAbsent(ulong hash, long seq, ICallIdCheck check)
    {
        var high = hash & 0xFFFF_FFFF_0000_0000UL;
        var slot = Slot(hash);
        ulong entry;
        while ((entry = _slots[slot]) != 0)
        {
            if ((entry & 0xFFFF_FFFF_0000_0000UL) == high && check.SameId((uint)entry))
            {
                return false;
            }
            slot = slot + 1 == _capacity ? 0 : slot + 1;
        }
        Put(slot, hash, seq);
        return true;
    }

    private uint FreeSlot(ulong hash)
    {
        var slot = Slot(hash);
        while (_slots[slot] != 0)
        {
            slot = slot + 1 == _capacity ? 0 : slot + 1;
        }
        return slot;
    }

    private void Put(uint slot, ulong hash, long seq)
    {
        if (seq is <= 0 or > uint.MaxValue)
        {
            throw new WorkspaceException(WorkspaceProblems.SequenceOutOfRange(seq));
        }
        _slots[slot] = (hash & 0xFFFF_FFFF_0000_0000UL) | (uint)seq;
        Count++;
    }
}

/// <summary>Compares the call id being imported with the stored call of a sequence number.</summary>
internal interface ICallIdCheck
{
    bool SameId(long seq);
}

/// <summary>
/// The stored form of calls: a chunk is one number's calls from one import block, in (start, call id)
/// order, packed one after the other. A call is: call id, caller and answered_by (each a varint length
/// and UTF-8 bytes), started_ms (zigzag varint), answered_ms (0 when nobody answered, else 1 + the
/// zigzag offset from the start), ended_ms (zigzag offset from the start), one byte (outcome in bits
/// 0–2, recorded bit 3, outbound bit 4) and the line (varint). The number is the chunk's.
/// </summary>
internal static class CallChunk
{
    /// <summary>The largest a call's encoding can be besides its three texts.</summary>
    public const int MaxFixedBytes = 3 * 5 + 3 * 10 + 1 + 5;

    public static int Encode(Span<byte> to, ReadOnlySpan<byte> callId, ReadOnlySpan<byte> caller, ReadOnlySpan<byte> answeredBy,
        long startedMs, long answeredMs, long endedMs, Outcome outcome, bool recorded, Direction direction, int line)
    {
        var n = 0;
        n += Text(to[n..], callId);
        n += Text(to[n..], caller);
        n += Text(to[n..], answeredBy);
        n += Varint(to[n..], ZigZag(startedMs));
        n += Varint(to[n..], answeredMs == CallRecord.NotAnswered ? 0 : ZigZag(answeredMs - startedMs) + 1);
        n += Varint(to[n..], ZigZag(endedMs - startedMs));
        to[n++] = (byte)((int)outcome | (recorded ? 8 : 0) | (direction == Direction.Out ? 16 : 0));
        n += Varint(to[n..], (uint)line);
        return n;
    }

    /// <summary>The call id at the start of an encoded call.</summary>
    public static ReadOnlySpan<byte> CallIdOf(ReadOnlySpan<byte> call)
    {
        var at = 0;
        var length = (int)ReadVarint(call, ref at);
        return call.Slice(at, length);
    }

    /// <summary>Where each call of a chunk starts (its encoding begins with its call id).</summary>
    public static int Offsets(ReadOnlySpan<byte> chunk, List<int> offsets)
    {
        offsets.Clear();
        var at = 0;
        while (at < chunk.Length)
        {
            offsets.Add(at);
            Skip(chunk, ref at);
        }
        return offsets.Count;
    }

    private static void Skip(ReadOnlySpan<byte> chunk, ref int at)
    {
        for (var t = 0; t < 3; t++)
        {
            var length = (int)ReadVarint(chunk, ref at);
            at += length;
        }
        ReadVarint(chunk, ref at);
        ReadVarint(chunk, ref at);
        ReadVarint(chunk, ref at);
        at++;
        ReadVarint(chunk, ref at);
    }

    /// <summary>One decoded call: its texts as slices of the chunk.</summary>
    public ref struct Call
    {
        public ReadOnlySpan<byte> CallId;
        public ReadOnlySpan<byte> Caller;
        public ReadOnlySpan<byte> AnsweredBy;
        public long StartedMs;
        public long AnsweredMs;
        public long EndedMs;
        public Outcome Outcome;
        public bool Recorded;
        public Direction Direction;
        public int Line;
    }

    public static bool Next(ReadOnlySpan<byte> chunk, ref int at, out Call call)
    {
        call = default;
        if (at >= chunk.Length)
        {
            return false;
        }
        call.CallId = ReadText(chunk, ref at);
        call.Caller = ReadText(chunk, ref at);
        call.AnsweredBy = ReadText(chunk, ref at);
        call.StartedMs = UnZigZag(ReadVarint(chunk, ref at));
        var answered = ReadVarint(chunk, ref at);
        call.AnsweredMs = answered == 0 ? CallRecord.NotAnswered : call.StartedMs + UnZigZag(answered - 1);
        call.EndedMs = call.StartedMs + UnZigZag(ReadVarint(chunk, ref at));
        var flags = chunk[at++];
        var outcome = flags & 7;
        if (outcome > (int)Outcome.Blocked)
        {
            throw new WorkspaceException(WorkspaceProblems.UnknownOutcomeCode(outcome));
        }
        call.Outcome = (Outcome)outcome;
        call.Recorded = (flags & 8) != 0;
        call.Direction = (flags & 16) != 0 ? Direction.Out : Direction.In;
        call.Line = (int)ReadVarint(chunk, ref at);
        return true;
    }

    /// <summary>
    /// Adds the calls of a chunk of <paramref name="number"/> that started in [from, to) to
    /// <paramref name="calls"/>. Caller texts are classified again; answered_by strings are shared
    /// through <paramref name="answeredBy"/>.
    /// </summary>
    public static void Read(ReadOnlySpan<byte> chunk, HotlineNumber number, long fromMs, long toMs, List<CallRecord> calls, Dictionary<string, string> answeredBy)
    {
        Span<char> chars = stackalloc char[64];
        var at = 0;
        while (Next(chunk, ref at, out var c))
        {
            if (c.StartedMs < fromMs || c.StartedMs >= toMs)
            {
                continue;
            }
            var callerChars = c.Caller.Length <= chars.Length ? chars[..Encoding.UTF8.GetChars(c.Caller, chars)] : Encoding.UTF8.GetString(c.Caller).AsSpan();
            calls.Add(new CallRecord
            {
                CallId = Encoding.UTF8.GetString(c.CallId),
                Number = number,
                Caller = CallerNumber.Classify(callerChars),
                StartedMs = c.StartedMs,
                AnsweredMs = c.AnsweredMs,
                EndedMs = c.EndedMs,
                Outcome = c.Outcome,
                Recorded = c.Recorded,
                Direction = c.Direction,
                AnsweredBy = Shared(answeredBy, c.AnsweredBy),
                Line = c.Line,
            });
        }
    }

    /// <summary>Puts calls read from several chunks into rating order (start, then call id); one chunk's are in order already.</summary>
    public static void Order(List<CallRecord> calls)
    {
        for (var i = 1; i < calls.Count; i++)
        {
            if (CallRecord.CompareForRating(calls[i - 1], calls[i]) > 0)
            {
                calls.Sort(CallRecord.CompareForRating);
                return;
            }
        }
    }

    /// <summary>The bound phones that answer are few: one string each.</summary>
    private static string Shared(Dictionary<string, string> strings, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return "";
        }
        var lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> chars = bytes.Length <= 256 ? stackalloc char[bytes.Length] : new char[bytes.Length];
        var n = Encoding.UTF8.GetChars(bytes, chars);
        if (!lookup.TryGetValue(chars[..n], out var text))
        {
            text = new string(chars[..n]);
            strings[text] = text;
        }
        return text;
    }

    private static int Text(Span<byte> to, ReadOnlySpan<byte> text)
    {
        var n = Varint(to, (uint)text.Length);
        text.CopyTo(to[n..]);
        return n + text.Length;
    }

    private static ReadOnlySpan<byte> ReadText(ReadOnlySpan<byte> chunk, ref int at)
    {
        var length = (int)ReadVarint(chunk, ref at);
        var text = chunk.Slice(at, length);
        at += length;
        return text;
    }

    private static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));

    private static long UnZigZag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);

    private static int Varint(Span<byte> to, ulong v)
    {
        var n = 0;
        while (v >= 0x80)
        {
            to[n++] = (byte)(v | 0x80);
            v >>= 7;
        }
        to[n++] = (byte)v;
        return n;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> from, ref int at)
    {
        ulong v = 0;
        var shift = 0;
        while (true)
        {
            var b = from[at++];
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return v;
            }
            shift += 7;
            if (shift > 63)
            {
                throw new WorkspaceException(WorkspaceProblems.CallCorrupt());
            }
        }
    }
}
