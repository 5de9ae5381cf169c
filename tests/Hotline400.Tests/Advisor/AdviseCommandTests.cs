using System.Text.Json;
using Xunit;

namespace Hotline400.Tests.Advisor;

public sealed class AdviseCommandTests : IDisposable
{
    private readonly TestWorld.TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = global::Hotline400.Cli.CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
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
        Assert.Equal(1, doc.RootElement.GetProperty("months_used").GetInt32());
        var page = File.ReadAllText(html);
        Assert.Contains("<svg", page);
        Assert.DoesNotContain("http://cdn", page);
        Assert.DoesNotContain("<script src", page);
    }
}
