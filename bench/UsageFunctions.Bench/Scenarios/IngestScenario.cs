namespace UsageFunctions.Bench;

/// <summary>
/// The ingest comparison, interleaved: after a warm-up of each side, <see cref="Method.Rounds"/> rounds of bare ceiling
/// inserts, bare inserts in the ingest layout and signed 100-event batches over HTTP to the app, each round in an hour
/// of its own (so every side meets partitions of the same size), 16 numbered sources from 4 concurrent clients. The
/// app's storage transactions, the CPU of every process and the peak RSS of the worker and the host are read around it.
/// </summary>
public static class IngestScenario
{
    public static async Task<(CeilingResult Ceiling, IngestResult Ingest)> RunAsync(
        AppProcess app, Azurite azurite, BenchAccount account, BenchOptions options)
    {
        var bare = await CeilingScenario.CreateAsync(azurite, options);
        var last = EventBatches.LastFullHour();
        var warm = last.AddHours(-Method.Rounds);
        await bare.InsertCeilingAsync("warm", warm, options.WarmUpEvents);
        await bare.InsertLayoutAsync("warm", warm, options.WarmUpEvents);
        await Producers.SendAllAsync(app, account, EventBatches.Build("warm", options.WarmUpEvents, _ => warm, options.Sources), options.Producers);

        var ceiling = new List<double>();
        var layout = new List<double>();
        var ingest = new List<double>();
        var layoutCpu = new List<CpuUse>();
        var ingestCpu = new List<CpuUse>();
        var transactions = new List<StorageCounts>();
        for (var round = 0; round < Method.Rounds; round++)
        {
            var hour = last.AddHours(-round);
            var tag = "r" + round;
            ceiling.Add(options.IngestEvents / (await bare.InsertCeilingAsync(tag, hour, options.IngestEvents)).TotalSeconds);

            var cpu = CpuMeter.Of(azurite, app);
            var bareTime = await bare.InsertLayoutAsync(tag, hour, options.IngestEvents);
            layoutCpu.Add(cpu.Stop(bareTime));
            layout.Add(options.IngestEvents / bareTime.TotalSeconds);

            var batches = EventBatches.Build("busy" + tag, options.IngestEvents, _ => hour, options.Sources);
            var before = await StorageCounts.ReadAsync(app);
            cpu = CpuMeter.Of(azurite, app);
            var sent = await Producers.SendAllAsync(app, account, batches, options.Producers);
            ingestCpu.Add(cpu.Stop(sent.Elapsed));
            transactions.Add((await StorageCounts.ReadAsync(app)).Minus(before));
            if (sent.Accepted != options.IngestEvents)
                throw new InvalidOperationException($"{sent.Accepted} of {options.IngestEvents} events were accepted.");
            ingest.Add(sent.PerSecond);
        }
        var scans = new List<double>();
        for (var i = 0; i < Method.Rounds; i++)
            scans.Add(await bare.ScanAsync(options.WarmUpEvents + Method.Rounds * options.IngestEvents));

        var used = transactions.Aggregate((a, b) => new StorageCounts(a.Requests + b.Requests, a.Http + b.Http,
            a.ByKind.Keys.Union(b.ByKind.Keys).ToDictionary(k => k, k => a.ByKind.GetValueOrDefault(k) + b.ByKind.GetValueOrDefault(k))));
        var events = Method.Rounds * options.IngestEvents;
        var ceilingResult = new CeilingResult(options.IngestEvents, options.Producers, Spread.Of(ceiling), Spread.Of(scans), Median(layoutCpu),
            Spread.Of(layout));
        var ingestResult = new IngestResult(options.IngestEvents, options.Producers, options.Sources, Spread.Of(ingest),
            Spread.Ratio(ingest, ceiling), Spread.Ratio(ingest, layout), used.Requests, (double)used.Requests / events, used.ByKind,
            app.WorkerPeakResidentBytes(), app.HostPeakResidentBytes(), last, Median(ingestCpu),
            options.WarmUpEvents + events);
        return (ceilingResult, ingestResult);
    }

    /// <summary>The round whose wall time is the median: its CPU split is one real round's, not a blend.</summary>
    private static CpuUse Median(List<CpuUse> rounds) => rounds.OrderBy(c => c.WallSeconds).ElementAt(rounds.Count / 2);
}
