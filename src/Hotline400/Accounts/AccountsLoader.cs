using Hotline400.Catalog;
using Hotline400.Common;
using Hotline400.Numbers;

namespace Hotline400.Accounts;

/// <summary>Reads an accounts file (docs/accounts-format.md) against a catalog, reporting every problem with its place.</summary>
public static class AccountsLoader
{
    private static readonly Dictionary<string, Distribution> DistributionWords = new()
    {
        ["sequential"] = Distribution.Sequential,
        ["round_robin"] = Distribution.RoundRobin,
        ["random"] = Distribution.Random,
        ["simultaneous"] = Distribution.Simultaneous,
    };

    public static LoadResult<AccountBook> LoadFile(string path, TariffCatalog catalog)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new LoadResult<AccountBook>(null, [new Diagnostic(path, 0, 0, "cannot read the file: " + ex.Message)]);
        }
        return Load(text, path, catalog);
    }

    /// <summary>The accounts shipped with the product (samples/accounts.yaml) over the sample catalog.</summary>
    public static AccountBook Sample(TariffCatalog catalog)
    {
        var result = Load(SampleData.AccountsYaml, "samples/accounts.yaml", catalog);
        return result.Ok ? result.Value! : throw new InvalidOperationException("the built-in sample accounts are invalid: " + string.Join("; ", result.Diagnostics));
    }

    public static LoadResult<AccountBook> Load(string text, string source, TariffCatalog catalog)
    {
        var bag = new DiagnosticBag(source);
        var root = bag.ParseRoot(text);
        if (root is null)
        {
            return new LoadResult<AccountBook>(null, bag.Items);
        }
        var enterprises = new List<Enterprise>();
        var seenNumbers = new HashSet<long>();
        var seenIds = new HashSet<string>();
        var subscriptionIndex = 0;
        foreach (var e in root.MapList("enterprises", required: true))
        {
            var id = e.Id("id");
            var name = e.Text("name");
            if (id is not null && !seenIds.Add(id))
            {
                bag.Add(e.NodeOr("id"), $"duplicate enterprise id '{id}'");
            }
            var numbers = new List<NumberAccount>();
            foreach (var n in e.MapList("numbers", required: true))
            {
                var account = ReadNumber(n, id ?? "", catalog, bag, ref subscriptionIndex);
                if (account is null)
                {
                    continue;
                }
                if (!seenNumbers.Add(account.Number.Value))
                {
                    bag.Add(n.NodeOr("number"), $"number {account.Number.ToDisplayString()} appears more than once");
                    continue;
                }
                numbers.Add(account);
            }
            e.CheckUnknownKeys();
            if (id is not null && name is not null)
            {
                enterprises.Add(new Enterprise(id, name, numbers));
            }
        }
        root.CheckUnknownKeys();
        return new LoadResult<AccountBook>(bag.HasErrors ? null : new AccountBook(source, enterprises), bag.Items);
    }

    private static NumberAccount? ReadNumber(YamlMap n, string enterpriseId, TariffCatalog catalog, DiagnosticBag bag, ref int subscriptionIndex)
    {
        var text = n.String("number", required: true);
        HotlineNumber number = default;
        var numberOk = text is not null && HotlineNumber.TryParse(text, out number);
        if (text is not null && !numberOk)
        {
            bag.Add(n.NodeOr("number"), $"'{text}' is not a 400 number (400 followed by 7 digits)");
        }
        var areaCodeText = n.String("area_code");
        var areaCode = 0;
        if (areaCodeText is not null)
        {
            var digits = areaCodeText.TrimStart('0');
            if (!int.TryParse(digits, out areaCode) || areaCodeText.Length is < 3 or > 4)
            {
                bag.Add(n.NodeOr("area_code"), $"'area_code' must be an area code like \"0571\", found '{areaCodeText}'");
            }
        }

        var subscriptions = new List<Subscription>();
        var subNodes = n.MapList("subscriptions");
        if (subNodes.Count == 0 && n.Has("plan"))
        {
            subNodes = [n];
        }
        else if (subNodes.Count == 0)
        {
            bag.Add(n.Node, "a number needs 'subscriptions' (or 'plan' and 'start')");
        }
        Provider? provider = null;
        foreach (var s in subNodes)
        {
            var planKey = s.String("plan", required: true);
            var start = s.Date("start", required: true);
            var end = s.Date("end");
            if (!ReferenceEquals(s, n))
            {
                s.CheckUnknownKeys();
            }
            var plan = planKey is null ? null : catalog.FindPlan(planKey);
            if (planKey is not null && plan is null)
            {
                bag.Add(s.NodeOr("plan"), $"unknown plan '{planKey}' (write provider/plan, e.g. {catalog.Plans.FirstOrDefault()?.Key ?? "telecom/tel-480"})");
            }
            if (plan is null || start is null)
            {
                continue;
            }
            if (end is not null && end < start)
            {
                bag.Add(s.NodeOr("end"), $"subscription ends {end:yyyy-MM-dd}, before it starts {start:yyyy-MM-dd}");
                continue;
            }
            if (plan.VersionAt(start.Value) is null)
            {
                bag.Add(s.NodeOr("start"), $"plan '{plan.Key}' has no version in force on {start:yyyy-MM-dd} (its first takes effect {plan.Versions[0].Effective:yyyy-MM-dd})");
            }
            if (subscriptions.Count > 0)
            {
                var prev = subscriptions[^1];
                if (prev.End is null || prev.End >= start)
                {
                    bag.Add(s.NodeOr("start"), $"subscription starting {start:yyyy-MM-dd} overlaps the one before it (from {prev.Start:yyyy-MM-dd}); end that one first");
                }
            }
            var p = catalog.FindProvider(plan.ProviderId);
            if (p is not null && !p.Serves(number))
            {
                bag.Add(s.NodeOr("plan"), $"{number.ToDisplayString()} is a {Numbers.CarrierNames.En(number.Carrier)} number (by its prefix); plan '{plan.Key}' is sold by '{p.Id}' for {Numbers.CarrierNames.En(p.Carrier)} numbers");
            }
            if (provider is not null && p is not null && provider.Id != p.Id)
            {
                bag.Add(s.NodeOr("plan"), $"all subscriptions of a number must be with one provider ({provider.Id}), found '{plan.Key}'");
            }
            provider ??= p;
            subscriptions.Add(new Subscription(subscriptionIndex++, number, plan, start.Value, end));
        }

        var gradeId = n.Id("grade", required: false) ?? "standard";
        Grade? grade = null;
        if (provider is not null)
        {
            grade = provider.FindGrade(gradeId);
            if (grade is null && gradeId != "standard")
            {
                bag.Add(n.NodeOr("grade"), $"unknown grade '{gradeId}' for provider '{provider.Id}' (grades: {string.Join(", ", provider.Grades.Select(g => g.Id))})");
            }
        }
        grade ??= new Grade("standard", new LocalizedText("普通号码", "Standard"), null, Money.Money.Zero, Money.Money.Zero, Money.Money.Zero);

        var services = new List<ServiceEnrollment>();
        foreach (var sv in n.MapList("services"))
        {
            var sid = sv.Id("id");
            var start = sv.Date("start", required: true);
            var end = sv.Date("end");
            sv.CheckUnknownKeys();
            if (sid is null || start is null || provider is null)
            {
                continue;
            }
            var definition = provider.FindService(sid);
            if (definition is null)
            {
                bag.Add(sv.NodeOr("id"), $"unknown service '{sid}' for provider '{provider.Id}' (services: {string.Join(", ", provider.Services.Select(x => x.Id))})");
                continue;
            }
            var enrollment = new ServiceEnrollment(definition, start.Value, end);
            foreach (var other in services)
            {
                var clash = definition.IncompatibleWith.Contains(other.Service.Id) || other.Service.IncompatibleWith.Contains(sid);
                var overlap = (enrollment.End is null || enrollment.End >= other.Start) && (other.End is null || other.End >= enrollment.Start);
                if (clash && overlap)
                {
                    bag.Add(sv.NodeOr("id"), $"services '{other.Service.Id}' and '{sid}' are incompatible and both enabled from {(enrollment.Start > other.Start ? enrollment.Start : other.Start):yyyy-MM-dd}");
                }
            }
            services.Add(enrollment);
        }

        var bound = n.StringList("bound").Select(b => b.Value).ToList();
        var distribution = n.Enum("distribution", DistributionWords) ?? Distribution.Sequential;
        n.CheckUnknownKeys();
        if (!numberOk || subscriptions.Count == 0)
        {
            return null;
        }
        return new NumberAccount(number, enterpriseId, grade, areaCode, subscriptions, services, bound, distribution);
    }
}
