using System.Diagnostics;
using System.Net;

namespace UsageFunctions.Bench;

/// <summary>
/// Latency of every usage endpoint, one client reading sequentially, over one account whose history grows through
/// each size in turn (events spread over the last 30 days, 100 per batch, each batch in one hour). The roll-up
/// runs after each fill where it exists, as its timer would have. Each size: a warm-up of every endpoint and the bare
/// query, then <see cref="Method.Rounds"/> rounds in which each endpoint's block of reads follows a block of the bare
/// query (bare, endpoint, bare, endpoint, …), so every ratio compares neighbours in time.
/// </summary>
public static class ReadScenario
{
    private const int WarmUp = 5;


    /// <summary>Every endpoint of <see cref="UsageEndpoint.All"/>, or those of <paramref name="endpoints"/>.</summary>
    public static async Task<List<ReadResult>> RunAsync(AppProcess app, Azurite azurite, BenchAccount account, BareRead bare, BenchOptions options,
        TextWriter log, IReadOnlyList<UsageEndpoint>? endpoints = null)
    {
        var last = EventBatches.LastFullHour();
        var batches = EventBatches.Build("hist", options.Histories.Max(), b => last.AddHours(-(b % 720)), options.Producers);
        var results = new List<ReadResult>();
        var stored = 0;
        var perRound = Math.Max(1, options.ReadsPerEndpoint / Method.Rounds);
        foreach (var history in options.Histories.Order())
        {
            var fill = await Producers.SendAllAsync(app, account, batches.Skip(stored / 100).Take((history - stored) / 100).ToList(), options.Producers);
            stored = history;
            if (options.CaughtUp) await RollupScenario.WaitPastGraceAsync(DateTimeOffset.UtcNow, log);
            var rollup = await RollupScenario.FireAsync(app);
            log.WriteLine($"  history {history:N0}: filled at {fill.PerSecond:N0} events/s; roll-up {(int)rollup.Status} in {rollup.DurationMs / 1000:0} s");

            await bare.SampleAsync(WarmUp);
            var measured = new List<Cell>();
            foreach (var endpoint in endpoints ?? UsageEndpoint.All)
            {
                using var probe = await app.Http.SendAsync(endpoint.Request(account.ReadKey));
                if (probe.StatusCode != HttpStatusCode.OK) results.Add(ReadResult.Unavailable(endpoint.Path, history, (int)probe.StatusCode));
                else measured.Add(new Cell(endpoint));
            }
            foreach (var cell in measured)
                for (var i = 0; i < WarmUp; i++) await TimeOneAsync(app, account, cell.Endpoint);

            var bareRounds = new List<double[]>();
            for (var round = 0; round < Method.Rounds; round++)
            {
                foreach (var cell in measured)
                {
                    var floor = await bare.SampleAsync(perRound);
                    bareRounds.Add(floor);
                    var before = await StorageCounts.ReadAsync(app);
                    var block = new double[perRound];
                    var cpu = CpuMeter.Of(azurite, app);
                    var started = Stopwatch.GetTimestamp();
                    for (var i = 0; i < perRound; i++) block[i] = await TimeOneAsync(app, account, cell.Endpoint);
                    cell.Cpu.Add(cpu.Stop(Stopwatch.GetElapsedTime(started)));
                    cell.Requests += (await StorageCounts.ReadAsync(app)).Minus(before).Http;
                    cell.Blocks.Add(block);
                    cell.BareP50s.Add(P50(floor));
                }
            }
            results.AddRange(measured.Select(c => c.Result(history)));
            results.Add(Summarize(BareRead.Name, history, bareRounds, 1, null));
        }
        return results;
    }

    private static ReadResult Summarize(string name, int history, List<double[]> blocks, double transactionsPerRead, Spread? ratio)
    {
        var all = blocks.SelectMany(b => b).Order().ToArray();
        var p50s = Spread.Of(blocks.Select(P50));
        return new ReadResult(name, history, true, 200, all.Length, p50s.Median, Percentile(all, 95), Percentile(all, 99), transactionsPerRead,
            p50s, ratio ?? Spread.Of([1.0]));
    }

    private static double P50(double[] block) => Percentile(block.Order().ToArray(), 50);

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

    /// <summary>One endpoint's blocks of one history size, and the bare query's p50 just before each.</summary>
    private sealed class Cell(UsageEndpoint endpoint)
    {
        public UsageEndpoint Endpoint { get; } = endpoint;
        public List<double[]> Blocks { get; } = [];
        public List<double> BareP50s { get; } = [];
        public long Requests { get; set; }

        /// <summary>Each block's CPU, so a read's latency can be split into storage work and the app's own.</summary>
        public List<CpuUse> Cpu { get; } = [];

        public ReadResult Result(int history)
        {
            var reads = Blocks.Sum(b => b.Length);
            double? PerRead(Func<CpuUse, double?> seconds) =>
                Cpu.All(c => seconds(c) is not null) ? Cpu.Sum(c => seconds(c)!.Value) * 1000 / reads : null;
            return Summarize(Endpoint.Path, history, Blocks, (double)Requests / reads, Spread.Ratio(Blocks.Select(P50).ToList(), BareP50s)) with
            {
                AzuriteCpuMsPerRead = PerRead(c => c.AzuriteSeconds), WorkerCpuMsPerRead = PerRead(c => c.WorkerSeconds),
            };
        }
    }
}
