namespace Hotline400.Common;

/// <summary>The sample catalog and accounts shipped inside the product, for the demo and the advisor's default.</summary>
public static class SampleData
{
    public static string CatalogYaml => Read("Hotline400.Samples.catalog.yaml");
    public static string AccountsYaml => Read("Hotline400.Samples.accounts.yaml");

    private static string Read(string name)
    {
        using var stream = typeof(SampleData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
