using Hotline400.Calls;
using Hotline400.Rating;

namespace Hotline400.Tests.Rating;

/// <summary>Output written on a thread of its own: a failed write is reported at the end, and never holds rating up.</summary>
public class BackgroundSinkTests
{
    /// <summary>Guards against a hang only (a TimeoutException).</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private static Task WithinGuard(Action action) => Task.Run(action).WaitAsync(Guard);

    [Fact]
    public async Task A_failed_write_is_reported_at_complete_as_an_io_error_while_output_keeps_being_taken()
    {
        var inner = new FailingSink();
        await WithinGuard(() =>
        {
            using var sink = new BackgroundSink(inner);
            var reject = new CallReject("calls.csv", 2, "started_at", RejectReasons.EmptyTime("started_at"), "raw");
            // Far more than the queue holds: rating must not wait on a writer that has failed.
            for (var i = 0; i < 100_000; i++)
            {
                sink.Rejected(reject);
            }
            var thrown = Assert.Throws<IOException>(sink.Complete);
            Assert.Equal("disk full", thrown.Message);
            Assert.IsType<IOException>(thrown.InnerException);
            sink.Complete(); // reported once
        });
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task Dispose_writes_everything_in_order_as_complete_would()
    {
        var inner = new RecordingSink();
        await WithinGuard(() =>
        {
            using var sink = new BackgroundSink(inner);
            for (var i = 0; i < 2_500; i++)
            {
                sink.Rejected(new CallReject("calls.csv", i, "started_at", RejectReasons.EmptyTime("started_at"), "raw"));
            }
        });
        Assert.Equal(Enumerable.Range(0, 2_500), inner.Lines);
    }

    private sealed class RecordingSink : IRatingSink
    {
        public List<int> Lines { get; } = [];

        public void Rated(RatedCall call) => throw new NotSupportedException();

        public void Rejected(CallReject reject) => Lines.Add(reject.Line);

        public void Duplicate(CallRecord duplicate) => throw new NotSupportedException();
    }

    private sealed class FailingSink : IRatingSink
    {
        public int Calls;

        public void Rated(RatedCall call) => throw new NotSupportedException();

        public void Rejected(CallReject reject)
        {
            Calls++;
            throw new IOException("disk full");
        }

        public void Duplicate(CallRecord duplicate) => throw new NotSupportedException();
    }
}
