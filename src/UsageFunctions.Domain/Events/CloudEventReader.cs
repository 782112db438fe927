using System.Text.Json;
using UsageFunctions.Domain.Text;
using UsageFunctions.Domain.Time;

namespace UsageFunctions.Domain.Events;

/// <summary>Validates one CloudEvents 1.0 JSON envelope and its usage <c>data</c>.</summary>
public static class CloudEventReader
{
    public static EventReadResult Read(JsonElement element, DateTimeOffset now)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return Reject(null, null, new(RejectionCodes.InvalidEnvelope, "An event must be a JSON object."));
        if (JsonText.FindInvalid(element) is { } notText) return RejectNotText(element, notText);
        var id = Attribute(element, "id");
        var source = Attribute(element, "source");
        if (element.GetRawText().Length > EventLimits.MaxEventBytes)
            return Reject(id, source, new(RejectionCodes.TooLarge, $"An event may be at most {EventLimits.MaxEventBytes} bytes."));
        var envelopeError = CheckEnvelope(element, id, source);
        if (envelopeError is not null) return Reject(id, source, envelopeError);

        var type = Attribute(element, "type")!;
        if (!PayloadReaders.IsKnown(type))
            return Reject(id, source, new(RejectionCodes.UnknownType, $"Unknown event type '{type}'."));
        var time = ParseTime(element);
        if (time is null) return Reject(id, source, EventRejection.Invalid("time", "an RFC 3339 timestamp with an offset"));
        if (!element.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null)
            return Reject(id, source, EventRejection.Missing("data"));
        if (data.ValueKind != JsonValueKind.Object) return Reject(id, source, EventRejection.Invalid("data", "a JSON object"));

        var (payload, error) = PayloadReaders.Read(type, data);
        if (error is not null) return Reject(id, source, error);
        var usageEvent = new UsageEvent(source!, id!, type, time.Value, Attribute(element, "subject"), payload!, data.GetRawText());
        var ageError = CheckAge(usageEvent, now);
        return ageError is null ? new EventReadResult(id, source, usageEvent, null) : Reject(id, source, ageError);
    }

    private static EventRejection? CheckEnvelope(JsonElement element, string? id, string? source)
    {
        foreach (var name in new[] { "id", "source", "type", "specversion", "subject", "time" })
        {
            if (element.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                return EventRejection.Invalid(name, "a string");
        }
        if (Attribute(element, "specversion") != "1.0")
            return EventRejection.Invalid("specversion", "\"1.0\"");
        if (string.IsNullOrEmpty(id)) return EventRejection.Missing("id");
        if (id.Length > EventLimits.MaxIdLength) return EventRejection.Invalid("id", $"at most {EventLimits.MaxIdLength} characters");
        if (!PlainText.IsPlain(id)) return EventRejection.Invalid("id", PlainText.Expectation);
        if (string.IsNullOrEmpty(source)) return EventRejection.Missing("source");
        if (source.Length > EventLimits.MaxSourceLength)
            return EventRejection.Invalid("source", $"at most {EventLimits.MaxSourceLength} characters");
        if (!PlainText.IsPlain(source)) return EventRejection.Invalid("source", PlainText.Expectation);
        if (string.IsNullOrEmpty(Attribute(element, "type"))) return EventRejection.Missing("type");
        if (!element.TryGetProperty("time", out _)) return EventRejection.Missing("time");
        if (element.TryGetProperty("data_base64", out _)) return EventRejection.Invalid("data_base64", "absent: send JSON data");
        var contentType = Attribute(element, "datacontenttype");
        if (contentType is not null && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return EventRejection.Invalid("datacontenttype", "application/json");
        return null;
    }

    private static EventRejection? CheckAge(UsageEvent usageEvent, DateTimeOffset now)
    {
        DateTimeOffset[] instants = usageEvent.Payload is CallEnded call
            ? [usageEvent.Time, call.CreatedAt, call.EndedAt]
            : [usageEvent.Time];
        if (instants.Any(i => i < now - EventLimits.MaxAge))
            return new(RejectionCodes.TooOld, $"Events older than {EventLimits.MaxAge.TotalDays} days are not accepted.");
        if (instants.Any(i => i > now + EventLimits.MaxClockSkew))
            return new(RejectionCodes.InFuture, $"Events more than {EventLimits.MaxClockSkew.TotalMinutes} minutes ahead are not accepted.");
        return null;
    }

    private static DateTimeOffset? ParseTime(JsonElement element) =>
        element.TryGetProperty("time", out var time) && time.ValueKind == JsonValueKind.String
            && Rfc3339.TryParse(time.GetString(), out var instant) ? instant : null;

    private static string? Attribute(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static EventReadResult Reject(string? id, string? source, EventRejection rejection) => new(id, source, null, rejection);

    /// <summary>Text that is not Unicode rejects the event; its id and source are reported when they are readable.</summary>
    private static EventReadResult RejectNotText(JsonElement element, string path)
    {
        var inData = path == "data" || path.StartsWith("data.", StringComparison.Ordinal) || path.StartsWith("data[", StringComparison.Ordinal);
        var field = path.Length == 0 ? "an attribute name" : $"'{path}'";
        var rejection = new EventRejection(inData ? RejectionCodes.InvalidField : RejectionCodes.InvalidEnvelope,
            $"{field} must be valid Unicode text (UTF-8, no lone surrogates).");
        return Reject(ReadableAttribute(element, "id"), ReadableAttribute(element, "source"), rejection);
    }

    private static string? ReadableAttribute(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && JsonText.TryRead(value, out var text)
            ? text : null;
}

/// <summary>The outcome of reading one event: the event, or why it was rejected (with whatever identity could be read).</summary>
public sealed record EventReadResult(string? Id, string? Source, UsageEvent? Event, EventRejection? Rejection);

/// <summary>Rebuilds events that were validated at ingestion and stored with their raw <c>data</c>.</summary>
public static class StoredEventReader
{
    public static UsageEvent Read(string source, string id, string type, DateTimeOffset time, string? subject, string dataJson)
    {
        using var document = JsonDocument.Parse(dataJson);
        var (payload, error) = PayloadReaders.Read(type, document.RootElement);
        return payload is null
            ? throw new InvalidDataException($"Stored event {source}/{id} no longer reads: {error?.Message}")
            : new UsageEvent(source, id, type, time, subject, payload, dataJson);
    }
}
