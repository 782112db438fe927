using System.Diagnostics;
using System.Net;

namespace UsageFunctions.Bench;

/// <summary>
/// Latency of every usage endpoint, one client reading sequentially, over one account whose history grows through
/// each size in turn (events spread over the last 30 days, 100 per batch, each batch in one hour). The roll-up
/// runs after each fill where it exists, as its timer would have.
/// </summary>
public static class ReadScenario
{
    private const int WarmUp = 5;

    public static async Task<List<ReadResult>> RunAsync(AppProcess app, BenchAccount account, BareRead bare, BenchOptions options, TextWriter log)
    {
        var last = EventBatches.LastFullHour();
        var batches = EventBatches.Build("hist", options.Histories.Max(), b => last.AddHours(-(b % 720)), options.Producers);
        var results = new List<ReadResult>();
        var stored = 0;
        foreach (var history in options.Histories.Order())
        {
            var fill = await Producers.SendAllAsync(app, account, batches.Skip(stored / 100).Take((history - stored) / 100).ToList(), options.Producers);
            stored = history;
            var rollup = await RollupScenario.FireAsync(app);
            log.WriteLine($"  history {history:N0}: filled at {fill.PerSecond:N0} events/s; roll-up {(int)rollup.Status} in {rollup.DurationMs / 1000:0} s");
            foreach (var endpoint in UsageEndpoint.All)
                results.Add(await MeasureAsync(app, account, endpoint, history, options.ReadsPerEndpoint));
            results.Add(await bare.MeasureAsync(history, options.ReadsPerEndpoint));
        }
        return results;
    }

    private static async Task<ReadResult> MeasureAsync(AppProcess app, BenchAccount account, UsageEndpoint endpoint, int history, int samples)
    {
        using (var probe = await app.Http.SendAsync(endpoint.Request(account.ReadKey)))
        {
            if (probe.StatusCode != HttpStatusCode.OK) return ReadResult.Unavailable(endpoint.Path, history, (int)probe.StatusCode);
        }
        for (var i = 0; i < WarmUp; i++) await TimeOneAsync(app, account, endpoint);
        var before = await StorageCounts.ReadAsync(app);
        var latencies = new double[samples];
        for (var i = 0; i < samples; i++) latencies[i] = await TimeOneAsync(app, account, endpoint);
        var used = (await StorageCounts.ReadAsync(app)).Minus(before);
        Array.Sort(latencies);
        return new ReadResult(endpoint.Path, history, true, 200, samples, Percentile(latencies, 50), Percentile(latencies, 95),
            Percentile(latencies, 99), (double)used.Requests / samples);
    }

    private static async Task<double> TimeOneAsync(AppProcess app, BenchAccount account, UsageEndpoint endpoint)
    {
        using var request = endpoint.Request(account.ReadKey);
        var started = Stopwatch.GetTimestamp();
        using var response = await app.Http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{endpoint.Path} answered {(int)response.StatusCode}.");
        return elapsed;
    }

    /// <summary>Nearest rank over sorted values.</summary>
    public static double Percentile(double[] sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
