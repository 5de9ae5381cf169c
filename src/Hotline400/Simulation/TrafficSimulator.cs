using System.Text;
using Hotline400.Accounts;
using Hotline400.Calendar;
using Hotline400.Calls;
using Hotline400.Catalog;
using Hotline400.Common;

namespace Hotline400.Simulation;

/// <summary>
/// Generates realistic call records for the numbers of an account book: business-hour peaks,
/// quiet weekends and statutory holidays, callers from real mobile segments and city landlines,
/// log-normal talk times, IVR and voicemail where the number has them, and a few outbound calls
/// where the plan prices them. Writes the canonical call-record CSV ordered by <c>ended_at</c>,
/// as providers do. A day's traffic depends only on the seed, the number and the day, so the same
/// inputs always give the same bytes; memory stays at about two days of calls whatever the range.
/// </summary>
public sealed class TrafficSimulator
{
    public const string Header = "call_id,number,caller,started_at,answered_at,ended_at,answered_by,outcome,recorded,direction";

    /// <summary>Share of a workday's traffic on other days.</summary>
    private const double SaturdaySundayFactor = 0.30, HolidayFactor = 0.15;

    private const double OutboundShare = 0.06;
    private const int MaxTalkSeconds = 3 * 3600;

    /// <summary>Relative call volume by hour of day (China time) on working days and on days off.</summary>
    private static readonly double[] WorkdayHours =
        [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 4.0, 9.0, 10.0, 9.0, 5.0, 6.0, 9.0, 9.5, 8.5, 6.0, 3.5, 2.5, 2.0, 1.5, 1.0, 0.6];
    private static readonly double[] RestDayHours =
        [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 2.0, 4.5, 6.0, 6.5, 5.5, 5.0, 5.5, 5.5, 5.0, 4.5, 3.5, 3.0, 2.5, 2.0, 1.2, 0.7];
    private static readonly double[] WorkdayCdf = CallerPool.Cdf(WorkdayHours);
    private static readonly double[] RestDayCdf = CallerPool.Cdf(RestDayHours);

    private static readonly byte[][] OutcomeBytes =
    [
        "answered"u8.ToArray(), "missed"u8.ToArray(), "busy"u8.ToArray(),
        "voicemail"u8.ToArray(), "abandoned"u8.ToArray(), "blocked"u8.ToArray(),
    ];

    private readonly SimulationOptions _options;
    private readonly NumberInfo[] _numbers;
    private readonly HolidayCalendar _calendar;

    public TrafficSimulator(AccountBook accounts, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(options);
        if (options.To < options.From)
        {
            throw new ArgumentException($"The simulated range {options.From:yyyy-MM-dd}..{options.To:yyyy-MM-dd} is empty.", nameof(options));
        }
        if (options.CallsPerDay is < 0)
        {
            throw new ArgumentException("Calls per day cannot be negative.", nameof(options));
        }
        _options = options;
        _calendar = options.Calendar ?? HolidayCalendar.China;
        _numbers = [.. accounts.Numbers.Select(a => new NumberInfo(a))];
    }

    /// <summary>How many numbers the account book has (each gets calls only on days it is subscribed).</summary>
    public int NumberCount => _numbers.Length;

    /// <summary>How many days are simulated.</summary>
    public int DayCount => _options.To.DayNumber - _options.From.DayNumber + 1;

