using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using UsageFunctions.Storage;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Bench;

/// <summary>
/// <c>GET /api/entitlements/messages</c> against a bare point read of one raw event and a bare query of the pending
/// batch's hour (every raw row of its partitions), at each history size: the history loaded into the current billing
/// period, the roll-up and period timers fired (caught up), measured; then one signed batch in the current hour
/// (pending: after the roll-up's watermark), measured again. Each state: a warm-up of all three, then
/// <see cref="Method.Rounds"/> rounds of a block of point reads, a block of hour queries and a block of checks.
/// </summary>
public static class EntitlementsScenario
{
    private const string Meter = "messages";
    private const int WarmUp = 5;

    public static async Task<EntitlementsResult> RunAsync(EntitlementsOptions options, string repositoryRoot, TextWriter log)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var azurite = await Azurite.StartAsync(repositoryRoot);
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        using var app = AppProcess.Start(azurite.ConnectionString, prefix);
        await app.WaitReadyAsync();
        var account = await BenchAccount.CreateAsync(app, "Entitled");
        await FireAsync(app, "PeriodTimer");
        var now = DateTimeOffset.UtcNow;
        var periodStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var hours = (int)(EventBatches.LastFullHour() - periodStart).TotalHours + 1;
        using var loader = new HistoryLoader(azurite.ConnectionString, prefix);
        var (partition, row) = HistoryLoader.FirstEntity(account.Id, periodStart);
        var raw = StorageServiceCollectionExtensions.CreateServiceClient(new TableStorageOptions { ConnectionString = azurite.ConnectionString })
            .GetTableClient(prefix + TableNames.RawEvents);

        var rows = new List<EntitlementRow>();
        var loaded = 0;
        var pendingBatches = 0;
        DateTimeOffset? pendingSent = null;
        foreach (var history in options.Histories.Order())
        {
            // The last pending batch must fall behind the next roll-up's watermark, and this load's backdated markers after the last one.
            if (pendingSent is { } sent && sent + HistoryLoader.Backdate - DateTimeOffset.UtcNow is { Ticks: > 0 } wait) await Task.Delay(wait);
            var rate = await loader.LoadAsync(account.Id, periodStart, hours, loaded, history, options.LoadWriters);
            loaded = history;
            var rollup = await FireAsync(app, RollupScenario.Function);
            await FireAsync(app, "PeriodTimer");
            log.WriteLine($"  history {history:N0}: loaded at {rate:N0} events/s; roll-up {rollup / 1000:0.0} s");
            var expected = HistoryLoader.MessagesAmong(history) + pendingBatches * 75L;
            rows.Add(await MeasureAsync(app, account, raw, partition, row, history, "caught up", expected, rate, rollup, options.ChecksPerRound));

            // Events at hour start + 0 … 693 s: the current hour, or the previous one in an hour's first 12 minutes (never ahead of now).
            var batch = EventBatches.Build($"pending{history}", 100, _ => RawEventKeys.HourStart(DateTimeOffset.UtcNow.AddMinutes(-12)), 4);
            await Producers.SendAllAsync(app, account, batch, 1);
            pendingSent = DateTimeOffset.UtcNow;
            pendingBatches++;
            rows.Add(await MeasureAsync(app, account, raw, partition, row, history, "hour pending", expected + 75, rate, rollup,
                options.ChecksPerRound));
        }
        return new EntitlementsResult(options.Mode, startedAt, clock.Elapsed.TotalSeconds, Meter, rows);
    }

    private static async Task<EntitlementRow> MeasureAsync(AppProcess app, BenchAccount account, TableClient raw, string partition, string row,
        int history, string state, long expected, double loadRate, double rollupMs, int perRound)
    {
        var used = await CheckAsync(app, account);
        if (used != expected) throw new InvalidOperationException($"At {history:N0} events ({state}) the check said {used} used; {expected} were sent.");
        for (var i = 0; i < WarmUp; i++)
        {
            await PointReadAsync(raw, partition, row);
            await HourQueryAsync(raw, account.Id);
            await TimedCheckAsync(app, account);
        }
        var bare = new List<double[]>();
        var hourQueries = new List<double[]>();
        var checks = new List<double[]>();
        long requests = 0;
        for (var round = 0; round < Method.Rounds; round++)
        {
            var b = new double[perRound];
            for (var i = 0; i < perRound; i++) b[i] = await PointReadAsync(raw, partition, row);
            var q = new double[perRound];
            for (var i = 0; i < perRound; i++) q[i] = await HourQueryAsync(raw, account.Id);
            var before = await StorageCounts.ReadAsync(app);
            var c = new double[perRound];
            for (var i = 0; i < perRound; i++) c[i] = await TimedCheckAsync(app, account);
            requests += (await StorageCounts.ReadAsync(app)).Minus(before).Http;
            bare.Add(b);
            hourQueries.Add(q);
            checks.Add(c);
        }
        var checkP50s = checks.Select(Latency.MedianOf).ToList();
        return new EntitlementRow(history, state, used, loadRate, rollupMs, Latency.Of(checks), Latency.Of(bare),
            Spread.Ratio(checkP50s, bare.Select(Latency.MedianOf).ToList()), (double)requests / (perRound * Method.Rounds),
            Latency.Of(hourQueries), Spread.Ratio(checkP50s, hourQueries.Select(Latency.MedianOf).ToList()));
    }

    private static async Task<long> CheckAsync(AppProcess app, BenchAccount account)
    {
        using var response = await app.Http.SendAsync(Request(account));
        response.EnsureSuccessStatusCode();
        return (long)(await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("used").GetDecimal();
    }

    private static async Task<double> TimedCheckAsync(AppProcess app, BenchAccount account)
    {
        using var request = Request(account);
        var started = Stopwatch.GetTimestamp();
        using var response = await app.Http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        response.EnsureSuccessStatusCode();
        return elapsed;
    }

    private static async Task<double> PointReadAsync(TableClient raw, string partition, string row)
    {
        var started = Stopwatch.GetTimestamp();
        await raw.GetEntityAsync<RawEventEntity>(partition, row);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>Every raw row of the hour the pending batch goes to (the current hour, or the previous one in an hour's first 12 minutes).</summary>
    private static async Task<double> HourQueryAsync(TableClient raw, string accountId)
    {
        var prefix = RawEventKeys.HourPrefix(accountId, RawEventKeys.HourStart(DateTimeOffset.UtcNow.AddMinutes(-12)));
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {StorageKeys.PrefixEnd(prefix)}");
        var started = Stopwatch.GetTimestamp();
        await foreach (var _ in raw.QueryAsync<TableEntity>(filter)) { }
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static HttpRequestMessage Request(BenchAccount account) =>
        new UsageEndpoint("/api/entitlements/" + Meter, false).Request(account.ReadKey);

    private static async Task<double> FireAsync(AppProcess app, string function)
    {
        using var request = app.Admin(HttpMethod.Post, $"/admin/functions/{function}?wait=true");
        using var response = await app.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{function} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("durationMs").GetDouble();
    }
}
