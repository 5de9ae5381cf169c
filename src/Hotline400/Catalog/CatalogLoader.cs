using Hotline400.Calendar;
using Hotline400.Common;
using Hotline400.Money;
using YamlDotNet.RepresentationModel;

namespace Hotline400.Catalog;

/// <summary>
/// Reads a tariff catalog (docs/tariff-format.md) and validates it in one pass, reporting every
/// problem of the file with its line and column.
/// </summary>
public static class CatalogLoader
{
    public static LoadResult<TariffCatalog> LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new LoadResult<TariffCatalog>(null, [new Diagnostic(path, 0, 0, "cannot read the file: " + ex.Message)]);
        }
        return Load(text, path);
    }

    /// <summary>The catalog shipped with the product (samples/catalog.yaml).</summary>
    public static TariffCatalog Sample()
    {
        var result = Load(SampleData.CatalogYaml, "samples/catalog.yaml");
        return result.Ok ? result.Value! : throw new InvalidOperationException("the built-in sample catalog is invalid: " + string.Join("; ", result.Diagnostics));
    }

    public static LoadResult<TariffCatalog> Load(string text, string source)
    {
        var bag = new DiagnosticBag(source);
        var root = bag.ParseRoot(text);
        if (root is null)
        {
            return new LoadResult<TariffCatalog>(null, bag.Items);
        }
        var catalog = new Reader(bag).ReadCatalog(root, source);
        return new LoadResult<TariffCatalog>(bag.HasErrors ? null : catalog, bag.Items);
    }

    private static readonly Dictionary<string, PackageBuys> BuysWords = new() { ["minutes"] = PackageBuys.Minutes, ["money"] = PackageBuys.Money };
    private static readonly Dictionary<string, BillingStart> StartWords = new() { ["answer"] = BillingStart.Answer, ["pickup"] = BillingStart.Pickup };
    private static readonly Dictionary<string, RoundingPoint> RoundingWords = new() { ["per_call"] = RoundingPoint.PerCall, ["per_line"] = RoundingPoint.PerLine };
    private static readonly Dictionary<string, BandsBy> BandsByWords = new() { ["start"] = BandsBy.Start, ["split"] = BandsBy.Split };
    private static readonly Dictionary<string, TierMode> TierWords = new() { ["graduated"] = TierMode.Graduated, ["volume"] = TierMode.Volume };
    private static readonly Dictionary<string, AllowancePeriod> PerWords = new() { ["month"] = AllowancePeriod.Month, ["term"] = AllowancePeriod.Term };
    private static readonly Dictionary<string, ExhaustionRule> ExhaustWords = new() { ["overage"] = ExhaustionRule.Overage, ["suspend"] = ExhaustionRule.Suspend };
    private static readonly Dictionary<string, FirstMonthRule> FirstMonthWords = new() { ["actual"] = FirstMonthRule.Actual, ["full"] = FirstMonthRule.Full, ["prorated"] = FirstMonthRule.Prorated };
    private static readonly Dictionary<string, PlanKind> KindWords = new() { ["hotline400"] = PlanKind.Hotline400, ["tollfree800"] = PlanKind.TollFree800 };
    private static readonly Dictionary<string, PerMinuteScope> ScopeWords = new() { ["all"] = PerMinuteScope.AllCalls, ["recorded"] = PerMinuteScope.RecordedCalls };
    private static readonly Dictionary<string, PromotionKind> PromotionWords = new() { ["first_year_price"] = PromotionKind.FirstYearPrice, ["free_months"] = PromotionKind.FreeMonths, ["percent_off"] = PromotionKind.PercentOff };
    private static readonly Dictionary<string, PromotionTarget> TargetWords = new() { ["package"] = PromotionTarget.Package, ["monthly_fee"] = PromotionTarget.MonthlyFee, ["usage"] = PromotionTarget.Usage, ["all"] = PromotionTarget.All };

    /// <summary>The words a band's <c>days</c> accepts, and the day classes each stands for.</summary>
    internal static readonly Dictionary<string, DayClass[]> DayWords = new()
    {
        ["mon"] = [DayClass.Mon],
        ["tue"] = [DayClass.Tue],
        ["wed"] = [DayClass.Wed],
        ["thu"] = [DayClass.Thu],
        ["fri"] = [DayClass.Fri],
        ["sat"] = [DayClass.Sat],
        ["sun"] = [DayClass.Sun],
        ["holiday"] = [DayClass.Holiday],
        ["adjusted_workday"] = [DayClass.AdjustedWorkday],
        ["workday"] = [DayClass.Mon, DayClass.Tue, DayClass.Wed, DayClass.Thu, DayClass.Fri, DayClass.AdjustedWorkday],
        ["weekend"] = [DayClass.Sat, DayClass.Sun],
        ["rest"] = [DayClass.Sat, DayClass.Sun, DayClass.Holiday],
        ["all"] = [DayClass.Mon, DayClass.Tue, DayClass.Wed, DayClass.Thu, DayClass.Fri, DayClass.Sat, DayClass.Sun, DayClass.Holiday, DayClass.AdjustedWorkday],
    };

    private sealed class Reader(DiagnosticBag bag)
    {
        public TariffCatalog ReadCatalog(YamlMap root, string source)
        {
            var currency = root.String("currency");
            if (currency is not null && currency != "CNY")
            {
                bag.Add(root.NodeOr("currency"), $"only currency CNY is supported, found '{currency}'");
            }
            var vat = root.Decimal("vat_rate") ?? 0.06m;
            if (vat >= 1m)
            {
                bag.Add(root.NodeOr("vat_rate"), $"'vat_rate' is a fraction such as 0.06, found {vat}");
            }
            var callerRates = CallerRates.None;
            if (root.Map("caller_rates") is { } cr)
            {
                callerRates = new CallerRates(cr.Rate("mobile") ?? Rate.Zero, cr.Rate("landline") ?? Rate.Zero, cr.Rate("withheld") ?? cr.Rate("landline") ?? Rate.Zero);
                cr.CheckUnknownKeys();
            }
            var providers = new List<Provider>();
            var providerIds = new HashSet<string>();
            foreach (var p in root.MapList("providers", required: true))
            {
                var provider = ReadProvider(p, vat);
                if (provider is null)
                {
                    continue;
                }
                if (!providerIds.Add(provider.Id))
                {
                    bag.Add(p.NodeOr("id"), $"duplicate provider id '{provider.Id}'");
                }
                providers.Add(provider);
            }
            var calendar = ReadHolidays(root.Map("holidays"));
            root.CheckUnknownKeys();
            return new TariffCatalog(source, vat, callerRates, providers, calendar);
        }

        /// <summary>The longest run of days one <c>FROM..TO</c> may list: a holiday break is a week or so; a month is a typo.</summary>
        private const int LongestRange = 31;

        /// <summary>
        /// The built-in calendar with the section's years in place of its own, or the built-in one
        /// when there is no section (or it has problems: they are reported and the catalog is not used).
        /// </summary>
        private HolidayCalendar ReadHolidays(YamlMap? section)
        {
            var builtIn = HolidayCalendar.China;
            if (section is null)
            {
                return builtIn;
            }
            var years = new List<HolidayYear>();
            // Every listed day with the first place it is listed, to check notices against each other.
            var listed = new Dictionary<DateOnly, (bool Off, int Year, YamlNode Node)>();
            var places = new Dictionary<(DateOnly, int), YamlNode>();
            var entries = section.Entries();
            var given = new HashSet<int>();
            foreach (var (key, _, _) in entries)
            {
                if (ParseYear(key) is { } y)
                {
                    given.Add(y);
                }
            }
            foreach (var (key, keyNode, value) in entries)
            {
                if (ParseYear(key) is not { } year)
                {
                    bag.Add(keyNode, $"'holidays' lists years like 2027: '{key}' is not a year");
                    continue;
                }
                if (value is not YamlMappingNode node)
                {
                    bag.Add(value, $"'holidays.{year}' must be a mapping with source and days");
                    continue;
                }
                var y = new YamlMap(node, bag, $"holidays.{year}");
                var notice = y.String("source", required: true);
                var url = y.String("url");
                var days = new List<HolidayDay>();
                var holidays = y.MapList("days", required: true);
                if (y.Raw("days") is YamlSequenceNode { Children.Count: 0 } empty)
                {
                    bag.Add(empty, $"'holidays.{year}.days' lists no days: a notice gives at least one holiday");
                }
                foreach (var h in holidays)
                {
                    var name = h.String("name", required: true) ?? "";
                    var off = ReadHolidayDates(h, "off", year);
                    var work = ReadHolidayDates(h, "work", year);
                    if (Items(h.Raw("off")) + Items(h.Raw("work")) == 0)
                    {
                        bag.Add(h.Node, $"'{h.Path}' lists no days: give its days off ('off') and any adjusted working days ('work')");
                    }
                    h.CheckUnknownKeys();
                    foreach (var (date, itemNode) in work)
                    {
                        if (date.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
                        {
                            bag.Add(itemNode, $"{date:yyyy-MM-dd} is a {date.DayOfWeek}: an adjusted working day ('work') is a Saturday or Sunday made a working day; a weekday is a working day already");
                        }
                    }
                    foreach (var (date, itemNode, isOff) in off.Select(d => (d.Date, d.Node, true)).Concat(work.Select(d => (d.Date, d.Node, false))))
                    {
                        if (places.TryGetValue((date, year), out var first))
                        {
                            bag.Add(itemNode, $"{date:yyyy-MM-dd} is listed twice in {year} (first at line {first.Start.Line})");
                            continue;
                        }
                        places[(date, year)] = itemNode;
                        if (listed.TryGetValue(date, out var other))
                        {
                            if (other.Off != isOff)
                            {
                                bag.Add(itemNode, $"{date:yyyy-MM-dd} is {DayKind(isOff)} here in {year} but {DayKind(other.Off)} in {other.Year} (line {other.Node.Start.Line})");
                            }
                        }
                        else
                        {
                            listed[date] = (isOff, year, itemNode);
                        }
                        days.Add(new HolidayDay(date, name, isOff));
                    }
                }
                y.CheckUnknownKeys();
                if (notice is not null)
                {
                    years.Add(new HolidayYear(year, days, HolidayOrigin.Catalog, notice, url));
                }
            }
            // A notice may list the end of the December before its year (the New Year break): the
            // built-in notices left in place must agree with the catalog's about such days.
            foreach (var notice in builtIn.Years.Where(n => !given.Contains(n.Year)))
            {
                foreach (var day in notice.Days)
                {
                    if (listed.TryGetValue(day.Date, out var mine) && mine.Year != notice.Year && mine.Off != day.IsOffDay)
                    {
                        bag.Add(mine.Node, $"{day.Date:yyyy-MM-dd} is {DayKind(mine.Off)} here in {mine.Year} but {DayKind(day.IsOffDay)} in the built-in notice of {notice.Year}");
                    }
                }
            }
            if (bag.HasErrors || years.Count == 0)
            {
                return builtIn;
            }
            try
            {
                return builtIn.WithYears(years);
            }
            catch (ArgumentException ex)
            {
                bag.Add(section.Node, "holidays: " + ex.Message);
                return builtIn;
            }
        }

        /// <summary>
        /// The dates of a holiday's <c>off</c> or <c>work</c>: a date, a range <c>FROM..TO</c> (or
        /// <c>FROM 至 TO</c>), or a list of them; each with its node. Dates outside
        /// <paramref name="year"/> are reported, except the end of the December before it.
        /// </summary>
        private List<(DateOnly Date, YamlNode Node)> ReadHolidayDates(YamlMap h, string key, int year)
        {
            var result = new List<(DateOnly, YamlNode)>();
            var node = h.Raw(key);
            var where = $"{h.Path}.{key}";
            IEnumerable<YamlNode> items = node switch
            {
                null => [],
                YamlSequenceNode seq => seq.Children,
                _ => [node],
            };
            foreach (var item in items)
            {
                var text = item is YamlScalarNode { Value: { Length: > 0 } v } ? v.Trim() : null;
                var parts = text?.Split(["..", "至"], 2, StringSplitOptions.TrimEntries);
                if (parts is null || !ParseDate(parts[0], out var from) || !ParseDate(parts[^1], out var to))
                {
                    bag.Add(item, $"'{where}' must be a date like {year}-01-01, a range like {year}-02-06..{year}-02-12, or a list of them, found '{text ?? "(a " + (item is YamlMappingNode ? "mapping" : "list") + ")"}'");
                    continue;
                }
                if (to < from)
                {
                    bag.Add(item, $"the range {text} ends before it starts");
                    continue;
                }
                if (to.DayNumber - from.DayNumber >= LongestRange)
                {
                    bag.Add(item, $"the range {text} is {to.DayNumber - from.DayNumber + 1} days long: a holiday break is at most {LongestRange} days (a typo?)");
                    continue;
                }
                var outside = Array.Find([from, to], d => d.Year != year && !(d.Year == year - 1 && d.Month == 12));
                if (outside != default)
                {
                    bag.Add(item, $"{outside:yyyy-MM-dd} is not in {year}: a notice lists the days of its own year (and at most the end of the December before it, for the New Year break)");
                    continue;
                }
                for (var d = from; d <= to; d = d.AddDays(1))
                {
                    result.Add((d, item));
                }
            }
            return result;
        }

        private static int Items(YamlNode? node) => node switch
        {
            null => 0,
            YamlSequenceNode seq => seq.Children.Count,
            _ => 1,
        };

        private static string DayKind(bool off) => off ? "a day off" : "an adjusted working day";

        private static int? ParseYear(string key) =>
            int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) && y is >= 1949 and <= 9998 ? y : null;

        private static bool ParseDate(string text, out DateOnly date) =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date);

        /// <summary>The carriers whose 400 numbers a provider sells (<c>carrier:</c>).</summary>
        private static readonly Dictionary<string, Numbers.Carrier> CarrierWords = new(StringComparer.Ordinal)
        {
            ["china_telecom"] = Numbers.Carrier.ChinaTelecom,
            ["china_unicom"] = Numbers.Carrier.ChinaUnicom,
            ["china_mobile"] = Numbers.Carrier.ChinaMobile,
        };

        private Provider? ReadProvider(YamlMap p, decimal vat)
        {
            var id = p.Id("id");
            var name = p.Text("name");
            var carrier = p.Enum("carrier", CarrierWords);
            var grades = new List<Grade>();
            foreach (var g in p.MapList("grades"))
            {
                var gid = g.Id("id");
                var gname = g.Text("name");
                var pattern = g.Enum("pattern", new Dictionary<string, int> { ["aaaa"] = 0, ["abcd"] = 1, ["abab"] = 2 });
                var grade = new Grade(gid ?? "", gname ?? new LocalizedText("", ""), pattern is null ? null : g.String("pattern"),
                    g.Money("selection_fee") ?? Money.Money.Zero, g.Money("monthly_minimum") ?? Money.Money.Zero, g.Money("deposit") ?? Money.Money.Zero);
                g.CheckUnknownKeys();
                if (gid is not null && grades.Any(x => x.Id == gid))
                {
                    bag.Add(g.NodeOr("id"), $"duplicate grade id '{gid}'");
                }
                grades.Add(grade);
            }
            var services = new List<ServiceDefinition>();
            var serviceNodes = new List<(ServiceDefinition, YamlMap)>();
            foreach (var s in p.MapList("services"))
            {
                var sid = s.Id("id");
                var sname = s.Text("name");
                var incompatible = s.StringList("incompatible_with");
                var service = new ServiceDefinition(sid ?? "", sname ?? new LocalizedText("", ""),
                    s.Money("monthly") ?? Money.Money.Zero, s.Money("yearly") ?? Money.Money.Zero, s.Money("one_off") ?? Money.Money.Zero,
                    s.Rate("per_minute") ?? Rate.Zero, s.Enum("per_minute_when", ScopeWords) ?? PerMinuteScope.AllCalls,
                    s.Bool("answers_first") ?? false, incompatible.Select(x => x.Value).ToList());
                s.CheckUnknownKeys();
                if (sid is not null && services.Any(x => x.Id == sid))
                {
                    bag.Add(s.NodeOr("id"), $"duplicate service id '{sid}'");
                }
                services.Add(service);
                serviceNodes.Add((service, s));
            }
            foreach (var (service, node) in serviceNodes)
            {
                foreach (var (other, otherNode) in node.StringList("incompatible_with"))
                {
                    if (services.All(x => x.Id != other))
                    {
                        bag.Add(otherNode, $"service '{service.Id}' is incompatible with unknown service '{other}'");
                    }
                }
            }
            var plans = new List<(Plan Plan, YamlMap Node)>();
            foreach (var pl in p.MapList("plans", required: true))
            {
                var plan = ReadPlan(pl, id ?? "", services, vat);
                if (plan is null)
                {
                    continue;
                }
                if (plans.Any(x => x.Plan.Id == plan.Id))
                {
                    bag.Add(pl.NodeOr("id"), $"duplicate plan id '{plan.Id}' in provider '{id}'");
                }
                plans.Add((plan, pl));
            }
            foreach (var (plan, node) in plans)
            {
                if (plan.RenewsTo is { } target && plans.All(x => x.Plan.Id != target))
                {
                    bag.Add(node.NodeOr("renews_to"), $"plan '{plan.Id}' renews to unknown plan '{target}' (plans of provider '{id}': {string.Join(", ", plans.Select(x => x.Plan.Id))})");
                }
            }
            p.CheckUnknownKeys();
            if (id is null || name is null)
            {
                return null;
            }
            return new Provider(id, name, grades, services, plans.Select(x => x.Plan).ToList()) { Carrier = carrier ?? Numbers.Carrier.Unknown };
        }

        private Plan? ReadPlan(YamlMap pl, string providerId, List<ServiceDefinition> services, decimal vat)
        {
            var id = pl.Id("id");
            var name = pl.Text("name");
            var kind = pl.Enum("kind", KindWords) ?? PlanKind.Hotline400;
            var renews = pl.Id("renews_to", required: false);
            var versions = new List<PlanVersion>();
            foreach (var v in pl.MapList("versions", required: true))
            {
                var version = ReadVersion(v, services, vat);
                if (version is null)
                {
                    continue;
                }
                if (versions.Count > 0)
                {
                    var last = versions[^1];
                    if (version.Number <= last.Number)
                    {
                        bag.Add(v.NodeOr("version"), $"version {version.Number} must be greater than the version before it ({last.Number})");
                    }
                    if (version.Effective <= last.Effective)
                    {
                        bag.Add(v.NodeOr("effective"), $"version {version.Number} takes effect {version.Effective:yyyy-MM-dd}, not after version {last.Number} ({last.Effective:yyyy-MM-dd}): versions must be in effective-date order");
                    }
                }
                versions.Add(version);
            }
            pl.CheckUnknownKeys();
            if (id is null || name is null)
            {
                return null;
            }
            return new Plan(providerId, id, name, kind, renews, versions);
        }

        private PlanVersion? ReadVersion(YamlMap v, List<ServiceDefinition> services, decimal catalogVat)
        {
            var number = v.Int("version", required: true, min: 1);
            var effective = v.Date("effective", required: true);
            var term = v.Int("term_months", min: 1, max: 120) ?? 12;
            var rate = v.Rate("rate", required: true);
            Package? package = null;
            if (v.Map("package") is { } pk)
            {
                var price = pk.Money("price", required: true);
                var buys = pk.Enum("buys", BuysWords, required: true);
                pk.CheckUnknownKeys();
                if (price is { } pr && buys is { } b)
                {
                    package = new Package(pr, b);
                }
            }
            var billing = ReadBilling(v.Map("billing"), rate ?? Rate.Zero);
            var bands = ReadBands(v, rate ?? Rate.Zero);
            var regions = new List<RegionRate>();
            foreach (var r in v.MapList("regions"))
            {
                var match = r.StringList("match", required: true);
                var rr = r.Rate("rate", required: true);
                r.CheckUnknownKeys();
                if (rr is { } rv && match.Count > 0)
                {
                    regions.Add(new RegionRate(match.Select(m => m.Value).ToList(), rv));
                }
            }
            var tiers = ReadTiers(v.Map("tiers"));
            if (tiers is not null && !bands.IsFlat)
            {
                bag.Add(v.NodeOr("tiers"), "a plan version has bands or tiers, not both");
            }
            var allowance = ReadAllowance(v.Map("allowance"), package, rate, term);
            if (allowance is null && package is { Buys: PackageBuys.Minutes } && rate is { } r0 && r0.YuanPerMinute > 0)
            {
                // A package that buys minutes includes price / rate minutes for the term.
                allowance = new Allowance((long)decimal.Floor(package.Price.Yuan / r0.YuanPerMinute), AllowancePeriod.Term, term, ExhaustionRule.Overage, null);
            }
            var monthlyMinimum = Money.Money.Zero;
            if (v.Raw("monthly_minimum") is YamlScalarNode { Value: "package" } mm)
            {
                if (package is null)
                {
                    bag.Add(mm, "'monthly_minimum: package' needs a package");
                }
                else
                {
                    monthlyMinimum = new Money.Money(package.Price.Yuan / term).RoundToFen();
                }
            }
            else
            {
                monthlyMinimum = v.Money("monthly_minimum") ?? Money.Money.Zero;
            }
            MinimumTopUp? topUp = null;
            if (v.Map("minimum_topup") is { } tu)
            {
                topUp = new MinimumTopUp(tu.Money("amount") ?? Money.Money.Zero, tu.Int("months_of_minimum") ?? 0);
                tu.CheckUnknownKeys();
            }
            var included = v.StringList("included_services");
            foreach (var (sid, node) in included)
            {
                if (services.All(s => s.Id != sid))
                {
                    bag.Add(node, $"included service '{sid}' is not a service of this provider");
                }
            }
            foreach (var (a, an) in included)
            {
                foreach (var (b, _) in included)
                {
                    if (string.CompareOrdinal(a, b) < 0 && AreIncompatible(services, a, b))
                    {
                        bag.Add(an, $"included services '{a}' and '{b}' are incompatible");
                    }
                }
            }
            Seats? seats = null;
            if (v.Map("seats") is { } st)
            {
                seats = new Seats(st.Int("included") ?? 0, st.Money("yearly_per_extra") ?? Money.Money.Zero);
                st.CheckUnknownKeys();
            }
            OutboundRates? outbound = null;
            if (v.Map("outbound") is { } ob)
            {
                outbound = new OutboundRates(ob.Rate("local", required: true) ?? Rate.Zero, ob.Rate("long_distance", required: true) ?? Rate.Zero,
                    ob.Rate("mobile", required: true) ?? Rate.Zero, ob.Money("monthly_fee") ?? Money.Money.Zero);
                ob.CheckUnknownKeys();
            }
            var promotions = new List<Promotion>();
            foreach (var pr in v.MapList("promotions"))
            {
                var kind = pr.Enum("kind", PromotionWords, required: true);
                var promo = kind switch
                {
                    PromotionKind.FirstYearPrice => new Promotion(PromotionKind.FirstYearPrice, pr.Money("price", required: true) ?? Money.Money.Zero, 12, 0, PromotionTarget.Package),
                    PromotionKind.FreeMonths => new Promotion(PromotionKind.FreeMonths, Money.Money.Zero, pr.Int("months", required: true, min: 1) ?? 0, 100, pr.Enum("of", TargetWords) ?? PromotionTarget.MonthlyFee),
                    PromotionKind.PercentOff => new Promotion(PromotionKind.PercentOff, Money.Money.Zero, pr.Int("months", required: true, min: 1) ?? 0, PercentOf(pr), pr.Enum("of", TargetWords) ?? PromotionTarget.Usage),
                    _ => null,
                };
                pr.CheckUnknownKeys();
                if (promo is not null)
                {
                    if (promo.Kind == PromotionKind.FirstYearPrice && package is null)
                    {
                        bag.Add(pr.Node, "a first_year_price promotion needs a package");
                    }
                    promotions.Add(promo);
                }
            }
            var versionVat = v.Decimal("vat_rate") ?? catalogVat;
            var firstMonth = v.Enum("first_month", FirstMonthWords) ?? FirstMonthRule.Actual;
            var monthlyFee = v.Money("monthly_fee") ?? Money.Money.Zero;
            v.CheckUnknownKeys();
            if (number is null || effective is null || rate is null || billing is null)
            {
                return null;
            }
            return new PlanVersion
            {
                Number = number.Value,
                Effective = effective.Value,
                TermMonths = term,
                Package = package,
                Rate = rate.Value,
                Billing = billing,
                Bands = bands,
                Regions = regions,
                Tiers = tiers,
                Allowance = allowance,
                MonthlyFee = monthlyFee,
                MonthlyMinimum = monthlyMinimum,
                FirstMonth = firstMonth,
                MinimumTopUp = topUp,
                IncludedServices = included.Select(x => x.Value).ToList(),
                Seats = seats,
                Outbound = outbound,
                Promotions = promotions,
                VatRate = versionVat,
            };
        }

        private decimal PercentOf(YamlMap pr)
        {
            var percent = pr.Decimal("percent", required: true) ?? 0;
            if (percent > 100)
            {
                bag.Add(pr.NodeOr("percent"), $"'percent' must be at most 100, found {percent}");
            }
            return percent;
        }

        private static bool AreIncompatible(List<ServiceDefinition> services, string a, string b) =>
            services.Any(s => (s.Id == a && s.IncompatibleWith.Contains(b)) || (s.Id == b && s.IncompatibleWith.Contains(a)));

        private BillingRules? ReadBilling(YamlMap? b, Rate rate)
        {
            if (b is null)
            {
                return BillingRules.PerMinute;
            }
            var start = b.Enum("start", StartWords) ?? BillingStart.Answer;
            int firstSeconds = 0;
            Money.Money? firstPrice = null;
            if (b.Map("first_block") is { } fb)
            {
                firstSeconds = fb.Int("seconds", required: true, min: 1, max: 3600) ?? 0;
                firstPrice = fb.Money("price");
                fb.CheckUnknownKeys();
            }
            var increment = b.Int("increment", min: 1, max: 3600) ?? 60;
            var minimum = b.Int("minimum_seconds", min: 0, max: 3600) ?? 0;
            var connect = b.Money("connect_fee") ?? Money.Money.Zero;
            var rounding = b.Enum("rounding", RoundingWords) ?? RoundingPoint.PerCall;
            var bandsBy = b.Enum("bands_by", BandsByWords) ?? BandsBy.Start;
            b.CheckUnknownKeys();
            _ = rate;
            return new BillingRules(start, firstSeconds, firstPrice, increment, minimum, connect, rounding, bandsBy);
        }

        private TierTable? ReadTiers(YamlMap? t)
        {
            if (t is null)
            {
                return null;
            }
            var mode = t.Enum("mode", TierWords, required: true) ?? TierMode.Graduated;
            var steps = new List<TierStep>();
            foreach (var s in t.MapList("steps", required: true))
            {
                var from = s.Int("from", required: true);
                var rate = s.Rate("rate", required: true);
                s.CheckUnknownKeys();
                if (from is null || rate is null)
                {
                    continue;
                }
                if (steps.Count == 0 && from != 0)
                {
                    bag.Add(s.NodeOr("from"), $"the first tier must start at 0 minutes, found {from}");
                }
                else if (steps.Count > 0 && from <= steps[^1].FromMinutes)
                {
                    bag.Add(s.NodeOr("from"), $"tiers must start at increasing minutes: {from} follows {steps[^1].FromMinutes}");
                }
                steps.Add(new TierStep(from.Value, rate.Value));
            }
            t.CheckUnknownKeys();
            return steps.Count == 0 ? null : new TierTable(mode, steps);
        }

        private Allowance? ReadAllowance(YamlMap? a, Package? package, Rate? rate, int term)
        {
            if (a is null)
            {
                return null;
            }
            long minutes = 0;
            if (a.Raw("minutes") is YamlScalarNode { Value: "package" } pm)
            {
                if (package is null || rate is not { YuanPerMinute: > 0 } r)
                {
                    bag.Add(pm, "'minutes: package' needs a package and a rate above zero");
                }
                else
                {
                    minutes = (long)decimal.Floor(package.Price.Yuan / r.YuanPerMinute);
                }
            }
            else
            {
                minutes = a.Int("minutes", required: true) ?? 0;
            }
            var per = a.Enum("per", PerWords, required: true) ?? AllowancePeriod.Month;
            var expires = a.Int("expires_after_months", min: 1, max: 120);
            if (expires is not null && per == AllowancePeriod.Month)
            {
                bag.Add(a.NodeOr("expires_after_months"), "'expires_after_months' applies to per-term allowances only (monthly allowances expire at month end)");
            }
            var onExhausted = a.Enum("on_exhausted", ExhaustWords) ?? ExhaustionRule.Overage;
            var overage = a.Rate("overage_rate");
            a.CheckUnknownKeys();
            return new Allowance(minutes, per, expires ?? term, onExhausted, overage);
        }

        private BandTable ReadBands(YamlMap v, Rate rate)
        {
            var list = v.MapList("bands");
            if (list.Count == 0)
            {
                return BandTable.Flat(rate);
            }
            var bands = new List<Band>();
            var pieces = new List<(int Class, long From, long To, int Band)>();
            var mentionsClass = new bool[9];
            foreach (var b in list)
            {
                var id = b.Id("id");
                var name = b.Text("name", required: false);
                var days = b.StringList("days", required: true);
                var from = ReadClock(b, "from");
                var to = ReadClock(b, "to");
                var bandRate = b.Rate("rate", required: true);
                b.CheckUnknownKeys();
                if (id is not null && bands.Any(x => x.Id == id))
                {
                    bag.Add(b.NodeOr("id"), $"duplicate band id '{id}'");
                }
                var index = bands.Count;
                bands.Add(new Band(id ?? "?", name ?? new LocalizedText(id ?? "?", id ?? "?"), bandRate ?? Rate.Zero));
                var classes = new List<int>();
                foreach (var (word, node) in days)
                {
                    if (DayWords.TryGetValue(word, out var cls))
                    {
                        classes.AddRange(cls.Select(c => (int)c));
                    }
                    else
                    {
                        bag.Add(node, $"unknown day '{word}'; use mon…sun, workday, weekend, rest, holiday, adjusted_workday or all");
                    }
                }
                if (from is null || to is null)
                {
                    continue;
                }
                if (from == to)
                {
                    bag.Add(b.NodeOr("to"), $"band '{id}' is empty: from and to are both {FormatClock(from.Value)}");
                    continue;
                }
                foreach (var c in classes.Distinct())
                {
                    mentionsClass[c] = true;
                    if (from < to)
                    {
                        pieces.Add((c, from.Value, to.Value, index));
                    }
                    else
                    {
                        pieces.Add((c, from.Value, ChinaTime.MsPerDay, index));
                        if (to > 0)
                        {
                            pieces.Add((c, 0, to.Value, index));
                        }
                    }
                }
            }
            var byClass = new BandTable.Segment[9][];
            var bandsNode = v.NodeOr("bands");
            for (var c = 0; c < 9; c++)
            {
                if (!mentionsClass[c])
                {
                    if (c < 7)
                    {
                        bag.Add(bandsNode, $"bands leave {ClassName(c)} uncovered: every weekday needs bands covering 00:00–24:00");
                    }
                    continue;
                }
                var segs = pieces.Where(p => p.Class == c).OrderBy(p => p.From).ToList();
                long cursor = 0;
                var ok = true;
                var prevBand = -1;
                foreach (var s in segs)
                {
                    if (s.From > cursor)
                    {
                        bag.Add(bandsNode, $"bands leave {ClassName(c)} {FormatClock(cursor)}–{FormatClock(s.From)} uncovered");
                        ok = false;
                    }
                    else if (s.From < cursor)
                    {
                        bag.Add(bandsNode, $"bands '{bands[prevBand].Id}' and '{bands[s.Band].Id}' overlap on {ClassName(c)} {FormatClock(s.From)}–{FormatClock(Math.Min(cursor, s.To))}");
                        ok = false;
                    }
                    cursor = Math.Max(cursor, s.To);
                    prevBand = s.Band;
                }
                if (cursor < ChinaTime.MsPerDay)
                {
                    bag.Add(bandsNode, $"bands leave {ClassName(c)} {FormatClock(cursor)}–24:00 uncovered");
                    ok = false;
                }
                if (ok)
                {
                    byClass[c] = segs.Select(s => new BandTable.Segment(s.From, s.To, s.Band)).ToArray();
                }
            }
            return new BandTable(bands, byClass);
        }

        private long? ReadClock(YamlMap b, string key)
        {
            var text = b.String(key, required: true);
            if (text is null)
            {
                return null;
            }
            var parts = text.Split(':');
            if (parts.Length == 2 && int.TryParse(parts[0], out var h) && int.TryParse(parts[1], out var m) && parts[1].Length == 2
                && m is >= 0 and < 60 && (h is >= 0 and < 24 || (h == 24 && m == 0)))
            {
                return (h * 60L + m) * 60_000L;
            }
            bag.Add(b.NodeOr(key), $"'{key}' must be a time of day like \"08:00\" (00:00–24:00), found '{text}'");
            return null;
        }

        private static string FormatClock(long ms) => $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}";

        private static string ClassName(int c) => c switch
        {
            0 => "mon",
            1 => "tue",
            2 => "wed",
            3 => "thu",
            4 => "fri",
            5 => "sat",
            6 => "sun",
            7 => "holiday",
            _ => "adjusted_workday",
        };
    }
}
