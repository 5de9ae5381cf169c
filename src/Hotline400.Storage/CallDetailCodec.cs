using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Hotline400.Billing;
using Hotline400.Common;

namespace Hotline400.Storage;

/// <summary>
/// A statement's itemized call detail and the call ids of its lines in a compact binary form (the
/// <c>statement_calls.detail</c> blob, format 1): about 35 bytes a call instead of about 360 as JSON.
/// Lossless: <see cref="Decode"/> gives back every <see cref="CallDetail"/> field with the same
/// value (decimals with their scale, times with their offset) and every line's call ids in order.
/// </summary>
/// <remarks>
/// Layout (integers as LEB128 varints, signed ones zigzagged, text as UTF-8 with its byte length):
/// <code>
/// "H4C" 1                      magic and format
/// calls                        number of call details
/// lines, line index…           the statement lines that list call ids (CallIds not null)
/// regions, (zh, en)…           the distinct regions named by the calls
/// per call:
///   flags                      1: time as ticks + offset; 2: billed minutes as billed seconds
///   shared, suffix length, suffix   the call id, sharing its first bytes with the previous call's
///   time                       start ms − previous start ms (China time), or ticks and offset minutes
///   caller                     the masked caller
///   region                     index into the regions
///   duration                   seconds
///   billed                     seconds (flag 2) or the decimal
///   charge                     the decimal
///   member lines, index…       the lines (by position in the line list) that list this call's id
/// decimal: one byte (scale | 0x40 when the high 32 bits are used | 0x80 when negative), the low
///          64 bits, then the high 32 bits when used
/// </code>
/// A line's call ids must be the ids of some of the calls, in the calls' order, each at most once
/// (what <see cref="StatementBuilder"/> makes); <see cref="TryEncode"/> says false otherwise and the
/// statement is then stored whole as JSON.
/// </remarks>
internal static class CallDetailCodec
{
    public const int Format = 1;

    private static ReadOnlySpan<byte> Magic => "H4C\u0001"u8;

    private const byte TimeExplicit = 1;
    private const byte BilledAsSeconds = 2;

