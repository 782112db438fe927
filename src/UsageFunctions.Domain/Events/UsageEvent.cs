namespace UsageFunctions.Domain.Events;

/// <summary>
/// A validated usage event. <see cref="Source"/> and <see cref="Id"/> are its identity;
/// <see cref="OccurredAt"/> is the instant it is counted at (a call's creation time, otherwise <see cref="Time"/>);
/// <see cref="DataJson"/> is the validated <c>data</c> exactly as received, which is what gets stored.
/// </summary>
public sealed record UsageEvent(
    string Source,
    string Id,
    string Type,
    DateTimeOffset Time,
    string? Subject,
    EventPayload Payload,
    string DataJson)
{
    public DateTimeOffset OccurredAt => Payload is CallEnded call ? call.CreatedAt : Time;

    public string IdentityHash => EventIdentity.Hash(Source, Id);
}
