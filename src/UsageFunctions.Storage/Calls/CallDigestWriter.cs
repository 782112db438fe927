using Azure;
using Azure.Data.Tables;
using UsageFunctions.Domain.Time;

namespace UsageFunctions.Storage.Calls;

/// <summary>
/// Makes the call digests of the days of recomputed hours of one account-month hold exactly those hours' calls, in both
/// families (<see cref="CallDigestFamily"/>), beside the day's other digested hours. One query reads the days' rows (day
/// rows, and the hour rows written before them); each day's rows are written again with the recomputed hours replaced and
/// the hour rows folded in, and the rows it no longer needs are deleted. Transactions hold at most 100 operations and
/// about 2 million characters of digests as sent, binary as base64 (a transaction's payload is limited to 4 MiB).
/// </summary>
public static class CallDigestWriter
{
    private const int TransactionChars = 2_000_000;
    private static readonly CallDigestFamily[] Families = [CallDigestFamily.Figures, CallDigestFamily.Text];

    public static async Task ReplaceAsync(TableClient table, string partition, IReadOnlyDictionary<DateTimeOffset, List<DigestCall>> hours,
        CancellationToken cancellationToken)
    {
        if (hours.Count == 0) return;
        var days = hours.GroupBy(h => UtcDecomposition.Floor(h.Key, BucketGrain.Day)).ToDictionary(g => g.Key, g => g.ToDictionary());
        var (first, end) = (days.Keys.Min(), days.Keys.Max().AddDays(1));
        var ranges = Families.SelectMany(f => new[] { CallDigestRows.Range(first, end, f, hourRows: false), CallDigestRows.Range(first, end, f, hourRows: true) })
            .Select(r => $"(RowKey ge '{r.From}' and RowKey lt '{r.To}')");
        var filter = $"PartitionKey eq '{partition.Replace("'", "''", StringComparison.Ordinal)}' and ({string.Join(" or ", ranges)})";
        var existing = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) existing.Add(row);

        var actions = new List<TableTransactionAction>();
        foreach (var (day, recomputed) in days)
        {
            foreach (var family in Families)
            {
                var rows = existing.Where(r => CallDigestRows.FamilyOf(r.RowKey) == family && CallDigestRows.DayOfRow(r.RowKey) == day).ToList();
                var (calls, mask) = Merge(rows, recomputed);
                var wanted = CallDigestRows.Encode(partition, day, calls, mask, family);
                var kept = wanted.Select(w => w.RowKey).ToHashSet(StringComparer.Ordinal);
                actions.AddRange(wanted.Select(w => new TableTransactionAction(TableTransactionActionType.UpsertReplace, w)));
                actions.AddRange(rows.Where(r => !kept.Contains(r.RowKey))
                    .Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, r.RowKey), ETag.All)));
            }
        }
        await SubmitAsync(table, actions, cancellationToken);
    }

    /// <summary>
    /// A day's calls in one family and the hours they answer for: the recomputed hours' calls, and each other hour's from
    /// the day's rows (a day row's hours first, then hour rows for the hours no day row answers for).
    /// </summary>
    private static (List<DigestCall> Calls, int Hours) Merge(List<TableEntity> rows, Dictionary<DateTimeOffset, List<DigestCall>> recomputed)
    {
        var calls = new List<DigestCall>();
        var mask = 0;
        foreach (var row in rows.Where(r => !CallDigestRows.IsHourRow(r.RowKey)))
        {
            foreach (var hour in CallDigestRows.HoursOf(row)) mask |= Bit(hour);
            calls.AddRange(CallDigestRows.Decode(row).Where(c => !recomputed.ContainsKey(Events.RawEventKeys.HourStart(c.CreatedAt))));
        }
        var byDayRows = mask;
        foreach (var row in rows.Where(r => CallDigestRows.IsHourRow(r.RowKey)))
        {
            var hour = CallDigestRows.HourOf(row.RowKey);
            if ((byDayRows & Bit(hour)) == 0 && !recomputed.ContainsKey(hour)) calls.AddRange(CallDigestRows.Decode(row));
            mask |= Bit(hour);
        }
        foreach (var (hour, hourCalls) in recomputed)
        {
            mask |= Bit(hour);
            calls.AddRange(hourCalls);
        }
        return (calls, mask);
    }

    private static int Bit(DateTimeOffset hour) => 1 << hour.UtcDateTime.Hour;

    private static async Task SubmitAsync(TableClient table, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var batch = new List<TableTransactionAction>();
        var chars = 0;
        foreach (var action in actions)
        {
            var size = action.Entity is TableEntity entity ? CallDigestRows.WireChars(entity) : 0;
            if (batch.Count == Tables.BatchWriter.MaxOperationsPerBatch || (batch.Count > 0 && chars + size > TransactionChars))
            {
                await table.SubmitTransactionAsync(batch, cancellationToken);
                batch = [];
                chars = 0;
            }
            batch.Add(action);
            chars += size;
        }
        if (batch.Count > 0) await table.SubmitTransactionAsync(batch, cancellationToken);
    }
}