    /// <summary>Whether the statement has anything for the blob (call detail or lines with call ids).</summary>
    public static bool HasDetail(Statement statement)
    {
        if (statement.CallDetails.Count > 0)
        {
            return true;
        }
        foreach (var line in statement.Lines)
        {
            if (line.Trace.CallIds is not null)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Writes the statement's call detail and its lines' call ids; false (with <paramref name="output"/>
    /// holding a partial blob to discard) when the lines' call ids do not follow the calls.
    /// </summary>
    public static bool TryEncode(Statement statement, ArrayBufferWriter<byte> output)
    {
        var details = statement.CallDetails;
        var w = new Writer(output);
        w.Bytes(Magic);
        w.Varint((ulong)details.Count);

        // The lines that list call ids, and a cursor into each list.
        var lineIndexes = new List<int>();
        var lineIds = new List<IReadOnlyList<string>>();
        for (var i = 0; i < statement.Lines.Count; i++)
        {
            if (statement.Lines[i].Trace.CallIds is { } ids)
            {
                lineIndexes.Add(i);
                lineIds.Add(ids);
            }
        }
        w.Varint((ulong)lineIndexes.Count);
        foreach (var i in lineIndexes)
        {
            w.Varint((ulong)i);
        }
        var cursors = new int[lineIds.Count];

        // Regions: few distinct ones per statement. Looked up by reference first (the resolver hands
        // out the same string instances), by text only for an instance not seen yet.
        var regions = new Dictionary<(string Zh, string En), int>();
        var byInstance = new Dictionary<(string Zh, string En), int>(SameStrings.Instance);
        var regionOf = new int[details.Count];
        for (var c = 0; c < details.Count; c++)
        {
            var d = details[c];
            if (!byInstance.TryGetValue((d.RegionZh, d.RegionEn), out var r))
            {
                if (!regions.TryGetValue((d.RegionZh, d.RegionEn), out r))
                {
                    regions[(d.RegionZh, d.RegionEn)] = r = regions.Count;
                }
                byInstance[(d.RegionZh, d.RegionEn)] = r;
            }
            regionOf[c] = r;
        }
        w.Varint((ulong)regions.Count);
        foreach (var ((zh, en), _) in regions.OrderBy(kv => kv.Value))
        {
            w.Text(zh);
            w.Text(en);
        }

        var id = new byte[64];
        var previousId = new byte[64];
        var previousLength = 0;
        long previousMs = 0;
        Span<int> members = stackalloc int[16];
        for (var c = 0; c < details.Count; c++)
        {
            var d = details[c];
            byte flags = 0;
            var compactTime = d.Started.Offset == ChinaTime.Offset && d.Started.UtcTicks % TimeSpan.TicksPerMillisecond == 0;
            if (!compactTime)
            {
                flags |= TimeExplicit;
            }
            var billedSeconds = BilledSeconds(d.BilledMinutes);
            if (billedSeconds >= 0)
            {
                flags |= BilledAsSeconds;
            }
            w.Byte(flags);

            // The call id, front-coded against the previous one.
            var maxId = Encoding.UTF8.GetMaxByteCount(d.CallId.Length);
            if (maxId > id.Length)
            {
                id = new byte[maxId];
                Array.Resize(ref previousId, maxId);
            }
            var idLength = Encoding.UTF8.GetBytes(d.CallId, id);
            var shared = id.AsSpan(0, idLength).CommonPrefixLength(previousId.AsSpan(0, previousLength));
            w.Varint((ulong)shared);
            w.Varint((ulong)(idLength - shared));
            w.Bytes(id.AsSpan(shared, idLength - shared));
            (id, previousId) = (previousId, id);
            previousLength = idLength;

            if (compactTime)
            {
                var ms = d.Started.ToUnixTimeMilliseconds();
                w.Signed(ms - previousMs);
                previousMs = ms;
            }
            else
            {
                w.Signed(d.Started.Ticks);
                w.Signed((long)d.Started.Offset.TotalMinutes);
            }
            w.Text(d.CallerMasked);
            w.Varint((ulong)regionOf[c]);
            w.Signed(d.DurationSeconds);
            if (billedSeconds >= 0)
            {
                w.Varint((ulong)billedSeconds);
            }
            else
            {
                w.Decimal(d.BilledMinutes);
            }
            w.Decimal(d.Charge.Yuan);

            // The lines whose next call id is this call's.
            var count = 0;
            for (var l = 0; l < lineIds.Count; l++)
            {
                var ids = lineIds[l];
                if (cursors[l] < ids.Count && string.Equals(ids[cursors[l]], d.CallId, StringComparison.Ordinal))
                {
                    if (count == members.Length)
                    {
                        var more = new int[members.Length * 2];
                        members.CopyTo(more);
                        members = more;
                    }
                    members[count++] = l;
                    cursors[l]++;
                }
            }
            w.Varint((ulong)count);
            for (var m = 0; m < count; m++)
            {
                w.Varint((ulong)members[m]);
            }
        }
        w.Flush();
        for (var l = 0; l < lineIds.Count; l++)
        {
            if (cursors[l] != lineIds[l].Count)
            {
                return false; // a line lists ids that are not the calls', or not in their order
            }
        }
        return true;
    }

    /// <summary>
    /// The statement as issued: <paramref name="stored"/> (read from the document without call
    /// detail) with the call detail and the lines' call ids from <paramref name="blob"/>.
    /// </summary>
    public static Statement Decode(Statement stored, ReadOnlySpan<byte> blob)
    {
        var r = new Reader(blob);
        if (!r.Take(Magic.Length).SequenceEqual(Magic))
        {
            throw new WorkspaceException(WorkspaceProblems.CallDetailUnknown());
        }
        var count = checked((int)r.Varint());
        var lineCount = checked((int)r.Varint());
        var lineIndexes = new int[lineCount];
        var lineIds = new List<string>[lineCount];
        for (var l = 0; l < lineCount; l++)
        {
            lineIndexes[l] = checked((int)r.Varint());
            lineIds[l] = [];
        }
        var regionCount = checked((int)r.Varint());
        var regions = new (string Zh, string En)[regionCount];
        for (var i = 0; i < regionCount; i++)
        {
            regions[i] = (r.Text(), r.Text());
        }
        var details = new CallDetail[count];
        var previousId = new byte[64];
        var previousLength = 0;
        long previousMs = 0;
        for (var c = 0; c < count; c++)
        {
            var flags = r.Byte();
            var shared = checked((int)r.Varint());
            var suffix = r.Take(checked((int)r.Varint()));
            var idLength = shared + suffix.Length;
            if (idLength > previousId.Length)
            {
                Array.Resize(ref previousId, Math.Max(idLength, previousId.Length * 2));
            }
            if (shared > previousLength)
            {
                throw new WorkspaceException(WorkspaceProblems.CallDetailDamaged());
            }
            suffix.CopyTo(previousId.AsSpan(shared));
            previousLength = idLength;
            var callId = Encoding.UTF8.GetString(previousId, 0, idLength);

            DateTimeOffset started;
            if ((flags & TimeExplicit) == 0)
            {
                previousMs += r.Signed();
                started = ChinaTime.ToDateTimeOffset(previousMs);
            }
            else
            {
                var ticks = r.Signed();
                started = new DateTimeOffset(ticks, TimeSpan.FromMinutes(r.Signed()));
            }
            var caller = r.Text();
            var region = regions[checked((int)r.Varint())];
            var duration = r.Signed();
            var billed = (flags & BilledAsSeconds) != 0 ? (long)r.Varint() / 60m : r.Decimal();
            var charge = new Money.Money(r.Decimal());
            details[c] = new CallDetail(callId, started, caller, region.Zh, region.En, duration, billed, charge);
            var members = checked((int)r.Varint());
            for (var m = 0; m < members; m++)
            {
                lineIds[checked((int)r.Varint())].Add(callId);
            }
        }
        if (!r.AtEnd)
        {
            throw new WorkspaceException(WorkspaceProblems.CallDetailDamaged());
        }
        var lines = stored.Lines.ToArray();
        for (var l = 0; l < lineCount; l++)
        {
            var line = lines[lineIndexes[l]];
            lines[lineIndexes[l]] = line with { Trace = line.Trace with { CallIds = lineIds[l].ToArray() } };
        }
        return new Statement
        {
            Number = stored.Number,
            EnterpriseId = stored.EnterpriseId,
            Period = stored.Period,
            Lines = lines,
            Totals = stored.Totals,
            Alerts = stored.Alerts,
            CallDetails = details,
            LedgerEntries = stored.LedgerEntries,
            Plans = stored.Plans,
            PlanNames = stored.PlanNames,
        };
    }

    /// <summary>The statement as its document stores it when the detail is in the blob: no call detail, no call ids on the lines.</summary>
    public static Statement WithoutDetail(Statement statement) => new()
    {
        Number = statement.Number,
        EnterpriseId = statement.EnterpriseId,
        Period = statement.Period,
        Lines = [.. statement.Lines.Select(l => l.Trace.CallIds is null ? l : l with { Trace = l.Trace with { CallIds = null } })],
        Totals = statement.Totals,
        Alerts = statement.Alerts,
        CallDetails = [],
        LedgerEntries = statement.LedgerEntries,
        Plans = statement.Plans,
        PlanNames = statement.PlanNames,
    };

    /// <summary>The billed seconds when <paramref name="minutes"/> is exactly what <c>seconds / 60m</c> gives (and not short to write as it is); else −1.</summary>
    private static long BilledSeconds(decimal minutes)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(minutes, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        if (scale <= 2 || minutes < 0 || minutes > 1_000_000_000m)
        {
            return -1; // whole or short decimals write as they are in two or three bytes
        }
        var seconds = minutes * 60m;
        if (seconds != decimal.Truncate(seconds))
        {
            // 1/60 is not exact in decimal: a repeating fraction times 60 may round a hair off a whole number.
            seconds = decimal.Round(seconds);
        }
        var back = (long)seconds / 60m;
        Span<int> backBits = stackalloc int[4];
        decimal.GetBits(back, backBits);
        return bits.SequenceEqual(backBits) ? (long)seconds : -1;
    }

    /// <summary>Pairs of strings by reference: no hashing of the text per call.</summary>
    private sealed class SameStrings : IEqualityComparer<(string Zh, string En)>
    {
        public static readonly SameStrings Instance = new();

        public bool Equals((string Zh, string En) x, (string Zh, string En) y) => ReferenceEquals(x.Zh, y.Zh) && ReferenceEquals(x.En, y.En);

        public int GetHashCode((string Zh, string En) obj) => HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Zh), RuntimeHelpers.GetHashCode(obj.En));
    }

    private ref struct Writer(ArrayBufferWriter<byte> output)
    {
        private Span<byte> _span;
        private int _at;

        private void Ensure(int bytes)
        {
            if (_span.Length - _at < bytes)
            {
                Flush();
                _span = output.GetSpan(Math.Max(bytes, 4096));
            }
        }

        public void Flush()
        {
            if (_at > 0)
            {
                output.Advance(_at);
            }
            _span = default;
            _at = 0;
        }

        public void Byte(byte b)
        {
            Ensure(1);
            _span[_at++] = b;
        }

        public void Varint(ulong value)
        {
            Ensure(10);
            while (value >= 0x80)
            {
                _span[_at++] = (byte)(value | 0x80);
                value >>= 7;
            }
            _span[_at++] = (byte)value;
        }

        public void Signed(long value) => Varint((ulong)((value << 1) ^ (value >> 63)));

        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            Ensure(bytes.Length);
            bytes.CopyTo(_span[_at..]);
            _at += bytes.Length;
        }

        public void Text(string text)
        {
            var max = Encoding.UTF8.GetMaxByteCount(text.Length);
            Ensure(max + 5);
            // The length first: reserve one byte for it when the text is short (nearly always).
            if (max < 0x80)
            {
                var n = Encoding.UTF8.GetBytes(text, _span[(_at + 1)..]);
                _span[_at] = (byte)n;
                _at += 1 + n;
                return;
            }
            var bytes = Encoding.UTF8.GetBytes(text);
            Varint((ulong)bytes.Length);
            Bytes(bytes);
        }

        public void Decimal(decimal value)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(value, bits);
            var scale = (bits[3] >> 16) & 0xFF;
            var high = (uint)bits[2];
            Byte((byte)(scale | (high != 0 ? 0x40 : 0) | (bits[3] < 0 ? 0x80 : 0)));
            Varint(((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
            if (high != 0)
            {
                Varint(high);
            }
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        public readonly bool AtEnd => _at == _data.Length;

        public byte Byte()
        {
            if (_at >= _data.Length)
            {
                throw Damaged();
            }
            return _data[_at++];
        }

        public ReadOnlySpan<byte> Take(int bytes)
        {
            if (bytes < 0 || bytes > _data.Length - _at)
            {
                throw Damaged();
            }
            var span = _data.Slice(_at, bytes);
            _at += bytes;
            return span;
        }

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Byte();
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
            throw Damaged();
        }

        public long Signed()
        {
            var v = Varint();
            return (long)(v >> 1) ^ -(long)(v & 1);
        }

        public string Text() => Encoding.UTF8.GetString(Take(checked((int)Varint())));

        public decimal Decimal()
        {
            var head = Byte();
            var low = Varint();
            var high = (head & 0x40) != 0 ? checked((uint)Varint()) : 0u;
            var scale = (byte)(head & 0x3F);
            if (scale > 28)
            {
                throw Damaged();
            }
            return new decimal((int)(uint)low, (int)(uint)(low >> 32), (int)high, (head & 0x80) != 0, scale);
        }

        private static WorkspaceException Damaged() => new(WorkspaceProblems.CallDetailDamaged());
    }
}
