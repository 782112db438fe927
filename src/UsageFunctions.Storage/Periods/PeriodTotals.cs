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
        var cells = await reader.ReadWindowAsync(accountId, start, end, [], pending.Hours, cancellationToken);
        var history = catalog.All.Where(m => !m.Aggregation.IsAdditive()).Select(m => AggregateKeys.RowPrefix(m.Key)).ToList();
        if (history.Count > 0)
            cells.Merge(await reader.ReadWindowAsync(accountId, AggregateReader.HistoryStart, start, history, pending.Hours, cancellationToken));
        return catalog.All.ToDictionary(m => m.Key, m => MeterReading.Read(cells, m, null).Total, StringComparer.Ordinal);
    }
}
