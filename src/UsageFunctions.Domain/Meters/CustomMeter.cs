using System.Globalization;
using System.Text.Json;
using UsageFunctions.Domain.Events;

namespace UsageFunctions.Domain.Meters;

/// <summary>
/// A meter defined in configuration (section <c>Meters</c>): which event types it counts, how, which <c>data</c> field
/// holds its value (sum and latest), and which <c>data</c> fields its dimensions come from.
/// </summary>
public sealed class CustomMeter
{
    public string Key { get; set; } = "";
    public List<string> EventTypes { get; set; } = [];
    public MeterAggregation Aggregation { get; set; } = MeterAggregation.Count;
    public string? Field { get; set; }
    public string Unit { get; set; } = "";
    public Dictionary<string, string> Dimensions { get; set; } = [];

    public MeterDefinition ToDefinition() => new(
        Key, new HashSet<string>(EventTypes, StringComparer.Ordinal), Aggregation, Unit,
        Aggregation == MeterAggregation.Count ? _ => 1m : e => Field is null ? null : NumberOf(e, Field),
        Dimensions.ToDictionary(d => d.Key, d => (Func<UsageEvent, string?>)(e => TextOf(e, d.Value)), StringComparer.Ordinal));

    private static decimal? NumberOf(UsageEvent e, string field) =>
        Read(e, field) is { ValueKind: JsonValueKind.Number } n && n.TryGetDecimal(out var value) ? value : null;

    private static string? TextOf(UsageEvent e, string field) => Read(e, field) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        { ValueKind: JsonValueKind.True or JsonValueKind.False } b => b.GetBoolean().ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static JsonElement? Read(UsageEvent e, string field)
    {
        using var document = JsonDocument.Parse(e.DataJson);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(field, out var value)
            ? value.Clone()
            : null;
    }
}
