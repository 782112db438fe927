using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace UsageFunctions.Bench;

/// <summary>
/// One roll-up run over the busy hour the ingest run wrote, fired as the host fires a timer (<c>POST /RollupTimer</c>).
/// Where the app has no roll-up timer (404) the section says so instead of failing.
/// </summary>
public static class RollupScenario
{
    public const string Payload = """{"Data":{"timer":{"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{}}""";

    public static async Task<RollupResult> RunAsync(AppProcess app, int events, CeilingResult ceiling)
    {
        var before = await StorageCounts.ReadAsync(app);
        var started = Stopwatch.GetTimestamp();
        var (status, log) = await FireAsync(app);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (status == HttpStatusCode.NotFound) return RollupResult.NotAvailable;
        if (status != HttpStatusCode.OK) throw new InvalidOperationException($"RollupTimer answered {(int)status}: {log}");
        var used = (await StorageCounts.ReadAsync(app)).Minus(before);
        var perSecond = events / elapsed.TotalSeconds;
        return new RollupResult(true, events, elapsed.TotalMilliseconds, perSecond, perSecond / ceiling.ScanEntitiesPerSecond, used.Requests, log);
    }

    /// <summary>Runs the timer once; the status and the first log line it returned.</summary>
    public static async Task<(HttpStatusCode Status, string? Log)> FireAsync(AppProcess app)
    {
        using var content = new StringContent(Payload, Encoding.UTF8, "application/json");
        using var response = await app.Http.PostAsync("/RollupTimer", content);
        if (response.StatusCode != HttpStatusCode.OK) return (response.StatusCode, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var logs = body.TryGetProperty("Logs", out var l) && l.ValueKind == JsonValueKind.Array ? l : default;
        return (response.StatusCode, logs.ValueKind == JsonValueKind.Array && logs.GetArrayLength() > 0 ? logs[0].GetString() : null);
    }
}
