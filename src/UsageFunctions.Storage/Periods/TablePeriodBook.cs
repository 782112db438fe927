using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Microsoft.Extensions.Logging;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Domain.Periods;
using UsageFunctions.Storage.Tables;
using UsageFunctions.Storage.Telemetry;

namespace UsageFunctions.Storage.Periods;

/// <summary>
/// Keeps each account's current-period counters and closed-period snapshots equal to the aggregates. Counters are
/// recomputed from aggregates, never incremented, so the roll-up and the period timer may both call this any number
/// of times; the current row is written ETag-conditionally so a slower caller never overwrites a newer period.
/// </summary>
public sealed class TablePeriodBook(TableClients tables, PeriodTotals totals, ILogger<TablePeriodBook> logger, UsageMetrics metrics)
{
    private const int Attempts = 5;

    /// <summary>
    /// Closes every period that ended since the stored current one (or since the account's first period), corrects the
    /// snapshots of closed periods that <paramref name="changedHours"/> fall in, and refreshes the current counters
    /// when they are new or changed. Answers how many periods were closed.
    /// </summary>
    public async Task<int> SyncAsync(Account account, DateTimeOffset now, IReadOnlyCollection<DateTimeOffset> changedHours,
        DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        using var span = UsageTracing.Phase("periods.sync", account.Id);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone);
        var current = BillingPeriod.Containing(now, account.BillingAnchorDay, zone);
        var table = await tables.GetAsync(TableNames.Periods, cancellationToken);
        var partition = PeriodEntity.Partition(account.Id);
        for (var attempt = 1; ; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<PeriodEntity>(partition, PeriodEntity.CurrentRow, cancellationToken: cancellationToken);
            var stored = found.HasValue ? found.Value : null;
            var toClose = new List<BillingPeriod>();
            var first = stored is null ? BillingPeriod.Containing(account.CreatedAt, account.BillingAnchorDay, zone)
                : BillingPeriod.Containing(stored.Start, account.BillingAnchorDay, zone);
            for (var p = first; p.Start < current.Start; p = p.Next(account.BillingAnchorDay, zone)) toClose.Add(p);
            var late = changedHours.Select(h => BillingPeriod.Containing(h, account.BillingAnchorDay, zone))
                .Where(p => p.Start < current.Start).Distinct();
            foreach (var period in toClose.Union(late))
                await WriteAsync(table, account.Id, PeriodEntity.ClosedRow(period.Start), period, asOf, ETag.All, false, cancellationToken);
            var refresh = stored is null || stored.Start != current.Start || changedHours.Any(h => h >= current.Start && h < current.End);
            if (!refresh) return toClose.Count;
            try
            {
                // Only the roll-up passes the hours it rewrote, and it calls this after writing them, under its lease.
                await WriteAsync(table, account.Id, PeriodEntity.CurrentRow, current, asOf, stored?.ETag, changedHours.Count > 0,
                    cancellationToken);
                metrics.PeriodsReset(toClose.Count);
                if (toClose.Count > 0)
                    logger.LogInformation("Closed {Periods} billing periods for {Account}; current period starts {Start}",
                        toClose.Count, account.Id, current.Start);
                return toClose.Count;
            }
            catch (RequestFailedException ex) when (attempt < Attempts && (ex.ErrorCode == TableErrorCode.UpdateConditionNotSatisfied
                                                                           || ex.ErrorCode == TableErrorCode.EntityAlreadyExists))
            {
                logger.LogInformation("Period counters of {Account} changed concurrently; recomputing", account.Id);
            }
        }
    }

    /// <summary>Writes a period's figures: unconditionally (<see cref="ETag.All"/>), as a new row (null) or over a known version.</summary>
    private async Task WriteAsync(TableClient table, string accountId, string row, BillingPeriod period, DateTimeOffset asOf,
        ETag? etag, bool byRollup, CancellationToken cancellationToken)
    {
        var meters = await totals.ComputeAsync(accountId, period.Start, period.End, Usage.Pending.None, cancellationToken);
        var entity = new PeriodEntity
        {
            PartitionKey = PeriodEntity.Partition(accountId), RowKey = row, Start = period.Start, End = period.End, AsOf = asOf,
            Meters = PeriodEntity.WriteMeters(meters), ByRollup = byRollup,
        };
        if (etag is null) await table.AddEntityAsync(entity, cancellationToken);
        else if (etag == ETag.All) await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        else await table.UpdateEntityAsync(entity, etag.Value, TableUpdateMode.Replace, cancellationToken);
    }
}
