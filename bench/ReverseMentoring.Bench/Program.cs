using System.Diagnostics;
using System.Globalization;
using ReverseMentoring.Bench;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;

// Usage: dotnet run -c Release --project bench/ReverseMentoring.Bench [-- sizes...]   e.g. -- 500 5000
//        dotnet run -c Release --project bench/ReverseMentoring.Bench -- ranked [sizes...]   (preference-led, default 5000)
//        dotnet run -c Release --project bench/ReverseMentoring.Bench -- bulk-approve [size]   (default 500)
//        dotnet run -c Release --project bench/ReverseMentoring.Bench -- facts <migrated and rebuilt SQLite file> [compare]
//        dotnet run -c Release --project bench/ReverseMentoring.Bench -- dashboard-parts <migrated and rebuilt SQLite file> [department]
//        dotnet run -c Release --project bench/ReverseMentoring.Bench -- writer BASE_URL CERTIFICATE PEOPLE_FILE SECONDS [RATE]   (bench/writer.sh)
//        dotnet run -c Release --project bench/ReverseMentoring.Bench -- to-postgres <generated SQLite file> <connection string>   (bench/load-two.sh)
//        dotnet run -c Release --project bench/ReverseMentoring.Bench -- forward LISTEN_PORT TARGET_PORT...   (bench/load-two.sh)
if (args.Length > 1 && args[0] == "dashboard-parts")
{
    await DashboardParts.RunAsync(args[1], args.Length > 2 ? args[2] : "Finance");
    return;
}

if (args.Length > 1 && args[0] == "facts")
{
    await FactsRead.RunAsync(args[1], args.Length > 2 && args[2] == "compare");
    return;
}

if (args.Length > 0 && args[0] == "writer")
{
    Environment.ExitCode = await Writer.RunAsync(args[1..]);
    return;
}

if (args.Length > 2 && args[0] == "to-postgres")
{
    Environment.ExitCode = await CopyToPostgreSql.RunAsync(args[1], args[2]);
    return;
}

if (args.Length > 0 && args[0] == "forward")
{
    Environment.ExitCode = await Forwarder.RunAsync(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "bulk-approve")
{
    await BulkApprove.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500);
    return;
}

if (args.Length > 0 && args[0] == "ranked")
{
    var rankedSizes = args.Length > 1 ? args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [5000];
    Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
    PairingEngine.Propose(RankedProgram.Generate(60, seed: 7, MatchingObjective.BestTotalScore, removeBlockingPairs: true));
    Console.WriteLine("| mentors × mentees | solve | wall time | peak working set | GC allocated | pairs | people matched | total with bonuses | 1st / 2nd / 3rd / 4th / 5th / none of their ranked | blocking pairs |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
    foreach (var size in rankedSizes)
    {
        foreach (var (objective, stable) in new[] { (MatchingObjective.BestTotalScore, false), (MatchingObjective.MostPeopleMatched, false), (MatchingObjective.BestTotalScore, true) })
        {
            var round = RankedProgram.Generate(size, seed: size, objective, stable);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var result = PairingEngine.Propose(round);
            clock.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {size:N0} × {size:N0} | {(stable ? "RemoveBlockingPairs" : objective.ToString())} | {clock.Elapsed.TotalSeconds:0.000} s | {peak / 1048576.0:N0} MB | {allocated / 1048576.0:N0} MB | {result.Pairs.Count:N0} | {result.PeopleMatched:N0} | {result.TotalWithBonus:N0} | {string.Join(" / ", result.Choices)} | {result.BlockingPairs:N0} |"));
        }
    }

    return;
}

var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [500, 5000];

Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
PairingEngine.Propose(RandomProgram.Generate(60, 60, seed: 7, MatchingObjective.BestTotalScore));

Console.WriteLine("| mentors × mentees | objective | wall time | peak working set | GC allocated | pairs | people matched | optimal total | first-fit pairs | first-fit total | first-fit time |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var size in sizes)
{
    foreach (var objective in new[] { MatchingObjective.BestTotalScore, MatchingObjective.MostPeopleMatched })
    {
        var round = RandomProgram.Generate(size, size, seed: size, objective);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var best = PairingEngine.Propose(round);
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;

        var greedyClock = Stopwatch.StartNew();
        var greedy = PairingEngine.FirstFit(round);
        greedyClock.Stop();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {size:N0} × {size:N0} | {objective} | {clock.Elapsed.TotalSeconds:0.000} s | {peak / 1048576.0:N0} MB | {allocated / 1048576.0:N0} MB | {best.Pairs.Count:N0} | {best.PeopleMatched:N0} | {best.TotalScore:N0} | {greedy.Pairs.Count:N0} | {greedy.TotalScore:N0} | {greedyClock.Elapsed.TotalSeconds:0.000} s |"));
    }
}
