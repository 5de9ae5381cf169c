using System.Text;
using Hotline400.Accounts;
using Hotline400.Calendar;
using Hotline400.Calls;
using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Rating;
using Hotline400.Simulation;

namespace Hotline400.Tests.Simulation;

public sealed class TrafficSimulatorTests
{
    private static readonly TariffCatalog Catalog = CatalogLoader.Sample();
    private static readonly AccountBook Accounts = AccountsLoader.Sample(Catalog);

    // Late January to early March 2026: the Spring Festival holiday and its adjusted working days,
    // and numbers whose subscriptions start on 1 February and 1 March.
    private static readonly DateOnly From = new(2026, 1, 20);
    private static readonly DateOnly To = new(2026, 3, 10);

    private static readonly Lazy<byte[]> SeasonFile = new(() => Simulate(new SimulationOptions(From, To, Seed: 42)));
    private static readonly Lazy<List<CallRecord>> SeasonCalls = new(() => Read(SeasonFile.Value, out _));

    private static byte[] Simulate(SimulationOptions options)
    {
        using var stream = new MemoryStream();
        var rows = new TrafficSimulator(Accounts, options).WriteCsv(stream);
        var bytes = stream.ToArray();
        Assert.Equal(rows + 1, bytes.Count(b => b == (byte)'\n'));
        return bytes;
    }

    private static List<CallRecord> Read(byte[] file, out List<CallReject> rejects)
    {
        var csv = new CsvRowReader(new MemoryStream(file));
        using var reader = CallReader.Open(csv, "simulated.csv", 0, ColumnMap.Default, out var error);
        Assert.Null(error);
        Assert.NotNull(reader);
        var records = new List<CallRecord>();
        rejects = [];
        while (reader.Next(out var record, out var reject))
        {
            if (record is not null)
            {
                records.Add(record);
            }
            if (reject is not null)
            {
                rejects.Add(reject);
            }
        }
        return records;
    }

    private static bool IsWorkday(DayClass c) => c is not (DayClass.Sat or DayClass.Sun or DayClass.Holiday);

