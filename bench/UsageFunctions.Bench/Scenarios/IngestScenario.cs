namespace UsageFunctions.Bench;

/// <summary>
/// Signed 100-event batches for one busy account, all in the last full hour, from several producers at once;
/// the app's storage transactions and the peak RSS of its worker and its host are read around the run.
/// </summary>
public static class IngestScenario
{
    public static async Task<IngestResult> RunAsync(AppProcess app, Azurite azurite, BenchAccount account, BenchOptions options, CeilingResult ceiling)
    {
        var hour = EventBatches.LastFullHour();
        var batches = EventBatches.Build("busy", options.IngestEvents, _ => hour, options.Producers);
        // A short warm-up in another hour: the JIT, the key and table caches, as on a live instance.
        await Producers.SendAllAsync(app, account, EventBatches.Build("warm", 200, _ => hour.AddHours(-1)), 1);

        var before = await StorageCounts.ReadAsync(app);
        var cpu = CpuMeter.Of(azurite, app);
        var sent = await Producers.SendAllAsync(app, account, batches, options.Producers);
        var cpuUse = cpu.Stop(sent.Elapsed);
        var used = (await StorageCounts.ReadAsync(app)).Minus(before);
        if (sent.Accepted != options.IngestEvents)
            throw new InvalidOperationException($"{sent.Accepted} of {options.IngestEvents} events were accepted.");
        return new IngestResult(options.IngestEvents, options.Producers, sent.PerSecond, sent.PerSecond / ceiling.InsertEntitiesPerSecond,
            used.Requests, (double)used.Requests / options.IngestEvents, used.ByKind, app.WorkerPeakResidentBytes(), app.HostPeakResidentBytes(), hour,
            cpuUse);
    }
}
