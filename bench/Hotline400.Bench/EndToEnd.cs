using System.Diagnostics;
using System.Globalization;
using Hotline400.Accounts;
using Hotline400.Catalog;
using Hotline400.Calls;
using Hotline400.Simulation;

namespace Hotline400.Bench;

/// <summary>
/// End-to-end runs of the real `hotline400` command on a simulated, time-ordered call file:
/// calls per second of `rate` (CSV in, rated CSV out), the ratio to a parse-only pass over the
/// same file, the time writing the same output alone takes, `import calls` into a fresh SQLite workspace and again (all duplicates), and the peak memory of the process. Prints a Markdown table for the README.
/// </summary>
public static class EndToEnd
{
    public static int Run(string[] args)
    {
        var calls = 10_000_000L;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--calls")
            {
                calls = long.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }
        var rateOnly = args.Contains("--rate-only");
        var root = FindRoot();
        var work = Directory.CreateTempSubdirectory("h400-bench-").FullName;
        var catalog = CatalogLoader.Sample();
        var accounts = AccountsLoader.Sample(catalog);
        var numbers = accounts.Numbers.Count();
        var from = new DateOnly(2026, 9, 1);
        var days = 30;
        // Weekends and holidays carry about a third of a workday's calls: aim the workday volume so the month totals about `calls`.
        var perDay = (int)Math.Max(1, calls * 1.27 / days / numbers);
        var callsFile = Path.Combine(work, "calls.csv");
        var sw = Stopwatch.StartNew();
        long rows;
        using (var f = File.Create(callsFile))
        {
            rows = new TrafficSimulator(accounts, new SimulationOptions(from, from.AddDays(days - 1), 7, perDay)).WriteCsv(f);
        }
        var simSeconds = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"simulated {rows:N0} rows ({new FileInfo(callsFile).Length / 1e6:N0} MB) in {simSeconds:N1} s = {rows / simSeconds:N0} rows/s");

        var parse = ParseOnly(callsFile);
        Console.WriteLine($"parse-only: {rows:N0} rows in {parse:N2} s = {rows / parse:N0} rows/s");

