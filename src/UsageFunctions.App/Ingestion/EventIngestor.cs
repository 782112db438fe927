using UsageFunctions.App.Hosting;
using UsageFunctions.App.Observability;
using UsageFunctions.Domain.Events;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Tables;
using UsageFunctions.Storage.Telemetry;

namespace UsageFunctions.App.Ingestion;

/// <summary>
/// Validates each event, stores the valid ones once, and answers per event. Nothing is acknowledged unless stored:
/// a storage failure answers 503 with Retry-After for the whole request, naming the request's correlation id (logged with
/// the failure), and the retry finds the stored part as duplicates.
/// </summary>
public sealed class EventIngestor(IEventStore store, TimeProvider clock, ILogger<EventIngestor> logger, UsageMetrics metrics)
{
    public async Task<IResult> IngestAsync(string accountId, HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        UsageTracing.TagAccount(accountId);
        var parsed = IngestionBody.Parse(request.ContentType, body);
        if (parsed.Error is not null) return parsed.Error;
        var now = clock.GetUtcNow();
        var reads = parsed.Body!.Events.Select(e => CloudEventReader.Read(e, now)).ToList();
        var valid = reads.Where(r => r.Event is not null).Select(r => r.Event!).ToList();
        IReadOnlyList<StoreOutcome> outcomes;
        try
        {
            outcomes = valid.Count == 0 ? [] : await store.AppendAsync(accountId, valid, cancellationToken);
        }
        catch (StorageUnavailableException ex)
        {
            var correlationId = Correlation.Of(request.HttpContext);
            logger.LogWarning(ex, "Request {CorrelationId} could not store {Count} events for {Account}", correlationId, valid.Count, accountId);
            metrics.Ingested(reads, []);
            return Unavailable(correlationId);
        }
        var results = Results(reads, outcomes);
        metrics.Ingested(reads, results);
        var response = new IngestionResponse(
            results.Count(r => r.Status == EventStatuses.Accepted), results.Count(r => r.Status == EventStatuses.Duplicate),
            results.Count(r => r.Status == EventStatuses.Rejected), results);
        logger.LogInformation("Ingested for {Account}: {Accepted} accepted, {Duplicates} duplicate, {Rejected} rejected",
            accountId, response.Accepted, response.Duplicates, response.Rejected);
        return Respond(response, parsed.Body.IsBatch);
    }

    private static List<EventResult> Results(List<EventReadResult> reads, IReadOnlyList<StoreOutcome> outcomes)
    {
        var results = new List<EventResult>(reads.Count);
        var stored = 0;
        for (var i = 0; i < reads.Count; i++)
        {
            var read = reads[i];
            results.Add(read.Rejection is { } rejection
                ? new EventResult(i, read.Id, read.Source, EventStatuses.Rejected, rejection.Code, rejection.Message)
                : new EventResult(i, read.Id, read.Source,
                    outcomes[stored++] == StoreOutcome.Accepted ? EventStatuses.Accepted : EventStatuses.Duplicate));
        }
        return results;
    }

    /// <summary>A single event answers 202, or 422 when rejected; a batch answers 200, or 422 when every event was rejected.</summary>
    private static IResult Respond(IngestionResponse response, bool isBatch)
    {
        var nothingStored = response.Accepted + response.Duplicates == 0;
        if (!isBatch && nothingStored)
        {
            var rejected = response.Results[0];
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Event rejected",
                detail: rejected.Message, extensions: new Dictionary<string, object?> { ["code"] = rejected.Reason, ["results"] = response.Results });
        }
        if (nothingStored) return TypedResults.Json(response, statusCode: StatusCodes.Status422UnprocessableEntity);
        return isBatch ? TypedResults.Ok(response) : TypedResults.Accepted((string?)null, response);
    }

    private static IResult Unavailable(string correlationId) => new RetryAfterResult(TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage unavailable",
        detail: "No event of this request was acknowledged; retry it unchanged (stored events are recognised as duplicates).",
        extensions: new Dictionary<string, object?> { ["correlationId"] = correlationId }), 5);
}