    /// <summary>
    /// Writes the header and every simulated call, ordered by end time, and returns the rows written.
    /// <paramref name="progress"/> hears the running row count after each simulated day.
    /// </summary>
    public long WriteCsv(Stream output, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var pool = CallerPool.Shared;
        var maxBound = 0;
        foreach (var n in _numbers)
        {
            foreach (var b in n.Bound)
            {
                maxBound = Math.Max(maxBound, b.Length);
            }
        }
        var rowRoom = 256 + maxBound;
        var csv = new CsvRowBuffer(output, Math.Max(1 << 18, rowRoom * 4));
        csv.Ascii(Header);
        csv.Byte((byte)'\n');

        var current = new SimCall[1024];
        var next = new SimCall[1024];
        var keys = new long[1024];
        var count = 0;
        long rows = 0;

        // A day's calls depend only on the seed, the number and the date: the next day is
        // generated on a pool thread while this one is sorted and written.
        DayCalls[] days = [new(), new()];
        var first = _options.From.DayNumber;
        var pending = Task.Run(() => GenerateDay(first, pool, days[0]));
        for (var dayNumber = first; dayNumber <= _options.To.DayNumber; dayNumber++)
        {
            var day = pending.Result;
            if (dayNumber < _options.To.DayNumber)
            {
                var tomorrow = dayNumber + 1;
                var spare = days[(tomorrow - first) % 2];
                pending = Task.Run(() => GenerateDay(tomorrow, pool, spare));
            }
            var dayStart = ChinaTime.StartOfDay(DateOnly.FromDayNumber(dayNumber)) / 1000;
            if (current.Length < count + day.Count)
            {
                Array.Resize(ref current, Math.Max(count + day.Count, current.Length * 2));
            }
            day.Calls.AsSpan(0, day.Count).CopyTo(current.AsSpan(count));
            count += day.Count;

            if (keys.Length < count)
            {
                keys = new long[Math.Max(count, keys.Length * 2)];
            }
            for (var k = 0; k < count; k++)
            {
                keys[k] = ((current[k].Ended - dayStart) << 32) | (uint)k;
            }
            Array.Sort(keys, 0, count);

            var nextMidnight = dayStart + 86_400;
            if (next.Length < count)
            {
                next = new SimCall[current.Length];
            }
            var carried = 0;
            for (var k = 0; k < count; k++)
            {
                ref var call = ref current[(int)(uint)keys[k]];
                if (call.Ended < nextMidnight)
                {
                    if (csv.Free < rowRoom)
                    {
                        csv.Flush();
                    }
                    WriteRow(csv, in call);
                    rows++;
                }
                else
                {
                    next[carried++] = call;
                }
            }
            (current, next) = (next, current);
            count = carried;
            progress?.Invoke(rows);
        }

        // Calls still running at the end of the last day, in end order.
        if (count > 0)
        {
            var last = ChinaTime.StartOfDay(_options.To) / 1000;
            for (var k = 0; k < count; k++)
            {
                keys[k] = ((current[k].Ended - last) << 32) | (uint)k;
            }
            Array.Sort(keys, 0, count);
            for (var k = 0; k < count; k++)
            {
                if (csv.Free < rowRoom)
                {
                    csv.Flush();
                }
                WriteRow(csv, in current[(int)(uint)keys[k]]);
                rows++;
            }
            progress?.Invoke(rows);
        }
        csv.Flush();
        output.Flush();
        return rows;
    }

    /// <summary>The calls of one day for every number, generated into buffers reused every other day.</summary>
    private sealed class DayCalls
    {
        public SimCall[] Calls = new SimCall[1024];
        public int Count;
        public int[] Starts = new int[256];
    }

    private DayCalls GenerateDay(int dayNumber, CallerPool pool, DayCalls day)
    {
        var date = DateOnly.FromDayNumber(dayNumber);
        var dayStart = ChinaTime.StartOfDay(date) / 1000;
        var dayClass = _calendar.Classify(dayNumber);
        day.Count = 0;
        for (var i = 0; i < _numbers.Length; i++)
        {
            Generate(i, date, dayStart, dayClass, pool, ref day.Calls, ref day.Count, ref day.Starts);
        }
        return day;
    }

