namespace UsageFunctions.Storage.Events;

/// <summary>Voids stored events: each is kept, marked voided, and stops counting once its hour is rolled up again.</summary>
public interface IEventVoids
{
    /// <summary>
    /// Voids the events, answering one result per request in order. Voiding a voided event changes nothing and answers
    /// the first void's record. Throws <see cref="Tables.StorageUnavailableException"/> when storage failed.
    /// </summary>
    Task<IReadOnlyList<VoidResult>> VoidAsync(string accountId, IReadOnlyList<VoidRequest> requests, string voidedBy,
        CancellationToken cancellationToken);
}

/// <summary>
/// Which event to void. <see cref="Time"/> is optional: the event's counting instant (its <c>time</c>, a call's
/// <c>createdAt</c>) lets the store find it with one point read instead of searching the account's raw events.
/// </summary>
public sealed record VoidRequest(string Source, string Id, string Reason, DateTimeOffset? Time);

public enum VoidStatus
{
    Voided,
    AlreadyVoided,
    NotFound,
}

public sealed record VoidResult(VoidStatus Status, EventVoid? Record, DateTimeOffset? OccurredAt);
