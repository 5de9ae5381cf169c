using System.Text.Json;
using System.Text.RegularExpressions;
using global::Hotline400.Accounts;
using global::Hotline400.Billing;
using global::Hotline400.Billing.Rendering;
using global::Hotline400.Common;
using global::Hotline400.Reports;
using static Hotline400.Tests.Billing.BillingWorld;

namespace Hotline400.Tests.Billing;

/// <summary>How statements read: plan names, call counts, Chinese punctuation, the term-ending alert.</summary>
public sealed partial class StatementWordingTests
{
    [Fact]
    public void A_statement_names_its_plan_with_the_key_in_parentheses_in_every_format()
    {
        var s = RenderingTests.Sample();
        Assert.Contains("\n套餐：480元年套餐（b/p480）\n", StatementText.Render(s), StringComparison.Ordinal);
        Assert.Contains("\nPlan: 480 annual (b/p480)\n", StatementText.Render(s, Language.En), StringComparison.Ordinal);
        Assert.Contains("套餐：480元年套餐（b/p480）", StatementHtml.Render(s), StringComparison.Ordinal);
        Assert.Contains(StatementPdf.ToDocument(s).Facts, f => f is ("套餐", "480元年套餐（b/p480）"));
        using var json = JsonDocument.Parse(StatementJson.Render(s));
        var plan = Assert.Single(json.RootElement.GetProperty("plans").EnumerateArray().ToList());
        Assert.Equal(("b/p480", "480元年套餐"), (plan.GetProperty("key").GetString(), plan.GetProperty("name").GetString()));
    }

    [Fact]
    public void A_statement_issued_before_plan_names_were_kept_shows_the_plan_key()
    {
        var s = RenderingTests.Sample();
        var old = new Statement
        {
            Number = s.Number, EnterpriseId = s.EnterpriseId, Period = s.Period, Lines = s.Lines, Totals = s.Totals, Alerts = s.Alerts,
            CallDetails = s.CallDetails, LedgerEntries = s.LedgerEntries, Plans = s.Plans,
        };
        Assert.Contains("\n套餐：b/p480\n", StatementText.Render(old), StringComparison.Ordinal);
    }

    [Fact]
    public void A_trace_counts_calls_in_the_readers_language()
    {
        var trace = new LineTrace("cloudcall/cc-split", 1, "rate", 34);
        Assert.Equal("cloudcall/cc-split v1 rate · 34 通", trace.In(Language.Zh));
        Assert.Equal("cloudcall/cc-split v1 rate · 34 calls", trace.In(Language.En));
        Assert.Equal("p v2 rate · 1 call", new LineTrace("p", 2, "rate", 1).In(Language.En));
        Assert.Equal("p v2 monthly_fee", new LineTrace("p", 2, "monthly_fee").In(Language.Zh));

        var s = RenderingTests.Sample();
        var html = System.Net.WebUtility.HtmlDecode(StatementHtml.Render(s));
        Assert.Contains("b/p480 v1 rate, allowance · 2 通", html, StringComparison.Ordinal);
        Assert.Contains(StatementPdf.ToDocument(s).Tables[0].Rows, r => r[4] == "b/p480 v1 rate, allowance · 2 通");
        Assert.DoesNotContain(" calls", html, StringComparison.Ordinal);
        Assert.Contains("b/p480 v1 rate, allowance · 2 calls", System.Net.WebUtility.HtmlDecode(StatementHtml.Render(s, Language.En)), StringComparison.Ordinal);
    }

