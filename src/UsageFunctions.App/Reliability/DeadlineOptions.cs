using System.ComponentModel.DataAnnotations;

namespace UsageFunctions.App.Reliability;

/// <summary>
/// How long one HTTP request may spend, storage calls included, before it answers 503 with Retry-After. Well inside the
/// Functions host's HTTP limit (230 s), so a client hears about a stalled storage service from us, in its API's shape.
/// </summary>
public sealed class DeadlineOptions
{
    public const string Section = "Deadlines";

    /// <summary>Reads, the management API and everything else that is not ingestion.</summary>
    [Range(1, 120)]
    public int ReadSeconds { get; set; } = 8;

    /// <summary>Event ingestion: a 100-event batch writes up to a few partitions in parallel, then its change markers.</summary>
    [Range(1, 120)]
    public int IngestSeconds { get; set; } = 10;

    /// <summary>Seconds a client is told to wait (<c>Retry-After</c>) when storage failed or stalled.</summary>
    [Range(1, 300)]
    public int RetryAfterSeconds { get; set; } = 5;
}
