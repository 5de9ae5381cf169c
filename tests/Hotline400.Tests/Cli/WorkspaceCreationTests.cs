using Hotline400.Cli;
using static Hotline400.Tests.TestWorld;
using static Hotline400.Tests.CliRun;

namespace Hotline400.Tests.Cli;

/// <summary>
/// Only the verbs that fill a workspace (<c>import …</c>, <c>demo</c>) create one. The others,
/// given a <c>--db</c> that is not there (mistyped, or nothing imported yet), say so and leave no
/// file behind, instead of creating an empty workspace and reporting what it lacks.
/// </summary>
public sealed class WorkspaceCreationTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("statement", "400-711-9090", "2026-09")]
    [InlineData("balance", "400-711-9090")]
    [InlineData("bill", "2026-09")]
    [InlineData("topup", "400-711-9090", "600")]
    public void A_verb_that_does_not_fill_a_workspace_refuses_one_that_does_not_exist_and_creates_nothing(params string[] args)
    {
        var db = _dir.File("nonexist.db");
        var (code, output, error) = Run([.. args, "--db", db]);
        Assert.True(code == CliApp.Unusable, output + error);
        Assert.Equal($"错误：工作区 {db} 不存在；请先用 hotline400 import … 建立", error.TrimEnd());
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));

        (code, _, error) = Run([.. args, "--db", db, "--lang", "en"]);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Equal($"error: the workspace {db} does not exist; create it with hotline400 import … first", error.TrimEnd());
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void Import_creates_the_workspace_and_then_the_other_verbs_use_it()
    {
        var db = _dir.File("w.db");
        var (code, _, error) = Run("import", "catalog", "--db", db, _dir.Write("catalog.yaml", CatalogYaml));
        Assert.True(code == CliApp.Ok, error);
        Assert.True(File.Exists(db));
        (code, _, error) = Run("statement", NumberFor("flat"), "2026-03", "--db", db);
        Assert.Equal(CliApp.Unusable, code);
        Assert.Contains("还没有出账", error, StringComparison.Ordinal);
    }
}
