using UsageFunctions.Domain.Events;

namespace UsageFunctions.Storage.Calls;

/// <summary>
/// What a call-usage read needs of one ended call: when the call was created (the instant its event is counted at, so
/// its raw hour), its agent and voice, its duration and what it bills, and, for reads that filter by text (metadata,
/// search), its <see cref="Text"/>. Digests of the figures family carry no text.
/// </summary>
public sealed record DigestCall(
    DateTimeOffset CreatedAt,
    string? AgentId,
    string? VoiceId,
    double DurationSeconds,
    double? SecondsBilled,
    bool Errored,
    bool Joined,
    CallText? Text = null)
{
    public static DigestCall? Of(UsageEvent stored) => stored.Payload is CallEnded call
        ? new DigestCall(call.CreatedAt, call.AgentId, call.VoiceId, call.DurationSeconds, call.SecondsBilled, call.Errored, call.Joined,
            new CallText(call.CallId, call.Summary, call.Metadata))
        : null;
}

/// <summary>The parts of a call that text filters read: its id, summary and metadata.</summary>
public sealed record CallText(string CallId, string? Summary, IReadOnlyDictionary<string, string> Metadata);