    /// <summary>Appends one number's calls of one day to the buffer, in start order.</summary>
    private void Generate(int index, DateOnly date, long dayStart, DayClass dayClass, CallerPool pool, ref SimCall[] buffer, ref int count, ref int[] starts)
    {
        var info = _numbers[index];
        var account = info.Account;
        var subscription = account.SubscriptionOn(date);
        var version = subscription?.Plan.VersionAt(date);
        if (version is null)
        {
            return;
        }

        bool ivr = false, voicemail = false, recording = false, blacklist = false;
        foreach (var s in account.Services)
        {
            if (!s.Covers(date))
            {
                continue;
            }
            switch (s.Service.Id)
            {
                case "voicemail":
                    voicemail = true;
                    break;
                case "recording":
                    recording = true;
                    break;
                case "blacklist":
                    blacklist = true;
                    break;
                default:
                    ivr |= s.Service.AnswersFirst;
                    break;
            }
        }
        var outbound = version.Outbound is not null;

        var rng = SimRandom.For(_options.Seed, account.Number.Value, date.DayNumber);
        var restDay = dayClass is DayClass.Sat or DayClass.Sun or DayClass.Holiday;
        var dayFactor = dayClass switch
        {
            DayClass.Holiday => HolidayFactor,
            DayClass.Sat or DayClass.Sun => SaturdaySundayFactor,
            _ => 1.0,
        };
        var mean = BaseCallsPerDay(info, version) * dayFactor * Math.Exp(0.15 * rng.NextGaussian());
        var n = (int)Math.Max(0, Math.Round(mean + Math.Sqrt(mean) * rng.NextGaussian()));
        if (n == 0)
        {
            return;
        }

        if (starts.Length < n)
        {
            starts = new int[Math.Max(n, starts.Length * 2)];
        }
        var cdf = restDay ? RestDayCdf : WorkdayCdf;
        for (var k = 0; k < n; k++)
        {
            starts[k] = CallerPool.Pick(cdf, rng.NextDouble()) * 3600 + rng.Next(3600);
        }
        Array.Sort(starts, 0, n);

        if (buffer.Length < count + n)
        {
            Array.Resize(ref buffer, Math.Max(count + n, buffer.Length * 2));
        }
        var bound = info.Bound.Length;
        var roundRobin = bound > 0 ? rng.Next(bound) : 0;
        for (var k = 0; k < n; k++)
        {
            ref var c = ref buffer[count++];
            c = default;
            c.Number = index;
            c.Seq = k + 1;
            c.DayNumber = date.DayNumber;
            c.AnsweredBy = -1;
            var start = dayStart + starts[k];
            c.Started = start;
            c.Answered = long.MinValue;

            if (outbound && rng.NextDouble() < OutboundShare)
            {
                Outbound(ref c, ref rng, pool, account.AreaCode, start, recording);
                continue;
            }

            var u = rng.NextDouble();
            if (u < 0.75)
            {
                c.CallerKind = CallerKinds.Mobile;
                c.Caller = pool.Mobile(ref rng);
            }
            else if (u < 0.95)
            {
                c.CallerKind = CallerKinds.Landline;
                // A quarter of landline callers are local to the enterprise.
                c.Caller = rng.NextDouble() < 0.25 ? CallerPool.Landline(ref rng, account.AreaCode) : pool.Landline(ref rng);
            }
            else if (u < 0.97)
            {
                c.CallerKind = CallerKinds.MobileWithCountryCode;
                c.Caller = pool.Mobile(ref rng);
            }
            else
            {
                c.CallerKind = CallerKinds.Withheld;
            }

            var ivrSeconds = ivr ? rng.Between(5, 20) : 0;
            u = rng.NextDouble();
            if (blacklist && u < 0.004)
            {
                c.Outcome = Outcome.Blocked;
                c.Ended = start;
                continue;
            }
            if (ivr && u < 0.05)
            {
                // The caller gave up in the voice menu.
                c.Outcome = Outcome.Abandoned;
                c.Ended = start + rng.Between(2, ivrSeconds);
                continue;
            }
            var afterIvr = start + ivrSeconds;
            if (rng.NextDouble() < 0.87)
            {
                c.Outcome = Outcome.Answered;
                c.Answered = afterIvr + rng.Between(3, 25);
                c.Ended = c.Answered + Talk(ref rng, 90);
                c.Recorded = recording;
                c.AnsweredBy = bound == 0 ? (short)-1 : (short)(info.Account.Distribution switch
                {
                    Distribution.Sequential => Sequential(ref rng, bound),
                    Distribution.RoundRobin => roundRobin++ % bound,
                    _ => rng.Next(bound),
                });
                continue;
            }
            if (info.Account.Distribution == Distribution.RoundRobin)
            {
                roundRobin++;
            }
            var v = rng.NextDouble();
            if (v < 0.35)
            {
                c.Outcome = Outcome.Abandoned;
                c.Ended = afterIvr + rng.Between(3, 25);
                continue;
            }
            if (v < 0.80)
            {
                c.Outcome = Outcome.Missed;
                c.Ended = afterIvr + (bound <= 1 ? rng.Between(50, 60)
                    : info.Account.Distribution == Distribution.Simultaneous ? rng.Between(30, 45)
                    : Math.Min(bound, 4) * 15);
            }
            else
            {
                c.Outcome = Outcome.Busy;
                c.Ended = afterIvr + rng.Between(1, 5);
            }
            if (voicemail && rng.NextDouble() < 0.6)
            {
                c.Outcome = Outcome.Voicemail;
                c.Ended += rng.Between(8, 90);
            }
        }
    }

    private static void Outbound(ref SimCall c, ref SimRandom rng, CallerPool pool, int areaCode, long start, bool recording)
    {
        c.Out = true;
        var u = rng.NextDouble();
        if (u < 0.55)
        {
            c.CallerKind = CallerKinds.Mobile;
            c.Caller = pool.Mobile(ref rng);
        }
        else
        {
            c.CallerKind = CallerKinds.Landline;
            c.Caller = u < 0.90 ? CallerPool.Landline(ref rng, areaCode) : pool.Landline(ref rng);
        }
        var ring = rng.Between(5, 30);
        u = rng.NextDouble();
        if (u < 0.72)
        {
            c.Outcome = Outcome.Answered;
            c.Answered = start + ring;
            c.Ended = c.Answered + Talk(ref rng, 120);
            c.Recorded = recording;
        }
        else if (u < 0.90)
        {
            c.Outcome = Outcome.Missed;
            c.Ended = start + rng.Between(30, 45);
        }
        else
        {
            c.Outcome = Outcome.Busy;
            c.Ended = start + rng.Between(2, 6);
        }
    }

