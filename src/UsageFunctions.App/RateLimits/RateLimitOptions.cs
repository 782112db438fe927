using System.ComponentModel.DataAnnotations;

namespace UsageFunctions.App.RateLimits;

/// <summary>
/// The budget of each API key on each instance (section <c>RateLimits</c>): a token bucket of <see cref="Burst"/> requests
/// refilled at <see cref="PermitsPerMinute"/>. Either set to 0 turns rate limiting off.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>
    /// 20 a second sustained: a dashboard polls a few times a minute and a producer batches up to 100 events a request, so
    /// only a runaway loop gets near it, while an instance serves hundreds of requests a second for everyone else.
    /// </summary>
    [Range(0, 1_000_000)]
    public int PermitsPerMinute { get; set; } = 1200;

    /// <summary>Enough for a page that fires every usage endpoint at once, or a producer flushing a backlog.</summary>
    [Range(0, 1_000_000)]
    public int Burst { get; set; } = 200;

    public bool IsOn => PermitsPerMinute > 0 && Burst > 0;
}
