using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace UsageFunctions.Tests.Rollups.Oracle;

/// <summary>
/// A usage event as the test generated it: plain fields the oracle counts from, rendered to CloudEvents JSON for ingestion.
/// Nothing here comes from production code. A null <see cref="Billed"/> leaves <c>billedSeconds</c> out, and
/// <see cref="WithoutJoinedAt"/> leaves out the optional <c>joinedAt</c> of a joined call.
/// </summary>
public sealed record GeneratedEvent(
    string Id, string Type, DateTimeOffset OccurredAt,
    string? Agent = null, string? Voice = null, string? Number = null, string? Direction = null,
    string? EndReason = null, string? Billing = null, decimal Duration = 0, decimal? Billed = null,
    long Quantity = 0, decimal Level = 0, bool WithoutJoinedAt = false)
{
    public const string Source = "/oracle";

    public string Hash { get; } = Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes($"{Source}\u0000{Id}")).AsSpan(0, 16));

    /// <summary>README "Call definitions": joined means the end reason is not <c>unjoined</c>; <c>joinedAt</c> is optional.</summary>
    public bool Joined => EndReason is not null && EndReason != "unjoined";

    public bool Errored => EndReason is "connection_error" or "system_error";

    public JsonObject ToCloudEvent()
    {
        var time = Type == "usage.call.ended" ? OccurredAt.AddSeconds((double)Duration) : OccurredAt;
        return new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = Id, ["source"] = Source, ["type"] = Type,
            ["time"] = time.ToString("O", CultureInfo.InvariantCulture), ["data"] = Data(time),
        };
    }

    private JsonObject Data(DateTimeOffset time) => Type switch
    {
        "usage.call.ended" => new JsonObject
        {
            ["callId"] = Id, ["agentId"] = Agent, ["voiceId"] = Voice, ["phoneNumberId"] = Number, ["direction"] = Direction,
            ["createdAt"] = OccurredAt.ToString("O", CultureInfo.InvariantCulture),
            ["joinedAt"] = Joined && !WithoutJoinedAt ? OccurredAt.ToString("O", CultureInfo.InvariantCulture) : null,
            ["endedAt"] = time.ToString("O", CultureInfo.InvariantCulture),
            ["durationSeconds"] = Duration, ["billedSeconds"] = Billed, ["endReason"] = EndReason, ["billingStatus"] = Billing,
        },
        "usage.message.sent" or "usage.message.received" => new JsonObject { ["phoneNumberId"] = Number, ["agentId"] = Agent },
        "usage.webhook.delivery.succeeded" or "usage.webhook.delivery.failed" => new JsonObject { ["webhookId"] = "wh_1" },
        "usage.bandwidth.used" => new JsonObject { ["bytes"] = Quantity, ["direction"] = Direction },
        "usage.api.request" or "usage.email.sent" or "usage.webhook.event.processed" => new JsonObject { ["count"] = Quantity },
        "usage.storage.level" => new JsonObject { ["gigabytes"] = Level },
        "usage.seats.level" => new JsonObject { ["seats"] = (long)Level },
        _ => new JsonObject { ["phoneNumberId"] = Number, ["agentId"] = Agent },
    };
}
