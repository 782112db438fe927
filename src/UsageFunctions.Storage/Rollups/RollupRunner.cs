using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageFunctions.Domain.Events;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Periods;
using UsageFunctions.Storage.Telemetry;

namespace UsageFunctions.Storage.Rollups;

/// <summary>What one roll-up run did; <see cref="Changed"/> lists the (account, hour) pairs it recomputed.</summary>
public sealed record RollupResult(bool Ran, int Hours, int Accounts, DateTimeOffset? Watermark, IReadOnlyList<ChangedHour>? Changed = null);

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
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>
    /// Runs once, unless another run of this instance is in progress (it returns at once) or another instance holds the
    /// lease. The lease is renewed while the run works; if it is lost, the run stops without moving the watermark.
    /// </summary>
    public async Task<RollupResult> RunAsync(CancellationToken cancellationToken)
    {
        if (!await _oneAtATime.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            logger.LogInformation("Roll-up skipped: a run of this instance is in progress");
            return new RollupResult(false, 0, 0, null);
        }
        try
        {
            return await RunLeasedAsync(cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<RollupResult> RunLeasedAsync(CancellationToken cancellationToken)
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
        IReadOnlyList<ChangedHour> changed;
        int accountCount;
        await using (var renewal = new LeaseRenewal(lease, held, TimeSpan.FromSeconds(settings.LeaseSeconds), clock, logger))
        {
            using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, renewal.Lost);
            try
            {
                (changed, accountCount) = await RollUpAsync(held, now, work.Token);
            }
            catch (OperationCanceledException) when (renewal.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return new RollupResult(true, 0, 0, null);
            }
        }
        var minute = MinuteOf(now);
        var watermark = minute.AddMinutes(-settings.GraceMinutes);
        if (await lease.CompleteAsync(held, watermark, now, cancellationToken) is null)
        {
            logger.LogWarning("Roll-up lost its lease; the next run redoes arrival minutes from {Watermark}", held.Watermark);
            return new RollupResult(true, changed.Count, accountCount, null, changed);
        }
        logger.LogInformation("Rolled up {Hours} hours of {Accounts} accounts; watermark {Watermark}", changed.Count, accountCount, watermark);
        return new RollupResult(true, changed.Count, accountCount, watermark, changed);
    }

    private async Task<(IReadOnlyList<ChangedHour> Changed, int Accounts)> RollUpAsync(RollupStateEntity held, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var minute = MinuteOf(now);
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
        return (changed, byAccount.Count);
    }

    private static DateTimeOffset MinuteOf(DateTimeOffset now) =>
        new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).ToUniversalTime();
}
