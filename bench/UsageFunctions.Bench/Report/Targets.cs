using System.Globalization;

namespace UsageFunctions.Bench;

/// <summary>The goals, judged against one run. Goals, never assertions: a noisy machine reports, it does not fail.</summary>
public static class Targets
{
    private const string ColdStartGoal = "Cold start, package ÷ minimal worker: worker spawn → first 200 through the host (medians)";

    public static List<TargetResult> Evaluate(
        IngestResult ingest, RollupResult rollup, IReadOnlyList<ReadResult> reads, IReadOnlyList<ColdStartResult> coldStarts)
    {
        var coldStart = ColdStartRatio.Of(coldStarts);
        var measuredReads = reads.Where(r => r.Available && r.Endpoint != BareRead.Name).ToList();
        var worst = measuredReads.MaxBy(r => r.P99);
        return
        [
            // Median of the rounds, each against the bare insert in the same layout just before it; the range beside it.
            Judge("Ingest vs bare batch inserts in the same layout (median of rounds)", "≥ 85 %", ingest.RatioToLayout.Median, r => r >= 0.85,
                _ => $"{ingest.RatioToLayout.Percent()}"),
            Judge("Storage transactions per ingested event (100-event batches)", "≤ 0.02", ingest.TransactionsPerEvent,
                t => t <= 0.02, t => t.ToString("0.0000", CultureInfo.InvariantCulture)),
            worst is null
                ? NotMeasured("Read p99 at every history size", "≤ 20 ms", "no usage endpoint answered 200")
                : Judge("Read p99 at every history size", "≤ 20 ms", worst.P99!.Value, p => p <= 20,
                    p => $"{p:0.0} ms (worst: {worst.Endpoint} at {worst.History:N0} events; {measuredReads.Count} endpoint×history cells)"),
            .. ReadPath(reads),
            rollup.Available
                ? Judge("Roll-up vs bare partition scan", "≥ 70 %", rollup.RatioToScan!.Value, r => r >= 0.70, Percent)
                : NotMeasured("Roll-up vs bare partition scan", "≥ 70 %", "not available: the host has no RollupTimer function"),
            // What the package adds to the worker model's own start, on the same machine in the same minutes.
            coldStart is null
                ? NotMeasured(ColdStartGoal, "≤ 1.15×", "not measured: the package and the minimal worker are published and run on Linux x64 only")
                : Judge(ColdStartGoal, "≤ 1.15×", coldStart.Ratio, r => r <= 1.15,
                    r => $"{r:0.00}× ({coldStart.Package.MedianFirstOkMs:0} ms ÷ {coldStart.Minimal.MedianFirstOkMs:0} ms; {coldStart.Package.Endpoint})"),
            // About the worker, the process that is the app; the local host stands in for the platform's.
            ingest.WorkerPeakResidentBytes is { } rss
                ? Judge("Peak RSS during ingest (worker)", "≤ 256 MB", rss / 1048576.0, m => m <= 256,
                    m => $"{m:0} MB (host: {ingest.HostPeakResidentBytes / 1048576.0:0} MB)")
                : NotMeasured("Peak RSS during ingest (worker)", "≤ 256 MB", "no /proc on this OS"),
        ];
    }

    /// <summary>
    /// The read path's goals, each judged on its worst endpoint×history cell against the bare query of the same history:
    /// requests per read, p50 ÷ the bare p50 (median of the rounds' ratios) and p99 ÷ the bare p99.
    /// </summary>
    public static List<TargetResult> ReadPath(IReadOnlyList<ReadResult> reads)
    {
        var bare = reads.Where(r => r.Available && r.Endpoint == BareRead.Name).ToDictionary(r => r.History);
        var cells = reads.Where(r => r.Available && r.Endpoint != BareRead.Name && bare.ContainsKey(r.History)).ToList();
        if (cells.Count == 0)
            return [NotMeasured("Storage requests per read, every endpoint and history", "≤ 4", "no usage endpoint answered 200")];
        var requests = cells.MaxBy(r => r.TransactionsPerRead)!;
        var p50 = cells.MaxBy(r => r.RatioToBare!.Median)!;
        var p99 = cells.MaxBy(r => r.P99!.Value / bare[r.History].P99!.Value)!;
        string Where(ReadResult r) => $"{r.Endpoint} at {r.History:N0} events; {cells.Count} cells";
        return
        [
            Judge("Storage requests per read, every endpoint and history", "≤ 4", requests.TransactionsPerRead!.Value, t => t <= 4,
                t => string.Create(CultureInfo.InvariantCulture, $"{t:0.00} (worst: {Where(requests)})")),
            Judge("Read p50 ÷ bare query p50, every endpoint and history", "≤ 1.5×", p50.RatioToBare!.Median, r => r <= 1.5,
                r => string.Create(CultureInfo.InvariantCulture, $"{r:0.00}× (worst: {Where(p50)})")),
            Judge("Read p99 ÷ bare query p99, every endpoint and history", "≤ 3×", p99.P99!.Value / bare[p99.History].P99!.Value, r => r <= 3,
                r => string.Create(CultureInfo.InvariantCulture, $"{r:0.00}× (worst: {Where(p99)})")),
        ];
    }

    private static string Percent(double ratio) => ratio.ToString("0.0 %", CultureInfo.InvariantCulture);

    private static TargetResult Judge(string target, string goal, double value, Func<double, bool> met, Func<double, string> format) =>
        new(target, goal, format(value), met(value) ? "met" : "missed");

    private static TargetResult NotMeasured(string target, string goal, string why) => new(target, goal, why, "not available");
}
