using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace UsageFunctions.Bench;

/// <summary>One run: a fresh in-memory Azurite, the ceiling, then the real app for ingest, roll-up and reads, then cold starts.</summary>
public static class BenchRunner
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<BenchResult> RunAsync(BenchOptions options, string repositoryRoot, TextWriter log)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var azurite = await Azurite.StartAsync(repositoryRoot);
        log.WriteLine("Ceiling: bare batch inserts and scan");
        var ceiling = await CeilingScenario.RunAsync(azurite, options);

        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        IngestResult ingest;
        RollupResult rollup;
        BenchAccount busy;
        using (var app = AppProcess.Start(azurite.ConnectionString, prefix))
        {
            await app.WaitReadyAsync();
            log.WriteLine("Ingest: signed batches over HTTP");
            busy = await BenchAccount.CreateAsync(app, "Busy");
            ingest = await IngestScenario.RunAsync(app, azurite, busy, options, ceiling);
            log.WriteLine("Roll-up of the busy hour");
            rollup = await RollupScenario.RunAsync(app, options.IngestEvents, ceiling);
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
            reads = await ReadScenario.RunAsync(app, history, new BareRead(azurite.ConnectionString, prefix, history.Id), options, log);
        }
        return new BenchResult(options.Mode, startedAt, clock.Elapsed.TotalSeconds, Machine(), ceiling, ingest, rollup, reads, coldStarts,
            StoragePrices.ListPrices, Targets.Evaluate(ingest, rollup, reads, coldStarts));
    }

    private static async Task<List<ColdStartResult>> ColdStartsAsync(
        Azurite azurite, string prefix, BenchAccount account, BenchOptions options, string repositoryRoot, TextWriter log)
    {
        var usage = UsageEndpoint.All[0];
        var coldStarts = new List<ColdStartResult>();
        if (AppPackage.Supported)
        {
            using var package = await AppPackage.PrepareAsync(repositoryRoot, options.Package);
            log.WriteLine(package.BuildSeconds > 0 ? $"  package built in {package.BuildSeconds:0} s" : $"  package {package.Zip}");
            coldStarts.Add(await ColdStartScenario.RunAsync(package.Launch, azurite.ConnectionString, prefix, account, usage, options.ColdStarts));
        }
        coldStarts.Add(await ColdStartScenario.RunAsync(AppLaunch.BuildOutput(), azurite.ConnectionString, prefix, account, usage, options.ColdStarts));
        return coldStarts;
    }

    public static async Task<(string Markdown, string Json)> WriteAsync(BenchResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        var markdown = Path.Combine(directory, "latest.md");
        var json = Path.Combine(directory, "latest.json");
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
