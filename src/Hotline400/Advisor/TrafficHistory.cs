using System.Collections;
using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Advisor;

/// <summary>
/// One call of a <see cref="TrafficHistory"/>: what rating needs of it, as plain values. Its id is
/// kept as UTF-8 bytes in the history's id store (<see cref="IdStart"/>, <see cref="IdLength"/>).
/// </summary>
internal readonly record struct HistoryCall(long StartedMs, long AnsweredMs, long EndedMs, CallerNumber Caller, Outcome Outcome, bool Recorded, Direction Direction, int IdStart, int IdLength)
{
    public bool WasAnswered => AnsweredMs != CallRecord.NotAnswered;
}

/// <summary>
/// One number's calls in rating order and the calendar months they span (first to last call,
/// both included). The advisor replays these under every plan.
/// <para>
/// A year of a busy number is a million calls or more, so the calls are kept as plain values in
/// one array, their ids as bytes in another (about 90 bytes a call), not as a million
/// <see cref="CallRecord"/>s with their rows: a <see cref="CallRecord"/> is made only for a call
/// that is rated (<see cref="Call"/>), and the replay rates one call per group of calls alike.
/// </para>
/// </summary>
public sealed class TrafficHistory
{
    private readonly HistoryCall[] _rows;
    private readonly byte[] _ids;
    private CallRecord?[]? _records;

    public TrafficHistory(HotlineNumber number, IReadOnlyList<CallRecord> calls)
        : this(number, FromRecords(calls))
    {
    }

    /// <summary>A history of <paramref name="calls"/> (any order; sorted here), whose ids stand in <paramref name="ids"/>.</summary>
    internal TrafficHistory(HotlineNumber number, (HistoryCall[] Calls, byte[] Ids) calls)
        : this(number, calls.Calls, calls.Ids)
    {
    }

    /// <summary>A history of <paramref name="calls"/> (any order; copied here in rating order), whose ids stand in <paramref name="ids"/>.</summary>
    internal TrafficHistory(HotlineNumber number, ReadOnlySpan<HistoryCall> calls, byte[] ids)
    {
        if (calls.Length == 0)
        {
            throw new ArgumentException("a history needs at least one call", nameof(calls));
        }
        Number = number;
        _ids = ids;
        _rows = InRatingOrder(calls, _ids);
        var first = ChinaTime.Date(_rows[0].StartedMs);
        var last = ChinaTime.Date(_rows[^1].StartedMs);
        FirstDay = new DateOnly(first.Year, first.Month, 1);
        var lastMonth = new DateOnly(last.Year, last.Month, 1);
        LastDay = lastMonth.AddMonths(1).AddDays(-1);
        Months = (lastMonth.Year - FirstDay.Year) * 12 + lastMonth.Month - FirstDay.Month + 1;
        FirstCallDay = first;
        LastCallDay = last;
        long seconds = 0;
        foreach (ref readonly var c in _rows.AsSpan())
        {
            if (c.WasAnswered && c.EndedMs > c.AnsweredMs)
            {
                seconds += (c.EndedMs - c.AnsweredMs + 59_999) / 60_000 * 60;
            }
            RecordedCalls += c.Recorded ? 1 : 0;
            VoicemailCalls += c.Outcome == Outcome.Voicemail ? 1 : 0;
        }
        TalkMinutes = seconds / 60;
    }

    public HotlineNumber Number { get; }

    /// <summary>How many calls the history holds.</summary>
    public int Count => _rows.Length;

    /// <summary>The calls in rating order (<see cref="CallRecord.CompareForRating"/>), as plain values.</summary>
    internal ReadOnlySpan<HistoryCall> Rows => _rows;

    /// <summary>
    /// The calls in rating order, each made into a <see cref="CallRecord"/> when it is read (not
    /// kept): for reading a history through. The replay uses <see cref="Call"/>.
    /// </summary>
    public IReadOnlyList<CallRecord> Calls => new CallList(this);

