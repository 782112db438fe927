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
                WriteCell(writer, cell);
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
            decoded.Add((part[0].GetInt32(), ReadCell(part, 1)));
        }
        return decoded;
    }

    /// <summary>A cell as JSON array items: <c>"value"</c>, then <c>"atTicks","hash"</c> for latest and state meters.</summary>
    public static void WriteCell(Utf8JsonWriter writer, AggregateCell cell)
    {
        writer.WriteStringValue(cell.Value.ToString(CultureInfo.InvariantCulture));
        if (cell.At is not { } at) return;
        writer.WriteStringValue(at.UtcTicks.ToString(CultureInfo.InvariantCulture));
        writer.WriteStringValue(cell.Hash);
    }

    /// <summary>The cell <see cref="WriteCell"/> wrote into <paramref name="item"/> from index <paramref name="first"/> on.</summary>
    public static AggregateCell ReadCell(JsonElement item, int first)
    {
        var value = decimal.Parse(item[first].GetString()!, CultureInfo.InvariantCulture);
        return item.GetArrayLength() > first + 1
            ? new AggregateCell(value, new DateTimeOffset(long.Parse(item[first + 1].GetString()!, CultureInfo.InvariantCulture), TimeSpan.Zero),
                item[first + 2].GetString())
            : new AggregateCell(value);
    }
}
