using System.Text.Json.Nodes;
using UsageFunctions.Tests.Infrastructure;
using static UsageFunctions.Tests.Vendors.VendorTestKit;

namespace UsageFunctions.Tests.Vendors;

/// <summary>Five calls with distinct agents, voices, durations, times of day, metadata and billing, relative to the test clock.</summary>
public static class UltravoxCalls
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>An account with <see cref="All"/> rolled up and agent_a registered as "Support Bot" (agent_b is not).</summary>
    public static async Task<TestAccount> AccountWithCallsAsync(UsageAppFactory app)
    {
        var account = await TestAccount.CreateAsync(app);
        await RegisterAgentAsync(app, account, "agent_a", "Support Bot");
        await PostAndRollUpAsync(app, account, All());
        return account;
    }

    public static JsonObject Call(string id, DateTimeOffset created, double seconds, string? agent, string? voice, string endReason,
        string billing, double billed, JsonObject metadata, string? summary = null) =>
        TestEvents.Event("usage.call.ended", created.AddSeconds(seconds), new JsonObject
        {
            ["callId"] = id,
            ["agentId"] = agent,
            ["voiceId"] = voice,
            ["createdAt"] = created.ToString("O"),
            ["joinedAt"] = endReason == "unjoined" ? null : created.ToString("O"),
            ["endedAt"] = created.AddSeconds(seconds).ToString("O"),
            ["durationSeconds"] = seconds,
            ["billedSeconds"] = billed,
            ["endReason"] = endReason,
            ["billingStatus"] = billing,
            ["metadata"] = metadata,
            ["summary"] = summary,
        });

    /// <summary>
    /// alpha 20th 11:00Z 90s agent_a voice_1 hangup BILLED 90 {spring,gold} "Asked about a refund";
    /// beta 20th 09:00Z 30.5s agent_b voice_2 system_error FREE_SYSTEM_ERROR {fall};
    /// gamma 19th 10:00Z 600s agent_a voice_2 agent_hangup FREE_CONSOLE {spring};
    /// delta 15th 12:00Z 0s no agent voice_1 unjoined FREE_ZERO_EFFECTIVE_DURATION;
    /// eps 18th 22:00Z 120s agent_a voice_1 connection_error BILLED 120 {spring,silver}.
    /// </summary>
    public static JsonObject[] All() =>
    [
        Call("call-alpha", Now.AddHours(-1), 90, "agent_a", "voice_1", "hangup", "BILLED", 90,
            new() { ["campaign"] = "spring", ["tier"] = "gold" }, "Asked about a refund"),
        Call("call-beta", Now.AddHours(-3), 30.5, "agent_b", "voice_2", "system_error", "FREE_SYSTEM_ERROR", 0, new() { ["campaign"] = "fall" }),
        Call("call-gamma", Now.AddDays(-1).AddHours(-2), 600, "agent_a", "voice_2", "agent_hangup", "FREE_CONSOLE", 0,
            new() { ["campaign"] = "spring" }, "Booking"),
        Call("call-delta", Now.AddDays(-5), 0, null, "voice_1", "unjoined", "FREE_ZERO_EFFECTIVE_DURATION", 0, new()),
        Call("call-eps", Now.AddDays(-2).AddHours(10), 120, "agent_a", "voice_1", "connection_error", "BILLED", 120,
            new() { ["campaign"] = "spring", ["tier"] = "silver" }),
    ];
}
