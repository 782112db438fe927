using System.Globalization;
using System.Text.Json;

namespace UsageFunctions.App.Functions;

/// <summary>
/// Reads the host's timer invocation: <c>{"Data":{"timer":{"ScheduleStatus":{"Last","Next","LastUpdated"}|null,
/// "IsPastDue":bool}},"Metadata":{...}}</c>. Names are matched case-insensitively and dates leniently, since host
/// versions differ; an empty body is a plain invocation.
/// </summary>
public static class TimerPayload
{
    public static TimerInfo? Read(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return new TimerInfo(false, null, null, null);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
            var binding = FirstBinding(document.RootElement);
            if (binding is not { ValueKind: JsonValueKind.Object } timer) return new TimerInfo(false, null, null, null);
            var status = Property(timer, "ScheduleStatus");
            return new TimerInfo(
                Property(timer, "IsPastDue") is { ValueKind: JsonValueKind.True },
                Date(status, "Last"), Date(status, "Next"), Date(status, "LastUpdated"));
        }
    }

    private static JsonElement? FirstBinding(JsonElement root)
    {
        if (Property(root, "Data") is not { ValueKind: JsonValueKind.Object } data) return null;
        foreach (var binding in data.EnumerateObject())
        {
            var value = binding.Value;
            // Some hosts send the binding as a JSON string holding the object.
            if (value.ValueKind == JsonValueKind.String)
            {
                try
                {
                    using var nested = JsonDocument.Parse(value.GetString()!);
                    return nested.RootElement.Clone();
                }
                catch (JsonException)
                {
                    return null;
                }
            }
            return value;
        }
        return null;
    }

    private static JsonElement? Property(JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } obj) return null;
        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        }
        return null;
    }

    private static DateTimeOffset? Date(JsonElement? element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;
}
