using System.Net.Http.Json;
using System.Text.Json;

namespace UsageFunctions.Bench;

/// <summary>
/// The app's own count of storage requests (<c>GET /api/manage/diagnostics/storage</c>), read before and after a workload.
/// <see cref="Http"/>: the requests sent on behalf of HTTP invocations (what reads cost, without the timers' requests meanwhile).
/// </summary>
public sealed record StorageCounts(long Requests, long Http, IReadOnlyDictionary<string, long> ByKind)
{
    public static async Task<StorageCounts> ReadAsync(AppProcess app)
    {
        using var request = app.Admin(HttpMethod.Get, "/api/manage/diagnostics/storage");
        using var response = await app.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var byKind = body.GetProperty("byKind").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        return new StorageCounts(body.GetProperty("requests").GetInt64(), body.GetProperty("byOrigin").GetProperty("http").GetInt64(), byKind);
    }

    public StorageCounts Minus(StorageCounts earlier) => new(
        Requests - earlier.Requests,
        Http - earlier.Http,
        ByKind.ToDictionary(p => p.Key, p => p.Value - earlier.ByKind.GetValueOrDefault(p.Key)).Where(p => p.Value != 0)
            .ToDictionary(p => p.Key, p => p.Value));
}
