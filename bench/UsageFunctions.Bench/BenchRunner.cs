using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace UsageFunctions.Bench;

/// <summary>
/// One run: a fresh in-memory Azurite, the real app under the local host for ingest (interleaved with bare inserts) and roll-up, cold
/// starts of the package and of a minimal worker, then reads.
/// </summary>
public static class BenchRunner
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<BenchResult> RunAsync(BenchOptions options, string repositoryRoot, TextWriter log)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var azurite = await Azurite.StartAsync(repositoryRoot);
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        CeilingResult ceiling;
        IngestResult ingest;
        RollupResult rollup;
        BenchAccount busy;
        using (var app = AppProcess.Start(azurite.ConnectionString, prefix))
        {
            await app.WaitReadyAsync();
            log.WriteLine("Ingest against bare inserts: warm-up, then interleaved rounds");
            busy = await BenchAccount.CreateAsync(app, "Busy");
            (ceiling, ingest) = await IngestScenario.RunAsync(app, azurite, busy, options);
            log.WriteLine("Roll-up of the ingested hours");
            rollup = await RollupScenario.RunAsync(app, ingest.TotalEvents, ceiling);
            if (options.CaughtUp)
            {
                await RollupScenario.WaitPastGraceAsync(DateTimeOffset.UtcNow, log);
                await RollupScenario.FireAsync(app);
            }
        }
        // Before the history fill: Azurite's query time grows with the table (it scans it), which is no part of a start.
        log.WriteLine("Cold starts");
        var coldStarts = await ColdStartsAsync(azurite, prefix, busy, options, repositoryRoot, log);
        List<ReadResult> reads;
        using (var app = AppProcess.Start(azurite.ConnectionString, prefix))
        {
            await app.WaitReadyAsync();
            log.WriteLine("Reads");
            var history = await BenchAccount.CreateAsync(app, "History");
            reads = await ReadScenario.RunAsync(app, azurite, history, new BareRead(azurite.ConnectionString, prefix, history.Id), options, log);
        }
        return new BenchResult(options.Mode, startedAt, clock.Elapsed.TotalSeconds, Machine(), ceiling, ingest, rollup, reads, coldStarts,
            StoragePrices.ListPrices, Targets.Evaluate(ingest, rollup, reads, coldStarts));
    }

    /// <summary>The package and the minimal worker, published for linux-x64: measured only there.</summary>
    private static async Task<List<ColdStartResult>> ColdStartsAsync(
        Azurite azurite, string prefix, BenchAccount account, BenchOptions options, string repositoryRoot, TextWriter log)
    {
        if (!AppPackage.Supported) return [];
        var usage = UsageEndpoint.All[0];
        using var package = await AppPackage.PrepareAsync(repositoryRoot, options.Package);
        log.WriteLine(package.BuildSeconds > 0 ? $"  package built in {package.BuildSeconds:0} s" : $"  package {package.Zip}");
        var minimal = await MinimalWorkerApp.PublishAsync(repositoryRoot);
        ColdStartApp[] apps = [new(package.Launch, usage.Path, () => usage.Request(account.ReadKey)), minimal];
        return await ColdStartScenario.RunAsync(apps, azurite.ConnectionString, prefix, options.ColdStarts);
    }

    /// <summary>latest.{md,json} for a full run, latest-quick.{md,json} for a quick one, so a quick run never replaces the published table.</summary>
    public static async Task<(string Markdown, string Json)> WriteAsync(BenchResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        var name = result.Mode == "full" ? "latest" : $"latest-{result.Mode}";
        var markdown = Path.Combine(directory, name + ".md");
        var json = Path.Combine(directory, name + ".json");
        await File.WriteAllTextAsync(markdown, MarkdownReport.Render(result));
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(result, Json));
        return (markdown, json);
    }

    private static MachineInfo Machine()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return new MachineInfo(Environment.ProcessorCount, $"{memory:0.0} GiB RAM", RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription.Replace(".NET ", "", StringComparison.Ordinal));
    }
}
