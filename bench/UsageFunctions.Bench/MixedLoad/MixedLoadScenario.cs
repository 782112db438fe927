using System.Collections.Concurrent;
using System.Diagnostics;

namespace UsageFunctions.Bench;

/// <summary>
/// The mixed load against the real app under the local host: a history filled and rolled up first, then every client
/// in a loop, each request an ingest (a fresh signed 100-event batch) with <see cref="MixedLoadOptions.IngestShare"/>
/// chance and otherwise a read of a random read endpoint, while the roll-up timer fires every 30 s and the period timer
/// every 60 s, as their schedules would; then the app idles. The worker's resident set is sampled every second.
/// </summary>
public static class MixedLoadScenario
{
    public static async Task<MixedLoadResult> RunAsync(MixedLoadOptions options, string repositoryRoot, TextWriter log)
    {
        var startedAt = DateTimeOffset.UtcNow;
        using var azurite = await Azurite.StartAsync(repositoryRoot);
        using var app = AppProcess.Start(azurite.ConnectionString, "mixed" + Guid.NewGuid().ToString("N")[..8]);
        var ready = await app.WaitReadyAsync();
        await using var sampler = new ResidentSampler(ready.WorkerProcessId);
        sampler.Start();
        sampler.Mark("history");
        var account = await BenchAccount.CreateAsync(app, "Mixed");
        var last = EventBatches.LastFullHour();
        log.WriteLine($"History: {options.HistoryEvents:N0} events over 30 days, then a roll-up");
        await Producers.SendAllAsync(app, account, EventBatches.Build("hist", options.HistoryEvents, b => last.AddHours(-(b % 720)), 4), 4);
        await RollupScenario.FireAsync(app);

        log.WriteLine($"Load: {options.Clients} clients for {options.Load.TotalSeconds:0} s, {options.IngestShare:0 %} ingest");
        sampler.Mark("load");
        var calls = new ConcurrentQueue<MixedCall>();
        var timerRuns = new ConcurrentQueue<MixedCall>();
        using var stop = new CancellationTokenSource(options.Load);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, options.Clients)
            .Select(c => ClientAsync(app, account, c, options.IngestShare, calls, stop.Token))
            .Append(TimersAsync(app, timerRuns, stop.Token)));
        var loadSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        log.WriteLine($"Idle: {options.Idle.TotalSeconds:0} s");
        sampler.Mark("idle");
        await Task.Delay(options.Idle);
        sampler.Mark("end");
        return MixedLoadResult.From(options, startedAt, loadSeconds, [.. calls], [.. timerRuns], sampler.Samples,
            app.WorkerPeakResidentBytes() ?? 0);
    }

    private static async Task ClientAsync(
        AppProcess app, BenchAccount account, int client, double ingestShare, ConcurrentQueue<MixedCall> calls, CancellationToken stop)
    {
        var random = new Random(client);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var ingest = random.NextDouble() < ingestShare;
            var endpoint = MixedEndpoints.Reads[random.Next(MixedEndpoints.Reads.Count)];
            using var request = ingest
                ? account.SignedBatch(EventBatches.Build($"live-{client}-{n}", EventBatches.BatchSize, _ => EventBatches.LastFullHour().AddHours(1))[0], $"msg_{client}_{n}")
                : endpoint.Request(account.ReadKey);
            calls.Enqueue(await TimeAsync(app, request, ingest ? "POST ingest (100 events)" : "GET " + endpoint.Path));
        }
    }

    private static async Task TimersAsync(AppProcess app, ConcurrentQueue<MixedCall> runs, CancellationToken stop)
    {
        using var every30s = new PeriodicTimer(TimeSpan.FromSeconds(30));
        try
        {
            for (var tick = 1; await every30s.WaitForNextTickAsync(stop); tick++)
            {
                runs.Enqueue(await TimeAsync(app, app.Admin(HttpMethod.Post, $"/admin/functions/{RollupScenario.Function}?wait=true"), "RollupTimer"));
                if (tick % 2 == 0) runs.Enqueue(await TimeAsync(app, app.Admin(HttpMethod.Post, "/admin/functions/PeriodTimer?wait=true"), "PeriodTimer"));
            }
        }
        catch (OperationCanceledException)
        {
            // The load is over.
        }
    }

    private static async Task<MixedCall> TimeAsync(AppProcess app, HttpRequestMessage request, string name)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await app.Http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return new MixedCall(name, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (HttpRequestException)
        {
            return new MixedCall(name, 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            request.Dispose();
        }
    }
}

/// <summary>One request of the load: what it was, its status (0 when the connection failed) and its latency.</summary>
public sealed record MixedCall(string Name, int Status, double Milliseconds)
{
    public bool Ok => Status is >= 200 and < 300;
}
