using global::Hotline400.Accounts;
using global::Hotline400.Audit;
using global::Hotline400.Catalog;
using global::Hotline400.Calls;
using global::Hotline400.Rating;

namespace Hotline400.Tests.Audit;

/// <summary>The sample catalog, accounts and call file of samples/, rated once for the audit tests.</summary>
internal static class AuditSamples
{
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Hotline400.slnx")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("Hotline400.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Sample(string name) => Path.Combine(RepoRoot, "samples", name);

    private static readonly Lazy<(TariffCatalog, AccountBook, List<RatedCall>)> Loaded = new(() =>
    {
        var catalog = CatalogLoader.LoadFile(Sample("catalog.yaml")).Value!;
        var accounts = AccountsLoader.LoadFile(Sample("accounts.yaml"), catalog).Value!;
        var errors = new List<Hotline400.Common.LocalizedText>();
        var rating = BillAuditor.RateCalls([Sample("provider-statement-calls.csv")], catalog, accounts, ColumnMap.Default, errors);
        Assert.Empty(errors);
        Assert.Empty(rating!.Value.Rejected);
        return (catalog, accounts, rating.Value.Rated);
    });

    public static TariffCatalog Catalog => Loaded.Value.Item1;
    public static AccountBook Accounts => Loaded.Value.Item2;
    public static List<RatedCall> Rated => Loaded.Value.Item3;
}
