using System.Text;
using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Rating;

/// <summary>
/// Writes rated calls as CSV: the input columns as they stood in the file, followed by the
/// rating columns. Rows come in rating order (start time, then call id). Each row is formatted as
/// UTF-8 straight into one buffer.
/// </summary>
public sealed class RatedCsvWriter : IRatingSink, IDisposable
{
    public static readonly string[] Columns =
        ["billable_seconds", "units", "band", "rate", "allowance_used", "charge", "plan", "plan_version", "explanation", "billed_seconds", "billing_from", "caller_region", "caller_share"];

    private readonly Stream _out;
    private readonly Language _language;
    private readonly Utf8Text _row = new(1024);
    private readonly Utf8Text _field = new(512);
    private readonly RegionResolver _regions;
    private byte[]?[] _regionNames = new byte[]?[256];

    public RatedCsvWriter(Stream output, string inputHeader, Language language, RegionResolver? regions = null)
    {
        _out = output;
        _language = language;
        _regions = regions ?? RegionResolver.Shared;
        _out.Write(Encoding.UTF8.GetBytes(inputHeader + "," + string.Join(",", Columns) + "\n"));
    }

    public void Rated(RatedCall call)
    {
        var r = _row;
        r.Append(call.Call.Raw).Append((byte)',')
            .Append(call.BillableSeconds).Append((byte)',')
            .Append(call.Units).Append((byte)',');
        _field.Clear();
        for (var i = 0; i < call.Pieces.Length; i++)
        {
            var band = call.Pieces[i].BandIndex;
            if (i > 0 && SameBandEarlier(call.Pieces, i))
            {
                continue;
            }
            if (i > 0)
            {
                _field.Append((byte)'+');
            }
            _field.Append(Explanation.BandIdUtf8(call, band));
        }
        Field(_field.Span);
        r.Append((byte)',');
        if (call.Pieces.Length > 0)
        {
            r.Append(call.MainPiece.Rate.YuanPerMinute, 2, 4);
        }
        r.Append((byte)',').Append(call.AllowanceUsedSeconds / 60m, 0, 2)
            .Append((byte)',').Append(call.Charge)
            .Append((byte)',');
        Field(PlanKey(call.Plan));
        r.Append((byte)',').Append(call.Version.Number).Append((byte)',');
        Explanation.Append(_field.Clear(), call, _language);
        Field(_field.Span);
        r.Append((byte)',').Append(call.BilledSeconds)
            .Append((byte)',').Append(call.BillingFrom switch { BillingFrom.Answer => "answer"u8, BillingFrom.Pickup => "pickup"u8, _ => "none"u8 })
            .Append((byte)',');
        Field(RegionName(call.RegionId));
        r.Append((byte)',').Append(call.CallerShare).Append((byte)'\n');
        if (r.Length > 60_000)
        {
            Flush();
        }
    }

    private readonly Dictionary<Catalog.Plan, byte[]> _planKeys = new(ReferenceEqualityComparer.Instance);

    private ReadOnlySpan<byte> PlanKey(Catalog.Plan plan)
    {
        if (!_planKeys.TryGetValue(plan, out var key))
        {
            key = Encoding.UTF8.GetBytes(plan.Key);
            _planKeys[plan] = key;
        }
        return key;
    }

    private static bool SameBandEarlier(UsagePiece[] pieces, int i)
    {
        for (var j = 0; j < i; j++)
        {
            if (pieces[j].BandIndex == pieces[i].BandIndex)
            {
                return true;
            }
        }
        return false;
    }

    private ReadOnlySpan<byte> RegionName(int regionId)
    {
        if (regionId >= _regionNames.Length)
        {
            Array.Resize(ref _regionNames, Math.Max(regionId + 1, _regionNames.Length * 2));
        }
        if (_regionNames[regionId] is not { } name)
        {
            var region = _regions.GetRegion(regionId);
            name = Encoding.UTF8.GetBytes(_language == Language.Zh ? region.NameZh : region.NameEn);
            _regionNames[regionId] = name;
        }
        return name;
    }

    /// <summary>Writes a CSV field, quoted only when it holds a comma, quote or line break.</summary>
    private void Field(ReadOnlySpan<byte> value)
    {
        if (value.IndexOfAny((byte)',', (byte)'"', (byte)'\n') < 0 && !value.Contains((byte)'\r'))
        {
            _row.Append(value);
            return;
        }
        _row.Append((byte)'"');
        foreach (var b in value)
        {
            if (b == '"')
            {
                _row.Append((byte)'"');
            }
            _row.Append(b);
        }
        _row.Append((byte)'"');
    }

    public void Rejected(CallReject reject)
    {
    }

    public void Duplicate(CallRecord duplicate)
    {
    }

    public void Flush()
    {
        _out.Write(_row.Span);
        _row.Clear();
    }

    public void Dispose()
    {
        Flush();
        _out.Flush();
    }
}
