namespace Hotline400.Tests;

/// <summary>The <c>hotline400</c> command run in-process, as from a shell: its exit code and what it printed.</summary>
internal static class CliRun
{
    public static (int Code, string Out, string Err) Run(params string[] args) => RunAt(TimeProvider.System, args);

    /// <summary>Runs the command with the clock at <paramref name="clock"/> (profiles, statements as of a day).</summary>
    public static (int Code, string Out, string Err) RunAt(TimeProvider clock, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = global::Hotline400.Cli.CliApp.Run(args, stdout, stderr, clock);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
