using UsageFunctions.App.Auth;
using UsageFunctions.Storage.Events;

namespace UsageFunctions.App.Ingestion;

/// <summary>Producers post events (with a key, or signed for one account) and read back what was stored.</summary>
public sealed class IngestionFunctions(
    ApiKeyAuthenticator keys, SignatureAuthenticator signatures, EventIngestor ingestor, IEventStore store, TimeProvider clock)
{
    [Function("IngestEvents")]
    public Task<IResult> IngestEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/events")] HttpRequest req, CancellationToken cancellationToken) =>
        IngestionApi.IngestWithKeyAsync(req, keys, ingestor, cancellationToken);

    [Function("IngestAccountEvents")]
    public Task<IResult> IngestAccountEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/accounts/{accountId}/events")] HttpRequest req, string accountId,
        CancellationToken cancellationToken) =>
        IngestionApi.IngestForAccountAsync(accountId, req, keys, signatures, ingestor, cancellationToken);

    [Function("ListEvents")]
    public Task<IResult> ListEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/events")] HttpRequest req, CancellationToken cancellationToken) =>
        StoredEventsApi.ListAsync(req, keys, store, clock, cancellationToken);
}
