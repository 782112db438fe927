using System.Globalization;
using System.Text;
using System.Text.Json;
using UsageFunctions.Domain.Meters;

namespace UsageFunctions.Storage.Rollups;

/// <summary>
/// The finer buckets a day row is made of: each hour's cell of the same key, so a read of whole hours of a day is
/// answered from the day's partition (one partition per account-month) instead of the hour partition of that day.
/// Stored as a compact JSON array <c>[[hour,"value"],[hour,"value","at","hash"],…]</c> (value exact, invariant; at and
/// hash only for latest and state meters). A row written before parts existed has none (<c>null</c>).
/// </summary>
public static class RowParts
{
    public static string Encode(IEnumerable<(int Index, AggregateCell Cell)> parts)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (index, cell) in parts.OrderBy(p => p.Index))
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(index);
                writer.WriteStringValue(cell.Value.ToString(CultureInfo.InvariantCulture));
                if (cell.At is { } at)
                {
                    writer.WriteStringValue(at.UtcTicks.ToString(CultureInfo.InvariantCulture));
                    writer.WriteStringValue(cell.Hash);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static IEnumerable<(int Index, AggregateCell Cell)> Decode(string parts)
    {
        using var document = JsonDocument.Parse(parts);
        var decoded = new List<(int, AggregateCell)>();
        foreach (var part in document.RootElement.EnumerateArray())
        {
            var value = decimal.Parse(part[1].GetString()!, CultureInfo.InvariantCulture);
            var cell = part.GetArrayLength() > 2
                ? new AggregateCell(value, new DateTimeOffset(long.Parse(part[2].GetString()!, CultureInfo.InvariantCulture), TimeSpan.Zero),
                    part[3].GetString())
                : new AggregateCell(value);
            decoded.Add((part[0].GetInt32(), cell));
        }
        return decoded;
    }
}
