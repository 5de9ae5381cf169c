using System.Text.Json;
using Xunit;

namespace Hotline400.Tests.Advisor;

public sealed class AdviseCommandTests : IDisposable
{
    private readonly TestWorld.TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args) => RunAt(TimeProvider.System, args);

    private static (int Code, string Out, string Err) RunAt(TimeProvider clock, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = global::Hotline400.Cli.CliApp.Run(args, stdout, stderr, clock);
        return (code, stdout.ToString(), stderr.ToString());
    }

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
    [InlineData("--png", "no-such-folder/advice.png", "--png: the folder")]
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
        var (code, _, err) = Run("advise", "--calls", file, "--needs", "ivr,telepathy");
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
}
