using System.ComponentModel.DataAnnotations;

namespace UsageFunctions.Storage.Rollups;

public sealed class RollupOptions
{
    public const string Section = "Rollup";

    /// <summary>How long a run may hold the lease; a crashed instance blocks others at most this long.</summary>
    [Range(30, 3600)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>
    /// Arrival minutes this far behind the run's clock are re-read by the next run too: a request that read the clock
    /// before a minute ended may write its change marker after it, and instances' clocks differ slightly.
    /// </summary>
    [Range(1, 60)]
    public int GraceMinutes { get; set; } = 2;
}
