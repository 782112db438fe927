using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using UsageFunctions.Storage.Tables;
using UsageFunctions.Storage.Telemetry;

namespace UsageFunctions.Storage.Rollups;

/// <summary>
/// A lease on the roll-up state row, taken and released with ETag-conditional writes, so two instances firing the same
/// timer do not both work. The lease is short and renewed while a run works (<see cref="LeaseRenewal"/>), so an instance
/// that dies keeps it only until it expires.
/// </summary>
public sealed class RollupLease(TableClients tables)
{
    /// <summary>Identifies this app instance as the lease owner.</summary>
    public string Owner { get; } = Guid.NewGuid().ToString("N");

    public async Task<RollupStateEntity> ReadAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.RollupState, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<RollupStateEntity>(RollupStateEntity.Key, RollupStateEntity.Key, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value! : new RollupStateEntity();
    }

    /// <summary>Takes the lease until <paramref name="until"/>; null when another instance holds it or took it first.</summary>
    public async Task<RollupStateEntity?> TryAcquireAsync(DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        using var span = UsageTracing.Phase("rollup.lease.acquire");
        var state = await ReadAsync(cancellationToken);
        if (state.Owner is not null && state.Owner != Owner && state.LeaseUntil > now) return null;
        state.Owner = Owner;
        state.LeaseUntil = until;
        return await TryWriteAsync(state, cancellationToken);
    }

    /// <summary>Extends a held lease; null when it was lost (another instance took it after it expired).</summary>
    public Task<RollupStateEntity?> RenewAsync(RollupStateEntity held, DateTimeOffset until, CancellationToken cancellationToken)
    {
        held.LeaseUntil = until;
        return TryWriteAsync(held, cancellationToken);
    }

    /// <summary>Records progress and releases the lease; null when the lease was lost (then the progress is not recorded).</summary>
    public Task<RollupStateEntity?> CompleteAsync(RollupStateEntity held, DateTimeOffset watermark, DateTimeOffset asOf,
        CancellationToken cancellationToken)
    {
        held.Watermark = held.Watermark > watermark ? held.Watermark : watermark;
        held.AsOf = asOf;
        held.Owner = null;
        held.LeaseUntil = null;
        return TryWriteAsync(held, cancellationToken);
    }

    private async Task<RollupStateEntity?> TryWriteAsync(RollupStateEntity state, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.RollupState, cancellationToken);
        try
        {
            var response = state.ETag == default
                ? await table.AddEntityAsync(state, cancellationToken)
                : await table.UpdateEntityAsync(state, state.ETag, TableUpdateMode.Replace, cancellationToken);
            state.ETag = response.Headers.ETag ?? default;
            return state;
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == TableErrorCode.UpdateConditionNotSatisfied
                                                || ex.ErrorCode == TableErrorCode.EntityAlreadyExists)
        {
            return null;
        }
    }
}
