using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using UsageFunctions.Domain.Events;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Events;

/// <summary>Range queries over raw events, and the one place a stored row becomes a domain event.</summary>
internal static class RawEventQuery
{
    /// <summary>
    /// Every hour partition of the account whose hour overlaps [from, toExclusive), filtered on the event time in the
    /// service so a partial hour returns only the rows it counts; widened by a millisecond each way because the emulator
    /// compares instants to the millisecond (the exact test is in <see cref="RunAsync"/>). Void marks are not events.
    /// </summary>
    public static string RangeFilter(string accountId, DateTimeOffset from, DateTimeOffset toExclusive)
    {
        var first = RawEventKeys.HourPrefix(accountId, from);
        var end = StorageKeys.PrefixEnd(RawEventKeys.HourPrefix(accountId, toExclusive.AddTicks(-1)));
        return TableClient.CreateQueryFilter(
            $"PartitionKey gt {first} and PartitionKey lt {end} and RowKey lt {BatchSummaries.First} and OccurredAt ge {from.ToUniversalTime().AddMilliseconds(-1)} and OccurredAt lt {toExclusive.ToUniversalTime().AddMilliseconds(1)}");
    }

    /// <summary>Rows strictly after the cursor, in the service's (PartitionKey, RowKey) order.</summary>
    public static string After(EventCursor cursor) => TableClient.CreateQueryFilter(
        $"(PartitionKey gt {cursor.Partition} or (PartitionKey eq {cursor.Partition} and RowKey gt {cursor.Row}))");

    public static async IAsyncEnumerable<StoredEvent> RunAsync(TableClient table, string accountId, string filter, DateTimeOffset from,
        DateTimeOffset toExclusive, bool includeVoided, int? pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in table.QueryAsync<RawEventEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken))
        {
            if (entity.OccurredAt < from || entity.OccurredAt >= toExclusive) continue;
            // A voided event is kept for the record but counts nowhere: every figure reads events through here.
            if (entity.VoidedAt is not null && !includeVoided) continue;
            yield return ToStored(accountId, entity);
        }
    }

    public static StoredEvent ToStored(string accountId, RawEventEntity entity) =>
        new(accountId, StoredEventReader.Read(entity.Source, entity.EventId, entity.Type, entity.Time, entity.Subject, entity.Data),
            entity.ReceivedAt)
        {
            Void = entity.VoidedAt is { } at ? new EventVoid(at, entity.VoidedBy ?? "", entity.VoidReason ?? "") : null,
            Cursor = new EventCursor(entity.PartitionKey, entity.RowKey),
        };
}