    /// <summary>Call <paramref name="index"/> (in rating order) as a <see cref="CallRecord"/>, made once and kept: the calls the replay rates.</summary>
    public CallRecord Call(int index)
    {
        var records = Volatile.Read(ref _records);
        if (records is null)
        {
            Interlocked.CompareExchange(ref _records, new CallRecord?[_rows.Length], null);
            records = _records;
        }
        return Volatile.Read(ref records[index]) ?? Interlocked.CompareExchange(ref records[index], Record(index), null) ?? records[index]!;
    }

    /// <summary>The id of call <paramref name="index"/> as bytes (UTF-8).</summary>
    internal ReadOnlySpan<byte> Id(int index) => _ids.AsSpan(_rows[index].IdStart, _rows[index].IdLength);

    private CallRecord Record(int index)
    {
        ref readonly var c = ref _rows[index];
        return new CallRecord
        {
            CallId = System.Text.Encoding.UTF8.GetString(Id(index)),
            Number = Number,
            Caller = c.Caller,
            StartedMs = c.StartedMs,
            AnsweredMs = c.AnsweredMs,
            EndedMs = c.EndedMs,
            Outcome = c.Outcome,
            Recorded = c.Recorded,
            Direction = c.Direction,
        };
    }

    /// <summary>First day of the first month with a call.</summary>
    public DateOnly FirstDay { get; }

    /// <summary>Last day of the last month with a call.</summary>
    public DateOnly LastDay { get; }

    /// <summary>The China date of the first call, and of the last.</summary>
    public DateOnly FirstCallDay { get; }

    public DateOnly LastCallDay { get; }

    /// <summary>Calendar months spanned, first and last included.</summary>
    public int Months { get; }

    /// <summary>Days from the first call's day to the last call's, both included.</summary>
    public int CoveredDays => LastCallDay.DayNumber - FirstCallDay.DayNumber + 1;

    /// <summary>Days of the months spanned (<see cref="FirstDay"/> to <see cref="LastDay"/>).</summary>
    public int MonthDays => LastDay.DayNumber - FirstDay.DayNumber + 1;

    /// <summary>
    /// The calls leave a tenth or more of the months spanned uncovered (a week's export, say): the
    /// advisor scales their traffic by <see cref="MonthDays"/> / <see cref="CoveredDays"/>.
    /// </summary>
    public bool PartialMonths => IsPartial(CoveredDays, MonthDays);

    /// <summary>A month (or months) counts as partial when calls cover less than nine tenths of its days.</summary>
    private static bool IsPartial(int covered, int days) => covered * 10 < days * 9;

    /// <summary>Some call of the history is marked recorded.</summary>
    public bool AnyRecorded => RecordedCalls > 0;

    /// <summary>Calls marked recorded.</summary>
    public int RecordedCalls { get; }

    /// <summary>Calls that ended in voicemail (the number has a voicemail service).</summary>
    public int VoicemailCalls { get; }

    /// <summary>Answered talk time in started minutes (per call), the volume the advisor scales.</summary>
    public long TalkMinutes { get; }

    public decimal MonthlyMinutes => (decimal)TalkMinutes / Months;

    /// <summary>
    /// The history without its partial first and last months, when whole months remain: an export
    /// from 15 January to 10 December is priced on February to November, exactly, instead of on
    /// twelve months whose edges hold half a month of calls each. The first month is partial when
    /// the calls cover less than nine tenths of its days (from the first call's day to the month's
    /// end), the last likewise (from its first day to the last call's). This history itself, with
    /// nothing dropped, when no month would remain whole (then <see cref="PartialMonths"/> scales).
    /// </summary>
    public TrafficHistory WholeMonths(out IReadOnlyList<DateOnly> dropped)
    {
        dropped = [];
        if (Months < 2)
        {
            return this;
        }
        var lastMonth = LastDay.AddDays(1).AddMonths(-1);
        var dropFirst = IsPartial(FirstDay.AddMonths(1).DayNumber - FirstCallDay.DayNumber, FirstDay.AddMonths(1).DayNumber - FirstDay.DayNumber);
        var dropLast = IsPartial(LastCallDay.DayNumber - lastMonth.DayNumber + 1, LastDay.DayNumber - lastMonth.DayNumber + 1);
        var remaining = Months - (dropFirst ? 1 : 0) - (dropLast ? 1 : 0);
        if ((!dropFirst && !dropLast) || remaining < 1)
        {
            return this;
        }
        var from = dropFirst ? ChinaTime.StartOfDay(FirstDay.AddMonths(1)) : long.MinValue;
        var to = dropLast ? ChinaTime.StartOfDay(lastMonth) : long.MaxValue;
        var kept = Array.FindAll(_rows, c => c.StartedMs >= from && c.StartedMs < to);
        var months = new List<DateOnly>(2);
        if (dropFirst)
        {
            months.Add(FirstDay);
        }
        if (dropLast)
        {
            months.Add(lastMonth);
        }
        dropped = months;
        return new TrafficHistory(Number, (kept, _ids));
    }

