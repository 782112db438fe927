using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Periods;
using UsageFunctions.Storage.Rollups;

namespace UsageFunctions.App.Rollups;

/// <summary>
/// Closes billing periods that ended and opens the next ones with fresh counters. Closing catches up on every period
/// missed since the stored one, so a past-due or long-skipped timer needs nothing special.
/// </summary>
public sealed class PeriodTimer(TimeProvider clock, TablePeriodBook book, RollupLease lease, IAccountStore accounts, ILogger<PeriodTimer> logger)
{
    [Function("PeriodTimer")]
    public async Task Run([TimerTrigger("%Timers__Periods%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var asOf = (await lease.ReadAsync(cancellationToken)).AsOf ?? now;
        var closed = 0;
        var all = await accounts.ListAsync(cancellationToken);
        foreach (var account in all) closed += await book.SyncAsync(account, now, [], asOf, cancellationToken);
        logger.LogInformation("Closed {Periods} billing periods across {Accounts} accounts (past due: {PastDue})",
            closed, all.Count, timer.IsPastDue);
    }
}
