namespace UsageFunctions.Bench;

/// <summary>Everything one run measured; written as latest.json and rendered as latest.md.</summary>
public sealed record BenchResult(
    string Mode, DateTimeOffset StartedAt, double DurationSeconds, MachineInfo Machine, CeilingResult Ceiling, IngestResult Ingest,
    RollupResult Rollup, IReadOnlyList<ReadResult> Reads, IReadOnlyList<ColdStartResult> ColdStarts, StoragePrices Prices,
    IReadOnlyList<TargetResult> Targets);

public sealed record MachineInfo(int ProcessorCount, string Memory, string Os, string Runtime);

/// <summary>Entities per round; rates as the median and range of <see cref="Method.Rounds"/> rounds; InsertCpu: the median round of bare inserts in the ingest layout.</summary>
public sealed record CeilingResult(int Entities, int Writers, Spread InsertEntitiesPerSecond, Spread ScanEntitiesPerSecond, CpuUse InsertCpu,
    Spread IngestLayoutInsertEntitiesPerSecond);

/// <summary>
/// Events per round; each ratio is taken round by round against the bare insert of the same round. Transactions count
/// every measured round. TotalEvents: everything the app stored, warm-up included (what the roll-up then reads).
/// </summary>
public sealed record IngestResult(
    int Events, int Producers, int Sources, Spread EventsPerSecond, Spread RatioToCeiling, Spread RatioToLayout, long StorageTransactions,
    double TransactionsPerEvent, IReadOnlyDictionary<string, long> TransactionsByKind, long? WorkerPeakResidentBytes, long? HostPeakResidentBytes,
    DateTimeOffset Hour, CpuUse Cpu, int TotalEvents);

public sealed record RollupResult(
    bool Available, int Events, double? Milliseconds, double? EventsPerSecond, double? RatioToScan, long? StorageTransactions, string? Log)
{
    public static RollupResult NotAvailable { get; } = new(false, 0, null, null, null, null, "the host has no RollupTimer function");
}

/// <summary>
/// P50: the median of the rounds' p50s (P50Rounds gives them with their range); p95/p99 over every sample; RatioToBare:
/// each round's p50 over the bare query's p50 measured just before it.
/// </summary>
public sealed record ReadResult(
    string Endpoint, int History, bool Available, int Status, int Samples, double? P50, double? P95, double? P99, double? TransactionsPerRead,
    Spread? P50Rounds = null, Spread? RatioToBare = null, double? AzuriteCpuMsPerRead = null, double? WorkerCpuMsPerRead = null)
{
    public static ReadResult Unavailable(string endpoint, int history, int status) =>
        new(endpoint, history, false, status, 0, null, null, null, null);
}

/// <summary>
/// Cold starts of one app under the local host: <see cref="AppLaunch.PackageName"/> or <see cref="AppLaunch.MinimalName"/>.
/// FirstOk: worker process spawn to the first 200 on <see cref="Endpoint"/> through the host. Loaded: host process start to
/// the worker's functions loaded.
/// </summary>
public sealed record ColdStartResult(
    string Build, int Runs, string Endpoint, double MedianFirstOkMs, double MedianLoadedMs, double[] FirstOkRunsMs, double[] LoadedRunsMs);

public sealed record TargetResult(string Target, string Goal, string Measured, string Verdict);

/// <summary>The package's cold start against the minimal worker's (worker spawn → first 200, medians).</summary>
public sealed record ColdStartRatio(ColdStartResult Package, ColdStartResult Minimal)
{
    public double Ratio => Package.MedianFirstOkMs / Minimal.MedianFirstOkMs;

    /// <summary>Null unless both were measured.</summary>
    public static ColdStartRatio? Of(IReadOnlyList<ColdStartResult> coldStarts) =>
        coldStarts.FirstOrDefault(c => c.Build == AppLaunch.PackageName) is { } package
        && coldStarts.FirstOrDefault(c => c.Build == AppLaunch.MinimalName) is { } minimal
            ? new ColdStartRatio(package, minimal)
            : null;
}
