using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Rollups;

namespace UsageFunctions.Storage.Usage;

/// <summary>
/// The hours of an account whose aggregates may not hold every stored event: those that received events in an arrival
/// minute at or after the roll-up's watermark (the roll-up may not have seen them yet, or may be rewriting them now).
/// Readers count these hours from raw events and never use a day or month aggregate that contains one.
/// <see cref="AsOf"/> is what the aggregates covered (the start of the last completed roll-up).
/// </summary>
public sealed record Pending(IReadOnlySet<DateTimeOffset> Hours, DateTimeOffset AsOf)
{
    /// <summary>Trust the aggregates as they are (the roll-up itself, right after writing them).</summary>
    public static readonly Pending None = new(new HashSet<DateTimeOffset>(), DateTimeOffset.MinValue);

    public bool AnyBefore(DateTimeOffset end) => Hours.Any(h => h < end);
}

/// <summary>
/// Reads <see cref="Pending"/>: the roll-up state (one point read) and the account's recent arrival minutes (one query of
/// its own partition) at the same time; a second query only when the roll-up is further behind than the first one reached.
/// </summary>
public sealed class PendingHours(IChangedHours changes, RollupLease lease, TimeProvider clock)
{
    /// <summary>How far back the first arrivals query reaches, so it runs alongside the state read instead of after it.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromHours(2);

    public async Task<Pending> ReadAsync(string accountId, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - Lookback;
        var stateRead = lease.ReadAsync(cancellationToken);
        var recentRead = changes.ReadAccountAsync(accountId, since, cancellationToken);
        var state = await stateRead;
        var arrivals = await recentRead;
        var watermark = state.Watermark;
        if (watermark is null || watermark < since) arrivals = await changes.ReadAccountAsync(accountId, watermark, cancellationToken);
        var hours = arrivals.Where(a => watermark is null || a.Minute >= watermark).Select(a => a.Hour).ToHashSet();
        return new Pending(hours, state.AsOf ?? DateTimeOffset.MinValue);
    }
}
