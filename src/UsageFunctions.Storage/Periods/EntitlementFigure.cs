using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.Storage.Periods;

/// <summary>How an entitlement figure was found (tests and telemetry tell the fast paths from the fallback).</summary>
public enum EntitlementSource
{
    /// <summary>The period counters alone: no hour of the period awaits the roll-up.</summary>
    Counters,

    /// <summary>The counters, with the pending hours' totals taken out and their raw recount put in.</summary>
    CountersAndPendingHours,

    /// <summary>The current period computed from aggregates and raw events, as every usage read does.</summary>
    Recomputed,
}

/// <summary>A meter's use in the current billing period [Start, End), exact up to now.</summary>
public sealed record EntitlementUsage(DateTimeOffset Start, DateTimeOffset End, decimal Used, EntitlementSource Source);

/// <summary>
/// An additive meter's use in the current period in at most two rounds of requests: the counters row and the account's
/// pending hours together; then, only when pending hours fall in the period, their total rows and their batch summaries
/// together (a third round reads raw events for hours the summaries cannot answer: <see cref="PendingHourReads"/>).
/// used = counter − Σ pending hours' totals + Σ their recount. That is exact when the counters hold exactly
/// the total rows subtracted: the counters were written by a roll-up right after its hour rows (<see cref="PeriodEntity.ByRollup"/>),
/// and no total row read was written after the counters (the service's write times; the next run writes only after
/// this one released the lease) or deleted since (a deletion leaves no row, but only a void empties an hour: a void
/// since shortly before the counters' run started sends the check to the full computation). Any doubt, a period the
/// timer has not opened, a period edge inside an hour, or a level or state meter: the full computation.
/// </summary>
public sealed class EntitlementFigure(
    OpenPeriodCounters openCounters, PendingHourReads reads, IUsageQuery usage)
{
    /// <summary>How long before the counters' run a void still sends the check to the full computation (instance clocks differ).</summary>
    public static readonly TimeSpan VoidMargin = TimeSpan.FromMinutes(5);

    public async Task<EntitlementUsage> ReadAsync(string accountId, MeterDefinition meter, CancellationToken cancellationToken)
    {
        if (!meter.Aggregation.IsAdditive()) return await RecomputeAsync(accountId, meter, cancellationToken);
        var (counters, pending) = await openCounters.ReadAsync(accountId, cancellationToken);
        if (counters is null) return await RecomputeAsync(accountId, meter, cancellationToken);
        var counted = counters.ReadMeters().GetValueOrDefault(meter.Key);
        var hours = pending.Hours.Where(h => h.AddHours(1) > counters.Start && h < counters.End).Order().ToList();
        if (hours.Count == 0) return new EntitlementUsage(counters.Start, counters.End, counted, EntitlementSource.Counters);
        if (!counters.ByRollup || counters.Timestamp is not { } countersWritten || hours[0] < counters.Start || hours[^1].AddHours(1) > counters.End)
            return await RecomputeAsync(accountId, meter, cancellationToken);

        var totalsRead = reads.ReadTotalsAsync(accountId, meter.Key, hours, cancellationToken);
        var recount = await reads.RecountAsync(accountId, hours, counters.AsOf - VoidMargin, cancellationToken);
        var totals = await totalsRead;
        var rewritten = totals.Any(t => t.WrittenAt is not { } at || at > countersWritten);
        if (rewritten || recount.VoidedSince) return await RecomputeAsync(accountId, meter, cancellationToken);
        var used = counted - totals.Sum(t => t.Value) + MeterReading.Read(recount.Cells, meter, null).Total;
        return new EntitlementUsage(counters.Start, counters.End, used, EntitlementSource.CountersAndPendingHours);
    }

    private async Task<EntitlementUsage> RecomputeAsync(string accountId, MeterDefinition meter, CancellationToken cancellationToken)
    {
        var period = await usage.CurrentPeriodAsync(accountId, cancellationToken);
        return new EntitlementUsage(period.Start, period.End, (decimal)period.Meters.GetValueOrDefault(meter.Key), EntitlementSource.Recomputed);
    }
}
