using UsageFunctions.Domain.Events;

namespace UsageFunctions.Storage.Calls;

/// <summary>
/// What a call-usage read needs of one ended call, and nothing it could filter only by text (metadata, summary, id):
/// when the call was created (the instant its event is counted at, so its raw hour), its agent and voice, its duration
/// and what it bills.
/// </summary>
public sealed record DigestCall(
    DateTimeOffset CreatedAt,
    string? AgentId,
    string? VoiceId,
    double DurationSeconds,
    double? SecondsBilled,
    bool Errored,
    bool Joined)
{
    public static DigestCall? Of(UsageEvent stored) => stored.Payload is CallEnded call
        ? new DigestCall(call.CreatedAt, call.AgentId, call.VoiceId, call.DurationSeconds, call.SecondsBilled, call.Errored, call.Joined)
        : null;
}
