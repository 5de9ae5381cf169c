using BenchmarkDotNet.Running;
using Hotline400.Bench;

// Two kinds of measurement:
//   dotnet run -c Release --project bench/Hotline400.Bench -- e2e [--calls N] [--rate-only]   end-to-end runs of the real command
//   dotnet run -c Release --project bench/Hotline400.Bench -- bill [--subscriptions N] [--calls N] [--runs K] [--work DIR]   a month's bill run
//   dotnet run -c Release --project bench/Hotline400.Bench -- advise [--calls N | --file CSV] [--plan KEY]   where the advisor's time goes
//   dotnet run -c Release --project bench/Hotline400.Bench -- [BenchmarkDotNet args]   micro-benchmarks
if (args.Length > 0 && args[0] == "e2e")
{
    return EndToEnd.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "advise")
{
    return AdvisorBench.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "bill")
{
    return BillBench.Run(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(EndToEnd).Assembly).Run(args);
return 0;
