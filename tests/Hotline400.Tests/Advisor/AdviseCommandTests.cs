using System.Text.Json;
using Xunit;
using static Hotline400.Tests.CliRun;

namespace Hotline400.Tests.Advisor;

public sealed class AdviseCommandTests : IDisposable
{
    private readonly TestWorld.TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A clock stopped at one instant.</summary>
    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static decimal AnnualCost(JsonDocument doc, string plan) =>
        decimal.Parse(doc.RootElement.GetProperty("plans").EnumerateArray().Single(p => p.GetProperty("key").GetString() == plan).GetProperty("annual_cost").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_profile_is_priced_over_the_coming_year_under_the_versions_in_force_then()
    {
        // uni-1200 charges 0.10 until June 2026 and 0.08 from 1 July 2026 (samples/catalog.yaml).
        // Asked in November 2026, 3,000 minutes a month for a year: 36,000 × 0.08 = 2,880.00.
        var (code, output, err) = RunAt(new StoppedClock(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero)),
            "advise", "--minutes-per-month", "3000", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(2880.00m, AnnualCost(doc, "unicom/uni-1200"));
    }

    [Fact]
    public void A_small_profile_pays_the_monthly_minimums_of_a_real_year()
    {
        // tel-peak: a 50.00 monthly minimum, waived in the first month only (first_month: actual).
        var (code, output, err) = Run("advise", "--minutes-per-month", "100", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var peak = doc.RootElement.GetProperty("plans").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "telecom/tel-peak");
        var minimum = decimal.Parse(peak.GetProperty("breakdown").GetProperty("minimum_topup").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(minimum > 400m, $"eleven months below the 50.00 minimum must be topped up, got {minimum}");
    }

    [Theory]
    [InlineData("--growth", "-150", "--growth")]
    [InlineData("--png", "no-such-folder/advice.png", "--png：文件夹")]
    public void Unusable_options_are_refused_with_a_message(string option, string value, string message)
    {
        var file = CallsFile(1, 10, 60);
        var (code, _, err) = Run("advise", "--calls", file, option, option == "--png" ? _dir.File(value) : value);
        Assert.Equal(2, code);
        Assert.Contains(message, err);
    }

    private string CallsFile(int months, int callsPerMonth, int talkSeconds)
    {
        var path = _dir.File($"advise-{Guid.NewGuid():N}.csv");
        var lines = new List<string> { "call_id,number,caller,started_at,answered_at,ended_at,answered_by,outcome,recorded,direction" };
        foreach (var c in AdvisorTests.Months(months, callsPerMonth, talkSeconds))
        {
            string T(long ms) => global::Hotline400.Common.ChinaTime.ToDateTimeOffset(ms).ToString("yyyy-MM-dd'T'HH:mm:ss'+08:00'", System.Globalization.CultureInfo.InvariantCulture);
            lines.Add($"{c.CallId},4006001234,13800138000,{T(c.StartedMs)},{T(c.AnsweredMs)},{T(c.EndedMs)},,answered,0,in");
        }
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Advise_json_lists_plans_by_annual_cost_with_the_breakdown_and_the_recommendation()
    {
        var file = CallsFile(3, 100, 3000);
        var (code, output, err) = Run("advise", "--calls", file, "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(3, root.GetProperty("months_used").GetInt32());
        Assert.True(root.GetProperty("annualized").GetBoolean());
        var plans = root.GetProperty("plans").EnumerateArray().ToList();
        Assert.NotEmpty(plans);
        var costs = plans.Select(p => decimal.Parse(p.GetProperty("annual_cost").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(costs.Order().ToList(), costs);
        foreach (var p in plans)
        {
            Assert.Matches(@"^-?\d+\.\d\d$", p.GetProperty("annual_cost").GetString()!);
            Assert.True(p.GetProperty("provider").GetString()!.Length > 0);
            Assert.True(p.GetProperty("plan").GetString()!.Length > 0);
            var parts = p.GetProperty("breakdown").EnumerateObject().Sum(x => decimal.Parse(x.Value.GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(decimal.Parse(p.GetProperty("annual_cost").GetString()!, System.Globalization.CultureInfo.InvariantCulture), parts);
        }
        Assert.Equal(plans[0].GetProperty("key").GetString(), root.GetProperty("recommended").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("current").ValueKind);
        Assert.Equal(0, root.GetProperty("rejected").GetInt32());
    }

    [Fact]
    public void A_week_of_calls_is_scaled_to_its_whole_month()
    {
        // 12 to 18 October 2026: 7 of October's 31 days.
        var lines = new List<string> { "call_id,number,caller,started_at,answered_at,ended_at,answered_by,outcome,recorded,direction" };
        for (var day = 12; day <= 18; day++)
        {
            lines.Add($"w{day},4006001234,13800138000,2026-10-{day}T10:00:00+08:00,2026-10-{day}T10:00:05+08:00,2026-10-{day}T10:05:05+08:00,,answered,0,in");
        }
        var week = _dir.File("week.csv");
        File.WriteAllLines(week, lines);

        var (code, output, err) = Run("advise", "--calls", week, "--json");
        Assert.True(code == 0, err);
        using (var doc = JsonDocument.Parse(output))
        {
            var root = doc.RootElement;
            Assert.Equal((1, 7, 31, true), (root.GetProperty("months_used").GetInt32(), root.GetProperty("covered_days").GetInt32(), root.GetProperty("month_days").GetInt32(), root.GetProperty("partial_months").GetBoolean()));
            // Seven 5-minute calls are a week's 35 minutes: scaled by 31/7 to October's 155.
            Assert.Equal(4.4286m, root.GetProperty("coverage_factor").GetDecimal());
            Assert.Equal(155m, root.GetProperty("monthly_minutes").GetDecimal());
            // uni-flat030 charges 0.30 a minute and no fee: 155 minutes × 12 months × 0.30 = 558.00.
            Assert.Equal(558.00m, AnnualCost(doc, "unicom/uni-flat030"));
        }
        (code, output, err) = Run("advise", "--calls", week, "--lang", "en");
        Assert.True(code == 0, err);
        Assert.Contains("Note: the calls cover 7 days of the 31 days of the month used; their traffic is scaled by 31/7 to whole months", output, StringComparison.Ordinal);

        // Whole months of calls are not flagged.
        (code, output, err) = Run("advise", "--calls", CallsFile(3, 100, 3000), "--json");
        Assert.True(code == 0, err);
        using var whole = JsonDocument.Parse(output);
        Assert.False(whole.RootElement.GetProperty("partial_months").GetBoolean());
    }

    [Fact]
    public void Rejected_rows_are_counted_in_the_json_and_exit_1()
    {
        var file = CallsFile(1, 10, 60);
        File.AppendAllText(file, "bad-1,4006001234,13800138000,not-a-time,,2026-01-05T10:00:00+08:00,,answered,0,in\n");
        var (code, output, _) = Run("advise", "--calls", file, "--json");
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.GetProperty("rejected").GetInt32());
    }

    [Fact]
    public void English_output_names_providers_in_English()
    {
        var (code, output, err) = Run("advise", "--calls", CallsFile(1, 10, 60), "--lang", "en");
        Assert.True(code == 0, err);
        Assert.Contains("China Unicom", output);
        Assert.DoesNotContain("中国联通", output);
    }

    [Fact]
    public void An_unknown_needs_service_id_is_refused_with_the_known_ids()
    {
        var file = CallsFile(1, 5, 60);
        var (code, _, err) = Run("advise", "--calls", file, "--needs", "ivr,telepathy", "--lang", "en");
        Assert.Equal(2, code);
        Assert.Contains("unknown service id 'telepathy'", err);
        Assert.Contains("recording", err);
    }

    [Fact]
    public void A_profile_gives_a_ranking_and_writes_the_html_chart()
    {
        var html = _dir.File($"advise-{Guid.NewGuid():N}.html");
        var (code, output, err) = Run("advise", "--minutes-per-month", "500", "--peak-share", "0.8", "--regions", "广东省=0.3,北京市=0.2", "--html", html, "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(12, doc.RootElement.GetProperty("months_used").GetInt32());
        Assert.False(doc.RootElement.GetProperty("annualized").GetBoolean());
        var page = File.ReadAllText(html);
        Assert.Contains("<svg", page);
        Assert.DoesNotContain("http://cdn", page);
        Assert.DoesNotContain("<script src", page);
    }
    private const string Header = "call_id,number,caller,started_at,answered_at,ended_at,answered_by,outcome,recorded,direction";

    /// <summary>A call row: <paramref name="day"/> of 2026 as yyyy-MM-dd, five minutes of talk from 10:00:05.</summary>
    private static string Row(string id, string day, string outcome = "answered", string direction = "in", string number = "4006001234", int talkMinutes = 5)
    {
        var answered = outcome == "answered" ? $"{day}T10:00:05+08:00" : "";
        return $"{id},{number},13800138000,{day}T10:00:00+08:00,{answered},{day}T10:{talkMinutes:D2}:05+08:00,,{outcome},0,{direction}";
    }

    private string FileOf(string name, IEnumerable<string> rows)
    {
        var path = _dir.File(name);
        File.WriteAllLines(path, [Header, .. rows]);
        return path;
    }

    /// <summary>One call a day of 2026 from <paramref name="from"/> to <paramref name="to"/> (inclusive).</summary>
    private static IEnumerable<string> Daily(DateOnly from, DateOnly to, string prefix = "d")
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            yield return Row($"{prefix}{d:MMdd}", d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void A_plan_that_cannot_rate_the_outbound_calls_is_not_ranked_and_says_why()
    {
        // Every day of October: an inbound call and an outbound one. Only cc-callcenter has outbound rates.
        var rows = Daily(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)).ToList();
        rows.AddRange(Enumerable.Range(1, 31).Select(d => Row($"out{d:D2}", $"2026-10-{d:D2}", direction: "out")));
        var (code, output, err) = Run("advise", "--calls", FileOf("outbound.csv", rows), "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var ranked = doc.RootElement.GetProperty("plans").EnumerateArray().Select(p => p.GetProperty("key").GetString()).ToList();
        Assert.Contains("cloudcall/cc-callcenter", ranked);
        Assert.DoesNotContain("unicom/uni-1200", ranked);
        var uni = doc.RootElement.GetProperty("unavailable").EnumerateArray().Single(u => u.GetProperty("plan").GetString() == "unicom/uni-1200");
        Assert.Equal("calls_not_rated", uni.GetProperty("code").GetString());
        Assert.Contains("372", uni.GetProperty("reason").GetString()); // 31 outbound calls a month × 12 months
    }

    [Fact]
    public void A_profile_with_ivr_prices_exactly_the_minutes_asked_for()
    {
        // 3,000 minutes a month at uni-flat030's 0.30: 3,000 × 12 × 0.30 = 10,800.00 of usage,
        // billed from pick-up (IVR) or from answer alike.
        foreach (var needs in new[] { "", "ivr" })
        {
            var args = new List<string> { "advise", "--minutes-per-month", "3000", "--json" };
            if (needs.Length > 0)
            {
                args.AddRange(["--needs", needs]);
            }
            var (code, output, err) = Run([.. args]);
            Assert.True(code == 0, err);
            using var doc = JsonDocument.Parse(output);
            var flat = doc.RootElement.GetProperty("plans").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "unicom/uni-flat030");
            Assert.Equal("10800.00", flat.GetProperty("breakdown").GetProperty("usage").GetString());
            Assert.Equal(3000m, flat.GetProperty("billed_minutes_per_month").GetDecimal());
        }
    }

    [Fact]
    public void Overlapping_exports_count_each_call_once_and_the_counts_reconcile()
    {
        // September in one file, 15 September to October in another: the second half of September twice.
        var september = Daily(new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30)).ToList();
        var later = Daily(new DateOnly(2026, 9, 15), new DateOnly(2026, 10, 31)).ToList();
        var a = FileOf("sep.csv", september);
        var b = FileOf("sep-oct.csv", later);
        var whole = FileOf("whole.csv", Daily(new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 31)));
        var (code, output, err) = Run("advise", "--calls", a, b, "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal((77L, 61L, 0L, 16L), (root.GetProperty("read").GetInt64(), root.GetProperty("used").GetInt64(), root.GetProperty("rejected").GetInt64(), root.GetProperty("duplicates").GetInt64()));
        (code, output, err) = Run("advise", "--calls", whole, "--json");
        Assert.True(code == 0, err);
        using var once = JsonDocument.Parse(output);
        Assert.Equal(once.RootElement.GetProperty("plans").ToString(), root.GetProperty("plans").ToString());
    }

    [Fact]
    public void Partial_first_and_last_months_are_left_out_when_whole_months_remain()
    {
        // 15 January to 10 December: January and December hold part of a month each; February to
        // November (10 months) are priced, repeated into a year.
        var (code, output, err) = Run("advise", "--calls", FileOf("jan-dec.csv", Daily(new DateOnly(2026, 1, 15), new DateOnly(2026, 12, 10))), "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(["2026-01", "2026-12"], root.GetProperty("dropped_months").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(10, root.GetProperty("months_used").GetInt32());
        Assert.False(root.GetProperty("partial_months").GetBoolean());
        // One 5-minute call a day: February to November have 303 days, 1,515 minutes, 151.5 a month.
        Assert.Equal(151.5m, root.GetProperty("monthly_minutes").GetDecimal());
        (code, output, _) = Run("advise", "--calls", FileOf("jan-dec2.csv", Daily(new DateOnly(2026, 1, 15), new DateOnly(2026, 12, 10))));
        Assert.Contains("2026-01、2026-12", output);
    }

    [Fact]
    public void Voicemail_and_recording_the_calls_show_are_priced_in_and_said_so()
    {
        var rows = Daily(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)).ToList();
        rows.Add(Row("vm1", "2026-10-05", outcome: "voicemail"));
        rows.Add(Row("vm2", "2026-10-06", outcome: "voicemail"));
        var (code, output, err) = Run("advise", "--calls", FileOf("vm.csv", rows), "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(["voicemail"], doc.RootElement.GetProperty("needs").EnumerateArray().Select(n => n.GetString()));
        var from = Assert.Single(doc.RootElement.GetProperty("needs_added").EnumerateArray());
        Assert.Equal("voicemail", from.GetProperty("service").GetString());
        // Voicemail costs 100 a year at telecom: priced in.
        var tel = doc.RootElement.GetProperty("plans").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "telecom/tel-600");
        Assert.Equal("100.00", tel.GetProperty("breakdown").GetProperty("service_fees").GetString());
        (code, output, _) = Run("advise", "--calls", FileOf("vm2.csv", rows));
        Assert.Contains("计入所需服务 voicemail：2 通通话转入留言", output);
    }

    [Fact]
    public void Another_layout_is_read_with_a_column_map_and_a_stray_option_is_refused()
    {
        var rows = Daily(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)).Select(r => r).ToList();
        var path = _dir.File("mapped.csv");
        File.WriteAllLines(path, [Header.Replace("call_id", "流水号", StringComparison.Ordinal), .. rows]);
        var (code, output, err) = Run("advise", "--calls", path, "--map", "call_id=流水号", "--json");
        Assert.True(code == 0, err);
        using (var doc = JsonDocument.Parse(output))
        {
            Assert.Equal(31, doc.RootElement.GetProperty("used").GetInt64());
        }
        (code, _, err) = Run("advise", "--calls", path, "--bogus", "x");
        Assert.Equal(2, code);
        Assert.Contains("错误：--bogus：不是 advise 的选项", err);
    }

    [Fact]
    public void A_year_past_the_holiday_data_is_flagged()
    {
        // Asked on 25 November 2026, a profile is priced from December 2026 to November 2027;
        // the calendar carries no holidays for 2027 yet.
        var (code, output, err) = RunAt(new StoppedClock(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero)),
            "advise", "--minutes-per-month", "1000", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("2027-01-01", doc.RootElement.GetProperty("holidays_unknown_from").GetString());
    }

    [Fact]
    public void The_html_page_says_what_was_compared_and_gives_the_answer_in_the_language_asked()
    {
        var calls = FileOf("page.csv", Daily(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)));
        foreach (var (lang, words) in new[] { ("zh", new[] { "400-600-1234", "2026-10-01 – 2026-10-31", "推荐", "话务量变化时的年费用", "供应商" }), ("en", ["400-600-1234", "Recommended", "Annual cost as traffic changes", "Provider"]) })
        {
            var html = _dir.File($"page-{lang}.html");
            var (code, _, err) = Run("advise", "--calls", calls, "--html", html, "--lang", lang);
            Assert.True(code == 0, err);
            var page = File.ReadAllText(html);
            Assert.All(words, w => Assert.Contains(w, page));
        }
    }
    [Fact]
    public void Plans_of_another_carrier_need_a_new_number_and_the_number_keeps_its_grade_and_services_on_the_others()
    {
        // 400-711-9090 is a China Mobile number (4007), on the ABAB grade with voicemail in the sample
        // accounts. One 5-minute call a day in October.
        var calls = FileOf("kept.csv", Daily(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)).Select(r => r.Replace("4006001234", "4007119090", StringComparison.Ordinal)));
        var (code, output, err) = Run("advise", "--calls", calls, "--accounts", SampleAccounts, "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        var plans = root.GetProperty("plans").EnumerateArray().ToDictionary(p => p.GetProperty("key").GetString()!, p => p);
        // China Mobile's agent and the China Mobile reseller keep the number; the others, and 800, need a new one.
        Assert.True(plans["mobile/mob-connect"].GetProperty("keeps_number").GetBoolean());
        Assert.True(plans["cloudcall/cc-split"].GetProperty("keeps_number").GetBoolean());
        Assert.False(plans["unicom/uni-1200"].GetProperty("keeps_number").GetBoolean());
        Assert.False(plans["telecom/tel-800"].GetProperty("keeps_number").GetBoolean());
        // The accounts' voicemail is priced in, and said so.
        Assert.Contains("voicemail", root.GetProperty("needs").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains(root.GetProperty("needs_added").EnumerateArray(), n => n.GetProperty("service").GetString() == "voicemail");
        // The cheapest plan needs a new number: the cheapest that keeps it is named too.
        var recommended = root.GetProperty("recommended").GetString()!;
        Assert.False(plans[recommended].GetProperty("keeps_number").GetBoolean());
        var keeping = root.GetProperty("recommended_keeping_number").GetString()!;
        Assert.True(plans[keeping].GetProperty("keeps_number").GetBoolean());
        Assert.Equal(plans.Values.Where(p => p.GetProperty("keeps_number").ValueKind == JsonValueKind.True).Select(p => p.GetProperty("key").GetString()).First(), keeping);

        // On a plan that keeps it, the number's ABAB grade brings its 80.00 monthly minimum (China
        // Mobile's agent); priced without the accounts, on the standard grade, nothing is topped up.
        (code, output, err) = Run("advise", "--calls", calls, "--json");
        Assert.True(code == 0, err);
        using var without = JsonDocument.Parse(output);
        var plain = without.RootElement.GetProperty("plans").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "mobile/mob-connect");
        Assert.Equal("0.00", plain.GetProperty("breakdown").GetProperty("minimum_topup").GetString());
        Assert.True(decimal.Parse(plans["mobile/mob-connect"].GetProperty("breakdown").GetProperty("minimum_topup").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 600m);
    }

    [Fact]
    public void Missing_holidays_are_flagged_only_when_a_ranked_plan_has_bands_by_day_type()
    {
        // February to November 2026, repeated into a year, reaches January 2027 (no holiday data).
        var inbound = Daily(new DateOnly(2026, 2, 1), new DateOnly(2026, 11, 30)).ToList();
        var (code, output, err) = Run("advise", "--calls", FileOf("feb-nov.csv", inbound), "--json");
        Assert.True(code == 0, err);
        using (var doc = JsonDocument.Parse(output))
        {
            Assert.Equal("2027-01-01", doc.RootElement.GetProperty("holidays_unknown_from").GetString());
        }
        // With outbound calls only cc-callcenter can rate them, and its rates do not depend on the day type.
        var withOutbound = inbound.Concat(inbound.Take(20).Select(r => r.Replace(",in", ",out", StringComparison.Ordinal).Replace("d0", "o0", StringComparison.Ordinal).Replace("d1", "o1", StringComparison.Ordinal))).ToList();
        (code, output, err) = Run("advise", "--calls", FileOf("feb-nov-out.csv", withOutbound), "--json");
        Assert.True(code == 0, err);
        using var only = JsonDocument.Parse(output);
        Assert.Equal(["cloudcall/cc-callcenter"], only.RootElement.GetProperty("plans").EnumerateArray().Select(p => p.GetProperty("key").GetString()));
        Assert.Equal(JsonValueKind.Null, only.RootElement.GetProperty("holidays_unknown_from").ValueKind);
    }

    private static string SampleAccounts => Hotline400.Tests.Audit.AuditSamples.Sample("accounts.yaml");
}
