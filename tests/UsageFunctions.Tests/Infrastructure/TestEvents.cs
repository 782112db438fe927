using System.Text.Json;
using System.Text.Json.Nodes;

namespace UsageFunctions.Tests.Infrastructure;

/// <summary>Builds CloudEvents JSON for tests.</summary>
public static class TestEvents
{
    public static JsonObject Event(string type, DateTimeOffset time, JsonObject data, string? id = null, string source = "/tests") => new()
    {
        ["specversion"] = "1.0",
        ["id"] = id ?? Guid.NewGuid().ToString("N"),
        ["source"] = source,
        ["type"] = type,
        ["time"] = time.ToString("O"),
        ["datacontenttype"] = "application/json",
        ["data"] = data,
    };

    public static JsonObject Message(DateTimeOffset time, string? id = null, string source = "/tests") =>
        Event("usage.message.sent", time, new JsonObject { ["phoneNumberId"] = "num_1", ["agentId"] = "agent_1" }, id, source);

    public static JsonObject Call(DateTimeOffset created, double seconds = 90, string? id = null, string endReason = "hangup") =>
        Event("usage.call.ended", created.AddSeconds(seconds), new JsonObject
        {
            ["callId"] = id ?? Guid.NewGuid().ToString("N"),
            ["agentId"] = "agent_1",
            ["createdAt"] = created.ToString("O"),
            ["joinedAt"] = endReason == "unjoined" ? null : created.AddSeconds(2).ToString("O"),
            ["endedAt"] = created.AddSeconds(seconds).ToString("O"),
            ["durationSeconds"] = seconds,
            ["billedSeconds"] = seconds,
            ["endReason"] = endReason,
            ["billingStatus"] = "BILLED",
            ["metadata"] = new JsonObject { ["campaign"] = "spring" },
        }, id);

    public static string Batch(params JsonNode[] events) => new JsonArray([.. events.Select(e => e.DeepClone())]).ToJsonString();

    public static JsonElement Element(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
}