    /// <summary>A repeated year holds at most this many calls; a longer one is annualized by scaling instead.</summary>
    public const int MaxYearCalls = 5_000_000;

    /// <summary>
    /// A year like this history, for pricing plans over a whole year: a history shorter than 12
    /// months is played again and again, each copy moved on by the history's length (3 months →
    /// four copies, moved 0, 3, 6 and 9 months, same time of day), up to 12 months in all; so
    /// promotions of N months, first-month rules, minimums and allowances per term act as they
    /// would over a real year. A history of 12 months or more, or one whose year would exceed
    /// <see cref="MaxYearCalls"/>, is returned as it is (annualized by scaling later).
    /// With <paramref name="allRecorded"/> every call counts as recorded.
    /// </summary>
    public TrafficHistory Year(bool allRecorded = false)
    {
        var repeat = Months < 12 && (long)Count * 12 / Months <= MaxYearCalls;
        if (!repeat && !allRecorded)
        {
            return this;
        }
        var firstMonth = ChinaTime.MonthKey(FirstDay);
        var copies = repeat ? (12 + Months - 1) / Months : 1;
        var calls = new List<HistoryCall>(Count * copies);
        var ids = new IdStore(_ids.Length * copies + Count * 4);
        for (var k = 0; k < copies; k++)
        {
            var suffix = k == 0 ? [] : System.Text.Encoding.UTF8.GetBytes($"~{k}");
            for (var i = 0; i < _rows.Length; i++)
            {
                var c = _rows[i];
                var date = ChinaTime.Date(c.StartedMs);
                var moved = date.AddMonths(k * Months);
                if (repeat && ChinaTime.MonthKey(moved) - firstMonth >= 12)
                {
                    continue;
                }
                var shift = ChinaTime.StartOfDay(moved) - ChinaTime.StartOfDay(date);
                var (start, length) = ids.Add(Id(i), suffix);
                calls.Add(c with
                {
                    StartedMs = c.StartedMs + shift,
                    AnsweredMs = c.WasAnswered ? c.AnsweredMs + shift : c.AnsweredMs,
                    EndedMs = c.EndedMs + shift,
                    Recorded = c.Recorded || allRecorded,
                    IdStart = start,
                    IdLength = length,
                });
            }
        }
        return new TrafficHistory(Number, ([.. calls], ids.ToArray()));
    }

    /// <summary>
    /// Picks one number's calls: <paramref name="number"/> if given, else the only number in the
    /// calls. Null with a message when the calls hold several numbers and none was picked, or none.
    /// </summary>
    public static TrafficHistory? For(IReadOnlyList<CallRecord> calls, HotlineNumber? number, out LocalizedText? error)
    {
        error = null;
        var numbers = calls.Select(c => c.Number).Distinct().ToList();
        if (number is { } n)
        {
            var mine = calls.Where(c => c.Number == n).ToList();
            if (mine.Count == 0)
            {
                error = Problems.NoCallsOf(n, numbers);
                return null;
            }
            return new TrafficHistory(n, mine);
        }
        if (numbers.Count == 0)
        {
            error = Problems.NoUsableCalls();
            return null;
        }
        if (numbers.Count > 1)
        {
            error = Problems.SeveralNumbers(numbers);
            return null;
        }
        return new TrafficHistory(numbers[0], calls);
    }

