using Azure.Data.Tables;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Periods;
using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Periods;
using UsageFunctions.Storage.Rollups;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Usage;

/// <summary>
/// <see cref="IUsageQuery"/> over the roll-up aggregates (whole UTC months, days and hours) and raw events for partial
/// edge hours. Meters are read with their own RowKey ranges only; level meters read their history up to the window's end.
/// </summary>
public sealed class TableUsageQuery(
    UsageBatchReader batches, PeriodTotals totals, TableClients tables, IAccountStore accounts, RollupLease lease,
    OpenPeriodCounters counters, TimeProvider clock) : IUsageQuery
{
    public async Task<UsageTotals> TotalAsync(string accountId, string meter, DateTimeOffset from, DateTimeOffset to,
        string? breakdownBy, CancellationToken cancellationToken, DimensionFilter? filter = null) =>
        (await ReadAsync(accountId, UsageReadBatch.Of(new TotalQuery(meter, from, to, breakdownBy, filter)), cancellationToken)).Totals[0];

    public async Task<IReadOnlyList<SeriesPoint>> SeriesAsync(string accountId, string meter, SeriesGrain grain, TimeZoneInfo zone,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken, DimensionFilter? filter = null) =>
        (await ReadAsync(accountId, UsageReadBatch.Of(new SeriesQuery(meter, grain, zone, from, to, filter)), cancellationToken)).Series[0];

    public Task<UsageReadResult> ReadAsync(string accountId, UsageReadBatch batch, CancellationToken cancellationToken) =>
        batches.ReadAsync(accountId, batch, cancellationToken);

    public async Task<PeriodUsage> CurrentPeriodAsync(string accountId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (open, pending) = await counters.ReadAsync(accountId, cancellationToken);
        // The counters hold what the roll-up covered; with hours pending before the period's end they would undercount.
        if (open is not null && !pending.AnyBefore(open.End)) return ToUsage(open) with { AsOf = pending.AsOf };
        // The period timer has not opened this period yet, or the roll-up is behind: answer from aggregates and raw events.
        var account = await accounts.FindAsync(accountId, cancellationToken)
                      ?? throw new KeyNotFoundException($"Account '{accountId}' does not exist.");
        var period = BillingPeriod.Containing(now, account.BillingAnchorDay, TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone));
        var meters = await totals.ComputeAsync(accountId, period.Start, period.End, pending, cancellationToken);
        return new PeriodUsage(period.Start, period.End, ToDoubles(meters), pending.AsOf);
    }

    public async Task<IReadOnlyList<PeriodUsage>> ClosedPeriodsAsync(string accountId, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Periods, cancellationToken);
        var first = PeriodEntity.ClosedPrefix + StorageKeys.Separator;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {PeriodEntity.Partition(accountId)} and RowKey ge {first} and RowKey lt {StorageKeys.PrefixEnd(PeriodEntity.ClosedPrefix)}");
        var periods = new List<PeriodUsage>();
        await foreach (var row in table.QueryAsync<PeriodEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.Start < to && row.End > from) periods.Add(ToUsage(row));
        }
        return [.. periods.OrderBy(p => p.Start)];
    }

    public async Task<DateTimeOffset> AsOfAsync(CancellationToken cancellationToken) =>
        (await lease.ReadAsync(cancellationToken)).AsOf ?? DateTimeOffset.MinValue;

    private static PeriodUsage ToUsage(PeriodEntity row) => new(row.Start, row.End, ToDoubles(row.ReadMeters()), row.AsOf);

    private static Dictionary<string, double> ToDoubles(IReadOnlyDictionary<string, decimal> meters) =>
        meters.ToDictionary(m => m.Key, m => (double)m.Value, StringComparer.Ordinal);
}
