namespace UsageFunctions.Tests.Observability;

/// <summary>
/// Span and metric listeners are process-wide: while these tests capture, no other test's worker may emit, so they run
/// alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
