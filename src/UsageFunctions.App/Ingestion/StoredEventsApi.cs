using System.Globalization;
using System.Text.Json;
using UsageFunctions.App.Auth;
using UsageFunctions.App.Functions;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Storage.Events;

namespace UsageFunctions.App.Ingestion;

/// <summary>
/// <c>GET /api/events?from&amp;to&amp;limit</c>: the raw events stored for the key's account (a <c>usage:read</c> key),
/// so a producer can check what was acknowledged. Windows span at most 31 days.
/// </summary>
public static class StoredEventsApi
{
    public const int MaxLimit = 1000;
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);


    public static async Task<IResult> ListAsync(
        HttpRequest request, ApiKeyAuthenticator keys, IEventStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var check = await keys.CheckAsync(PresentedCredentials.BearerOrApiKey(request), ApiKeyScopes.UsageRead, cancellationToken);
        if (check.Status != KeyStatus.Valid)
            return TypedResults.Problem(statusCode: check.Status == KeyStatus.MissingScope ? 403 : 401,
                title: check.Status == KeyStatus.MissingScope ? "Forbidden" : "Authentication required",
                detail: "Send a usage:read key as 'Authorization: Bearer <key>'.");
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var to = QueryValues.Instant(request, "to", now, errors);
        var from = QueryValues.Instant(request, "from", to - TimeSpan.FromDays(1), errors);
        var limit = int.TryParse(request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 100;
        if (request.Query.ContainsKey("limit") && limit is < 1 or > MaxLimit) errors["limit"] = [$"From 1 to {MaxLimit}."];
        if (errors.Count == 0 && (from >= to || to - from > MaxWindow)) errors["from"] = ["'from' must be before 'to', at most 31 days apart."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var events = new List<StoredEventResponse>();
        await foreach (var stored in store.ReadRangeAsync(check.AccountId!, from, to, cancellationToken, pageSize: limit))
        {
            var e = stored.Event;
            events.Add(new StoredEventResponse(e.Id, e.Source, e.Type, e.Time, e.OccurredAt, stored.ReceivedAt, JsonDocument.Parse(e.DataJson).RootElement));
            if (events.Count == limit) break;
        }
        return TypedResults.Ok(new StoredEventsResponse(from, to, [.. events.OrderBy(e => e.OccurredAt)]));
    }

}

public sealed record StoredEventsResponse(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<StoredEventResponse> Events);

public sealed record StoredEventResponse(
    string Id, string Source, string Type, DateTimeOffset Time, DateTimeOffset OccurredAt, DateTimeOffset ReceivedAt, JsonElement Data);
