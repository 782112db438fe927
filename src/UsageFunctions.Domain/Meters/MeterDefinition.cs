using UsageFunctions.Domain.Events;

namespace UsageFunctions.Domain.Meters;

/// <summary>
/// One meter. <see cref="Value"/> answers the event's contribution, or null when the event does not count (its filter);
/// for <see cref="MeterAggregation.UniqueState"/> it answers 1 (on) or 0 (off) and <see cref="StateKey"/> names the
/// <see cref="Dimensions"/> entry that identifies the thing (for example the phone number id).
/// </summary>
public sealed record MeterDefinition(
    string Key,
    IReadOnlySet<string> EventTypes,
    MeterAggregation Aggregation,
    string Unit,
    Func<UsageEvent, decimal?> Value,
    IReadOnlyDictionary<string, Func<UsageEvent, string?>> Dimensions,
    string? StateKey = null)
{
    public bool Counts(UsageEvent usageEvent) => EventTypes.Contains(usageEvent.Type);
}
