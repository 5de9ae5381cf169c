using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hotline400.Accounts;
using Hotline400.Catalog;
using Hotline400.Numbers;
using Hotline400.Simulation;

namespace Hotline400.Bench;

/// <summary>
/// End-to-end bill run: an accounts file of N numbers over the sample catalog's plans, a simulated
/// month of their calls, imported into a fresh workspace with the real `hotline400 import`
/// commands (timed separately), then `hotline400 bill 2026-09 --json` timed as a process with its
/// peak memory. Prints Markdown table rows for the README.
/// <code>dotnet run -c Release --project bench/Hotline400.Bench -- bill --subscriptions 10000 --calls 10000000 [--runs 1] [--work DIR]</code>
/// With <c>--work DIR</c> the generated files and the imported workspace are kept in DIR and reused
/// by the next run of the same sizes (each timed bill run works on a fresh copy of the workspace).
/// </summary>
public static class BillBench
{
    private static readonly DateOnly Month = new(2026, 9, 1);

    public static int Run(string[] args)
    {
        var subscriptions = 10_000;
        var calls = 10_000_000L;
        var runs = 1;
        string? workArg = null;
        for (var i = 0; i < args.Length - 1; i++)
        {
            switch (args[i])
            {
                case "--subscriptions": subscriptions = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--calls": calls = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--work": workArg = args[i + 1]; break;
            }
        }
        var root = EndToEnd.FindRoot();
        var cli = Path.Combine(root, "src", "Hotline400.Cli", "bin", "Release", "net10.0", "hotline400.dll");
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"build the CLI first: dotnet build -c Release src/Hotline400.Cli ({cli} is missing)");
            return 2;
        }
        var keep = workArg is not null;
        var work = keep ? Directory.CreateDirectory(Path.Combine(workArg!, $"bill-{subscriptions}-{calls}")).FullName : Directory.CreateTempSubdirectory("h400-billbench-").FullName;
        var accountsFile = Path.Combine(work, "accounts.yaml");
        var callsFile = Path.Combine(work, "calls.csv");
        var baseDb = Path.Combine(work, "base.db");
        var catalogFile = Path.Combine(root, "samples", "catalog.yaml");
        long rows = 0;
        double simSeconds = 0, importSeconds = 0, importMb = 0;
        if (!File.Exists(baseDb))
        {
            var catalog = CatalogLoader.Sample();
            File.WriteAllText(accountsFile, AccountsYaml(catalog, subscriptions));
            var loaded = AccountsLoader.Load(File.ReadAllText(accountsFile), accountsFile, catalog);
            if (!loaded.Ok)
            {
                Console.Error.WriteLine(string.Join("\n", loaded.Diagnostics.Take(20)));
                return 2;
            }
            // Weekends and holidays carry about a third of a workday's calls: aim the workday volume so the month totals about `calls`.
            var perDay = (int)Math.Max(1, Math.Round(calls * 1.27 / 30 / subscriptions));
            var sw = Stopwatch.StartNew();
            using (var f = File.Create(callsFile))
            {
                rows = new TrafficSimulator(loaded.Value!, new SimulationOptions(Month, Month.AddMonths(1).AddDays(-1), 7, perDay)).WriteCsv(f);
            }
            simSeconds = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"simulated {rows:N0} calls for {subscriptions:N0} numbers ({perDay} a workday each, {new FileInfo(callsFile).Length / 1e6:N0} MB) in {simSeconds:N1} s");
            var tmpDb = baseDb + ".tmp";
            File.Delete(tmpDb);
            Check(Process("dotnet", [cli, "import", "catalog", "--db", tmpDb, catalogFile]), "import catalog");
            Check(Process("dotnet", [cli, "import", "accounts", "--db", tmpDb, accountsFile]), "import accounts");
            var import = Process("dotnet", [cli, "import", "calls", "--db", tmpDb, "--json", callsFile]);
            Check(import, "import calls");
            (importSeconds, importMb) = (import.Seconds, import.PeakMb);
            Console.WriteLine($"import calls: {rows:N0} rows in {importSeconds:N2} s = {rows / importSeconds:N0} rows/s, peak memory {importMb:N0} MB");
            File.Move(tmpDb, baseDb);
            File.Delete(callsFile);
        }
        else
        {
            Console.WriteLine($"reusing {baseDb}");
        }
        var dbSize = new FileInfo(baseDb).Length;
        var results = new List<(double Seconds, double Cpu, double PeakMb, int Issued)>();
        for (var r = 0; r < runs; r++)
        {
            var db = Path.Combine(work, "run.db");
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(db + suffix);
            }
            File.Copy(baseDb, db);
            var bill = Process("dotnet", [cli, "bill", Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), "--json", "--db", db]);
            Check(bill, "bill");
            var issued = CountIssued(bill.Stdout);
            Console.WriteLine($"bill: {bill.Seconds:N2} s wall, {bill.CpuSeconds:N2} s CPU, peak memory {bill.PeakMb:N0} MB, {issued:N0} statements issued, workspace {dbSize / 1e6:N0} MB → {new FileInfo(db).Length / 1e6:N0} MB");
            results.Add((bill.Seconds, bill.CpuSeconds, bill.PeakMb, issued));
        }
        if (!keep)
        {
            Directory.Delete(work, true);
        }
        var best = results.MinBy(x => x.Seconds);
        var callsLabel = rows > 0 ? rows.ToString("N0", CultureInfo.InvariantCulture) : $"~{calls:N0}";
        Console.WriteLine();
        Console.WriteLine("| run | subscriptions | calls | seconds (wall) | CPU seconds | peak memory |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        if (importSeconds > 0)
        {
            Console.WriteLine($"| `hotline400 import calls` (setup) | {subscriptions:N0} | {callsLabel} | {importSeconds:N2} | | {importMb:N0} MB |");
        }
        Console.WriteLine($"| `hotline400 bill 2026-09 --json` | {subscriptions:N0} | {callsLabel} | {best.Seconds:N2} | {best.Cpu:N2} | {best.PeakMb:N0} MB |");
        return 0;
    }

    private readonly record struct ProcessRun(double Seconds, double CpuSeconds, double PeakMb, int Exit, string Stdout, string Stderr);

    /// <summary>Runs a process: wall time, CPU time (user + system, from the children's rusage) and peak resident memory (VmHWM sampled every 50 ms).</summary>
    private static ProcessRun Process(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        var cpuBefore = ChildrenCpuSeconds();
        var sw = Stopwatch.StartNew();
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        double peakKb = 0;
        while (!p.WaitForExit(50))
        {
            peakKb = Math.Max(peakKb, EndToEnd.ReadHwmKb(p.Id));
        }
        p.WaitForExit();
        var seconds = sw.Elapsed.TotalSeconds;
        return new ProcessRun(seconds, ChildrenCpuSeconds() - cpuBefore, peakKb / 1024, p.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private static double ChildrenCpuSeconds()
    {
        // utime and stime (clock ticks, 100 a second) of waited-for children, from /proc/self/stat fields 16 and 17.
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static void Check(ProcessRun run, string what)
    {
        if (run.Exit != 0)
        {
            throw new InvalidOperationException($"{what} exited with {run.Exit}: {run.Stderr}");
        }
    }

    private static int CountIssued(string json)
    {
        var at = json.IndexOf("\"issued\":", StringComparison.Ordinal);
        if (at < 0)
        {
            return -1;
        }
        var digits = json[(at + 9)..].TrimStart().TakeWhile(char.IsAsciiDigit).ToArray();
        return int.Parse(digits, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// N numbers over every plan of the sample catalog, numbered with their provider's carrier
    /// prefix, all subscribed before the billed month; a quarter with IVR and recording, some with
    /// voicemail or an enterprise ring-back tone, ten numbers per enterprise.
    /// </summary>
    internal static string AccountsYaml(TariffCatalog catalog, int count)
    {
        var plans = catalog.Plans.ToList();
        var next = new Dictionary<string, long>
        {
            ["telecom"] = 4_008_000_000, ["unicom"] = 4_000_000_000, ["mobile"] = 4_001_000_000, ["cloudcall"] = 4_007_000_000,
        };
        var areas = new[] { "010", "021", "020", "0755", "0571", "028", "027", "025" };
        var sb = new StringBuilder("enterprises:\n");
        for (var i = 0; i < count; i++)
        {
            if (i % 10 == 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  - id: bench-{i / 10}\n    name: {{ zh: 基准企业{i / 10}, en: Bench enterprise {i / 10} }}\n    numbers:\n");
            }
            var plan = plans[i % plans.Count];
            var number = next[plan.ProviderId]++;
            while (new HotlineNumber(number).GradePattern() is not null)
            {
                number = next[plan.ProviderId]++; // pretty numbers are graded: keep to standard ones
            }
            // Started between 2025-10 and 2026-08, on a day of the month; terms and promotions in all phases.
            var start = new DateOnly(2025, 10, 1).AddMonths(i % 11).AddDays(i / 11 % 28);
            var effective = plan.Versions.Min(v => v.Effective);
            if (start < effective)
            {
                start = effective;
            }
            var area = areas[i % areas.Length];
            sb.Append(CultureInfo.InvariantCulture, $"      - number: {new HotlineNumber(number).ToDisplayString()}\n");
            sb.Append(CultureInfo.InvariantCulture, $"        grade: standard\n        area_code: \"{area}\"\n");
            sb.Append(CultureInfo.InvariantCulture, $"        plan: {plan.Key}\n        start: {start:yyyy-MM-dd}\n");
            var services = (i % 4) switch
            {
                0 => new[] { "ivr", "recording" },
                1 => ["voicemail"],
                2 => ["crbt", "blacklist"],
                _ => [],
            };
            if (services.Length > 0)
            {
                sb.Append("        services:\n");
                foreach (var s in services)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"          - {{ id: {s}, start: {start:yyyy-MM-dd} }}\n");
                }
            }
            sb.Append(CultureInfo.InvariantCulture, $"        bound: [{13800000000L + i}, {area}-{88000000 + i}]\n        distribution: sequential\n");
        }
        return sb.ToString();
    }
}
