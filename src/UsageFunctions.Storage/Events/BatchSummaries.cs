using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using UsageFunctions.Domain.Events;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Rollups;

namespace UsageFunctions.Storage.Events;

/// <summary>
/// What lets an hour the roll-up has not covered yet (the current hour, pending hours) be read without a page per
/// 1,000 events:
/// <list type="bullet">
/// <item>A <b>batch summary</b> on the first event row of every ingestion transaction (properties <c>Sum…</c>): the
/// figures of the events that transaction inserted (every meter, its total and each dimension value, as
/// <see cref="HourAggregator"/> computes an hour), the latest of their counting instants and the
/// <see cref="MeterCatalog.Fingerprint"/> they were computed with. It is written by the same operation as its events, so
/// it exists exactly when they do: a redelivery fails the transaction and the retry summarises only what it inserts.
/// It costs no operation and no transaction. Every event of the transaction carries the batch's id (<c>SumBatch</c>),
/// so a read that must leave out part of a batch (events dated after the end it asks for) fetches that batch alone.</item>
/// <item>A <b>void mark</b>, a row <c>~v~{event RowKey}</c> in the voided event's partition, written in the void's
/// transaction: the partition's summaries count an event that no longer counts, so its hour is read from raw events.
/// Every event RowKey is a hex hash, so marks sort after all events and event queries exclude them (<c>RowKey lt '~'</c>).</item>
/// </list>
/// An hour's summaries merged are the hour's figures. One query of the hour's partitions returns them
/// (<see cref="Filter"/>): one row per ingestion transaction, not per event.
/// </summary>
public static class BatchSummaries
{
    /// <summary>Sorts after every event RowKey.</summary>
    public const string First = "~";

    public const string VoidPrefix = "~v~";

    private const string Catalog = nameof(RawEventEntity.SumCatalog), Events = nameof(RawEventEntity.SumEvents),
        Latest = nameof(RawEventEntity.SumLatest), Figures = "SumC";

    // A string property holds at most 32 K characters; figures are cut into SumC0, SumC1, … of at most this many. A batch
    // whose figures need more than MaxParts (events of many distinct dimension values) is marked unusable instead, so the
    // row stays well inside the entity and transaction size limits; its hour is then read from raw events.
    private const int PropertyChars = 30_000, MaxParts = 4;

    /// <summary>
    /// Marks <paramref name="rows"/> (one transaction's rows) with a new batch id and adds the summary of
    /// <paramref name="events"/> (their events, in the same order) to the first row.
    /// </summary>
    public static void AddTo(IReadOnlyList<RawEventEntity> rows, MeterCatalog catalog, IReadOnlyCollection<UsageEvent> events)
    {
        var batch = Random.Shared.Next(1, int.MaxValue);
        foreach (var row in rows)
        {
            row.SumBatch = batch;
            row.SumCatalog = null;
            row.SumEvents = null;
            row.SumLatest = null;
            row.SumC0 = row.SumC1 = row.SumC2 = row.SumC3 = null;
        }
        var carrier = rows[0];
        var text = Encode(HourAggregator.Aggregate(catalog, events));
        var parts = (text.Length + PropertyChars - 1) / PropertyChars;
        carrier.SumCatalog = parts <= MaxParts ? catalog.Fingerprint : "";
        carrier.SumEvents = events.Count;
        carrier.SumLatest = events.Max(e => e.OccurredAt).UtcTicks;
        if (parts > MaxParts) return;
        string? Part(int i) => i < parts ? text.Substring(i * PropertyChars, Math.Min(PropertyChars, text.Length - i * PropertyChars)) : null;
        (carrier.SumC0, carrier.SumC1, carrier.SumC2, carrier.SumC3) = (Part(0), Part(1), Part(2), Part(3));
    }

    /// <summary>The events of the batches named, in the partitions in (<paramref name="after"/>, <paramref name="before"/>).</summary>
    public static string BatchFilter(string after, string before, IEnumerable<int> batches) =>
        TableClient.CreateQueryFilter($"PartitionKey gt {after} and PartitionKey lt {before} and RowKey lt {First}") + " and (" +
        string.Join(" or ", batches.Select(b => TableClient.CreateQueryFilter($"SumBatch eq {b}"))) + ")";

    /// <summary>Batches one <see cref="BatchFilter"/> may name: the service allows 15 comparisons a filter.</summary>
    public const int BatchesPerQuery = 12;

    public static TableEntity VoidMark(string partitionKey, string eventRowKey) => new(partitionKey, VoidPrefix + eventRowKey);

    /// <summary>
    /// The summaries and void marks of the partitions in (<paramref name="after"/>, <paramref name="before"/>). The
    /// property name is part of the template: an interpolated name would be quoted as a value.
    /// </summary>
    public static string Filter(string after, string before) => TableClient.CreateQueryFilter(
        $"PartitionKey gt {after} and PartitionKey lt {before} and (SumEvents gt {0} or RowKey ge {First})");

    /// <summary>The properties <see cref="Read"/> needs.</summary>
    public static readonly IReadOnlyList<string> Select =
        ["PartitionKey", "RowKey", nameof(RawEventEntity.SumBatch), Catalog, Events, Latest, Figures + "0", Figures + "1", Figures + "2", Figures + "3"];

    /// <summary>A summary or void mark as read back; its figures are decoded on demand.</summary>
    public static StoredSummary Read(TableEntity row)
    {
        if (row.RowKey.StartsWith(First, StringComparison.Ordinal)) return StoredSummary.Void;
        var text = new StringBuilder();
        for (var part = 0; part < MaxParts && row.GetString(Figures + part.ToString(CultureInfo.InvariantCulture)) is { } chunk; part++)
            text.Append(chunk);
        return new StoredSummary(false, row.GetString(Catalog) ?? "", row.GetInt32(nameof(RawEventEntity.SumBatch)) ?? 0,
            row.GetInt32(Events) ?? 0, new DateTimeOffset(row.GetInt64(Latest) ?? 0, TimeSpan.Zero), text.ToString());
    }

    /// <summary><c>[[meter,dimension,value,"amount"(,"atTicks","hash")],…]</c>: amounts exact, invariant.</summary>
    public static string Encode(CellSet cells)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (key, cell) in cells.Cells)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(key.Meter);
                writer.WriteStringValue(key.Dimension);
                writer.WriteStringValue(key.Value);
                RowParts.WriteCell(writer, cell);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void DecodeInto(string text, CellSet cells)
    {
        using var document = JsonDocument.Parse(text);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            cells.Add(new CellKey(item[0].GetString()!, item[1].GetString()!, item[2].GetString()!), RowParts.ReadCell(item, 3));
        }
    }
}

/// <summary>
/// One summary (its catalog, batch id, number of events, the latest of their counting instants, its figures as text) or
/// a void mark.
/// </summary>
public sealed record StoredSummary(bool IsVoidMark, string Catalog, int Batch, int Events, DateTimeOffset Latest, string Figures)
{
    public static readonly StoredSummary Void = new(true, "", 0, 0, default, "");
}
