using System.Globalization;
using System.Text;

namespace UsageFunctions.Bench;

/// <summary>entitlements.{md,json} for a full run, entitlements-quick.{md,json} for a quick one.</summary>
public static class EntitlementsReport
{
    public static Task<string> WriteAsync(EntitlementsResult result, string directory) =>
        ReportFiles.WriteAsync(directory, "entitlements", result.Mode, Render(result), result);

    public static string Render(EntitlementsResult r)
    {
        var i = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(i, $"# Entitlement checks ({r.Mode} mode)").AppendLine();
        md.AppendLine(i, $"Run {r.StartedAt:yyyy-MM-dd HH:mm} UTC, {r.DurationSeconds:0} s; {Environment.ProcessorCount} cores; in-memory Azurite 3.35.0. ");
        md.AppendLine(i, $"`GET /api/entitlements/{r.Meter}` (one sequential client, through the local host) beside a bare point read of one raw event");
        md.AppendLine("(`GetEntity` straight to the raw-event table) and a bare query of every raw row of the pending batch's hour (a range of that");
        md.AppendLine("hour's partitions: the least storage work a check must do once an hour is pending). One account; the history spread over the current billing period's hours");
        md.AppendLine("(written through the product's event store, then one roll-up and one period-timer run). \"Caught up\": nothing after the");
        md.AppendLine("roll-up's watermark; \"hour pending\": then one signed 100-event batch after the watermark, in the current hour (the previous one");
        md.AppendLine("in an hour's first 12 minutes), so the check cannot take the counters alone. Each state: a warm-up of");
        md.AppendLine(i, $"all three, then {Method.Rounds} rounds of a point-read block, an hour-query block and a check block; p50 is the median of the rounds' p50s (range");
        md.AppendLine("in brackets), the ratio the median of the rounds' ratios. Every figure the check answered equals the messages sent.").AppendLine();
        md.AppendLine("| History | State | Check p50 ms | Check p99 ms | Bare point read p50 ms | Bare p99 ms | Check p50 ÷ point read p50 | Bare hour query p50 ms | Hour query p99 ms | Check p50 ÷ hour query p50 | Storage requests per check | Load events/s | Roll-up s |");
        md.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in r.Rows)
            md.AppendLine(i, $"| {row.History:N0} | {row.State} | {row.Check.P50.Format("0.0")} | {row.Check.P99:0.0} | {row.Bare.P50.Format("0.0")} | {row.Bare.P99:0.0} | {row.Ratio.Format("0.0")} | {row.HourQuery.P50.Format("0.0")} | {row.HourQuery.P99:0.0} | {row.HourQueryRatio.Format("0.00")} | {row.RequestsPerCheck:0.00} | {row.LoadEventsPerSecond:N0} | {row.RollupMs / 1000:0.0} |");
        return md.ToString();
    }
}
