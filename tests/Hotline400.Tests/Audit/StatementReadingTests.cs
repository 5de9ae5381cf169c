using global::Hotline400.Audit;
using global::Hotline400.Common;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Audit;

/// <summary>The provider statement CSV: other layouts through a column map, and rows that cannot be used.</summary>
public sealed class StatementReadingTests
{
    private static readonly string Flat = NumberFor("flat");

    [Fact]
    public void A_statement_with_Chinese_headers_and_words_is_read_through_the_statement_map()
    {
        var catalog = TestWorld.Catalog;
        var accounts = TestWorld.Accounts(catalog);
        var pkg = NumberFor("pkg");
        var text = $"""
            号码,账期,费用类型,通话流水号,计费分钟,单价,金额,备注
            400-800-0000,2026-03,通话费,c1,2,0.10,0.20,
            {pkg},2026-03,通话费,c2,10,0.10,0.00,套餐内
            {pkg},2026-03,月最低消费补足,,,,¥99.00,
            {pkg},2026-03,增值业务费:ivr,,,,300.00,语音导航年费
            """;
        var map = StatementColumnMap.Parse("number=号码,period=账期,line_type=费用类型,call_id=通话流水号,billed_minutes=计费分钟,rate=单价,amount=金额,description=备注", out var mapError);
        Assert.Null(mapError);
        var statement = ProviderStatementReader.ReadText(text, "账单.csv", map!, accounts, out var error);
        Assert.Null(error);
        Assert.Empty(statement!.Rejects);
        Assert.Equal(["call", "call", "minimum", "service_fee:ivr"], statement.Charges.Select(c => c.LineType));
        var (calls, _) = Rate(catalog, accounts, [Answered("c1", Flat, "2026-03-03T10:00:00", 61), Answered("c2", pkg, "2026-03-04T10:00:00", 595)]);
        var r = BillAuditor.Audit(statement, calls.Rated, catalog, accounts);
        var f = Assert.Single(r.Findings);
        Assert.Equal((AuditCause.FeeNotInPlan, "service_fee:ivr", 300.00m), (f.Cause, f.LineType, f.Difference.Yuan));
    }

    [Fact]
    public void A_statement_map_naming_an_unknown_field_is_refused_with_the_fields_listed()
    {
        Assert.Null(StatementColumnMap.Parse("amout=金额", out var error));
        Assert.Contains("unknown field 'amout'", error!.En);
        Assert.Contains("amount", error.En);
        Assert.Contains("--statement-map：未知的字段“amout”", error.Zh);
    }

    [Fact]
    public void A_header_without_a_required_column_makes_the_statement_unusable()
    {
        var accounts = TestWorld.Accounts(TestWorld.Catalog);
        Assert.Null(ProviderStatementReader.ReadText("number,period,amount\n", "s.csv", StatementColumnMap.Default, accounts, out var error));
        Assert.Equal("s.csv:1: the header lacks required column line_type; found number,period,amount", error!.En);
        Assert.Equal("s.csv:1：表头缺少必需的列 line_type；表头实为 number,period,amount", error.Zh);
    }

    [Fact]
    public void A_bad_statement_row_is_reported_with_its_line_and_field_and_the_rest_is_still_audited()
    {
        var r = AuditCauseTests.Audit($"""
            {Flat},2026-03,call,c1,,2,0.10,abc,
            {Flat},2026-13,call,c2,,2,0.10,0.20,
            4001,2026-03,call,c3,,2,0.10,0.20,
            {Flat},2026-03,call,,,2,0.10,0.20,
            {Flat},2026-03,call,c4,,2,0.10,0.20,
            {Flat},2026-03,call,c5,,3,0.10,0.30,
            {Flat},2026-03,call
            """,
            Answered("c1", Flat, "2026-03-03T10:00:00", 61),
            Answered("c4", Flat, "2026-03-04T10:00:00", 61),
            Answered("c5", Flat, "2026-03-05T10:00:00", 61));
        Assert.Equal(
            [
                "statement.csv:2: amount: 'abc' is not an amount in yuan",
                "statement.csv:3: period: '2026-13' is not a billing period: write the month as YYYY-MM, e.g. 2026-10",
                "statement.csv:4: number: '4001' is not a 400 number (400 + 7 digits)",
                "statement.csv:5: call_id: empty on a call line",
                "statement.csv:8: the row has 3 columns, the header 9",
            ],
            r.StatementRejects.Select(x => x.Describe(Language.En)));
        Assert.False(r.Ok);
        // c5 is still audited (3 minutes billed for a 61 s call); c1, whose line was unreadable, is reported by its reject only.
        Assert.Equal(
            [(AuditCause.BilledMinutes, "c5", 0.10m)],
            r.Findings.Select(f => (f.Cause, f.CallId!, f.Difference.Yuan)));
        Assert.Equal("c1", r.StatementRejects[0].CallId);
    }

