using System.ComponentModel.DataAnnotations;

namespace UsageFunctions.App.Retention;

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Raw events are kept 13 months by default, so filtered call queries can reach a full year back.</summary>
    [Range(36, 3650)]
    public int RawEventDays { get; set; } = 396;

    /// <summary>
    /// Fired alert markers and finished deliveries (their log) are kept 90 days: longer than the longest alert window (a
    /// billing period), so a marker is gone only once its window can no longer fire again.
    /// </summary>
    [Range(35, 3650)]
    public int AlertDays { get; set; } = 90;

    /// <summary>Change markers only matter until the roll-up has read them.</summary>
    [Range(1, 365)]
    public int ChangeMarkerDays { get; set; } = 7;
}
