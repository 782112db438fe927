namespace UsageFunctions.Domain.Events;

/// <summary>What the ingestion accepts. Ages follow the late-event window the roll-ups recompute.</summary>
public static class EventLimits
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(35);
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);
    public const int MaxEventBytes = 16 * 1024;
    public const int MaxBatchSize = 100;
    public const int MaxIdLength = 256;
    public const int MaxSourceLength = 512;
    public const int MaxMetadataEntries = 32;
    public const int MaxTextLength = 4000;
    public const int MaxFieldLength = 128;
}
