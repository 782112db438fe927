using System.Globalization;
using Azure;
using Azure.Data.Tables;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Time;

namespace UsageFunctions.Storage.Rollups;

/// <summary>Maps figures to rows and back, and turns "these rows should now be exactly those" into table operations.</summary>
public static class AggregateRows
{
    public static AggregateEntity ToEntity(string accountId, UtcBucket bucket, CellKey key, AggregateCell cell, string? parts = null) => new()
    {
        PartitionKey = AggregateKeys.Partition(accountId, bucket),
        RowKey = AggregateKeys.Row(key, bucket),
        Meter = key.Meter,
        Dimension = key.Dimension,
        DimensionValue = key.Value,
        Bucket = AggregateKeys.BucketKey(bucket),
        Value = cell.Value.ToString(CultureInfo.InvariantCulture),
        At = cell.At,
        Hash = cell.Hash,
        Parts = parts,
    };

    public static (CellKey Key, AggregateCell Cell) ToCell(AggregateEntity entity) => (
        new CellKey(entity.Meter, entity.Dimension, entity.DimensionValue),
        new AggregateCell(decimal.Parse(entity.Value, CultureInfo.InvariantCulture), entity.At, entity.Hash));

    public static CellSet ToCells(MeterCatalog catalog, IEnumerable<AggregateEntity> rows)
    {
        var cells = new CellSet(catalog);
        foreach (var row in rows)
        {
            var (key, cell) = ToCell(row);
            cells.Add(key, cell);
        }
        return cells;
    }

    public static List<AggregateEntity> ToEntities(string accountId, UtcBucket bucket, CellSet cells) =>
        [.. cells.Cells.Select(c => ToEntity(accountId, bucket, c.Key, c.Value))];

    /// <summary>Day rows with their hours' cells as <see cref="AggregateEntity.Parts"/>.</summary>
    public static List<AggregateEntity> ToDayEntities(string accountId, UtcBucket day, CellSet cells,
        IReadOnlyDictionary<DateTimeOffset, CellSet> hours) =>
        [.. cells.Cells.Select(c => ToEntity(accountId, day, c.Key, c.Value, RowParts.Encode(
            hours.Where(h => h.Value.Cells.ContainsKey(c.Key)).Select(h => ((int)(h.Key - day.Start).TotalHours, h.Value.Cells[c.Key])))))];

    /// <summary>Upserts for new or changed rows, deletes for rows no longer wanted; unchanged rows cost nothing.</summary>
    public static List<TableTransactionAction> Replace(IEnumerable<AggregateEntity> existing, IEnumerable<AggregateEntity> wanted)
    {
        var old = existing.ToDictionary(e => e.RowKey, StringComparer.Ordinal);
        var actions = new List<TableTransactionAction>();
        foreach (var row in wanted)
        {
            if (old.Remove(row.RowKey, out var current) && Same(current, row)) continue;
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
        }
        actions.AddRange(old.Values.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)));
        return actions;
    }

    private static bool Same(AggregateEntity a, AggregateEntity b) =>
        decimal.Parse(a.Value, CultureInfo.InvariantCulture) == decimal.Parse(b.Value, CultureInfo.InvariantCulture)
        && a.At == b.At && a.Hash == b.Hash && a.Parts == b.Parts && a.Meter == b.Meter && a.Dimension == b.Dimension && a.DimensionValue == b.DimensionValue;
}
