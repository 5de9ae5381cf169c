using System.CommandLine;
using Hotline400.Catalog;
using Hotline400.Common;
using Spectre.Console;

namespace Hotline400.Cli.Commands;

/// <summary><c>hotline400 catalog check FILE</c>: every problem of a catalog with its place, or a summary of its plans.</summary>
internal static class CatalogCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The catalog YAML file (docs/tariff-format.md)" };
        var json = CommonOptions.Json();
        var lang = CommonOptions.Lang();
        var check = new Command("check", "Check a tariff catalog and summarize its plans") { file, json, lang };
        check.SetAction(pr => Check(console, pr.GetValue(file)!, pr.GetValue(json), CommonOptions.ParseLanguage(pr.GetValue(lang))));
        return new Command("catalog", "Tariff catalogs") { check };
    }

    /// <summary>Exit 1 with the problems (their <c>file:line:column</c> wording is English; the summary follows <c>--lang</c>), 0 with a summary of the plans.</summary>
    private static int Check(CliConsole console, string path, bool json, Language language)
    {
        var zh = language == Language.Zh;
        if (!json && !File.Exists(path))
        {
            console.Fail(CommonOptions.Missing(path));
            return CliApp.SomeRejected;
        }
        var result = CatalogLoader.LoadFile(path);
        if (!result.Ok)
        {
            if (json)
            {
                CommonOptions.WriteJson(console, new
                {
                    ok = false,
                    problems = result.Diagnostics.Select(d => new { file = d.File, line = d.Line, column = d.Column, message = d.Message }),
                });
            }
            else
            {
                foreach (var d in result.Diagnostics)
                {
                    console.Out.WriteLine(d);
                }
                var n = result.Diagnostics.Count;
                console.Out.WriteLine(zh ? $"{path} 中有 {n} 个问题" : $"{n} problem{(n == 1 ? "" : "s")} in {path}");
            }
            return CliApp.SomeRejected;
        }
        var catalog = result.Value!;
        if (json)
        {
            CommonOptions.WriteJson(console, new
            {
                ok = true,
                providers = catalog.Providers.Count,
                plans = catalog.Plans.Select(p => new
                {
                    plan = p.Key,
                    name = p.Name.Zh,
                    versions = p.Versions.Count,
                    rate = p.Versions[^1].Rate.ToString(),
                    package = p.Versions[^1].Package?.Price.ToString(),
                }),
            });
            return CliApp.Ok;
        }
        var table = new Table().Title($"{Markup.Escape(path)}: {catalog.Providers.Count} 家供应商, {catalog.Plans.Count()} 个套餐")
            .AddColumns("套餐 plan", "名称", "版本", "生效", "预存/期限", "单价 元/分", "计费", "分时/地区/阶梯", "月最低");
        foreach (var p in catalog.Plans)
        {
            var v = p.Versions[^1];
            var features = new List<string>();
            if (!v.Bands.IsFlat) features.Add($"{v.Bands.Bands.Count}个时段");
            if (v.Regions.Count > 0) features.Add($"{v.Regions.Count}档地区价");
            if (v.Tiers is not null) features.Add($"{(v.Tiers.Mode == TierMode.Graduated ? "累进" : "总量")}阶梯{v.Tiers.Steps.Count}档");
            if (v.Allowance is { } a) features.Add($"{a.Minutes}分钟/{(a.Per == AllowancePeriod.Month ? "月" : "期")}");
            table.AddRow(
                Markup.Escape(p.Key),
                Markup.Escape(p.Name.Zh),
                p.Versions.Count.ToString(),
                v.Effective.ToString("yyyy-MM-dd"),
                v.Package is { } pk ? $"{pk.Price}/{v.TermMonths}月" : $"—/{v.TermMonths}月",
                v.Rate.ToString(),
                v.Billing.FirstBlockSeconds > 0 ? $"{v.Billing.FirstBlockSeconds}+{v.Billing.IncrementSeconds}秒" : $"{v.Billing.IncrementSeconds}秒",
                Markup.Escape(string.Join(" ", features)),
                v.MonthlyMinimum.ToString());
        }
        console.Ansi.Write(table);
        console.Out.WriteLine(zh ? "检查通过：没有发现问题" : "OK: no problems found");
        return CliApp.Ok;
    }
}
