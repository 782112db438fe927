using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Observability;

/// <summary>A fresh app whose telemetry goes to <see cref="Telemetry"/>, (subclasses join the telemetry collection).</summary>
public abstract class TelemetryTest : IDisposable
{
    private readonly UsageAppFactory _base;

    protected TelemetryTest(string? connectionString = null)
    {
        _base = new UsageAppFactory(connectionString);
        App = _base.WithServices(Telemetry.Install);
    }

    protected TelemetryCapture Telemetry { get; } = new();

    protected UsageAppFactory App { get; }

    public virtual void Dispose()
    {
        App.Dispose();
        _base.Dispose();
        GC.SuppressFinalize(this);
    }
}
