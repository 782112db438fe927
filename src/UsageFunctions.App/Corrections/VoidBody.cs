using System.Text.Json;
using UsageFunctions.Domain.Events;
using UsageFunctions.Storage.Events;

namespace UsageFunctions.App.Corrections;

/// <summary>
/// A void request body: one <c>{"source","id","reason","time"?}</c> object, or an array of 1 to 100 of them. Any bad item
/// makes the whole request a 400 (nothing is voided), with one message per offending field.
/// </summary>
public static class VoidBody
{
    public const int MaxItems = 100;
    public const int MaxReasonLength = 500;

    public static (IReadOnlyList<VoidRequest> Items, Dictionary<string, string[]> Errors) Read(byte[] body)
    {
        var errors = new Dictionary<string, string[]>();
        var items = new List<VoidRequest>();
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var elements = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            if (root.ValueKind == JsonValueKind.Array && elements.Count is 0 or > MaxItems)
                errors["body"] = [$"Send 1 to {MaxItems} items."];
            else
                for (var i = 0; i < elements.Count; i++) items.Add(ReadItem(elements[i], root.ValueKind == JsonValueKind.Array ? $"[{i}]." : "", errors));
        }
        catch (JsonException)
        {
            errors["body"] = ["A JSON object {\"source\",\"id\",\"reason\"} or an array of them."];
        }
        return (errors.Count == 0 ? items : [], errors);
    }

    private static VoidRequest ReadItem(JsonElement item, string at, Dictionary<string, string[]> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors[at + "body"] = ["Each item is an object {\"source\",\"id\",\"reason\"}."];
            return new VoidRequest("", "", "", null);
        }
        var source = Text(item, "source", EventLimits.MaxSourceLength, at, errors);
        var id = Text(item, "id", EventLimits.MaxIdLength, at, errors);
        var reason = Text(item, "reason", MaxReasonLength, at, errors);
        DateTimeOffset? time = null;
        if (item.TryGetProperty("time", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            if (t.ValueKind == JsonValueKind.String && t.TryGetDateTimeOffset(out var parsed)) time = parsed;
            else errors[at + "time"] = ["An RFC 3339 timestamp: the event's counting instant (its time, a call's createdAt)."];
        }
        return new VoidRequest(source, id, reason, time);
    }

    private static string Text(JsonElement item, string name, int maxLength, string at, Dictionary<string, string[]> errors)
    {
        var value = item.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? Decode(p) : null;
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength)
        {
            errors[at + name] = [$"A non-empty string of at most {maxLength} characters."];
            return "";
        }
        return value;
    }

    /// <summary>The string, or null when it escapes a lone surrogate (which no stored event can hold).</summary>
    private static string? Decode(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