    /// <summary>Log-normal talk time with the given median, a long tail (σ = 1.1), capped at three hours.</summary>
    private static long Talk(ref SimRandom rng, double medianSeconds)
    {
        var t = Math.Round(medianSeconds * Math.Exp(1.1 * rng.NextGaussian()));
        return (long)Math.Clamp(t, 1, MaxTalkSeconds);
    }

    /// <summary>Sequential hunting: the first phone takes most calls, the next ones what it misses.</summary>
    private static int Sequential(ref SimRandom rng, int bound)
    {
        var u = rng.NextDouble();
        if (bound == 1 || u < 0.75)
        {
            return 0;
        }
        if (bound == 2 || u < 0.93)
        {
            return 1;
        }
        return 2 + rng.Next(bound - 2);
    }

    /// <summary>The average calls on a workday: the option, or 20–400 by package size with a per-number jitter.</summary>
    private double BaseCallsPerDay(NumberInfo info, PlanVersion version)
    {
        if (_options.CallsPerDay is { } fixedRate)
        {
            return fixedRate;
        }
        var price = version.Package is { } p ? (double)p.Price.Yuan
            : version.MonthlyMinimum.Yuan > 0 ? (double)version.MonthlyMinimum.Yuan * 12
            : version.MonthlyFee.Yuan > 0 ? (double)version.MonthlyFee.Yuan * 12
            : 1000;
        var size = Math.Clamp(Math.Log(Math.Max(price, 1) / 300) / Math.Log(20), 0, 1);
        return 20 + 380 * (0.7 * size + 0.3 * info.Jitter);
    }

    private void WriteRow(CsvRowBuffer csv, in SimCall c)
    {
        var info = _numbers[c.Number];
        csv.Bytes(info.Digits);
        csv.Byte((byte)'-');
        csv.CompactDate(DateOnly.FromDayNumber(c.DayNumber));
        csv.Byte((byte)'-');
        csv.Padded(c.Seq, 6);
        csv.Byte((byte)',');
        csv.Bytes(info.Digits);
        csv.Byte((byte)',');
        switch (c.CallerKind)
        {
            case CallerKinds.Mobile:
                csv.Number(c.Caller);
                break;
            case CallerKinds.MobileWithCountryCode:
                csv.Bytes("+86"u8);
                csv.Number(c.Caller);
                break;
            case CallerKinds.Landline:
                csv.Byte((byte)'0');
                csv.Number(c.Caller);
                break;
        }
        csv.Byte((byte)',');
        csv.Timestamp(c.Started);
        csv.Byte((byte)',');
        if (c.Answered != long.MinValue)
        {
            csv.Timestamp(c.Answered);
        }
        csv.Byte((byte)',');
        csv.Timestamp(c.Ended);
        csv.Byte((byte)',');
        if (c.AnsweredBy >= 0)
        {
            csv.Bytes(info.Bound[c.AnsweredBy]);
        }
        csv.Byte((byte)',');
        csv.Bytes(OutcomeBytes[(int)c.Outcome]);
        csv.Bytes(c.Recorded ? ",1,"u8 : ",0,"u8);
        csv.Bytes(c.Out ? "out\n"u8 : "in\n"u8);
    }

    /// <summary>How the caller column is written.</summary>
    private enum CallerKinds : byte
    {
        Withheld,
        Mobile,
        MobileWithCountryCode,
        Landline,
    }

    /// <summary>One simulated call; times in Unix seconds.</summary>
    private struct SimCall
    {
        public long Started;
        public long Answered;
        public long Ended;
        public long Caller;
        public int Number;
        public int Seq;
        public int DayNumber;
        public short AnsweredBy;
        public CallerKinds CallerKind;
        public Outcome Outcome;
        public bool Recorded;
        public bool Out;
    }

    /// <summary>A number's fixed data: its digits and bound phones as CSV bytes, and its volume jitter.</summary>
    private sealed class NumberInfo
    {
        public NumberInfo(NumberAccount account)
        {
            Account = account;
            Digits = Encoding.ASCII.GetBytes(account.Number.ToString());
            Bound = [.. account.Bound.Select(CsvField)];
            var h = (ulong)account.Number.Value;
            Jitter = (SimRandom.SplitMix(ref h) >> 11) * (1.0 / (1UL << 53));
        }

        public NumberAccount Account { get; }
        public byte[] Digits { get; }
        public byte[][] Bound { get; }
        public double Jitter { get; }

        private static byte[] CsvField(string text) =>
            Encoding.UTF8.GetBytes(text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text);
    }
}
