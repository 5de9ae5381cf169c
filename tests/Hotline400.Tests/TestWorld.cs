using System.Text;
using Hotline400.Accounts;
using Hotline400.Catalog;
using Hotline400.Calls;
using Hotline400.Rating;

namespace Hotline400.Tests;

/// <summary>A small catalog and accounts written for hand-computed cases, and helpers to rate CSV text.</summary>
internal static class TestWorld
{
    public const string CatalogYaml = """
        vat_rate: 0.06
        caller_rates: { mobile: 0.15, landline: 0.22, withheld: 0.22 }
        providers:
          - id: p
            name: { zh: 测试供应商, en: Test provider }
            grades:
              - { id: standard, name: 普通 }
            services:
              - { id: ivr, name: { zh: 语音导航, en: IVR }, yearly: 300, answers_first: true, incompatible_with: [crbt] }
              - { id: crbt, name: { zh: 企业彩铃, en: Ring-back tone }, monthly: 10, incompatible_with: [ivr] }
              - { id: recording, name: { zh: 录音, en: Recording }, per_minute: 0.02, per_minute_when: recorded }
            plans:
              - id: flat
                name: { zh: 按分钟, en: Per minute }
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.10 }
                  - { version: 2, effective: 2026-07-01, rate: 0.08 }
              - id: six
                name: 六秒
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.12
                    billing: { first_block: { seconds: 60 }, increment: 6 }
              - id: sec
                name: 按秒
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.12
                    billing: { increment: 1 }
              - id: secline
                name: 按秒按行取整
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.12
                    billing: { increment: 1, rounding: per_line }
              - id: minimum
                name: 最低时长
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.09
                    billing: { increment: 6, minimum_seconds: 30, connect_fee: 0.05 }
              - id: peak
                name: 忙闲时
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.12
                    bands:
                      - { id: peak, name: { zh: 忙时, en: Peak }, days: [workday], from: "08:00", to: "20:00", rate: 0.12 }
                      - { id: offpeak, name: { zh: 闲时, en: Off-peak }, days: [workday], from: "20:00", to: "08:00", rate: 0.06 }
                      - { id: rest, name: { zh: 节假日, en: Rest day }, days: [rest], from: "00:00", to: "24:00", rate: 0.05 }
              - id: split
                name: 分段
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.12
                    billing: { bands_by: split }
                    bands:
                      - { id: peak, name: 忙时, days: [all], from: "08:00", to: "20:00", rate: 0.12 }
                      - { id: offpeak, name: 闲时, days: [all], from: "20:00", to: "08:00", rate: 0.06 }
              - id: region
                name: 地区
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.12
                    regions:
                      - { match: [广东省深圳市], rate: 0.05 }
                      - { match: [广东省], rate: 0.08 }
                      - { match: [unknown], rate: 0.20 }
              - id: tiers
                name: 阶梯
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.10
                    tiers: { mode: graduated, steps: [ { from: 0, rate: 0.10 }, { from: 100, rate: 0.08 } ] }
              - id: volume
                name: 总量阶梯
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.10
                    tiers: { mode: volume, steps: [ { from: 0, rate: 0.10 }, { from: 100, rate: 0.08 } ] }
              - id: allow
                name: 包月分钟
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.10
                    allowance: { minutes: 10, per: month, on_exhausted: overage, overage_rate: 0.15 }
              - id: suspend
                name: 用尽停机
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.10
                    allowance: { minutes: 10, per: month, on_exhausted: suspend }
              - id: pkg
                name: 1200年套餐
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.10
                    package: { price: 1200, buys: minutes }
                    monthly_minimum: package
              - id: out
                name: 外呼
                versions:
                  - version: 1
                    effective: 2026-01-01
                    rate: 0.10
                    outbound: { local: 0.10, long_distance: 0.15, mobile: 0.12 }
              - id: tollfree
                name: 800
                kind: tollfree800
                versions:
                  - { version: 1, effective: 2026-01-01, rate: 0.10 }
        """;

    /// <summary>One number per plan: 400-800-00NN where NN is the plan's position.</summary>
    public static readonly string[] Plans = ["flat", "six", "sec", "secline", "minimum", "peak", "split", "region", "tiers", "volume", "allow", "suspend", "pkg", "out", "tollfree"];

    public static string NumberFor(string plan) => $"40080000{Array.IndexOf(Plans, plan):00}";

    public static string IvrNumber => "4008009901";
    public static string RecordingNumber => "4008009902";

    public static string AccountsYaml
    {
        get
        {
            var sb = new StringBuilder("enterprises:\n  - id: acme\n    name: { zh: 测试企业, en: Acme }\n    numbers:\n");
            foreach (var plan in Plans)
            {
                sb.Append($"      - {{ number: {NumberFor(plan)}, area_code: \"0571\", plan: p/{plan}, start: 2026-01-01 }}\n");
            }
            sb.Append($"      - {{ number: {IvrNumber}, plan: p/flat, start: 2026-01-01, services: [ {{ id: ivr, start: 2026-01-01 }} ] }}\n");
            sb.Append($"      - {{ number: {RecordingNumber}, plan: p/flat, start: 2026-01-01, services: [ {{ id: recording, start: 2026-01-01 }} ] }}\n");
            return sb.ToString();
        }
    }

