using Azure.Data.Tables;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.App.Health;

/// <summary>
/// Whether storage answers: one point read of a row that never exists (one transaction, no data), at most once per
/// <see cref="CacheFor"/> per instance however often load balancers ask; callers within that window share the answer.
/// </summary>
public sealed class ReadinessProbe(TableClients tables, TimeProvider clock, ILogger<ReadinessProbe> logger)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);
    private readonly Lock _gate = new();
    private (Task<bool> Check, DateTimeOffset At)? _last;

    public Task<bool> IsReadyAsync()
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_last is { } last && (!last.Check.IsCompleted || now - last.At < CacheFor)) return last.Check;
            var check = CheckAsync();
            _last = (check, now);
            return check;
        }
    }

    private async Task<bool> CheckAsync()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            var table = await tables.GetAsync(TableNames.RollupState, deadline.Token);
            await table.GetEntityIfExistsAsync<TableEntity>("readiness", "probe", ["PartitionKey"], deadline.Token);
            return true;
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex) || ex is OperationCanceledException)
        {
            logger.LogWarning(ex, "Readiness: storage did not answer");
            return false;
        }
    }
}