    [Fact]
    public void The_same_seed_gives_the_same_bytes()
    {
        var options = new SimulationOptions(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 7), Seed: 7);
        Assert.Equal(Simulate(options), Simulate(options with { }));
    }

    [Fact]
    public void A_different_seed_gives_different_traffic()
    {
        var a = Simulate(new SimulationOptions(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 7), Seed: 7));
        var b = Simulate(new SimulationOptions(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 7), Seed: 8));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void A_day_traffic_does_not_depend_on_the_days_simulated_before_it()
    {
        var week = Read(Simulate(new SimulationOptions(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 7), Seed: 3)), out _);
        var day = Read(Simulate(new SimulationOptions(new DateOnly(2026, 3, 7), new DateOnly(2026, 3, 7), Seed: 3)), out _);
        var fromWeek = week.Where(c => ChinaTime.Date(c.StartedMs) == new DateOnly(2026, 3, 7)).Select(c => Encoding.UTF8.GetString(c.Raw)).Order(StringComparer.Ordinal);
        Assert.Equal(fromWeek, day.Select(c => Encoding.UTF8.GetString(c.Raw)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_file_starts_with_the_canonical_header_and_uses_bare_line_feeds()
    {
        var file = SeasonFile.Value;
        var text = Encoding.UTF8.GetString(file, 0, 200);
        Assert.StartsWith(TrafficSimulator.Header + "\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain((byte)'\r', file);
        Assert.Matches(@"^4\d{9}-\d{8}-\d{6},4\d{9},[^,]*,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00,", text.Split('\n')[1]);
    }

    [Fact]
    public void Rows_are_ordered_by_end_time_and_call_ids_are_unique()
    {
        var calls = SeasonCalls.Value;
        Assert.True(calls.Count > 10_000, $"only {calls.Count} calls");
        for (var i = 1; i < calls.Count; i++)
        {
            Assert.True(calls[i - 1].EndedMs <= calls[i].EndedMs, $"line {calls[i].Line} ends before line {calls[i - 1].Line}");
        }
        Assert.Equal(calls.Count, calls.Select(c => c.CallId).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_row_is_accepted_by_the_reader_and_rated_without_rejects()
    {
        Read(SeasonFile.Value, out var readRejects);
        Assert.Empty(readRejects);
        var rater = new Rater(Catalog, Accounts);
        var outbound = 0;
        foreach (var call in SeasonCalls.Value.OrderBy(c => c.StartedMs).ThenBy(c => c.CallId, StringComparer.Ordinal))
        {
            var rated = rater.Rate(call, out var reject);
            Assert.True(rated is not null, $"line {call.Line}: {reject}");
            if (call.Direction == Direction.Out)
            {
                outbound++;
                Assert.NotNull(rated.Version.Outbound);
            }
        }
        Assert.True(outbound > 0, "no outbound calls for the plan with outbound rates");
    }

    [Fact]
    public void Between_75_and_95_percent_of_calls_are_answered_over_a_month()
    {
        var month = SeasonCalls.Value.Where(c => ChinaTime.Date(c.StartedMs) is { Year: 2026, Month: 2 }).ToList();
        var rate = month.Count(c => c.Outcome == Outcome.Answered) / (double)month.Count;
        Assert.InRange(rate, 0.75, 0.95);
    }

    [Fact]
    public void Workdays_are_busier_than_weekends_and_weekends_busier_than_holidays()
    {
        var calendar = HolidayCalendar.China;
        var calls = new Dictionary<string, double>();
        var numberDays = new Dictionary<string, double>();
        foreach (var n in Accounts.Numbers)
        {
            for (var d = From; d <= To; d = d.AddDays(1))
            {
                if (n.SubscriptionOn(d) is not null)
                {
                    var key = Kind(calendar.Classify(d));
                    numberDays[key] = numberDays.GetValueOrDefault(key) + 1;
                }
            }
        }
        foreach (var c in SeasonCalls.Value)
        {
            var key = Kind(calendar.Classify(ChinaTime.Date(c.StartedMs)));
            calls[key] = calls.GetValueOrDefault(key) + 1;
        }
        var workday = calls["workday"] / numberDays["workday"];
        var weekend = calls["weekend"] / numberDays["weekend"];
        var holiday = calls["holiday"] / numberDays["holiday"];
        Assert.True(workday > weekend && weekend > holiday, $"per number-day: workday {workday:0.0}, weekend {weekend:0.0}, holiday {holiday:0.0}");

        static string Kind(DayClass c) => c == DayClass.Holiday ? "holiday" : IsWorkday(c) ? "workday" : "weekend";
    }

    [Fact]
    public void Business_hours_are_busier_than_the_night()
    {
        var byHour = new int[24];
        foreach (var c in SeasonCalls.Value)
        {
            byHour[ChinaTime.MsOfDay(c.StartedMs) / 3_600_000]++;
        }
        Assert.True(byHour[10] > 10 * byHour[3], $"10:00 {byHour[10]} calls, 03:00 {byHour[3]}");
        Assert.True(byHour[15] > byHour[12], $"15:00 {byHour[15]} calls, 12:00 {byHour[12]}");
    }

    [Fact]
    public void No_number_gets_calls_outside_its_subscriptions()
    {
        var started = new HashSet<long>();
        foreach (var c in SeasonCalls.Value)
        {
            var account = Accounts.Find(c.Number);
            Assert.NotNull(account);
            Assert.NotNull(account.SubscriptionOn(ChinaTime.Date(c.StartedMs)));
            started.Add(c.Number.Value);
        }
        // 400-886-2047 starts on 1 February, 400-930-1234 on 1 March; 400-765-0021 only in July.
        Assert.Contains(4008862047, started);
        Assert.Contains(4009301234, started);
        Assert.DoesNotContain(4007650021, started);
    }

    [Fact]
    public void Callers_are_mostly_mobiles_then_landlines_and_a_few_withheld()
    {
        var inbound = SeasonCalls.Value.Where(c => c.Direction == Direction.In).ToList();
        double Share(global::Hotline400.Numbers.CallerKind kind) => inbound.Count(c => c.Caller.Kind == kind) / (double)inbound.Count;
        Assert.InRange(Share(global::Hotline400.Numbers.CallerKind.Mobile), 0.70, 0.82);
        Assert.InRange(Share(global::Hotline400.Numbers.CallerKind.Landline), 0.16, 0.24);
        Assert.InRange(Share(global::Hotline400.Numbers.CallerKind.Withheld), 0.015, 0.05);
        Assert.Equal(0, Share(global::Hotline400.Numbers.CallerKind.Other));
        var known = inbound.Count(c => c.Caller.Kind == global::Hotline400.Numbers.CallerKind.Mobile && global::Hotline400.Numbers.RegionResolver.Shared.Resolve(c.Caller).IsKnown);
        Assert.True(known > 0.9 * inbound.Count(c => c.Caller.Kind == global::Hotline400.Numbers.CallerKind.Mobile), "most mobile segments should be placed by the geocoder");
    }

    [Fact]
    public void Answered_calls_are_answered_by_a_bound_phone_and_recorded_when_recording_is_on()
    {
        foreach (var c in SeasonCalls.Value.Where(c => c.Direction == Direction.In))
        {
            var account = Accounts.Find(c.Number)!;
            var date = ChinaTime.Date(c.StartedMs);
            var recording = account.ServicesOn(date).Any(s => s.Service.Id == "recording");
            if (c.Outcome == Outcome.Answered)
            {
                Assert.Contains(c.AnsweredBy, account.Bound);
                Assert.Equal(recording, c.Recorded);
                var ring = (c.AnsweredMs - c.StartedMs) / 1000;
                Assert.InRange(ring, 3, 45);
            }
            else
            {
                Assert.Equal("", c.AnsweredBy);
                Assert.False(c.Recorded);
            }
            Assert.True(c.EndedMs - c.StartedMs < 4 * 3_600_000L);
        }
    }

    [Fact]
    public void Talk_times_have_a_median_near_90_seconds_and_a_long_tail()
    {
        var talk = SeasonCalls.Value.Where(c => c.Direction == Direction.In && c.WasAnswered)
            .Select(c => (c.EndedMs - c.AnsweredMs) / 1000).Order().ToList();
        Assert.InRange(talk[talk.Count / 2], 75, 105);
        Assert.True(talk[^1] > 20 * 90, $"the longest call is {talk[^1]} s");
    }

    [Fact]
    public void Numbers_with_IVR_have_calls_billed_from_pickup_and_voicemail_numbers_have_messages()
    {
        var rater = new Rater(Catalog, Accounts);
        var pickup = new Dictionary<long, int>();
        var voicemail = new Dictionary<long, int>();
        foreach (var call in SeasonCalls.Value.OrderBy(c => c.StartedMs).ThenBy(c => c.CallId, StringComparer.Ordinal))
        {
            var rated = rater.Rate(call, out _)!;
            if (rated.BillingFrom == BillingFrom.Pickup && !call.WasAnswered)
            {
                pickup[call.Number.Value] = pickup.GetValueOrDefault(call.Number.Value) + 1;
            }
            if (call.Outcome == Outcome.Voicemail)
            {
                voicemail[call.Number.Value] = voicemail.GetValueOrDefault(call.Number.Value) + 1;
            }
        }
        var mid = new DateOnly(2026, 2, 15);
        foreach (var n in Accounts.Numbers.Where(n => n.SubscriptionOn(mid) is not null))
        {
            var services = n.ServicesOn(mid).ToList();
            if (services.Any(s => s.Service.AnswersFirst))
            {
                Assert.True(pickup.GetValueOrDefault(n.Number.Value) > 0, $"{n.Number}: no unanswered call billed from pick-up");
            }
            if (services.Any(s => s.Service.Id == "voicemail"))
            {
                Assert.True(voicemail.GetValueOrDefault(n.Number.Value) > 0, $"{n.Number}: no voicemail");
            }
            else
            {
                Assert.False(voicemail.ContainsKey(n.Number.Value), $"{n.Number}: voicemail without the service");
            }
        }
    }

    [Fact]
    public void Calls_per_day_sets_the_workday_volume()
    {
        var day = new DateOnly(2026, 3, 4); // a Wednesday
        var calls = Read(Simulate(new SimulationOptions(day, day, Seed: 5, CallsPerDay: 100)), out _);
        var numbers = Accounts.Numbers.Count(n => n.SubscriptionOn(day) is not null);
        Assert.InRange(calls.Count / (double)numbers, 70, 130);
    }

    [Fact]
    public void The_simulate_verb_writes_the_file_and_reports_it_as_json()
    {
        var dir = Directory.CreateTempSubdirectory("sim-");
        try
        {
            var accounts = Path.Combine(dir.FullName, "accounts.yaml");
            File.WriteAllText(accounts, SampleData.AccountsYaml);
            var output = Path.Combine(dir.FullName, "calls.csv");
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = global::Hotline400.Cli.CliApp.Run(["simulate", "--accounts", accounts, "--from", "2026-03-02", "--to", "2026-03-03", "--out", output, "--json"], stdout, stderr);
            Assert.True(code == 0, stderr.ToString());
            var rows = File.ReadLines(output).Count() - 1;
            Assert.Contains($"\"rows\": {rows}", stdout.ToString(), StringComparison.Ordinal);
            Assert.Contains("\"days\": 2", stdout.ToString(), StringComparison.Ordinal);

            stderr = new StringWriter();
            code = global::Hotline400.Cli.CliApp.Run(["simulate", "--accounts", accounts, "--from", "2026-02-30", "--to", "2026-03-03", "--out", output], new StringWriter(), stderr);
            Assert.Equal(2, code);
            Assert.Contains("错误：--from：“2026-02-30”不是日期", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
