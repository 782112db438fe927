using System.Globalization;
using System.Text;

namespace UsageFunctions.Bench;

/// <summary>mixed-load.{md,json} for a full run, mixed-load-quick.{md,json} for a quick one.</summary>
public static class MixedLoadReport
{
    public static Task<string> WriteAsync(MixedLoadResult result, string directory) =>
        ReportFiles.WriteAsync(directory, "mixed-load", result.Mode, Render(result), result);

    public static string Render(MixedLoadResult r)
    {
        var i = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(i, $"# UsageFunctions mixed load ({r.Mode} mode)").AppendLine();
        md.AppendLine(i, $"Run {r.StartedAt:yyyy-MM-dd HH:mm} UTC; {r.Clients} clients on loopback for {r.LoadSeconds:0} s; {Environment.ProcessorCount} cores.").AppendLine();
        md.AppendLine("| Measure | Value |").AppendLine("|---|---|");
        md.AppendLine(i, $"| Throughput | {r.RequestsPerSecond:N1} requests/s ({r.Requests:N0} requests) |");
        md.AppendLine(i, $"| Error rate | {r.ErrorRate:0.00 %} ({r.Errors:N0}) |");
        md.AppendLine(i, $"| Worker RSS before the load | {r.StartResidentMb:0} MB |");
        md.AppendLine(i, $"| Worker RSS peak during the load (sampled each second) | {r.PeakResidentMbDuringLoad:0} MB |");
        md.AppendLine(i, $"| Worker RSS peak of the whole run (VmHWM) | {r.PeakResidentMbOverall:0} MB |");
        md.AppendLine(i, $"| Worker RSS after idling | {r.IdleResidentMb:0} MB |");
        md.AppendLine().AppendLine("## Per endpoint").AppendLine().AppendLine("| Endpoint | Requests | Errors | p50 ms | p99 ms |").AppendLine("|---|---|---|---|---|");
        foreach (var e in r.Endpoints.Concat(r.Timers))
            md.AppendLine(i, $"| {e.Endpoint} | {e.Requests:N0} | {e.Errors}{(e.Errors > 0 ? $" ({e.ErrorStatuses})" : "")} | {e.P50Ms:N0} | {e.P99Ms:N0} |");
        md.AppendLine().AppendLine("## Worker RSS over time").AppendLine().AppendLine("| s | MB | phase |").AppendLine("|---|---|---|");
        var shown = -5.0;
        foreach (var s in r.Resident.Where(s => s.Phase.Length > 0 || s.Second - shown >= 5))
        {
            if (s.Phase.Length == 0) shown = s.Second;
            md.AppendLine(i, $"| {s.Second:0} | {s.ResidentBytes / (1024.0 * 1024):0} | {s.Phase} |");
        }
        return md.ToString();
    }
}
