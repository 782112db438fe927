using System.Text.Json;
using UsageFunctions.Domain.Events;

namespace UsageFunctions.App.Ingestion;

/// <summary>
/// The events of a request body: <c>application/cloudevents+json</c> (or plain JSON) holds one event,
/// <c>application/cloudevents-batch+json</c> (or a plain JSON array) up to 100.
/// </summary>
public sealed record IngestionBody(IReadOnlyList<JsonElement> Events, bool IsBatch)
{
    public const int MaxBytes = 1024 * 1024;
    public const string SingleContentType = "application/cloudevents+json";
    public const string BatchContentType = "application/cloudevents-batch+json";

    public static IngestionBodyResult Parse(string? contentType, byte[] body)
    {
        var mediaType = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not (SingleContentType or BatchContentType or "application/json"))
            return IngestionBodyResult.Fail(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Send {SingleContentType}, {BatchContentType} or application/json.");
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return IngestionBodyResult.Fail(StatusCodes.Status400BadRequest, "Malformed JSON", ex.Message);
        }
        var isBatch = mediaType == BatchContentType || (mediaType == "application/json" && root.ValueKind == JsonValueKind.Array);
        if (!isBatch) return new IngestionBodyResult(new IngestionBody([root], false), null);
        if (root.ValueKind != JsonValueKind.Array)
            return IngestionBodyResult.Fail(StatusCodes.Status400BadRequest, "Batch must be an array", "A batch body is a JSON array of CloudEvents.");
        var events = root.EnumerateArray().ToList();
        if (events.Count is 0 or > EventLimits.MaxBatchSize)
            return IngestionBodyResult.Fail(StatusCodes.Status400BadRequest, "Bad batch size", $"A batch holds 1 to {EventLimits.MaxBatchSize} events.");
        return new IngestionBodyResult(new IngestionBody(events, true), null);
    }
}

public sealed record IngestionBodyResult(IngestionBody? Body, IResult? Error)
{
    public static IngestionBodyResult Fail(int status, string title, string detail) =>
        new(null, TypedResults.Problem(statusCode: status, title: title, detail: detail));
}