    [Fact]
    public void A_charged_call_whose_row_cannot_be_read_is_reported_once_as_unreadable_and_not_as_left_out()
    {
        // c2 (170 s, 0.30) is on line 3 with an amount nobody can read; c3 (0.20) is on no line at all.
        var r = AuditCauseTests.Audit($"""
            {Flat},2026-03,call,c1,,2,0.10,0.20,
            {Flat},2026-03,call,c2,,3,0.10,三毛,
            """,
            Answered("c1", Flat, "2026-03-03T10:00:00", 61),
            Answered("c2", Flat, "2026-03-04T10:00:00", 170),
            Answered("c3", Flat, "2026-03-05T10:00:00", 61));
        var reject = Assert.Single(r.StatementRejects);
        Assert.Equal(("statement.csv:3: amount: '三毛' is not an amount in yuan", "c2"), (reject.Describe(Language.En), reject.CallId));
        var f = Assert.Single(r.Findings);
        Assert.Equal((AuditCause.NotBilled, "c3", -0.20m), (f.Cause, f.CallId, f.Difference.Yuan));
        Assert.Equal((0.20m, 0.40m), (r.Billed.Yuan, r.Expected.Yuan));
        Assert.False(r.Ok);
    }

    [Theory]
    [InlineData("1.08元", "1.08")]
    [InlineData("1.08 元", "1.08")]
    [InlineData("¥1.08", "1.08")]
    [InlineData("￥1.08", "1.08")]
    [InlineData("￥ 1.08", "1.08")]
    [InlineData("1,234.50", "1234.50")]
    [InlineData("¥1,234.50", "1234.50")]
    [InlineData("12,345,678.00元", "12345678.00")]
    [InlineData("-5.00", "-5.00")]
    [InlineData("-¥5.00", "-5.00")]
    [InlineData("¥-5.00", "-5.00")]
    [InlineData("-5.00元", "-5.00")]
    [InlineData("5", "5")]
    [InlineData(".5", "0.5")]
    [InlineData("0.122", "0.122")]
    public void Amounts_as_Chinese_billing_exports_write_them_are_read_exactly(string text, string yuan)
    {
        Assert.True(ProviderStatementReader.TryParseAmount(text, out var amount), text);
        Assert.Equal(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture), amount.Yuan);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.08x")]
    [InlineData("1.08元元")]
    [InlineData("元")]
    [InlineData("¥")]
    [InlineData("1,08")]
    [InlineData("12,34.50")]
    [InlineData("1234,567.00")]
    [InlineData("1.0.8")]
    [InlineData("-¥-5.00")]
    [InlineData("--5")]
    [InlineData("1.08 RMB")]
    [InlineData("１.０８")]
    public void Text_that_is_no_amount_in_yuan_is_still_refused(string text)
    {
        Assert.False(ProviderStatementReader.TryParseAmount(text, out _), text);
    }

    [Fact]
    public void A_statement_line_with_its_amount_written_as_1_08元_is_audited_like_1_08()
    {
        // 61 s on the flat plan: 2 minutes × 0.10 = 0.20; 1.08元 on c2 (11 min: 1.10) is 2 fen short.
        var r = AuditCauseTests.Audit($"""
            {Flat},2026-03,call,c1,,2,0.10,0.20元,
            {Flat},2026-03,call,c2,,11,0.10,1.08 元,
            """,
            Answered("c1", Flat, "2026-03-03T10:00:00", 61),
            Answered("c2", Flat, "2026-03-04T10:00:00", 610));
        Assert.Empty(r.StatementRejects);
        var f = Assert.Single(r.Findings);
        Assert.Equal((AuditCause.ChargeDiffers, "c2", 1.10m, 1.08m, -0.02m), (f.Cause, f.CallId, f.Expected.Yuan, f.Billed.Yuan, f.Difference.Yuan));
    }

    [Fact]
    public void A_number_not_in_the_accounts_is_a_bad_row()
    {
        var r = AuditCauseTests.Audit($"""
            4009999999,2026-03,call,c1,,2,0.10,0.20,
            {Flat},2026-03,call,c1,,2,0.10,0.20,
            """, Answered("c1", Flat, "2026-03-03T10:00:00", 61));
        Assert.Equal("statement.csv:2: number: 400-999-9999 is not in the accounts", Assert.Single(r.StatementRejects).Describe(Language.En));
        Assert.Empty(r.Findings);
    }
}
