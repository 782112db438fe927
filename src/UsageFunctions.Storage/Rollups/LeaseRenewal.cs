using Microsoft.Extensions.Logging;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Rollups;

/// <summary>
/// Renews a held roll-up lease every third of its length while the run works. <see cref="Lost"/> is cancelled when the
/// lease can no longer be trusted: another instance took it, or storage failed until the lease ran out. The run stops
/// then, since whatever it writes next may race the new holder (its writes are idempotent, but the watermark is not moved).
/// </summary>
public sealed class LeaseRenewal : IAsyncDisposable
{
    private readonly RollupLease _lease;
    private readonly RollupStateEntity _held;
    private readonly TimeSpan _length;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _loop;
    private DateTimeOffset _validUntil;

    public LeaseRenewal(RollupLease lease, RollupStateEntity held, TimeSpan length, TimeProvider clock, ILogger logger)
    {
        (_lease, _held, _length, _clock, _logger) = (lease, held, length, clock, logger);
        _validUntil = held.LeaseUntil ?? clock.GetUtcNow();
        _loop = RenewAsync();
    }

    public CancellationToken Lost => _lost.Token;

    /// <summary>Stops renewing; afterwards the held entity (with its latest ETag) is the caller's again.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task RenewAsync()
    {
        var renewedAt = _validUntil - _length;
        while (true)
        {
            try
            {
                // Due from the last renewal rather than from when this loop got here, so a late loop renews at once.
                var wait = renewedAt + _length / 3 - _clock.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _clock, _stop.Token);
                var now = _clock.GetUtcNow();
                renewedAt = now;
                // Not cancelled by stopping: a write left half-done would leave the held ETag stale for the final write.
                if (await _lease.RenewAsync(_held, now + _length, CancellationToken.None) is null)
                {
                    _logger.LogWarning("Roll-up lease was taken by another instance; this run stops");
                    await _lost.CancelAsync();
                    return;
                }
                _validUntil = now + _length;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (StorageFailures.IsStorageFailure(ex))
            {
                if (_clock.GetUtcNow() < _validUntil) continue;
                _logger.LogWarning(ex, "Roll-up lease could not be renewed before it ran out; this run stops");
                await _lost.CancelAsync();
                return;
            }
        }
    }
}
