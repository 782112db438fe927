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
        List<ReadResult> reads;
        BenchAccount history;
        using (var app = AppProcess.Start(azurite.ConnectionString, prefix))
        {
            await app.WaitReadyAsync();
            log.WriteLine("Ingest: signed batches over HTTP");
            ingest = await IngestScenario.RunAsync(app, azurite, await BenchAccount.CreateAsync(app, "Busy"), options, ceiling);
            log.WriteLine("Roll-up of the busy hour");
            rollup = await RollupScenario.RunAsync(app, options.IngestEvents, ceiling);
            log.WriteLine("Reads");
            history = await BenchAccount.CreateAsync(app, "History");
            reads = await ReadScenario.RunAsync(app, history, new BareRead(azurite.ConnectionString, prefix, history.Id), options, log);
        }
        log.WriteLine("Cold starts");
        var usage = UsageEndpoint.All.FirstOrDefault(e => reads.Any(r => r.Endpoint == e.Path && r.Available)) ?? UsageEndpoint.All[^1];
        var coldStart = await ColdStartScenario.RunAsync(azurite.ConnectionString, prefix, history, usage, options.ColdStarts);
        return new BenchResult(options.Mode, startedAt, clock.Elapsed.TotalSeconds, Machine(), ceiling, ingest, rollup, reads, coldStart,
            StoragePrices.ListPrices, Targets.Evaluate(ingest, rollup, reads, coldStart));
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
