using System.Globalization;
using System.Text;

namespace UsageFunctions.Bench;

/// <summary>latest.md: targets first, then each section's numbers.</summary>
public static class MarkdownReport
{
    public static string Render(BenchResult r)
    {
        var md = new StringBuilder();
        var i = CultureInfo.InvariantCulture;
        md.AppendLine(i, $"# UsageFunctions benchmark ({r.Mode} mode)").AppendLine();
        md.AppendLine(i, $"Run {r.StartedAt:yyyy-MM-dd HH:mm} UTC, {r.DurationSeconds:0} s; {r.Machine.ProcessorCount} cores, {r.Machine.Memory}; {r.Machine.Os}; .NET {r.Machine.Runtime}; in-memory Azurite 3.35.0.").AppendLine();
        md.AppendLine("## Targets").AppendLine().AppendLine("| Target | Goal | Measured | Verdict |").AppendLine("|---|---|---|---|");
        foreach (var t in r.Targets) md.AppendLine(i, $"| {t.Target} | {t.Goal} | {t.Measured} | {t.Verdict} |");

        md.AppendLine().AppendLine("## Throughput").AppendLine().AppendLine("| Measure | Value |").AppendLine("|---|---|");
        md.AppendLine(i, $"| Bare inserts in the ingest run's layout: one hour, {r.Ingest.Sources} sources in the shards the app gives them, 100-entity transactions, {r.Ceiling.Writers} writers, {r.Ceiling.Entities:N0} entities | {r.Ceiling.IngestLayoutInsertEntitiesPerSecond.Format("N0")} entities/s |");
        md.AppendLine(i, $"| Ingest: signed 100-event batches over HTTP, {r.Ingest.Sources} sources from {r.Ingest.Producers} clients, {r.Ingest.Events:N0} events | {r.Ingest.EventsPerSecond.Format("N0")} events/s: **{r.Ingest.RatioToLayout.Percent()} of the bare insert in the same layout**, {r.Ingest.RatioToCeiling.Percent()} of the ceiling |");
        md.AppendLine(i, $"| Ceiling: bare 100-entity batch inserts, each batch its own partition, {r.Ceiling.Writers} writers, {r.Ceiling.Entities:N0} entities | {r.Ceiling.InsertEntitiesPerSecond.Format("N0")} entities/s |");
        md.AppendLine(i, $"| Ceiling: bare range scan of every ceiling entity ({r.Ingest.TotalEvents:N0}) | {r.Ceiling.ScanEntitiesPerSecond.Format("N0")} entities/s |");
        md.AppendLine(i, $"| Roll-up of the ingested hours ({r.Rollup.Events:N0} events): one RollupTimer run, timed by the host | {(r.Rollup.Available ? $"{r.Rollup.EventsPerSecond:N0} events/s ({r.Rollup.RatioToScan:0.0 %} of the median scan), {r.Rollup.Milliseconds:N0} ms, {r.Rollup.StorageTransactions} transactions" : "not available")} |");
        md.AppendLine(i, $"| Peak RSS of the worker during ingest (VmHWM) | {Megabytes(r.Ingest.WorkerPeakResidentBytes)} |");
        md.AppendLine(i, $"| Peak RSS of the local host during ingest (VmHWM) | {Megabytes(r.Ingest.HostPeakResidentBytes)} |");
        foreach (var c in r.ColdStarts)
        {
            md.AppendLine(i, $"| Cold start of the {c.Build}, median of {c.Runs}: worker spawn → first 200 on {c.Endpoint} through the host | {c.MedianFirstOkMs:0} ms |");
            md.AppendLine(i, $"| Cold start of the {c.Build}, median of {c.Runs}: host start → functions loaded | {c.MedianLoadedMs:0} ms |");
        }
        md.AppendLine(ColdStartRatio.Of(r.ColdStarts) is { } ratio
            ? string.Create(i, $"| Cold start, package ÷ minimal worker (worker spawn → first 200) | {ratio.Ratio:0.00}× |")
            : "| Cold start of the package and the minimal worker | not measured: both are published and run on Linux x64 only |");

        md.AppendLine().AppendLine("## CPU (seconds; the machine has " + r.Machine.ProcessorCount + " cores)").AppendLine();
        md.AppendLine(i, $"Each side's median round (by wall time) of {Method.Rounds}, after a warm-up; the app idles through the bare round.").AppendLine();
        md.AppendLine("| Workload | Wall | Azurite | Worker | Host | Bench client | CPU ms per 100-entity batch: Azurite / worker / host / bench |").AppendLine("|---|---:|---:|---:|---:|---:|---|");
        md.AppendLine(Cpu("Bare inserts, ingest layout", r.Ceiling.InsertCpu, r.Ceiling.Entities));
        md.AppendLine(Cpu("Ingest over HTTP", r.Ingest.Cpu, r.Ingest.Events));

        md.AppendLine().AppendLine("## Storage transactions and cost").AppendLine();
        var kinds = string.Join(", ", r.Ingest.TransactionsByKind.Select(k => $"{k.Key} {k.Value:N0}"));
        md.AppendLine(i, $"Ingest: {r.Ingest.StorageTransactions:N0} transactions for {Method.Rounds * r.Ingest.Events:N0} events ({Method.Rounds} rounds) = **{r.Ingest.TransactionsPerEvent:0.0000} per event** ({kinds}) → ${r.Prices.UsdPerMillion(r.Ingest.TransactionsPerEvent):0.0000} per million events.");
        md.AppendLine().AppendLine(i, $"Price: ${r.Prices.UsdPer10kTransactions} {r.Prices.Tier}; source {r.Prices.Source}, taken {r.Prices.TakenOn}.").AppendLine();

        md.Append(ReadsTable(r.Reads, r.Prices));
        if (r.Rollup.Log is { } log) md.AppendLine().AppendLine(i, $"Roll-up said: {log}");
        return md.ToString();
    }