    private static (HistoryCall[], byte[]) FromRecords(IReadOnlyList<CallRecord> records)
    {
        var calls = new HistoryCall[records.Count];
        var ids = new IdStore(records.Count * 16);
        for (var i = 0; i < calls.Length; i++)
        {
            var r = records[i];
            var (start, length) = ids.Add(System.Text.Encoding.UTF8.GetBytes(r.CallId), []);
            calls[i] = new HistoryCall(r.StartedMs, r.AnsweredMs, r.EndedMs, r.Caller, r.Outcome, r.Recorded, r.Direction, start, length);
        }
        return (calls, ids.ToArray());
    }

    /// <summary>
    /// The calls sorted by start time, then by id in code point order (the order of their UTF-8
    /// bytes), as <see cref="CallRecord.CompareForRating"/> orders them: start times sorted as
    /// numbers, ids compared only among calls that start in the same millisecond.
    /// </summary>
    private static HistoryCall[] InRatingOrder(ReadOnlySpan<HistoryCall> calls, byte[] ids)
    {
        var sorted = true;
        for (var i = 1; i < calls.Length && sorted; i++)
        {
            sorted = Compare(calls[i - 1], calls[i], ids) <= 0;
        }
        if (sorted)
        {
            return calls.ToArray();
        }
        var starts = new long[calls.Length];
        var order = new int[calls.Length];
        for (var i = 0; i < calls.Length; i++)
        {
            starts[i] = calls[i].StartedMs;
            order[i] = i;
        }
        Array.Sort(starts, order);
        for (int from = 0, to; from < starts.Length; from = to)
        {
            for (to = from + 1; to < starts.Length && starts[to] == starts[from]; to++)
            {
            }
            if (to - from > 1)
            {
                // Ties by id, then by position so that equal ids keep one order whatever the sort did.
                var tied = new (HistoryCall Row, int At)[to - from];
                for (var k = 0; k < tied.Length; k++)
                {
                    tied[k] = (calls[order[from + k]], order[from + k]);
                }
                Array.Sort(tied, (x, y) =>
                {
                    var c = Compare(x.Row, y.Row, ids);
                    return c != 0 ? c : x.At.CompareTo(y.At);
                });
                for (var k = 0; k < tied.Length; k++)
                {
                    order[from + k] = tied[k].At;
                }
            }
        }
        var result = new HistoryCall[calls.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = calls[order[i]];
        }
        return result;
    }

    private static int Compare(in HistoryCall a, in HistoryCall b, byte[] ids)
    {
        var c = a.StartedMs.CompareTo(b.StartedMs);
        return c != 0 ? c : ids.AsSpan(a.IdStart, a.IdLength).SequenceCompareTo(ids.AsSpan(b.IdStart, b.IdLength));
    }

    /// <summary>The history's calls as <see cref="CallRecord"/>s, made as they are read.</summary>
    private sealed class CallList(TrafficHistory history) : IReadOnlyList<CallRecord>
    {
        public CallRecord this[int index] => history.Record(index);

        public int Count => history.Count;

        public IEnumerator<CallRecord> GetEnumerator()
        {
            for (var i = 0; i < history.Count; i++)
            {
                yield return history.Record(i);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>Call ids as UTF-8 bytes one after another in a growing buffer.</summary>
internal sealed class IdStore(int capacity)
{
    private byte[] _bytes = new byte[Math.Max(capacity, 64)];
    private int _length;

    /// <summary>Appends <paramref name="id"/> followed by <paramref name="suffix"/>; where it stands.</summary>
    public (int Start, int Length) Add(ReadOnlySpan<byte> id, ReadOnlySpan<byte> suffix)
    {
        var length = id.Length + suffix.Length;
        if (_length + length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + length));
        }
        var start = _length;
        id.CopyTo(_bytes.AsSpan(start));
        suffix.CopyTo(_bytes.AsSpan(start + id.Length));
        _length += length;
        return (start, length);
    }

    public byte[] ToArray() => _length == _bytes.Length ? _bytes : _bytes[.._length];
}
