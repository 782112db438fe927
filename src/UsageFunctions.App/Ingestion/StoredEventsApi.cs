using System.Text.Json;
using System.Text.Json.Serialization;
using UsageFunctions.App.Auth;
using UsageFunctions.App.Exports;
using UsageFunctions.App.Functions;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Storage.Events;

namespace UsageFunctions.App.Ingestion;

/// <summary>
/// <c>GET /api/events?from&amp;to&amp;limit&amp;includeVoided&amp;continuation&amp;format</c>: the raw events stored for the
/// key's account (a <c>usage:read</c> key), so a producer can check what was acknowledged. Windows span at most 31 days;
/// pages of <c>limit</c> events (default 100, at most 1000) come hour by hour, and <c>continuation</c> (from the previous
/// page) resumes the same window. CSV without a limit streams the whole window.
/// </summary>
public static class StoredEventsApi
{
    public const int DefaultLimit = 100;
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
        var account = check.AccountId!;
        var errors = new Dictionary<string, string[]>();
        var csv = ResponseFormat.WantsCsv(request, errors);
        var limit = QueryLimit.Read(request, DefaultLimit, MaxLimit, errors);
        var (from, to, includeVoided, resume) = Window(request, account, clock.GetUtcNow(), errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        if (csv && resume is null && !request.Query.ContainsKey("limit"))
            return new CsvResult(EventsCsv.Rows(store.ReadPageAsync(account, from, to, null, includeVoided, MaxLimit, cancellationToken)),
                "events.csv");
        var page = new List<StoredEvent>(limit + 1);
        await foreach (var stored in store.ReadPageAsync(account, from, to, resume?.Cursor, includeVoided, limit + 1, cancellationToken))
        {
            page.Add(stored);
            if (page.Count > limit) break;
        }
        string? next = null;
        if (page.Count > limit)
        {
            page.RemoveAt(limit);
            var last = page[^1].Cursor!;
            next = new EventsContinuation(account, from, to, includeVoided, last.Partition, last.Row).Encode();
        }
        if (csv) return new CsvResult(EventsCsv.Rows(page.ToAsyncEnumerable()), "events.csv", next);
        return TypedResults.Ok(new StoredEventsResponse(from, to, [.. page.Select(ToResponse)], next));
    }

    /// <summary>The window and flags: from the query, or from the continuation token, which carries them.</summary>
    private static (DateTimeOffset From, DateTimeOffset To, bool IncludeVoided, EventsContinuation? Resume) Window(
        HttpRequest request, string account, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var includeVoided = request.Query["includeVoided"].ToString() switch
        {
            "" or "false" => false,
            "true" => true,
            _ => Invalid(errors, "includeVoided", "true or false."),
        };
        if (request.Query["continuation"] is { Count: > 0 } token)
        {
            var resume = token.Count == 1 ? EventsContinuation.Decode(token[0]!, account) : null;
            if (resume is null) errors["continuation"] = ["Not a continuation token of this account: pass 'continuation' from the previous page as is."];
            return resume is null ? default : (resume.From, resume.To, resume.IncludeVoided, resume);
        }
        var to = QueryValues.Instant(request, "to", now, errors);
        var from = QueryValues.Instant(request, "from", to - TimeSpan.FromDays(1), errors);
        if (errors.Count == 0 && (from >= to || to - from > MaxWindow)) errors["from"] = ["'from' must be before 'to', at most 31 days apart."];
        return (from, to, includeVoided, null);
    }

    private static bool Invalid(Dictionary<string, string[]> errors, string name, string message)
    {
        errors[name] = [message];
        return false;
    }

    private static StoredEventResponse ToResponse(StoredEvent stored)
    {
        var e = stored.Event;
        return new StoredEventResponse(e.Id, e.Source, e.Type, e.Time, e.OccurredAt, stored.ReceivedAt,
            JsonDocument.Parse(e.DataJson).RootElement, stored.Void is { } v ? new EventVoidResponse(v.VoidedAt, v.VoidedBy, v.Reason) : null);
    }
}

/// <summary><c>continuation</c> is null on the last page; otherwise pass it back to read the next one.</summary>
public sealed record StoredEventsResponse(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<StoredEventResponse> Events, string? Continuation);

public sealed record StoredEventResponse(
    string Id, string Source, string Type, DateTimeOffset Time, DateTimeOffset OccurredAt, DateTimeOffset ReceivedAt, JsonElement Data,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EventVoidResponse? Void);

public sealed record EventVoidResponse(DateTimeOffset VoidedAt, string VoidedBy, string Reason);
