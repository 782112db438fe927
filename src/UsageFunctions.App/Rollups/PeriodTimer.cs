using UsageFunctions.App.Functions;
using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Periods;
using UsageFunctions.Storage.Rollups;

namespace UsageFunctions.App.Rollups;

/// <summary>
/// Closes billing periods that ended and opens the next ones with fresh counters. Closing catches up on every period
/// missed since the stored one, so a past-due or long-skipped timer needs nothing special.
/// </summary>
public static class PeriodTimer
{
    public static TimerFunction Function { get; } = new("PeriodTimer", "Timers__Periods", "0 */5 * * * *", RunAsync);

    public static async Task<string> RunAsync(IServiceProvider services, TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var book = services.GetRequiredService<TablePeriodBook>();
        var asOf = (await services.GetRequiredService<RollupLease>().ReadAsync(cancellationToken)).AsOf ?? now;
        var closed = 0;
        var accounts = await services.GetRequiredService<IAccountStore>().ListAsync(cancellationToken);
        foreach (var account in accounts) closed += await book.SyncAsync(account, now, [], asOf, cancellationToken);
        return $"Closed {closed} billing periods across {accounts.Count} accounts (past due: {timer.IsPastDue}).";
    }
}
