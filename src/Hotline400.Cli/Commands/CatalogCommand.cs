using System.CommandLine;
using System.Globalization;
using Hotline400.Calendar;
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
        var check = new Command("check", "Check a tariff catalog and summarize its plans and holiday calendar") { file, json, lang };
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
                calendar = CalendarJson(catalog),
            });
            return CliApp.Ok;
        }
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().Title(zh
                ? $"{Markup.Escape(path)}：{catalog.Providers.Count} 家供应商，{catalog.Plans.Count()} 个套餐"
                : $"{Markup.Escape(path)}: {catalog.Providers.Count} provider{(catalog.Providers.Count == 1 ? "" : "s")}, {catalog.Plans.Count()} plan{(catalog.Plans.Count() == 1 ? "" : "s")}")
            .AddColumns(zh
                ? ["套餐", "名称", "版本", "生效", "预存/期限", "单价 元/分", "计费", "分时/地区/阶梯", "月最低"]
                : ["Plan", "Name", "Versions", "Effective", "Package/term", "Rate ¥/min", "Billing", "Bands/regions/tiers", "Monthly minimum"]);
        foreach (var p in catalog.Plans)
        {
            var v = p.Versions[^1];
            var features = new List<string>();
            if (!v.Bands.IsFlat) features.Add(zh ? $"{v.Bands.Bands.Count}个时段" : $"{v.Bands.Bands.Count} bands");
            if (v.Regions.Count > 0) features.Add(zh ? $"{v.Regions.Count}档地区价" : $"{v.Regions.Count} region rate{(v.Regions.Count == 1 ? "" : "s")}");
            if (v.Tiers is { } t)
            {
                var graduated = t.Mode == TierMode.Graduated;
                features.Add(zh ? $"{(graduated ? "累进" : "总量")}阶梯{t.Steps.Count}档" : $"{(graduated ? "graduated" : "volume")} tiers, {t.Steps.Count} steps");
            }
            if (v.Allowance is { } a)
            {
                var month = a.Per == AllowancePeriod.Month;
                features.Add(zh ? $"{a.Minutes}分钟/{(month ? "月" : "期")}" : $"{a.Minutes} min/{(month ? "month" : "term")}");
            }
            var months = zh ? $"{v.TermMonths}月" : $"{v.TermMonths} mo";
            var seconds = v.Billing.FirstBlockSeconds > 0 ? $"{v.Billing.FirstBlockSeconds}+{v.Billing.IncrementSeconds}" : v.Billing.IncrementSeconds.ToString(inv);
            table.AddRow(
                Markup.Escape(p.Key),
                Markup.Escape(p.Name.In(language)),
                p.Versions.Count.ToString(inv),
                v.Effective.ToString("yyyy-MM-dd", inv),
                v.Package is { } pk ? $"{pk.Price}/{months}" : $"—/{months}",
                v.Rate.ToString(),
                zh ? $"{seconds}秒" : $"{seconds} s",
                Markup.Escape(string.Join(zh ? " " : "; ", features)),
                v.MonthlyMinimum.ToString());
        }
        console.Ansi.Write(table);
        foreach (var line in CalendarLines(catalog, language))
        {
            console.Out.WriteLine(line);
        }
        console.Out.WriteLine(zh ? "检查通过：没有发现问题" : "OK: no problems found");
        return CliApp.Ok;
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object CalendarJson(TariffCatalog catalog)
    {
        var calendar = catalog.Calendar;
        return new
        {
            years = calendar.Years.Select(y => new
            {
                year = y.Year,
                origin = y.Origin == HolidayOrigin.Catalog ? "catalog" : "built_in",
                source = y.Source,
                url = y.Url,
                replaces_built_in = y.Origin == HolidayOrigin.Catalog && HolidayCalendar.China.YearOf(y.Year) is not null,
            }),
            missing_years = Enumerable.Range(calendar.Years[0].Year, calendar.Years[^1].Year - calendar.Years[0].Year + 1)
                .Where(y => calendar.YearOf(y) is null).ToList(),
            last_covered = Day(calendar.LastCovered),
            unknown_from = Day(calendar.LastCovered.AddDays(1)),
            plans_by_day_type = DayTypePlans(catalog),
        };
    }

    /// <summary>Plans with a version whose bands tell holidays or adjusted working days apart: the ones a missing year misprices.</summary>
    private static List<string> DayTypePlans(TariffCatalog catalog) =>
        catalog.Plans.Where(p => p.Versions.Any(v => v.Bands.DependsOnHolidays)).Select(p => p.Key).ToList();

    /// <summary>
    /// The holiday calendar the catalog prices with, a line per source: runs of built-in years, each
    /// year of the catalog with its notice, years missing in between, and the day data ends.
    /// </summary>
    internal static List<string> CalendarLines(TariffCatalog catalog, Language language)
    {
        var zh = language == Language.Zh;
        var calendar = catalog.Calendar;
        var lines = new List<string> { zh ? "节假日日历：" : "Holiday calendar:" };
        var years = calendar.Years;
        for (var i = 0; i < years.Count;)
        {
            var y = years[i];
            if (i > 0 && y.Year > years[i - 1].Year + 1)
            {
                lines.Add(Row(Span(years[i - 1].Year + 1, y.Year - 1), zh ? "未收录（没有该年的国务院通知）" : "not covered (no State Council notice)"));
            }
            if (y.Origin == HolidayOrigin.Catalog)
            {
                var replaces = HolidayCalendar.China.YearOf(y.Year) is not null;
                var source = y.Source + (y.Url is null ? "" : " " + y.Url);
                lines.Add(Row(y.Year.ToString(CultureInfo.InvariantCulture), zh
                    ? $"本目录 holidays：{source}{(replaces ? "（替换内置数据）" : "")}"
                    : $"this catalog's holidays: {source}{(replaces ? " (replaces the built-in data)" : "")}"));
                i++;
                continue;
            }
            var j = i;
            while (j + 1 < years.Count && years[j + 1].Origin == y.Origin && years[j + 1].Year == years[j].Year + 1)
            {
                j++;
            }
            lines.Add(Row(Span(y.Year, years[j].Year), y.Origin == HolidayOrigin.BuiltIn
                ? (zh ? "内置数据（国务院办公厅节假日安排通知，holiday-cn）" : "built in (the State Council's notices, holiday-cn)")
                : (zh ? "程序给定" : "given by code")));
            i = j + 1;
        }
        var plans = DayTypePlans(catalog);
        var from = Day(calendar.LastCovered.AddDays(1));
        lines.Add(zh
            ? $"  {from} 起未收录：" + (plans.Count == 0 ? "本目录没有按节假日、工作日分时段计费的套餐，不受影响" : $"按节假日、工作日分时段计费的套餐（{string.Join("、", plans)}）把这些日期按普通星期几计费；国务院通知发布后请录入 holidays 部分")
            : $"  not covered from {from}: " + (plans.Count == 0 ? "no plan of this catalog has bands by day type, none is affected" : $"plans with bands by day type ({string.Join(", ", plans)}) price those days as plain weekdays; add the State Council's notice to the holidays section once it is out"));
        return lines;

        static string Span(int first, int last) => first == last ? first.ToString(CultureInfo.InvariantCulture) : $"{first}–{last}";
        static string Row(string years, string what) => $"  {years,-10} {what}";
    }
}
