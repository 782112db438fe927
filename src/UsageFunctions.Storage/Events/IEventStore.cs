using UsageFunctions.Domain.Events;

namespace UsageFunctions.Storage.Events;

/// <summary>The durable store of raw usage events.</summary>
public interface IEventStore
{
    /// <summary>
    /// Stores the events, each at most once by (source, id), and returns an outcome per event in order. Throws
    /// <see cref="Tables.StorageUnavailableException"/> when anything could not be stored; then nothing may be acknowledged.
    /// </summary>
    Task<IReadOnlyList<StoreOutcome>> AppendAsync(string accountId, IReadOnlyList<UsageEvent> events, CancellationToken cancellationToken);

    /// <summary>Every stored event of one account whose counting instant falls in the UTC hour starting at <paramref name="hour"/>.</summary>
    IAsyncEnumerable<StoredEvent> ReadHourAsync(string accountId, DateTimeOffset hour, CancellationToken cancellationToken);

    /// <summary>
    /// Every stored event of one account whose counting instant is in [<paramref name="from"/>, <paramref name="toExclusive"/>):
    /// one range query over the hour partitions, paged by the service (<paramref name="pageSize"/> rows a page when given:
    /// a caller that needs only the first few asks for no more than that).
    /// </summary>
    IAsyncEnumerable<StoredEvent> ReadRangeAsync(string accountId, DateTimeOffset from, DateTimeOffset toExclusive, CancellationToken cancellationToken,
        int? pageSize = null);

    /// <summary>
    /// One page of <see cref="ReadRangeAsync"/> in storage order (hour, then shard, then identity hash), resuming after
    /// <paramref name="after"/>; voided events too when <paramref name="includeVoided"/>. The cursor never leaves the account.
    /// </summary>
    IAsyncEnumerable<StoredEvent> ReadPageAsync(string accountId, DateTimeOffset from, DateTimeOffset toExclusive, EventCursor? after,
        bool includeVoided, int pageSize, CancellationToken cancellationToken);

    /// <summary>Deletes raw events of hours before <paramref name="cutoff"/>; returns how many were deleted.</summary>
    Task<int> PurgeBeforeAsync(string accountId, DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>A stored event with what only the store knows about it: its void record, and where a page that ends at it resumes.</summary>
public sealed record StoredEvent(string AccountId, UsageEvent Event, DateTimeOffset ReceivedAt)
{
    public EventVoid? Void { get; init; }

    public EventCursor? Cursor { get; init; }
}

/// <summary>Who voided an event, when and why.</summary>
public sealed record EventVoid(DateTimeOffset VoidedAt, string VoidedBy, string Reason);

/// <summary>A position in the raw-event table (the keys of the last event a page returned).</summary>
public sealed record EventCursor(string Partition, string Row);
