using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Rollups;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.Storage.Periods;

/// <summary>
/// Every meter's figure for a window: additive meters over the window, latest and state meters as of its end.
/// <see cref="Pending"/> hours are counted from raw events (<see cref="Pending.None"/>: the aggregates as they are).
/// </summary>
public sealed class PeriodTotals(AggregateReader reader, MeterCatalog catalog)
{
    public async Task<Dictionary<string, decimal>> ComputeAsync(string accountId, DateTimeOffset start, DateTimeOffset end,
        Pending pending, CancellationToken cancellationToken)
    {
        var window = reader.ReadWindowAsync(accountId, start, end, [], pending.Hours, cancellationToken);
        var history = catalog.All.Where(m => !m.Aggregation.IsAdditive()).Select(m => AggregateKeys.RowPrefix(m.Key)).ToList();
        var before = history.Count > 0
            ? reader.ReadWindowAsync(accountId, AggregateReader.HistoryStart, start, history, pending.Hours, cancellationToken)
            : null;
        var cells = await window;
        if (before is not null) cells.Merge(await before);
        return catalog.All.ToDictionary(m => m.Key, m => MeterReading.Read(cells, m, null).Total, StringComparer.Ordinal);
    }
}
