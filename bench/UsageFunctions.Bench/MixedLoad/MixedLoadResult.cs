namespace UsageFunctions.Bench;

/// <summary>What one mixed-load run measured: throughput, errors and latency per endpoint, the worker's memory over time.</summary>
public sealed record MixedLoadResult(
    string Mode, DateTimeOffset StartedAt, int Clients, double LoadSeconds, long Requests, long Errors, double RequestsPerSecond,
    double ErrorRate, IReadOnlyList<EndpointLoad> Endpoints, IReadOnlyList<EndpointLoad> Timers, double StartResidentMb,
    double PeakResidentMbDuringLoad, double PeakResidentMbOverall, double IdleResidentMb, IReadOnlyList<ResidentSample> Resident)
{
    public static MixedLoadResult From(MixedLoadOptions options, DateTimeOffset startedAt, double loadSeconds, IReadOnlyList<MixedCall> calls,
        IReadOnlyList<MixedCall> timers, IReadOnlyList<ResidentSample> resident, long peakBytes)
    {
        var loadFrom = resident.First(s => s.Phase == "load").Second;
        var idleFrom = resident.First(s => s.Phase == "idle").Second;
        var errors = calls.Count(c => !c.Ok);
        return new MixedLoadResult(options.Mode, startedAt, options.Clients, loadSeconds, calls.Count, errors, calls.Count / loadSeconds,
            calls.Count == 0 ? 0 : (double)errors / calls.Count, ByName(calls), ByName(timers),
            Mb(resident.First(s => s.Phase == "load").ResidentBytes),
            Mb(resident.Where(s => s.Second >= loadFrom && s.Second <= idleFrom).Max(s => s.ResidentBytes)),
            Mb(peakBytes), Mb(resident[^1].ResidentBytes), resident);
    }

    private static List<EndpointLoad> ByName(IReadOnlyList<MixedCall> calls) => [.. calls.GroupBy(c => c.Name).OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g =>
        {
            var sorted = g.Select(c => c.Milliseconds).Order().ToArray();
            return new EndpointLoad(g.Key, sorted.Length, g.Count(c => !c.Ok),
                string.Join(' ', g.Where(c => !c.Ok).GroupBy(c => c.Status).Select(s => $"{s.Key}×{s.Count()}")),
                ReadScenario.Percentile(sorted, 50), ReadScenario.Percentile(sorted, 99));
        })];

    private static double Mb(long bytes) => bytes / (1024.0 * 1024);
}

/// <summary>Requests to one endpoint during the load: how many, how many failed (and with what), p50 and p99 in ms.</summary>
public sealed record EndpointLoad(string Endpoint, int Requests, int Errors, string ErrorStatuses, double P50Ms, double P99Ms);
