using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageFunctions.Domain.Events;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Periods;
using UsageFunctions.Storage.Telemetry;

namespace UsageFunctions.Storage.Rollups;

/// <summary>What one roll-up run did.</summary>
public sealed record RollupResult(bool Ran, int Hours, int Accounts, DateTimeOffset? Watermark);

/// <summary>
/// One roll-up run: take the lease, read the (account, hour) pairs marked since the watermark (including the still-open
/// minutes), recompute them and their days and months, refresh the period counters of those accounts, and only then
/// move the watermark. A run that dies before the end leaves the watermark where it was, so the next run redoes the
/// same idempotent work.
/// </summary>
public sealed class RollupRunner(
    RollupLease lease, IChangedHours changedHours, TableAggregateWriter writer, TablePeriodBook periods, IAccountStore accounts,
    TimeProvider clock, IOptions<RollupOptions> options, ILogger<RollupRunner> logger)
{
    public async Task<RollupResult> RunAsync(CancellationToken cancellationToken)
    {
        using var span = UsageTracing.Phase("rollup.run");
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var held = await lease.TryAcquireAsync(now, now.AddSeconds(settings.LeaseSeconds), cancellationToken);
        if (held is null)
        {
            logger.LogInformation("Roll-up skipped: another instance holds the lease");
            return new RollupResult(false, 0, 0, null);
        }
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).ToUniversalTime();
        var from = held.Watermark ?? minute - EventLimits.MaxAge - TimeSpan.FromDays(1);
        var changed = await changedHours.ReadAsync(from, minute.AddMinutes(1), cancellationToken);
        var byAccount = changed.GroupBy(c => c.AccountId, StringComparer.Ordinal).ToList();
        foreach (var account in byAccount)
        {
            using var accountSpan = UsageTracing.Phase("rollup.account", account.Key);
            var hours = account.Select(c => c.Hour).Distinct().ToList();
            foreach (var month in hours.GroupBy(h => UtcDecomposition.Floor(h, BucketGrain.Month)).OrderBy(m => m.Key))
                await writer.RecomputeMonthAsync(account.Key, month.Key, [.. month], cancellationToken);
            if (await accounts.FindAsync(account.Key, cancellationToken) is { } found)
                await periods.SyncAsync(found, now, hours, now, cancellationToken);
        }
        var watermark = minute.AddMinutes(-settings.GraceMinutes);
        if (await lease.CompleteAsync(held, watermark, now, cancellationToken) is null)
        {
            logger.LogWarning("Roll-up lost its lease; the next run redoes arrival minutes from {Watermark}", held.Watermark);
            return new RollupResult(true, changed.Count, byAccount.Count, null);
        }
        logger.LogInformation("Rolled up {Hours} hours of {Accounts} accounts; watermark {Watermark}", changed.Count, byAccount.Count, watermark);
        return new RollupResult(true, changed.Count, byAccount.Count, watermark);
    }
}
