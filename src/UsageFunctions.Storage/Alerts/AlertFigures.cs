using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Rollups;

namespace UsageFunctions.Storage.Alerts;

/// <summary>
/// The cells alert rules read for a window, from the aggregates the roll-up maintains (raw events only for the partial
/// hours of a window in a zone whose offset is not whole hours): additive meters over the window, level and state
/// meters as of its end.
/// </summary>
public sealed class AlertFigures(AggregateReader reader, MeterCatalog catalog)
{
    // Evaluated right after a roll-up, over what it covered: no hour is read from raw events as pending.
    private static readonly IReadOnlySet<DateTimeOffset> Rolled = new HashSet<DateTimeOffset>();

    public async Task<CellSet> ReadAsync(string accountId, DateTimeOffset start, DateTimeOffset end, IEnumerable<string> meterKeys,
        CancellationToken cancellationToken)
    {
        var meters = meterKeys.Distinct().Select(catalog.Find).OfType<MeterDefinition>().ToList();
        var cells = await reader.ReadWindowAsync(accountId, start, end, [.. meters.Select(m => AggregateKeys.RowPrefix(m.Key))], Rolled, cancellationToken);
        var levels = meters.Where(m => !m.Aggregation.IsAdditive()).Select(m => AggregateKeys.RowPrefix(m.Key)).ToList();
        if (levels.Count > 0) cells.Merge(await reader.ReadWindowAsync(accountId, AggregateReader.HistoryStart, start, levels, Rolled, cancellationToken));
        return cells;
    }
}
