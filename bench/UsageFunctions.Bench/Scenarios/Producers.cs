using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace UsageFunctions.Bench;

/// <summary>Several webhook producers posting prepared signed batches over HTTP until all are sent.</summary>
public static class Producers
{
    public static async Task<SendOutcome> SendAllAsync(AppProcess app, BenchAccount account, IReadOnlyList<byte[]> batches, int producers)
    {
        var next = -1;
        long accepted = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, producers).Select(async _ =>
        {
            for (var b = Interlocked.Increment(ref next); b < batches.Count; b = Interlocked.Increment(ref next))
            {
                using var request = account.SignedBatch(batches[b], $"msg_{account.Id}_{b}");
                using var response = await app.Http.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"Batch {b} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                Interlocked.Add(ref accepted, body.GetProperty("accepted").GetInt32());
            }
        }));
        return new SendOutcome(accepted, Stopwatch.GetElapsedTime(started));
    }
}

public sealed record SendOutcome(long Accepted, TimeSpan Elapsed)
{
    public double PerSecond => Accepted / Elapsed.TotalSeconds;
}
