using Azure.Data.Tables;
using UsageFunctions.Storage.Tables;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.Storage.Periods;

/// <summary>
/// The first round of every current-period read: the counters row (one point read) and the account's pending hours
/// (one query), at the same time. <c>Counters</c> is null unless the row's period contains now (the period timer may not
/// have opened the current one yet).
/// </summary>
public sealed class OpenPeriodCounters(TableClients tables, PendingHours pendingHours, TimeProvider clock)
{
    public async Task<(PeriodEntity? Counters, Pending Pending)> ReadAsync(string accountId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var table = await tables.GetAsync(TableNames.Periods, cancellationToken);
        var pendingRead = pendingHours.ReadAsync(accountId, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<PeriodEntity>(PeriodEntity.Partition(accountId), PeriodEntity.CurrentRow,
            cancellationToken: cancellationToken);
        var pending = await pendingRead;
        var open = found.HasValue && found.Value!.Start <= now && now < found.Value.End ? found.Value : null;
        return (open, pending);
    }
}
