using Azure;
using Azure.Data.Tables;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Events;

/// <summary>
/// The first hour from which every raw event was stored with a batch summary (<see cref="BatchSummaries"/>): before it,
/// an hour may hold events stored by a build that wrote none, and is read from raw events only.
/// <para>
/// Recorded once per storage account, in <c>RollupState</c> (PartitionKey and RowKey <c>summaries</c>), by the first
/// instance that asks: over a table that holds no event yet, every hour (a new installation); otherwise the UTC hour two
/// hours after that instance's clock, by which time no instance of the earlier build is still ingesting (a deployment
/// replaces all instances within minutes). Instances that race insert the same row; the first wins, the others read it.
/// Each instance reads it once and keeps it.
/// </para>
/// </summary>
public sealed class BatchSummaryCoverage(TableClients tables, TimeProvider clock)
{
    public const string Key = "summaries";

    /// <summary>How long the earlier build may still be ingesting after the first instance that writes summaries starts.</summary>
    public static readonly TimeSpan Changeover = TimeSpan.FromHours(2);

    private readonly SharedRun<DateTimeOffset> _since = new(() => ReadOrRecordAsync(tables, clock));

    public Task<DateTimeOffset> SinceAsync(CancellationToken cancellationToken) => _since.EnsureAsync(cancellationToken);

    private static async Task<DateTimeOffset> ReadOrRecordAsync(TableClients tables, TimeProvider clock)
    {
        var state = await tables.GetAsync(TableNames.RollupState);
        for (var attempt = 0; ; attempt++)
        {
            var row = await state.GetEntityIfExistsAsync<TableEntity>(Key, Key, select: ["Since"]);
            if (row.HasValue) return new DateTimeOffset(row.Value!.GetInt64("Since") ?? long.MaxValue, TimeSpan.Zero);
            var since = await AnyEventAsync(tables)
                ? RawEventKeys.HourStart(clock.GetUtcNow()) + Changeover
                : DateTimeOffset.MinValue;
            try
            {
                await state.AddEntityAsync(new TableEntity(Key, Key) { ["Since"] = since.UtcTicks });
                return since;
            }
            catch (RequestFailedException ex) when (ex.Status == 409 && attempt < 3)
            {
                // Another instance recorded it first: read theirs.
            }
        }
    }

    private static async Task<bool> AnyEventAsync(TableClients tables)
    {
        var raw = await tables.GetAsync(TableNames.RawEvents);
        await foreach (var page in raw.QueryAsync<TableEntity>(select: ["PartitionKey"], maxPerPage: 1).AsPages())
        {
            if (page.Values.Count > 0) return true;
            if (page.ContinuationToken is null) return false;
        }
        return false;
    }
}
