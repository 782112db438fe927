using Azure.Data.Tables;
using UsageFunctions.Domain.Events;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Events;

/// <summary>
/// Reads hours from their batch summaries (<see cref="BatchSummaries"/>): one query per run of consecutive hours, one row
/// per ingestion transaction. An hour is answered only when every event in it is summarised by this catalog: it is
/// covered (<see cref="BatchSummaryCoverage"/>), holds no void mark and every summary carries this catalog's
/// fingerprint. A batch with events dated at or after the end asked for (the current hour so far, with a producer's
/// clock ahead) is read whole instead, by its batch id (one more query per run for up to 12 such batches). Edges not
/// answered need their raw events.
/// </summary>
public sealed class HourSummaryReader(TableClients tables, BatchSummaryCoverage coverage, MeterCatalog catalog)
{
    /// <summary>
    /// The figures of each edge <c>[hour, to)</c> that the summaries answer exactly; edges missing from the answer need
    /// their raw events.
    /// </summary>
    public async Task<Dictionary<(DateTimeOffset From, DateTimeOffset To), CellSet>> ReadAsync(string accountId,
        IReadOnlyCollection<(DateTimeOffset From, DateTimeOffset To)> edges, CancellationToken cancellationToken)
    {
        var answered = new Dictionary<(DateTimeOffset, DateTimeOffset), CellSet>();
        if (edges.Count == 0) return answered;
        var since = await coverage.SinceAsync(cancellationToken);
        var covered = edges.Where(e => e.From >= since).ToList();
        var hours = covered.Select(e => e.From).Distinct().Order().ToList();
        if (hours.Count == 0) return answered;
        var table = await tables.GetAsync(TableNames.RawEvents, cancellationToken);
        var read = await Task.WhenAll(HourRuns.Of(hours).Select(run => ReadRunAsync(table, accountId, run.From, run.To.AddHours(-1), cancellationToken)));
        var byHour = read.SelectMany(r => r).GroupBy(r => r.Hour).ToDictionary(g => g.Key, g => g.Select(r => r.Summary).ToList());

        // Per edge, the summaries it can take whole and the batches it must read; an hour that cannot be summarised at all is left out.
        var plans = new List<((DateTimeOffset From, DateTimeOffset To) Edge, List<StoredSummary> Whole, List<StoredSummary> Partial)>();
        foreach (var edge in covered)
        {
            var summaries = byHour.GetValueOrDefault(edge.From) ?? [];
            if (summaries.Any(s => s.IsVoidMark || s.Catalog != catalog.Fingerprint)) continue;
            plans.Add((edge, [.. summaries.Where(s => s.Latest < edge.To)], [.. summaries.Where(s => s.Latest >= edge.To)]));
        }
        var partial = plans.SelectMany(p => p.Partial.Select(s => (Hour: p.Edge.From, s.Batch, s.Events))).Distinct().ToList();
        var batchEvents = partial.Count is > 0 and <= BatchSummaries.BatchesPerQuery
            ? await ReadBatchesAsync(table, accountId, partial.Select(p => p.Hour).Min(), partial.Select(p => p.Hour).Max(),
                [.. partial.Select(p => p.Batch)], cancellationToken)
            : [];
        foreach (var (edge, whole, straddling) in plans)
        {
            var events = new List<UsageEvent>();
            var complete = true;
            foreach (var batch in straddling)
            {
                // Every event of the batch must be back (a batch id is random: two batches sharing one would not add up).
                var found = batchEvents.GetValueOrDefault(batch.Batch);
                if (found is null || found.Count != batch.Events) complete = false;
                else events.AddRange(found.Where(e => e.OccurredAt >= edge.From && e.OccurredAt < edge.To));
            }
            if (!complete) continue;
            var cells = HourAggregator.Aggregate(catalog, events);
            foreach (var summary in whole) BatchSummaries.DecodeInto(summary.Figures, cells);
            answered[edge] = cells;
        }
        return answered;
    }

    private static async Task<Dictionary<int, List<UsageEvent>>> ReadBatchesAsync(TableClient table, string accountId, DateTimeOffset first,
        DateTimeOffset last, IReadOnlyList<int> batches, CancellationToken cancellationToken)
    {
        var filter = BatchSummaries.BatchFilter(RawEventKeys.HourPrefix(accountId, first),
            StorageKeys.PrefixEnd(RawEventKeys.HourPrefix(accountId, last)), batches.Distinct());
        var found = new Dictionary<int, List<UsageEvent>>();
        await foreach (var row in table.QueryAsync<RawEventEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.VoidedAt is not null || row.SumBatch is not { } batch) continue;
            if (!found.TryGetValue(batch, out var events)) found[batch] = events = [];
            events.Add(RawEventQuery.ToStored(accountId, row).Event);
        }
        return found;
    }

    private static async Task<List<(DateTimeOffset Hour, StoredSummary Summary)>> ReadRunAsync(TableClient table, string accountId,
        DateTimeOffset first, DateTimeOffset last, CancellationToken cancellationToken)
    {
        var filter = BatchSummaries.Filter(RawEventKeys.HourPrefix(accountId, first), StorageKeys.PrefixEnd(RawEventKeys.HourPrefix(accountId, last)));
        var rows = new List<(DateTimeOffset, StoredSummary)>();
        var hourAt = accountId.Length + 1;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: BatchSummaries.Select, cancellationToken: cancellationToken))
            rows.Add((RawEventKeys.ParseHour(row.PartitionKey.Substring(hourAt, RawEventKeys.HourFormat.Length)), BatchSummaries.Read(row)));
        return rows;
    }
}