        var cli = Path.Combine(root, "src", "Hotline400.Cli", "bin", "Release", "net10.0", "hotline400.dll");
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"build the CLI first: dotnet build -c Release src/Hotline400.Cli ({cli} is missing)");
            return 2;
        }
        var rated = Path.Combine(work, "rated.csv");
        var (seconds, peakMb, exit, rateCpu) = RunProcess("dotnet", [cli, "rate", "--catalog", Path.Combine(root, "samples", "catalog.yaml"), "--accounts", Path.Combine(root, "samples", "accounts.yaml"),
            "--out", rated, "--rejects", Path.Combine(work, "rejects.csv"), "--json", callsFile]);
        Console.WriteLine($"rate: exit {exit}, {rows:N0} rows in {seconds:N2} s = {rows / seconds:N0} calls/s, CPU {rateCpu:N1} s, peak memory {peakMb:N0} MB, ratio to parse-only {seconds / parse:N2}");
        var ratedBytes = new FileInfo(rated).Length;
        var (writeSeconds, writeCpu) = WriteOnly(rated, Path.Combine(work, "rated-copy.csv"));
        Console.WriteLine($"writing the rated CSV's {ratedBytes / 1e9:N1} GB alone (a copy of it): {writeSeconds:N2} s, CPU {writeCpu:N1} s");
        if (rateOnly)
        {
            Directory.Delete(work, true);
            return 0;
        }
        // Import into a fresh workspace: catalog and accounts first (not timed), then the calls.
        var db = Path.Combine(work, "bench.db");
        RunProcess("dotnet", [cli, "import", "catalog", "--db", db, Path.Combine(root, "samples", "catalog.yaml")]);
        RunProcess("dotnet", [cli, "import", "accounts", "--db", db, Path.Combine(root, "samples", "accounts.yaml")]);
        var (importSeconds, importMb, importExit, importCpu) = RunProcess("dotnet", [cli, "import", "calls", "--db", db, "--json", callsFile]);
        Console.WriteLine($"import calls: exit {importExit}, {rows:N0} rows in {importSeconds:N2} s = {rows / importSeconds:N0} rows/s, CPU {importCpu:N1} s, peak memory {importMb:N0} MB, workspace {new FileInfo(db).Length / 1e6:N0} MB");
        // The same file again: every row is a duplicate (one call_id lookup each, nothing stored).
        var (againSeconds, againMb, againExit, againCpu) = RunProcess("dotnet", [cli, "import", "calls", "--db", db, "--json", callsFile]);
        Console.WriteLine($"import calls again (all duplicates): exit {againExit}, {rows:N0} rows in {againSeconds:N2} s = {rows / againSeconds:N0} rows/s, CPU {againCpu:N1} s, peak memory {againMb:N0} MB");
        Console.WriteLine();
        Console.WriteLine("| run | rows | seconds | rows/s | peak memory |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| simulate | {rows:N0} | {simSeconds:N2} | {rows / simSeconds:N0} | |");
        Console.WriteLine($"| parse only (in process) | {rows:N0} | {parse:N2} | {rows / parse:N0} | |");
        Console.WriteLine($"| `hotline400 rate` → rated CSV ({ratedBytes / 1e9:N1} GB) | {rows:N0} | {seconds:N2} (CPU {rateCpu:N1}) | {rows / seconds:N0} | {peakMb:N0} MB |");
        Console.WriteLine($"| ratio rate / parse-only | | {seconds / parse:N2}× | | |");
        Console.WriteLine($"| writing the same {ratedBytes / 1e9:N1} GB alone (a copy of the rated CSV) | | {writeSeconds:N2} (CPU {writeCpu:N1}) | | |");
        Console.WriteLine($"| `hotline400 import calls` → fresh SQLite workspace | {rows:N0} | {importSeconds:N2} | {rows / importSeconds:N0} | {importMb:N0} MB (CPU {importCpu:N1} s) |");
        Console.WriteLine($"| `hotline400 import calls` again (all duplicates) | {rows:N0} | {againSeconds:N2} | {rows / againSeconds:N0} | {againMb:N0} MB (CPU {againCpu:N1} s) |");
        Directory.Delete(work, true);
        return 0;
    }

    /// <summary>
    /// Copies a file with large writes, timed with this process's CPU: the floor that writing
    /// that much output puts under any run on this machine.
    /// </summary>
    private static (double Seconds, double CpuSeconds) WriteOnly(string from, string to)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        using (var input = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
        using (var output = new FileStream(to, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            input.CopyTo(output, 1 << 20);
        }
        var seconds = sw.Elapsed.TotalSeconds;
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        File.Delete(to);
        return (seconds, used);
    }

    private static double ParseOnly(string path)
    {
        var sw = Stopwatch.StartNew();
        using var reader = CallReader.Open(path, 0, ColumnMap.Default, out _)!;
        long n = 0;
        while (reader.Next(out _, out _))
        {
            n++;
        }
        return sw.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Runs a process, sampling its peak resident memory (VmHWM) until it exits. Its CPU time (user +
    /// system) is read from /proc just before it exits, every 50 ms: a slight underestimate.
    /// </summary>
    private static (double Seconds, double PeakMb, int Exit, double CpuSeconds) RunProcess(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        double peakKb = 0, cpu = 0;
        while (!p.WaitForExit(50))
        {
            peakKb = Math.Max(peakKb, ReadHwmKb(p.Id));
            cpu = Math.Max(cpu, ReadCpuSeconds(p.Id));
        }
        var seconds = sw.Elapsed.TotalSeconds;
        return (seconds, peakKb / 1024, p.ExitCode, cpu);
    }

    /// <summary>User + system CPU seconds of a running process (/proc/PID/stat fields 14 and 15), 0 when unknown.</summary>
    internal static double ReadCpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields after the command name start at field 3 (state): utime is field 14, stime 15.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception ex) when (ex is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    internal static double ReadHwmKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    internal static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hotline400.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }
}
