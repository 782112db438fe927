using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Periods;
using UsageFunctions.Storage.Rollups;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Entitlements;

/// <summary>
/// The roll-up stopped part-way, as a run that is still working (or died) leaves things: the hours changed since the
/// watermark rewritten, the period counters refreshed or not, and the watermark where it was.
/// </summary>
public sealed class HalfwayRollup(UsageAppFactory app)
{
    public async Task RunAsync(bool withCounters)
    {
        var services = app.Services;
        var now = app.Clock.GetUtcNow();
        var state = await services.GetRequiredService<RollupLease>().ReadAsync(CancellationToken.None);
        var changed = await services.GetRequiredService<IChangedHours>().ReadAsync(state.Watermark ?? now.AddDays(-60), now.AddMinutes(1),
            CancellationToken.None);
        var writer = services.GetRequiredService<TableAggregateWriter>();
        foreach (var account in changed.GroupBy(c => c.AccountId))
        {
            var hours = account.Select(c => c.Hour).Distinct().ToList();
            foreach (var month in hours.GroupBy(h => UtcDecomposition.Floor(h, BucketGrain.Month)))
                await writer.RecomputeMonthAsync(account.Key, month.Key, [.. month], CancellationToken.None);
            if (!withCounters) continue;
            var found = await services.GetRequiredService<IAccountStore>().FindAsync(account.Key, CancellationToken.None);
            await services.GetRequiredService<TablePeriodBook>().SyncAsync(found!, now, hours, now, CancellationToken.None);
        }
    }
}