    /// <summary>The reads section: one row per endpoint and history size, the bare query's rows among them.</summary>
    public static string ReadsTable(IReadOnlyList<ReadResult> reads, StoragePrices prices)
    {
        var md = new StringBuilder();
        var i = CultureInfo.InvariantCulture;
        md.AppendLine("## Reads (one sequential client, ms)").AppendLine();
        md.AppendLine(i, $"Warm-up first; then {Method.Rounds} rounds, in each a block of the bare query just before each endpoint's block; p50 is the median of the rounds' p50s, the ratio the median of the rounds' ratios, each with its range. Transactions/read: the storage requests the app sent on behalf of the reads (its `http` origin), so timer runs during a block are not charged to them. CPU per read: what Azurite and the worker spent over the endpoint's blocks, divided by its reads (the machine has {Environment.ProcessorCount} cores).").AppendLine();
        md.AppendLine("| Endpoint | History | p50 (rounds' range) | p95 | p99 | p50 ÷ bare query p50 (rounds' range) | Transactions/read | CPU ms per read: Azurite / worker | $ per million reads |").AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var read in reads)
        {
            var p50 = read.P50Rounds?.Format("0.0") ?? read.P50?.ToString("0.0", i);
            md.AppendLine(read.Available
                ? string.Create(i, $"| {read.Endpoint} | {read.History:N0} | {p50} | {read.P95:0.0} | {read.P99:0.0} | {read.RatioToBare?.Format("0.00") ?? "–"} | {read.TransactionsPerRead:0.00} | {Ms(read.AzuriteCpuMsPerRead)} / {Ms(read.WorkerCpuMsPerRead)} | {prices.UsdPerMillion(read.TransactionsPerRead!.Value):0.0000} |")
                : string.Create(i, $"| {read.Endpoint} | {read.History:N0} | not available ({read.Status}) | | | | | | |"));
        }
        return md.ToString();
    }

    private static string Ms(double? ms) => ms is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) : "–";

    private static string Cpu(string workload, CpuUse cpu, int entities) => string.Create(CultureInfo.InvariantCulture,
        $"| {workload} | {cpu.WallSeconds:0.00} | {cpu.AzuriteSeconds:0.00} | {Seconds(cpu.WorkerSeconds)} | {Seconds(cpu.HostSeconds)} | {cpu.BenchSeconds:0.00} | {PerBatch(cpu.AzuriteSeconds, entities)} / {PerBatch(cpu.WorkerSeconds, entities)} / {PerBatch(cpu.HostSeconds, entities)} / {PerBatch(cpu.BenchSeconds, entities)} |");

    private static string PerBatch(double? seconds, int entities) =>
        seconds is { } s ? (s * 1000 / (entities / 100.0)).ToString("0.0", CultureInfo.InvariantCulture) : "–";

    private static string Seconds(double? seconds) => seconds is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Megabytes(long? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:0} MB") : "n/a";
}
