using System.Net;
using System.Text.Json;

namespace UsageFunctions.Bench;

/// <summary>
/// One roll-up run over the busy hour the ingest run wrote, fired through the host's admin API and timed by the host
/// (the invocation's duration: one run of the timer function, not the admin call around it). Where the app has no
/// roll-up timer (404) the section says so instead of failing.
/// </summary>
public static class RollupScenario
{
    public const string Function = "RollupTimer";

    /// <summary>The category the roll-up timer logs its summary under, as the host prints the worker's logs.</summary>
    private const string SummaryCategory = "[UsageFunctions.App.Rollups.RollupTimer] ";

    public static async Task<RollupResult> RunAsync(AppProcess app, int events, CeilingResult ceiling)
    {
        var before = await StorageCounts.ReadAsync(app);
        var summary = app.NextLineAsync(line => line.Contains(SummaryCategory, StringComparison.Ordinal));
        var run = await FireAsync(app);
        if (run.Status == HttpStatusCode.NotFound) return RollupResult.NotAvailable;
        if (run.DurationMs is not { } milliseconds) throw new InvalidOperationException($"{Function} answered {(int)run.Status}: {run.Body}");
        var used = (await StorageCounts.ReadAsync(app)).Minus(before);
        var perSecond = events / (milliseconds / 1000);
        return new RollupResult(true, events, milliseconds, perSecond, perSecond / ceiling.ScanEntitiesPerSecond.Median, used.Requests,
            await SummaryAsync(summary));
    }

    /// <summary>Runs the timer once and waits for it: <c>POST /admin/functions/RollupTimer?wait=true</c>.</summary>
    public static async Task<TimerRun> FireAsync(AppProcess app)
    {
        using var request = app.Admin(HttpMethod.Post, $"/admin/functions/{Function}?wait=true");
        using var response = await app.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        double? duration = response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(body).RootElement.GetProperty("durationMs").GetDouble() : null;
        return new TimerRun(response.StatusCode, duration, body);
    }

    /// <summary>
    /// Until the roll-up's watermark (its clock's minute less one grace minute) is past the minute the fill ended in, so
    /// the roll-up that follows covers every arrival of the fill and no hour is pending when the reads start.
    /// </summary>
    public static async Task WaitPastGraceAsync(DateTimeOffset filledAt, TextWriter log)
    {
        var minute = new DateTimeOffset(filledAt.Year, filledAt.Month, filledAt.Day, filledAt.Hour, filledAt.Minute, 0, TimeSpan.Zero);
        var wait = minute.AddMinutes(2).AddSeconds(1) - DateTimeOffset.UtcNow;
        if (wait <= TimeSpan.Zero) return;
        log.WriteLine($"  waiting {wait.TotalSeconds:0} s for the fill to be behind the roll-up's watermark");
        await Task.Delay(wait);
    }

    /// <summary>The worker's log reaches the host's output just after the invocation's answer, or not at all.</summary>
    private static async Task<string?> SummaryAsync(Task<string> line)
    {
        try
        {
            var text = await line.WaitAsync(TimeSpan.FromSeconds(5));
            return text[(text.IndexOf(SummaryCategory, StringComparison.Ordinal) + SummaryCategory.Length)..];
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}

/// <summary>One timer invocation fired through the admin API: the answer's status, the host's timing (200 only), its body.</summary>
public sealed record TimerRun(HttpStatusCode Status, double? DurationMs, string Body);
