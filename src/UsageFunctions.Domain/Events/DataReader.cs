using System.Globalization;
using System.Text.Json;
using UsageFunctions.Domain.Text;
using UsageFunctions.Domain.Time;

namespace UsageFunctions.Domain.Events;

/// <summary>Reads typed fields from an event's <c>data</c> object, remembering the first problem.</summary>
internal sealed class DataReader(JsonElement data)
{
    public EventRejection? Error { get; private set; }

    public string? Text(string name, bool required = false, int maxLength = EventLimits.MaxFieldLength)
    {
        if (!TryGet(name, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String) return Fail<string>(name, "a string");
        var text = value.GetString()!;
        if (text.Length == 0 && required) return Fail<string>(name, "a non-empty string");
        return text.Length > maxLength ? Fail<string>(name, $"at most {maxLength} characters") : text;
    }

    /// <summary>An id of something usage is broken down by (agent, voice, number, call): plain text only.</summary>
    public string? Identifier(string name, bool required = false)
    {
        var text = Text(name, required);
        return text is null || PlainText.IsPlain(text) ? text : Fail<string>(name, PlainText.Expectation);
    }

    public string? OneOf(string name, IReadOnlySet<string> allowed, bool required = false)
    {
        var text = Text(name, required);
        if (text is null || allowed.Contains(text)) return text;
        return Fail<string>(name, "one of " + string.Join(", ", allowed.Order(StringComparer.Ordinal)));
    }

    public DateTimeOffset? Instant(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value)) return null;
        if (value.ValueKind == JsonValueKind.String && Rfc3339.TryParse(value.GetString(), out var instant)) return instant;
        Fail<string>(name, "an RFC 3339 timestamp with an offset");
        return null;
    }

    public double? Number(string name, bool required = false, double min = 0, double max = double.MaxValue)
    {
        if (!TryGet(name, required, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
            && double.IsFinite(number) && number >= min && number <= max)
            return number;
        Fail<string>(name, $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        return null;
    }

    public long? Integer(string name, bool required = false, long min = 0, long max = long.MaxValue)
    {
        if (!TryGet(name, required, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= min && number <= max)
            return number;
        Fail<string>(name, $"an integer from {min} to {max}");
        return null;
    }

    public IReadOnlyDictionary<string, string> StringMap(string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!TryGet(name, false, out var value)) return map;
        if (value.ValueKind != JsonValueKind.Object) return Fail<Dictionary<string, string>>(name, "an object of strings") ?? map;
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String || property.Name.Length is 0 or > EventLimits.MaxFieldLength)
                return Fail<Dictionary<string, string>>($"{name}.{property.Name}", "a string under a non-empty key") ?? map;
            map[property.Name] = property.Value.GetString()!;
        }
        return map.Count > EventLimits.MaxMetadataEntries
            ? Fail<Dictionary<string, string>>(name, $"at most {EventLimits.MaxMetadataEntries} entries") ?? map
            : map;
    }

    /// <summary>Fails <c>data.{field}</c> unless the condition holds (<paramref name="field"/> without the <c>data.</c> prefix).</summary>
    public void Check(bool condition, string field, string expected)
    {
        if (!condition) Fail<string>(field, expected);
    }

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        if (data.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null) return true;
        if (required) Error ??= EventRejection.Missing($"data.{name}");
        return false;
    }

    private T? Fail<T>(string name, string expected) where T : class
    {
        Error ??= EventRejection.Invalid($"data.{name}", expected);
        return null;
    }
}
