using System.Text.Json.Serialization;

namespace UsageFunctions.App.Ingestion;

/// <summary>What happened to each event of a request, in request order.</summary>
public sealed record IngestionResponse(int Accepted, int Duplicates, int Rejected, IReadOnlyList<EventResult> Results);

/// <summary><c>status</c> is <c>accepted</c>, <c>duplicate</c> (already stored: counted once) or <c>rejected</c> (see <c>reason</c>).</summary>
public sealed record EventResult(
    int Index, string? Id, string? Source, string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null);

public static class EventStatuses
{
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";
}
