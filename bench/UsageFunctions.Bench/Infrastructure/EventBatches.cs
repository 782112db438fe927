using System.Text.Json.Nodes;

namespace UsageFunctions.Bench;

/// <summary>CloudEvents batches of 100 events, every batch inside one UTC hour, as a webhook producer sends them.</summary>
public static class EventBatches
{
    public const int BatchSize = 100;

    /// <summary>The last complete UTC hour: inside the accepted window, and finished, so a roll-up sees all of it.</summary>
    public static DateTimeOffset LastFullHour()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-1);
    }

    /// <summary>
    /// <paramref name="count"/> events, batch <c>b</c> in the hour <paramref name="hourOf"/>(b) from producer
    /// <c>b mod <paramref name="sources"/></c>: each producer is its own CloudEvents source.
    /// </summary>
    public static List<byte[]> Build(string prefix, int count, Func<int, DateTimeOffset> hourOf, int sources = 1)
    {
        var batches = new List<byte[]>(count / BatchSize + 1);
        for (var start = 0; start < count; start += BatchSize)
        {
            var hour = hourOf(start / BatchSize);
            var source = SourceOf(start / BatchSize % sources);
            var size = Math.Min(BatchSize, count - start);
            var events = new JsonArray();
            for (var i = 0; i < size; i++)
            {
                var n = start + i;
                var at = hour.AddSeconds(n * 7 % 3500);
                events.Add(n % 4 == 0 ? Call(source, $"{prefix}-{n}", at) : Message(source, $"{prefix}-{n}", at, n));
            }
            batches.Add(System.Text.Encoding.UTF8.GetBytes(events.ToJsonString()));
        }
        return batches;
    }

    /// <summary>The CloudEvents source of producer <paramref name="producer"/>.</summary>
    public static string SourceOf(int producer) => $"/bench/producer-{producer}";

    private static JsonObject Event(string source, string id, string type, DateTimeOffset time, JsonObject data) => new()
    {
        ["specversion"] = "1.0", ["id"] = id, ["source"] = source, ["type"] = type, ["time"] = time.ToString("O"),
        ["datacontenttype"] = "application/json", ["data"] = data,
    };

    private static JsonObject Message(string source, string id, DateTimeOffset at, int n) => Event(source, id, "usage.message.sent", at,
        new JsonObject { ["phoneNumberId"] = $"num_{n % 5}", ["agentId"] = $"agent_{n % 3}" });

    private static JsonObject Call(string source, string id, DateTimeOffset created) => Event(source, id, "usage.call.ended", created.AddSeconds(60), new JsonObject
    {
        ["callId"] = id, ["agentId"] = "agent_1", ["createdAt"] = created.ToString("O"),
        ["joinedAt"] = created.AddSeconds(2).ToString("O"), ["endedAt"] = created.AddSeconds(60).ToString("O"),
        ["durationSeconds"] = 60, ["billedSeconds"] = 60, ["endReason"] = "hangup", ["billingStatus"] = "BILLED",
        ["metadata"] = new JsonObject { ["campaign"] = "bench" },
    });
}
