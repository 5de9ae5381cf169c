using System.Text;
using CsCheck;
using Hotline400.Calls;
using Hotline400.Common;
using static Hotline400.Tests.TestWorld;

namespace Hotline400.Tests.Calls;

/// <summary>Call-record import: validation with line, field and reason; timestamps; column mapping; CSV details.</summary>
public class CallReaderTests
{
    /// <summary>Reads CSV text (header included) and returns what the reader made of every row, or the error when the file is unusable.</summary>
    private static (List<CallRecord> Records, List<CallReject> Rejects, string? Error) Read(string text, ColumnMap? map = null, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bom)
        {
            bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        }
        var reader = CallReader.Open(new CsvRowReader(new MemoryStream(bytes)), "calls.csv", 0, map ?? ColumnMap.Default, out var error);
        var records = new List<CallRecord>();
        var rejects = new List<CallReject>();
        if (reader is null)
        {
            return (records, rejects, error?.En);
        }
        using (reader)
        {
            while (reader.Next(out var record, out var reject))
            {
                if (record is not null)
                {
                    records.Add(record);
                }
                else
                {
                    rejects.Add(reject!);
                }
            }
        }
        return (records, rejects, null);
    }

    private const string Good = "c1,4008000000,13800138000,2026-03-02T10:00:00,2026-03-02T10:00:05,2026-03-02T10:01:05,13900000000,answered,0,in";

    [Theory]
    // row, field, reason fragment
    [InlineData("c1,4008000000,13800138000,2026-03-02T10:00:00", "", "the row has 4 columns, the header 10")]
    [InlineData("c1,4008000000,13800138000,2026-03-02T10:00:00,,2026-03-02T10:01:05,,missed,0,in,extra", "", "the row has 11 columns")]
    [InlineData(",4008000000,13800138000,2026-03-02T10:00:00,,2026-03-02T10:01:05,,missed,0,in", "call_id", "call_id is empty")]
    [InlineData("  ,4008000000,13800138000,2026-03-02T10:00:00,,2026-03-02T10:01:05,,missed,0,in", "call_id", "call_id is empty")]
    [InlineData("c1,4011234567,13800138000,2026-03-02T10:00:00,,2026-03-02T10:01:05,,missed,0,in", "number", "'4011234567' is not a 400 number")]
    [InlineData("c1,400123,13800138000,2026-03-02T10:00:00,,2026-03-02T10:01:05,,missed,0,in", "number", "'400123' is not a 400 number")]
    [InlineData("c1,,13800138000,2026-03-02T10:00:00,,2026-03-02T10:01:05,,missed,0,in", "number", "is not a 400 number")]
    [InlineData("c1,4008000000,13800138000,2026-03-02 25:00:00,,2026-03-02T10:01:05,,missed,0,in", "started_at", "'2026-03-02 25:00:00' is not a time")]
    [InlineData("c1,4008000000,13800138000,02/03/2026 10:00,,2026-03-02T10:01:05,,missed,0,in", "started_at", "is not a time")]
    [InlineData("c1,4008000000,13800138000,,,2026-03-02T10:01:05,,missed,0,in", "started_at", "started_at is empty")]
    [InlineData("c1,4008000000,13800138000,2026-03-02T10:00:00,,2026-03-32T10:01:05,,missed,0,in", "ended_at", "is not a time")]
    [InlineData("c1,4008000000,13800138000,2026-03-02T10:00:00,10:00:05,2026-03-02T10:01:05,,answered,0,in", "answered_at", "is not a time")]
    [InlineData("c1,4008000000,13800138000,2026-03-02T10:00:00,,2026-03-02T09:59:59,,missed,0,in", "ended_at", "before it starts")]
    [InlineData("c1,4008000000,13800138000,2026-03-02T10:00:00,2026-03-02T09:59:00,2026-03-02T10:01:05,,answered,0,in", "answered_at", "outside the call")]
    [InlineData("c1,4008000000,13800138000,2026-03-02T10:00:00,2026-03-02T10:02:00,2026-03-02T10:01:05,,answered,0,in", "answered_at", "outside the call")]
    [InlineData("c1,4008000000,13800138000,2026-03-02T10:00:00,,2026-03-03T10:00:01,,missed,0,in", "ended_at", "no call lasts more than 24 hours")]
    [InlineData("c1,4008000000,13800138000,2026-03-02T10:00:00,,2026-03-02T10:01:05,,hungup,0,in", "outcome", "unknown outcome 'hungup'")]
    [InlineData("c1,4008000000,13800138000,2026-03-02T10:00:00,,2026-03-02T10:01:05,,,0,in", "outcome", "unknown outcome ''")]
    [InlineData("c1,4008000000,13800138000,2026-03-02T10:00:00,,2026-03-02T10:01:05,,answered,0,in", "answered_at", "the outcome is answered but answered_at is empty")]
    [InlineData("c1,4008000000,13800138000,2026-03-02T10:00:00,2026-03-02T10:00:05,2026-03-02T10:01:05,,missed,0,in", "outcome", "answered_at is given but the outcome is missed")]
    [InlineData("c1,4008000000,13800138000,2026-03-02T10:00:00,2026-03-02T10:00:05,2026-03-02T10:01:05,,answered,yes,in", "recorded", "recorded must be 1 or 0, found 'yes'")]
    [InlineData("c1,4008000000,13800138000,2026-03-02T10:00:00,2026-03-02T10:00:05,2026-03-02T10:01:05,,answered,0,sideways", "direction", "direction must be in or out, found 'sideways'")]
    public void A_bad_row_is_rejected_naming_its_line_field_and_reason(string row, string field, string reason)
    {
        // Two good rows around the bad one, so the line number is not trivially 2.
        var (records, rejects, error) = Read(Header + "\n" + Good + "\n" + row + "\n" + Good.Replace("c1,", "c3,", StringComparison.Ordinal) + "\n");
        Assert.Null(error);
        var reject = Assert.Single(rejects);
        Assert.Equal(3, reject.Line);
        Assert.Equal(field, reject.Field);
        Assert.Contains(reason, reject.Message(Language.En), StringComparison.Ordinal);
        Assert.Equal(row, reject.Raw);
        Assert.Equal("calls.csv", reject.File);
        Assert.Equal([2, 4], records.Select(r => r.Line));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Recorded_accepts_one_zero_true_false_and_empty(string value, bool recorded)
    {
        var (records, rejects, _) = Read(Header + "\n" + Good.Replace(",answered,0,in", $",answered,{value},in", StringComparison.Ordinal) + "\n");
        Assert.Empty(rejects);
        Assert.Equal(recorded, Assert.Single(records).Recorded);
    }

    [Theory]
    [InlineData("in", Direction.In)]
    [InlineData("", Direction.In)]
    [InlineData("out", Direction.Out)]
    public void Direction_defaults_to_in(string value, Direction direction)
    {
        var (records, _, _) = Read(Header + "\n" + Good.Replace(",answered,0,in", $",answered,0,{value}", StringComparison.Ordinal) + "\n");
        Assert.Equal(direction, Assert.Single(records).Direction);
    }

    [Theory]
    [InlineData("answered", Outcome.Answered)]
    [InlineData("接通", Outcome.Answered)]
    public void Outcomes_are_read_in_English_and_Chinese(string word, Outcome outcome)
    {
        var (records, _, _) = Read(Header + "\n" + Good.Replace(",answered,", $",{word},", StringComparison.Ordinal) + "\n");
        Assert.Equal(outcome, Assert.Single(records).Outcome);
    }

    [Theory]
    [InlineData("missed", Outcome.Missed)]
    [InlineData("busy", Outcome.Busy)]
    [InlineData("voicemail", Outcome.Voicemail)]
    [InlineData("abandoned", Outcome.Abandoned)]
    [InlineData("blocked", Outcome.Blocked)]
    [InlineData("未接", Outcome.Missed)]
    [InlineData("占线", Outcome.Busy)]
    [InlineData("留言", Outcome.Voicemail)]
    [InlineData("放弃", Outcome.Abandoned)]
    [InlineData("拦截", Outcome.Blocked)]
    public void Unanswered_outcomes_are_read_in_English_and_Chinese(string word, Outcome outcome)
    {
        var (records, _, _) = Read(Header + $"\nc1,4008000000,,2026-03-02T10:00:00,,2026-03-02T10:00:20,,{word},0,in\n");
        var record = Assert.Single(records);
        Assert.Equal(outcome, record.Outcome);
        Assert.False(record.WasAnswered);
    }

    [Theory]
    [InlineData("400-800-0000")]
    [InlineData("+86 400 800 0000")]
    [InlineData("400 800 0000")]
    public void The_number_tolerates_dashes_spaces_and_country_code(string number)
    {
        var (records, rejects, _) = Read(Header + "\n" + Good.Replace("4008000000", number, StringComparison.Ordinal) + "\n");
        Assert.Empty(rejects);
        Assert.Equal(4008000000, Assert.Single(records).Number.Value);
    }

    [Fact]
    public void An_unknown_400_number_is_rejected_by_the_rater_on_the_number_field()
    {
        var (result, counts) = Rate([Answered("c1", NumberFor("flat"), "2026-03-02T10:00:00", 30), Answered("c2", "4008123456", "2026-03-02T10:00:00", 30)]);
        var reject = Assert.Single(result.Rejected);
        Assert.Equal(("number", 3), (reject.Field, reject.Line));
        Assert.Contains("unknown 400 number 400-812-3456", reject.Message(Language.En), StringComparison.Ordinal);
        Assert.EndsWith("calls0.csv", reject.File, StringComparison.Ordinal);
        Assert.Equal((2, 1, 1), (counts.Read, counts.Rated, counts.Rejected));
    }

    [Fact]
    public void A_call_outside_every_subscription_is_rejected_on_its_China_date()
    {
        // The subscriptions start 2026-01-01 (China date).
        var (result, counts) = Rate(
        [
            Answered("c1", NumberFor("flat"), "2025-12-31T23:59:00", 30),
            "c2,4008000000,,2025-12-31T16:30:00Z,2025-12-31T16:30:05Z,2025-12-31T16:31:00Z,,answered,0,in", // 00:30 on 2026-01-01 in China
        ]);
        var reject = Assert.Single(result.Rejected);
        Assert.Equal(("started_at", 2), (reject.Field, reject.Line));
        Assert.Contains("400-800-0000 has no subscription on 2025-12-31", reject.Message(Language.En), StringComparison.Ordinal);
        Assert.Equal(1, counts.Rated);
        Assert.Equal("c2", result.Rated[0].Call.CallId);
    }

    // ---- timestamps -------------------------------------------------------------------------

    [Theory]
    [InlineData("2026-10-01T00:30:00", "2026-09-30T16:30:00.000Z")]          // no offset: China Standard Time
    [InlineData("2026-10-01 00:30:00", "2026-09-30T16:30:00.000Z")]          // space separator
    [InlineData("2026-10-01t00:30:00", "2026-09-30T16:30:00.000Z")]
    [InlineData("2026-10-01T00:30:00Z", "2026-10-01T00:30:00.000Z")]
    [InlineData("2026-10-01T00:30:00z", "2026-10-01T00:30:00.000Z")]
    [InlineData("2026-10-01T00:30:00+08:00", "2026-09-30T16:30:00.000Z")]
    [InlineData("2026-10-01T00:30:00+0800", "2026-09-30T16:30:00.000Z")]
    [InlineData("2026-10-01T00:30:00+08", "2026-09-30T16:30:00.000Z")]
    [InlineData("2026-10-01T00:30:00-05:00", "2026-10-01T05:30:00.000Z")]
    [InlineData("2026-10-01T00:30:00+05:30", "2026-09-30T19:00:00.000Z")]
    [InlineData("2026-10-01T00:30:00.5", "2026-09-30T16:30:00.500Z")]
    [InlineData("2026-10-01T00:30:00.123456789Z", "2026-10-01T00:30:00.123Z")]  // beyond milliseconds is dropped
    [InlineData("2026-10-01T00:30:00,25+08:00", "2026-09-30T16:30:00.250Z")]
    [InlineData("2026-10-01 00:30:00.007+0800", "2026-09-30T16:30:00.007Z")]
    [InlineData("2024-02-29T12:00:00Z", "2024-02-29T12:00:00.000Z")]         // leap day
    [InlineData("1970-01-01T08:00:00", "1970-01-01T00:00:00.000Z")]
    public void Timestamps_are_ISO_8601_with_China_time_by_default(string text, string utc)
    {
        Assert.True(Timestamp.TryParse(Encoding.UTF8.GetBytes(text), out var ms), text);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.FromUnixTimeMilliseconds(ms));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-10-01")]
    [InlineData("2026-10-01T00:30")]
    [InlineData("2026/10/01 00:30:00")]
    [InlineData("2026-13-01T00:00:00")]
    [InlineData("2026-00-10T00:00:00")]
    [InlineData("2026-02-29T00:00:00")]   // 2026 is not a leap year
    [InlineData("2026-04-31T00:00:00")]
    [InlineData("2026-10-01T24:00:00")]
    [InlineData("2026-10-01T00:60:00")]
    [InlineData("2026-10-01T00:00:60")]
    [InlineData("2026-10-01T00:30:00.")]
    [InlineData("2026-10-01T00:30:00+8")]
    [InlineData("2026-10-01T00:30:00+08:0")]
    [InlineData("2026-10-01T00:30:00+15:00")]
    [InlineData("2026-10-01T00:30:00+08:60")]
    [InlineData("2026-10-01T00:30:00ZZ")]
    [InlineData("2026-10-01T00:30:00 CST")]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("２０２６-10-01T00:30:00")]
    public void Malformed_timestamps_are_refused(string text) =>
        Assert.False(Timestamp.TryParse(Encoding.UTF8.GetBytes(text), out _), text);

    [Fact]
    public void A_row_with_an_offset_and_one_without_mean_the_same_instant()
    {
        var (records, _, _) = Read(Header + "\n"
            + "c1,4008000000,,2026-10-01T00:30:00,,2026-10-01T00:31:00,,missed,0,in\n"
            + "c2,4008000000,,2026-09-30T16:30:00Z,,2026-09-30 16:31:00+00:00,,missed,0,in\n");
        Assert.Equal(records[0].StartedMs, records[1].StartedMs);
        Assert.Equal(records[0].EndedMs, records[1].EndedMs);
    }

    [Fact]
    public void A_call_that_lasts_exactly_24_hours_is_accepted()
    {
        var (records, rejects, _) = Read(Header + "\nc1,4008000000,,2026-03-02T10:00:00,,2026-03-03T10:00:00,,missed,0,in\n");
        Assert.Empty(rejects);
        Assert.Single(records);
    }

    // ---- column mapping --------------------------------------------------------------------------

    private const string ChineseMap = "call_id=通话ID,number=被叫号码,caller=主叫号码,started_at=开始时间,answered_at=接听时间,ended_at=结束时间,answered_by=接听号码,outcome=结果";

    [Fact]
    public void A_provider_export_with_Chinese_headers_rates_through_a_column_map()
    {
        var map = ColumnMap.Parse(ChineseMap, out var error);
        Assert.Null(error);
        var text = "通话ID,被叫号码,主叫号码,开始时间,接听时间,结束时间,接听号码,结果\n"
            + "z1,400-800-0000,13800138000,2026-03-02 10:00:00,2026-03-02 10:00:05,2026-03-02 10:01:06,13900000000,接通\n"
            + "z2,400-800-0002,13800138000,2026-03-02 10:00:00,2026-03-02 10:00:05,2026-03-02 10:02:06,13900000000,answered\n"
            + "z3,400-800-0000,13800138000,2026-03-02 11:00:00,,2026-03-02 11:00:20,,未接\n";
        var catalog = TestWorld.Catalog;
        var (result, counts) = RateTexts(catalog, TestWorld.Accounts(catalog), map!, text);
        Assert.Equal((3, 3, 0), (counts.Read, counts.Rated, counts.Rejected));
        Assert.Equal(0.20m, result.Call("z1").Charge.Yuan);          // 61 s on the flat plan: 2 minutes
        Assert.Equal(0.24m, result.Call("z2").Charge.Yuan);          // 121 s per second at 0.12
        Assert.Equal(0m, result.Call("z3").Charge.Yuan);
        Assert.False(result.Call("z1").Call.Recorded);               // no recorded column: not recorded
        Assert.Equal("13900000000", result.Call("z1").Call.AnsweredBy);
    }

    [Theory]
    [InlineData("phone=被叫号码", "--map: unknown field 'phone'; fields are call_id, number, caller")]
    [InlineData("number", "--map: 'number' is not field=column")]
    [InlineData("number=", "--map: 'number=' is not field=column")]
    [InlineData("=被叫号码", "is not field=column")]
    public void A_bad_column_map_gives_a_clear_error(string text, string message)
    {
        Assert.Null(ColumnMap.Parse(text, out var error));
        Assert.Contains(message, error!.En, StringComparison.Ordinal);
        Assert.StartsWith("--map：", error.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapped_column_missing_from_the_file_is_named()
    {
        var map = ColumnMap.Parse("number=被叫号码", out _)!;
        var (_, _, error) = Read(Header + "\n" + Good + "\n", map);
        Assert.NotNull(error);
        Assert.Contains("calls.csv:1: the header lacks required column 被叫号码 (for number)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("call_id", "id,number,caller,started_at,answered_at,ended_at,answered_by,outcome", "required column call_id;")]
    [InlineData("outcome", "call_id,number,caller,started_at,answered_at,ended_at,answered_by", "required column outcome;")]
    [InlineData("two", "call_id,caller,started_at,answered_at,answered_by,outcome", "required columns number, ended_at;")]
    public void A_missing_required_header_column_makes_the_file_unusable(string _, string header, string message)
    {
        var (records, rejects, error) = Read(header + "\n" + "x\n");
        Assert.NotNull(error);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(records);
        Assert.Empty(rejects);
    }

    [Fact]
    public void An_empty_file_is_unusable_and_says_a_header_is_required()
    {
        var (_, _, error) = Read("");
        Assert.Contains("a header row is required", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_columns_may_be_absent_and_extra_columns_are_ignored()
    {
        var (records, rejects, _) = Read("note,call_id,number,started_at,ended_at,outcome\nhello,c1,4008000000,2026-03-02T10:00:00,2026-03-02T10:01:00,missed\n");
        Assert.Empty(rejects);
        var r = Assert.Single(records);
        Assert.Equal(("c1", Direction.In, false), (r.CallId, r.Direction, r.Recorded));
    }

    // ---- CSV details ---------------------------------------------------------------------------------

    [Fact]
    public void Quoted_fields_with_commas_doubled_quotes_and_line_breaks_keep_later_line_numbers_right()
    {
        var text = Header + "\n"
            + "c1,4008000000,13800138000,2026-03-02T10:00:00,2026-03-02T10:00:05,2026-03-02T10:01:05,\"Zhang, San\",answered,0,in\n"
            + "c2,4008000000,13800138000,2026-03-02T10:00:00,2026-03-02T10:00:05,2026-03-02T10:01:05,\"He said \"\"hi\"\"\",answered,0,in\n"
            + "c3,4008000000,13800138000,2026-03-02T10:00:00,2026-03-02T10:00:05,2026-03-02T10:01:05,\"line one\nline two\nline three\",answered,0,in\n"
            + "\"c4\",\"4008000000\",13800138000,2026-03-02T10:00:00,2026-03-02T10:00:05,2026-03-02T10:01:05,,answered,0,in\n"
            + "c5,4011234567,,2026-03-02T10:00:00,,2026-03-02T10:01:05,,missed,0,in\n";
        var (records, rejects, error) = Read(text);
        Assert.Null(error);
        Assert.Equal(["c1", "c2", "c3", "c4"], records.Select(r => r.CallId));
        Assert.Equal("Zhang, San", records[0].AnsweredBy);
        Assert.Equal("He said \"hi\"", records[1].AnsweredBy);
        Assert.Equal("line one\nline two\nline three", records[2].AnsweredBy);
        Assert.Equal([2, 3, 4, 7], records.Select(r => r.Line));
        var reject = Assert.Single(rejects);
        Assert.Equal(8, reject.Line);
        Assert.Equal("number", reject.Field);
    }

    [Fact]
    public void CRLF_line_ends_a_BOM_and_blank_lines_are_handled()
    {
        var text = Header + "\r\n"
            + Good + "\r\n"
            + "\r\n"
            + "\n"
            + Good.Replace("c1,", "c2,", StringComparison.Ordinal) + "\r\n"
            + "c3,4008000000,13800138000,2026-03-02T10:00:00,2026-03-02T10:00:05,2026-03-02T10:01:05,\"two\r\nlines\",answered,0,in\r\n"
            + "c4,4008000000,,2026-03-02T10:00:00,,2026-03-02T10:01:05,,missed,0,sideways\r\n";
        var (records, rejects, error) = Read(text, bom: true);
        Assert.Null(error);
        Assert.Equal(["c1", "c2", "c3"], records.Select(r => r.CallId));
        Assert.Equal([2, 5, 6], records.Select(r => r.Line));
        Assert.Equal("in", Encoding.UTF8.GetString(records[0].Raw)[^2..]);   // no \r left on the last field
        Assert.Equal(Direction.In, records[1].Direction);
        Assert.Equal("two\r\nlines", records[2].AnsweredBy);
        var reject = Assert.Single(rejects);
        Assert.Equal((8, "direction"), (reject.Line, reject.Field));
        Assert.Contains("found 'sideways'", reject.Message(Language.En), StringComparison.Ordinal);
    }

    [Fact]
    public void A_BOM_before_a_quoted_header_is_not_part_of_the_first_column()
    {
        var quotedHeader = string.Join(",", Header.Split(',').Select(h => "\"" + h + "\""));
        var (records, _, error) = Read(quotedHeader + "\n" + Good + "\n", bom: true);
        Assert.Null(error);
        Assert.Single(records);
    }

    [Fact]
    public void A_last_row_without_a_line_break_is_read()
    {
        var (records, _, _) = Read(Header + "\n" + Good);
        Assert.Equal("in", Assert.Single(records).Direction == Direction.In ? "in" : "out");
    }

    /// <summary>Writes fields as RFC 4180 CSV, quoting when needed.</summary>
    private static string Csv(string[][] rows, string newline) =>
        string.Concat(rows.Select(r => string.Join(",", r.Select(f => f.AsSpan().IndexOfAny(",\"\r\n") >= 0 || f.Length == 0 && r.Length == 1 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f)) + newline));

    [Fact]
    public void Any_fields_written_as_RFC_4180_read_back_the_same_at_any_buffer_size()
    {
        var field = Gen.Char["ab ,\"\r\n中é"].Array[0, 8].Select(a => new string(a));
        var row = field.Array[1, 5];
        Gen.Select(row.Array[1, 12], Gen.Int[1, 64], Gen.Bool, Gen.Bool).Sample((rows, bufferSize, crlf, bom) =>
        {
            var newline = crlf ? "\r\n" : "\n";
            var text = Csv(rows, newline);
            var bytes = Encoding.UTF8.GetBytes(text);
            using var csv = new CsvRowReader(new MemoryStream(bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes), bufferSize: bufferSize);
            var line = 1;
            foreach (var expected in rows)
            {
                Assert.True(csv.Read());
                Assert.Equal(line, csv.LineNumber);
                Assert.Equal(expected.Length, csv.FieldCount);
                for (var i = 0; i < expected.Length; i++)
                {
                    Assert.Equal(expected[i], csv.FieldString(i));
                }
                line += 1 + expected.Sum(f => f.Count(c => c == '\n'));
            }
            Assert.False(csv.Read());
        }, iter: 300, threads: 1);
    }
}
