using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace UsageFunctions.App.RateLimits;

/// <summary>What a throttled caller is told: when to come back (whole seconds, at least 1) and the rate it ran over.</summary>
public sealed record Throttle(int RetryAfterSeconds, int PermitsPerMinute)
{
    /// <summary>Clients wait whole seconds; rounding up means a client that waits as told finds a token.</summary>
    public static int SecondsToWait(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}

/// <summary>
/// One token bucket per API key id, in memory on this instance. Buckets refill continuously (one token every
/// minute / <see cref="RateLimitOptions.PermitsPerMinute"/>); a key idle long enough to be full is forgotten.
/// </summary>
public sealed class KeyRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;
    private readonly RateLimitOptions _options;

    public KeyRateLimiter(IOptions<RateLimitOptions> options)
    {
        _options = options.Value;
        if (!_options.IsOn) return;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = _options.Burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / _options.PermitsPerMinute,
            // A throttled request is answered at once: queueing would hold a worker's thread for the runaway client.
            QueueLimit = 0,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(keyId => RateLimitPartition.GetTokenBucketLimiter(keyId, _ => bucket));
    }

    public bool IsOn => _limiter is not null;

    /// <summary>Takes one request from the key's budget: null when it may go on, otherwise how long it must wait.</summary>
    public Throttle? TryTake(string keyId)
    {
        if (_limiter is null) return null;
        using var lease = _limiter.AttemptAcquire(keyId);
        if (lease.IsAcquired) return null;
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1) / _options.PermitsPerMinute;
        return new Throttle(Throttle.SecondsToWait(wait), _options.PermitsPerMinute);
    }

    public void Dispose() => _limiter?.Dispose();
}
