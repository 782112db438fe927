using System.Globalization;

namespace UsageFunctions.Bench;

/// <summary>
/// <c>--scenario ingest --mode quick|full [--rounds-pause SECONDS]</c>: the ingest comparison alone (warm-up, interleaved
/// rounds, the CPU of every process per batch), printed, not written; the worker's process id is printed first, so a
/// profiler can attach (<c>dotnet-trace collect -p PID</c>) during the pause before the rounds.
/// </summary>
public static class IngestOnly
{
    public const string Scenario = "ingest";

    public static bool Requested(string[] args) => args.SkipWhile(a => a != "--scenario").Skip(1).FirstOrDefault() == Scenario;

    public static async Task RunAsync(string[] args, string repositoryRoot, TextWriter log)
    {
        var options = BenchOptions.Parse(args, repositoryRoot);
        var i = Array.IndexOf(args, "--rounds-pause");
        var pause = i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : 0;
        using var azurite = await Azurite.StartAsync(repositoryRoot);
        using var app = AppProcess.Start(azurite.ConnectionString, "bench" + Guid.NewGuid().ToString("N")[..8]);
        var ready = await app.WaitReadyAsync();
        log.WriteLine($"worker pid {ready.WorkerProcessId}; host pid {Environment.ProcessId} is the bench");
        var account = await BenchAccount.CreateAsync(app, "Busy");
        var idle = CpuMeter.Of(azurite, app);
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(2, pause)));
        var idleUse = idle.Stop(TimeSpan.FromSeconds(Math.Max(2, pause)));
        var (ceiling, ingest) = await IngestScenario.RunAsync(app, azurite, account, options);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"idle before the rounds: worker {idleUse.WorkerSeconds:0.00} s, host {idleUse.HostSeconds:0.00} s, Azurite {idleUse.AzuriteSeconds:0.00} s CPU in {idleUse.WallSeconds:0} s"));
        log.WriteLine($"bare insert, same layout: {ceiling.IngestLayoutInsertEntitiesPerSecond.Format("N0")} entities/s; ceiling {ceiling.InsertEntitiesPerSecond.Format("N0")}");
        log.WriteLine($"ingest: {ingest.EventsPerSecond.Format("N0")} events/s = {ingest.RatioToLayout.Percent()} of the same layout; {ingest.TransactionsPerEvent:0.0000} transactions per event");
        log.WriteLine($"CPU s (wall / Azurite / worker / host / bench): bare {Cpu(ceiling.InsertCpu)}; ingest {Cpu(ingest.Cpu)}");
    }

    private static string Cpu(CpuUse c) => string.Create(CultureInfo.InvariantCulture,
        $"{c.WallSeconds:0.00} / {c.AzuriteSeconds:0.00} / {c.WorkerSeconds:0.00} / {c.HostSeconds:0.00} / {c.BenchSeconds:0.00}");
}
