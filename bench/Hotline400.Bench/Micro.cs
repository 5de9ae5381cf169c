using BenchmarkDotNet.Attributes;
using Hotline400.Accounts;
using Hotline400.Catalog;
using Hotline400.Calls;
using Hotline400.Rating;
using Hotline400.Simulation;

namespace Hotline400.Bench;

/// <summary>Costs of the rating path's parts on one ordinary week of simulated calls (about 84,000) held in memory.</summary>
[MemoryDiagnoser]
public class RatingMicro
{
    private byte[] _csv = [];
    private List<CallRecord> _records = [];
    private TariffCatalog _catalog = null!;
    private AccountBook _accounts = null!;

    [GlobalSetup]
    public void Setup()
    {
        _catalog = CatalogLoader.Sample();
        _accounts = AccountsLoader.Sample(_catalog);
        using var ms = new MemoryStream();
        new TrafficSimulator(_accounts, new SimulationOptions(new DateOnly(2026, 9, 7), new DateOnly(2026, 9, 13), 1, 700)).WriteCsv(ms);
        _csv = ms.ToArray();
        _records = [];
        using var reader = Open();
        while (reader.Next(out var record, out _))
        {
            if (record is not null)
            {
                _records.Add(record);
            }
        }
        _records.Sort(CallRecord.CompareForRating);
        Console.WriteLine($"// {_records.Count:N0} calls per operation");
    }

    private CallReader Open() => CallReader.Open(new CsvRowReader(new MemoryStream(_csv)), "bench.csv", 0, ColumnMap.Default, out _)!;

    [Benchmark(Description = "CSV parse + validate (all rows)")]
    public int Parse()
    {
        var n = 0;
        using var reader = Open();
        while (reader.Next(out _, out _))
        {
            n++;
        }
        return n;
    }

    [Benchmark(Description = "Rate (all rows, in order)")]
    public decimal Rate()
    {
        var rater = new Rater(_catalog, _accounts);
        var total = 0m;
        foreach (var r in _records)
        {
            total += rater.Rate(r, out _)?.Charge.Yuan ?? 0;
        }
        return total;
    }

    [Benchmark(Description = "Rate + format rated CSV rows (all rows)")]
    public long RateAndWrite()
    {
        var rater = new Rater(_catalog, _accounts);
        var output = new CountingStream();
        using (var writer = new RatedCsvWriter(output, TrafficSimulator.Header, Hotline400.Common.Language.Zh))
        {
            foreach (var r in _records)
            {
                if (rater.Rate(r, out _) is { } rated)
                {
                    writer.Rated(rated);
                }
            }
        }
        return output.Length;
    }

    /// <summary>Counts what is written and keeps none of it, so the benchmark measures formatting, not a growing buffer.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
