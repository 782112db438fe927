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
        md.AppendLine(i, $"| Ceiling: bare 100-entity batch inserts, {r.Ceiling.Writers} writers, {r.Ceiling.Entities:N0} entities | {r.Ceiling.InsertEntitiesPerSecond:N0} entities/s |");
        md.AppendLine(i, $"| Bare inserts in the ingest run's layout: one hour, each producer in its source's shard, 100-entity transactions, {r.Ingest.Events:N0} entities | {r.Ceiling.IngestLayoutInsertEntitiesPerSecond:N0} entities/s (ingest is {r.Ingest.EventsPerSecond / r.Ceiling.IngestLayoutInsertEntitiesPerSecond:0.0 %} of it) |");
        md.AppendLine(i, $"| Ceiling: bare range scan of the same entities | {r.Ceiling.ScanEntitiesPerSecond:N0} entities/s |");
        md.AppendLine(i, $"| Ingest: signed 100-event batches over HTTP, {r.Ingest.Producers} producers, {r.Ingest.Events:N0} events | {r.Ingest.EventsPerSecond:N0} events/s ({r.Ingest.RatioToCeiling:0.0 %} of ceiling) |");
        md.AppendLine(i, $"| Roll-up of the busy hour ({r.Ingest.Events:N0} events): one RollupTimer run, timed by the host | {(r.Rollup.Available ? $"{r.Rollup.EventsPerSecond:N0} events/s ({r.Rollup.RatioToScan:0.0 %} of scan), {r.Rollup.Milliseconds:N0} ms, {r.Rollup.StorageTransactions} transactions" : "not available")} |");
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
        md.AppendLine("| Workload | Wall | Azurite | Worker | Host | Bench client | Azurite CPU ms per 1k entities |").AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        md.AppendLine(Cpu("Ceiling inserts", r.Ceiling.InsertCpu, r.Ceiling.Entities));
        md.AppendLine(Cpu("Ingest over HTTP", r.Ingest.Cpu, r.Ingest.Events));

        md.AppendLine().AppendLine("## Storage transactions and cost").AppendLine();
        var kinds = string.Join(", ", r.Ingest.TransactionsByKind.Select(k => $"{k.Key} {k.Value:N0}"));
        md.AppendLine(i, $"Ingest: {r.Ingest.StorageTransactions:N0} transactions for {r.Ingest.Events:N0} events = **{r.Ingest.TransactionsPerEvent:0.0000} per event** ({kinds}) → ${r.Prices.UsdPerMillion(r.Ingest.TransactionsPerEvent):0.0000} per million events.");
        md.AppendLine().AppendLine(i, $"Price: ${r.Prices.UsdPer10kTransactions} {r.Prices.Tier}; source {r.Prices.Source}, taken {r.Prices.TakenOn}.").AppendLine();

        md.AppendLine("## Reads (one sequential client, ms)").AppendLine();
        md.AppendLine("| Endpoint | History | p50 | p95 | p99 | p50 ÷ bare query p50 | Transactions/read | $ per million reads |").AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var bare = r.Reads.Where(x => x.Endpoint == BareRead.Name && x.Available).ToDictionary(x => x.History, x => x.P50!.Value);
        foreach (var read in r.Reads)
        {
            var relative = bare.TryGetValue(read.History, out var floor) && floor > 0 ? (read.P50 / floor)?.ToString("0.0", i) : null;
            md.AppendLine(read.Available
                ? string.Create(i, $"| {read.Endpoint} | {read.History:N0} | {read.P50:0.0} | {read.P95:0.0} | {read.P99:0.0} | {relative ?? "–"} | {read.TransactionsPerRead:0.00} | {r.Prices.UsdPerMillion(read.TransactionsPerRead!.Value):0.0000} |")
                : string.Create(i, $"| {read.Endpoint} | {read.History:N0} | not available ({read.Status}) | | | | | |"));
        }
        if (r.Rollup.Log is { } log) md.AppendLine().AppendLine(i, $"Roll-up said: {log}");
        return md.ToString();
    }

    private static string Cpu(string workload, CpuUse cpu, int entities) => string.Create(CultureInfo.InvariantCulture,
        $"| {workload} | {cpu.WallSeconds:0.00} | {cpu.AzuriteSeconds:0.00} | {Seconds(cpu.WorkerSeconds)} | {Seconds(cpu.HostSeconds)} | {cpu.BenchSeconds:0.00} | {cpu.AzuriteSeconds * 1_000_000 / entities:0} |");

    private static string Seconds(double? seconds) => seconds is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Megabytes(long? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:0} MB") : "n/a";
}
