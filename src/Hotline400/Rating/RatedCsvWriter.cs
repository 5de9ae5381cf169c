using System.Buffers;
using System.Globalization;
using System.Text;
using Hotline400.Calls;
using Hotline400.Common;

namespace Hotline400.Rating;

/// <summary>
/// Writes rated calls as CSV: the input columns as they stood in the file, followed by the
/// rating columns. Rows come in rating order (start time, then call id).
/// </summary>
public sealed class RatedCsvWriter : IRatingSink, IDisposable
{
    public static readonly string[] Columns =
        ["billable_seconds", "units", "band", "rate", "allowance_used", "charge", "plan", "plan_version", "explanation", "billed_seconds", "billing_from", "caller_region", "caller_share"];

    private readonly Stream _out;
    private readonly Language _language;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;
    private readonly StringBuilder _text = new(256);

    public RatedCsvWriter(Stream output, string inputHeader, Language language)
    {
        _out = output;
        _language = language;
        Write(Encoding.UTF8.GetBytes(inputHeader + "," + string.Join(",", Columns) + "\n"));
    }

    public void Rated(RatedCall call)
    {
        var inv = CultureInfo.InvariantCulture;
        Write(call.Call.Raw);
        Comma();
        Number(call.BillableSeconds);
        Comma();
        Number(call.Units);
        Comma();
        _text.Clear();
        for (var i = 0; i < call.Pieces.Length; i++)
        {
            var id = Explanation.BandId(call, call.Pieces[i].BandIndex);
            if (i == 0 || !_text.ToString().Split('+').Contains(id))
            {
                _text.Append(i == 0 ? "" : "+").Append(id);
            }
        }
        Field(_text);
        Comma();
        if (call.Pieces.Length > 0)
        {
            Ensure(32);
            call.MainPiece.Rate.YuanPerMinute.TryFormat(_buffer.AsSpan(_used), out var n, "0.00##", inv);
            _used += n;
        }
        Comma();
        Ensure(32);
        (call.AllowanceUsedSeconds / 60m).TryFormat(_buffer.AsSpan(_used), out var w, "0.##", inv);
        _used += w;
        Comma();
        MoneyField(call.Charge);
        Comma();
        _text.Clear().Append(call.Plan.Key);
        Field(_text);
        Comma();
        Number(call.Version.Number);
        Comma();
        _text.Clear();
        Explanation.Append(_text, call, _language);
        Field(_text);
        Comma();
        Number(call.BilledSeconds);
        Comma();
        Write(call.BillingFrom switch { BillingFrom.Answer => "answer"u8, BillingFrom.Pickup => "pickup"u8, _ => "none"u8 });
        Comma();
        _text.Clear().Append(RegionName(call));
        Field(_text);
        Comma();
        MoneyField(call.CallerShare);
        Write("\n"u8);
    }

    private string RegionName(RatedCall call)
    {
        var region = Numbers.RegionResolver.Shared.GetRegion(call.RegionId);
        return _language == Language.Zh ? region.NameZh : region.NameEn;
    }

    public void Rejected(CallReject reject)
    {
    }

    public void Duplicate(CallRecord duplicate)
    {
    }

    private void Comma()
    {
        Ensure(1);
        _buffer[_used++] = (byte)',';
    }

    private void Number(long value)
    {
        Ensure(24);
        value.TryFormat(_buffer.AsSpan(_used), out var n, default, CultureInfo.InvariantCulture);
        _used += n;
    }

    private void MoneyField(Money.Money money)
    {
        Ensure(40);
        money.Yuan.TryFormat(_buffer.AsSpan(_used), out var n, decimal.Round(money.Yuan, 2) == money.Yuan ? "0.00" : "0.00######", CultureInfo.InvariantCulture);
        _used += n;
    }

    /// <summary>Writes text as a CSV field, quoted only when it holds a comma, quote or line break.</summary>
    private void Field(StringBuilder text)
    {
        var needsQuotes = false;
        foreach (var chunk in text.GetChunks())
        {
            if (chunk.Span.IndexOfAny(",\"\n\r") >= 0)
            {
                needsQuotes = true;
                break;
            }
        }
        var s = needsQuotes ? "\"" + text.ToString().Replace("\"", "\"\"") + "\"" : null;
        var max = Encoding.UTF8.GetMaxByteCount(s?.Length ?? text.Length);
        Ensure(max);
        if (s is not null)
        {
            _used += Encoding.UTF8.GetBytes(s, _buffer.AsSpan(_used));
            return;
        }
        foreach (var chunk in text.GetChunks())
        {
            _used += Encoding.UTF8.GetBytes(chunk.Span, _buffer.AsSpan(_used));
        }
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _used)
        {
            Flush();
            if (bytes.Length > _buffer.Length)
            {
                _out.Write(bytes);
                return;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void Ensure(int bytes)
    {
        if (_buffer.Length - _used < bytes)
        {
            Flush();
        }
    }

    public void Flush()
    {
        _out.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose()
    {
        Flush();
        _out.Flush();
    }
}
