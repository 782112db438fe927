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
    AggregateReader reader, UsageSeries series, PeriodTotals totals, TableClients tables, IAccountStore accounts,
    RollupLease lease, MeterCatalog catalog, TimeProvider clock) : IUsageQuery
{
    public async Task<UsageTotals> TotalAsync(string accountId, string meter, DateTimeOffset from, DateTimeOffset to,
        string? breakdownBy, CancellationToken cancellationToken, DimensionFilter? filter = null)
    {
        var definition = MeterOf(meter);
        if (filter is not null && breakdownBy is not null && filter.Dimension != breakdownBy)
            throw new ArgumentException("A filter and a breakdown must name the same dimension.", nameof(filter));
        var prefixes = UsageSeries.Prefixes(definition, breakdownBy, filter);
        // "At or before to": a level reported at exactly `to` counts.
        var cells = definition.Aggregation.IsAdditive()
            ? await reader.ReadWindowAsync(accountId, from, to, prefixes, cancellationToken)
            : await reader.ReadWindowAsync(accountId, AggregateReader.HistoryStart, to.AddTicks(1), prefixes, cancellationToken);
        var reading = MeterReading.Read(cells, definition, breakdownBy, filter?.Dimension, filter?.Values);
        return new UsageTotals((double)reading.Total, reading.ByValue.ToDictionary(v => v.Key, v => (double)v.Value, StringComparer.Ordinal));
    }

    public Task<IReadOnlyList<SeriesPoint>> SeriesAsync(string accountId, string meter, SeriesGrain grain, TimeZoneInfo zone,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken, DimensionFilter? filter = null) =>
        series.ReadAsync(accountId, MeterOf(meter), grain, zone, from, to, filter, cancellationToken);

    public async Task<PeriodUsage> CurrentPeriodAsync(string accountId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var table = await tables.GetAsync(TableNames.Periods, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<PeriodEntity>(PeriodEntity.Partition(accountId), PeriodEntity.CurrentRow,
            cancellationToken: cancellationToken);
        if (found.HasValue && found.Value!.Start <= now && now < found.Value.End) return ToUsage(found.Value);
        // The period timer has not opened this period yet: answer from the aggregates rather than from a closed period.
        var account = await accounts.FindAsync(accountId, cancellationToken)
                      ?? throw new KeyNotFoundException($"Account '{accountId}' does not exist.");
        var period = BillingPeriod.Containing(now, account.BillingAnchorDay, TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone));
        var meters = await totals.ComputeAsync(accountId, period.Start, period.End, cancellationToken);
        return new PeriodUsage(period.Start, period.End, ToDoubles(meters), await AsOfAsync(cancellationToken));
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

    private MeterDefinition MeterOf(string meter) =>
        catalog.Find(meter) ?? throw new ArgumentException($"Unknown meter '{meter}'.", nameof(meter));

    private static PeriodUsage ToUsage(PeriodEntity row) => new(row.Start, row.End, ToDoubles(row.ReadMeters()), row.AsOf);

    private static Dictionary<string, double> ToDoubles(IReadOnlyDictionary<string, decimal> meters) =>
        meters.ToDictionary(m => m.Key, m => (double)m.Value, StringComparer.Ordinal);
}
