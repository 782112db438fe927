namespace UsageFunctions.Bench;

/// <summary>Everything one run measured; written as latest.json and rendered as latest.md.</summary>
public sealed record BenchResult(
    string Mode, DateTimeOffset StartedAt, double DurationSeconds, MachineInfo Machine, CeilingResult Ceiling, IngestResult Ingest,
    RollupResult Rollup, IReadOnlyList<ReadResult> Reads, IReadOnlyList<ColdStartResult> ColdStarts, StoragePrices Prices,
    IReadOnlyList<TargetResult> Targets);

public sealed record MachineInfo(int ProcessorCount, string Memory, string Os, string Runtime);

public sealed record CeilingResult(int Entities, int Writers, double InsertEntitiesPerSecond, double ScanEntitiesPerSecond, CpuUse InsertCpu,
    double IngestLayoutInsertEntitiesPerSecond);

public sealed record IngestResult(
    int Events, int Producers, double EventsPerSecond, double RatioToCeiling, long StorageTransactions,
    double TransactionsPerEvent, IReadOnlyDictionary<string, long> TransactionsByKind, long? PeakResidentBytes, DateTimeOffset Hour, CpuUse Cpu);

public sealed record RollupResult(
    bool Available, int Events, double? Milliseconds, double? EventsPerSecond, double? RatioToScan, long? StorageTransactions, string? Log)
{
    public static RollupResult NotAvailable { get; } = new(false, 0, null, null, null, null, "POST /RollupTimer answered 404");
}

public sealed record ReadResult(
    string Endpoint, int History, bool Available, int Status, int Samples, double? P50, double? P95, double? P99, double? TransactionsPerRead)
{
    public static ReadResult Unavailable(string endpoint, int history, int status) =>
        new(endpoint, history, false, status, 0, null, null, null, null);
}

/// <summary>Cold starts of one build of the app: <see cref="AppLaunch.PackageName"/> or <see cref="AppLaunch.BuildOutputName"/>.</summary>
public sealed record ColdStartResult(
    string Build, int Runs, string UsageEndpoint, double MedianRootMs, double MedianUsageMs, double[] RootRunsMs, double[] UsageRunsMs);

public sealed record TargetResult(string Target, string Goal, string Measured, string Verdict);
