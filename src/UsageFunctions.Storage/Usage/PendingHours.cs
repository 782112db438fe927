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
/// Reads <see cref="Pending"/> with one query of the account's own arrivals partition. The roll-up state it needs (the
/// watermark) is kept for <see cref="StateFor"/>: a watermark read earlier is never later than the true one (it only
/// moves forward), so an older one only counts a few more hours from raw events, and every figure stays exact.
/// Without a kept state, the state read and an arrivals query reaching back <see cref="Lookback"/> run at the same time;
/// a second query follows only when the roll-up is further behind than that.
/// </summary>
public sealed class PendingHours(IChangedHours changes, RollupLease lease, TimeProvider clock)
{
    public static readonly TimeSpan Lookback = TimeSpan.FromHours(2);

    public static readonly TimeSpan StateFor = TimeSpan.FromSeconds(10);

    private State? _state;

    public async Task<Pending> ReadAsync(string accountId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<AccountArrival> arrivals;
        var state = _state;
        if (state is not null && state.ReadAt <= now && now - state.ReadAt < StateFor)
        {
            arrivals = await changes.ReadAccountAsync(accountId, state.Watermark, cancellationToken);
        }
        else
        {
            var since = now - Lookback;
            var stateRead = lease.ReadAsync(cancellationToken);
            var recentRead = changes.ReadAccountAsync(accountId, since, cancellationToken);
            var stored = await stateRead;
            _state = state = new State(now, stored.Watermark, stored.AsOf ?? DateTimeOffset.MinValue);
            arrivals = await recentRead;
            if (state.Watermark is null || state.Watermark < since)
                arrivals = await changes.ReadAccountAsync(accountId, state.Watermark, cancellationToken);
        }
        var watermark = state.Watermark;
        var hours = arrivals.Where(a => watermark is null || a.Minute >= watermark).Select(a => a.Hour).ToHashSet();
        return new Pending(hours, state.AsOf);
    }

    private sealed record State(DateTimeOffset ReadAt, DateTimeOffset? Watermark, DateTimeOffset AsOf);
}
