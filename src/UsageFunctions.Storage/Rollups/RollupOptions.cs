using System.ComponentModel.DataAnnotations;

namespace UsageFunctions.Storage.Rollups;

public sealed class RollupOptions
{
    public const string Section = "Rollup";

    /// <summary>
    /// How long the lease lasts without renewal; a run renews it every third of this while it works, so a crashed instance
    /// blocks the others at most this long.
    /// </summary>
    [Range(6, 300)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>
    /// Arrival minutes this far behind the run's clock are re-read by the next run too: a request that read the clock
    /// before a minute ended may write its change marker after it, and instances' clocks differ slightly.
    /// </summary>
    [Range(1, 60)]
    public int GraceMinutes { get; set; } = 2;
}