    [Theory]
    // p480's terms are 12 months from the start; December 2026's statement speaks for 2026-12-31.
    [InlineData("start: 2026-01-01", "套餐于 2026-12-31（本账期最后一天）到期，请及时续费", "The term ends on 2026-12-31, the last day of this period: renew in time")]
    [InlineData("start: 2026-01-02", "套餐将于 2027-01-01（账期结束次日）到期，请及时续费", "The term ends on 2027-01-01, the day after this period: renew in time")]
    [InlineData("start: 2026-01-16", "套餐将于 2027-01-15（账期结束 15 天后）到期，请及时续费", "The term ends on 2027-01-15, 15 days after this period: renew in time")]
    [InlineData("start: 2026-01-01, end: 2026-12-10", "套餐已于 2026-12-10 到期，请及时续费", "The term ended on 2026-12-10: renew in time")]
    public void The_term_ending_alert_says_when_from_the_end_of_the_period(string dates, string zh, string en)
    {
        var accounts = Book(Tariffs, $"{{ number: {Number(1)}, plan: b/p480, {dates} }}");
        var (s, _) = Bill(Tariffs, accounts, Number(1), "2026-12", []);
        var alert = Assert.Single(s.Alerts, a => a.Kind == AlertKind.TermEnding);
        Assert.Equal((zh, en), (alert.Message.Zh, alert.Message.En));
    }

    // A half-width colon, comma or semicolon touching Chinese text (with or without a space), or a
    // half-width parenthesis touching it, in a sentence of a statement.
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}\s?[:,;]|[:,;]\s?\p{IsCJKUnifiedIdeographs}|\p{IsCJKUnifiedIdeographs}\s?[()]|[()]\s?\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HalfWidthInChinese();

    [Fact]
    public void Chinese_statement_sentences_use_full_width_punctuation()
    {
        // Every plan of the billing test catalog, some starting mid-month (prorated fees and minimum),
        // with services, a pretty number's selection fee, extra seats, a low balance and a term ending.
        var cat = Tariffs;
        string[] plans = ["p480", "p480full", "p480pro", "fy", "fee", "pct", "flat", "secline", "seats"];
        var book = Book(cat, [.. plans.Select((p, i) =>
            $"{{ number: {Number(i)}, plan: b/{p}, start: 2026-{(i % 2 == 0 ? "10-16" : "01-01")}, grade: {(i == 3 ? "abab" : "standard")}, " +
            "services: [ { id: recording, start: 2026-10-10 }, { id: ivr, start: 2026-10-01 }, { id: crbt, start: 2026-10-05 } ] }")]);
        var options = new StatementOptions { Seats = 14 };
        var sentences = new List<string>();
        for (var i = 0; i < plans.Length; i++)
        {
            var sub = book.Find(global::Hotline400.Numbers.HotlineNumber.Parse(Number(i)))!.Subscriptions[0];
            var ledger = new PrepaidLedger(sub);
            ledger.Append(new LedgerEntry(LedgerEntryKind.TopUp, new DateOnly(2026, 9, 1), new global::Hotline400.Money.Money(25m), 0m, new LocalizedText("充值", "Top-up"), "t"));
            string[] rows = [.. Enumerable.Range(0, 30).Select(c => TestWorld.Answered($"c{c}", Number(i), $"2026-10-{16 + c % 15:00}T10:{c:00}:00", 40 * 60 + c, recorded: c % 2))];
            var (s, _) = Bill(cat, book, Number(i), "2026-10", rows, [ledger], options);
            sentences.AddRange(s.Lines.Select(l => l.Description.Zh));
            sentences.AddRange(s.Alerts.Select(a => a.Message.Zh));
            sentences.AddRange(s.LedgerEntries.Select(e => e.Entry.Reason.Zh));
            sentences.AddRange(StatementText.Render(s).Split('\n'));
        }
        var (adjusted, adjustment) = RenderingTests.SampleAdjusted();
        sentences.AddRange(adjustment.Adjustment.Lines.Select(l => l.Reason.Zh));
        sentences.AddRange(StatementText.Render(adjusted, adjustments: [adjustment]).Split('\n'));

        Assert.Contains(sentences, t => t.Contains("按天折算", StringComparison.Ordinal));      // the cases are there
        Assert.Contains(sentences, t => t.StartsWith("优惠：", StringComparison.Ordinal));
        Assert.Contains(sentences, t => t.StartsWith("坐席 ", StringComparison.Ordinal));
        Assert.Contains(sentences, t => t.StartsWith("预存余额 ", StringComparison.Ordinal));
        Assert.Empty(sentences.Where(t => HalfWidthInChinese().IsMatch(t)).Distinct());
    }
}