    public static TariffCatalog Catalog
    {
        get
        {
            var r = CatalogLoader.Load(CatalogYaml, "test-catalog.yaml");
            Assert.True(r.Ok, string.Join("\n", r.Diagnostics));
            return r.Value!;
        }
    }

    public static AccountBook Accounts(TariffCatalog catalog)
    {
        var r = AccountsLoader.Load(AccountsYaml, "test-accounts.yaml", catalog);
        Assert.True(r.Ok, string.Join("\n", r.Diagnostics));
        return r.Value!;
    }

    public const string Header = "call_id,number,caller,started_at,answered_at,ended_at,answered_by,outcome,recorded,direction";

    /// <summary>An answered call: starts at <paramref name="start"/>, rings 5 s, talks <paramref name="talkSeconds"/>.</summary>
    public static string Answered(string id, string number, string start, int talkSeconds, string caller = "13800138000", int recorded = 0, string direction = "in")
    {
        var s = DateTimeOffset.Parse(start + "+08:00", System.Globalization.CultureInfo.InvariantCulture);
        var a = s.AddSeconds(5);
        var e = a.AddSeconds(talkSeconds);
        return $"{id},{number},{caller},{Fmt(s)},{Fmt(a)},{Fmt(e)},13900000000,answered,{recorded},{direction}";
    }

    public static string Missed(string id, string number, string start, int seconds, string outcome = "missed")
    {
        var s = DateTimeOffset.Parse(start + "+08:00", System.Globalization.CultureInfo.InvariantCulture);
        return $"{id},{number},13800138000,{Fmt(s)},,{Fmt(s.AddSeconds(seconds))},,{outcome},0,in";
    }

    public static string Fmt(DateTimeOffset t) => t.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss'+08:00'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Collects everything a run produces.</summary>
    public sealed class Collector : IRatingSink
    {
        public List<RatedCall> Rated { get; } = [];
        public List<CallReject> Rejected { get; } = [];
        public List<CallRecord> Duplicates { get; } = [];

        void IRatingSink.Rated(RatedCall call) => Rated.Add(call);

        void IRatingSink.Rejected(CallReject reject) => Rejected.Add(reject);

        void IRatingSink.Duplicate(CallRecord duplicate) => Duplicates.Add(duplicate);

        public RatedCall Call(string id) => Rated.Single(r => r.Call.CallId == id);
    }

    /// <summary>Writes each CSV text to a temp file and rates them together through the real pipeline.</summary>
    public static (Collector, RunCounts) Rate(params string[][] files) => Rate(Catalog, files);

    public static (Collector, RunCounts) Rate(TariffCatalog catalog, params string[][] files) => Rate(catalog, Accounts(catalog), files);

    /// <summary>Rates CSV rows (under the canonical <see cref="Header"/>) with any catalog and accounts.</summary>
    public static (Collector, RunCounts) Rate(TariffCatalog catalog, AccountBook accounts, params string[][] files) =>
        RateTexts(catalog, accounts, ColumnMap.Default, files.Select(f => Header + "\n" + string.Join("\n", f) + "\n").ToArray());

    /// <summary>Writes each whole CSV text (header included) to a temp file and rates them together through the real pipeline.</summary>
    public static (Collector, RunCounts) RateTexts(TariffCatalog catalog, AccountBook accounts, ColumnMap map, params string[] texts)
    {
        using var dir = new TempDir();
        var paths = texts.Select((t, i) => dir.Write($"calls{i}.csv", t)).ToList();
        var collector = new Collector();
        var pipeline = new RatingPipeline(() => new Rater(catalog, accounts), map);
        var errors = new List<Hotline400.Common.LocalizedText>();
        var counts = pipeline.Run(paths, () => collector = new Collector(), errors);
        Assert.Empty(errors);
        return (collector, counts);
    }

    /// <summary>Loads a catalog that must be valid.</summary>
    public static TariffCatalog LoadCatalog(string yaml)
    {
        var r = CatalogLoader.Load(yaml, "catalog.yaml");
        Assert.True(r.Ok, string.Join("\n", r.Diagnostics));
        return r.Value!;
    }

    /// <summary>Loads accounts that must be valid over <paramref name="catalog"/>.</summary>
    public static AccountBook LoadAccounts(string yaml, TariffCatalog catalog)
    {
        var r = AccountsLoader.Load(yaml, "accounts.yaml", catalog);
        Assert.True(r.Ok, string.Join("\n", r.Diagnostics));
        return r.Value!;
    }

    /// <summary>Every 400 number of <see cref="AccountsYaml"/>.</summary>
    public static IReadOnlyList<string> AllNumbers => [.. Plans.Select(NumberFor), IvrNumber, RecordingNumber];

    /// <summary>A temporary directory deleted on dispose.</summary>
    public sealed class TempDir : IDisposable
    {
        private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("h400-test-");

        public string Path => _dir.FullName;

        public string File(string name) => System.IO.Path.Combine(_dir.FullName, name);

        /// <summary>Writes UTF-8 text (no BOM) to a file in the directory and returns its path.</summary>
        public string Write(string name, string text)
        {
            var path = File(name);
            System.IO.File.WriteAllText(path, text, new UTF8Encoding(false));
            return path;
        }

        public void Dispose()
        {
            try
            {
                _dir.Delete(true);
            }
            catch (IOException)
            {
            }
        }
    }
}
