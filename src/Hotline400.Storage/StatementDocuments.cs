using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hotline400.Billing;
using Hotline400.Numbers;

namespace Hotline400.Storage;

/// <summary>
/// Issued statements and adjustments as stored documents: the domain objects serialized whole,
/// so a statement reads back exactly as it was issued (amounts exact, lines with their traces).
/// </summary>
internal static class StatementDocuments
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new PeriodConverter(), new NumberConverter(), new JsonStringEnumConverter() },
    };

    public static string Serialize(Statement statement) => JsonSerializer.Serialize(statement, Options);

    /// <summary>The same document as <see cref="Serialize(Statement)"/>, written as UTF-8 to <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, Statement statement)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = Options.Encoder, Indented = false, SkipValidation = true });
        JsonSerializer.Serialize(writer, statement, Options);
    }

    public static string Serialize(StatementAdjustment adjustment) => JsonSerializer.Serialize(adjustment, Options);

    public static Statement ReadStatement(string json) =>
        JsonSerializer.Deserialize<Statement>(json, Options) ?? throw new WorkspaceException(WorkspaceProblems.StatementEmpty());

    public static StatementAdjustment ReadAdjustment(string json) =>
        JsonSerializer.Deserialize<StatementAdjustment>(json, Options) ?? throw new WorkspaceException(WorkspaceProblems.AdjustmentEmpty());

    private sealed class PeriodConverter : JsonConverter<BillingPeriod>
    {
        public override BillingPeriod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            BillingPeriod.TryParse(reader.GetString(), out var period, out var error) ? period.Value : throw new JsonException(error.En);

        public override void Write(Utf8JsonWriter writer, BillingPeriod value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }

    private sealed class NumberConverter : JsonConverter<HotlineNumber>
    {
        public override HotlineNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(long.Parse(reader.GetString() ?? "", CultureInfo.InvariantCulture));

        public override void Write(Utf8JsonWriter writer, HotlineNumber value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
