using System.Diagnostics;

namespace UsageFunctions.Bench;

/// <summary>CPU seconds spent by Azurite, the app and the bench itself (the load generator) over one workload.</summary>
public sealed class CpuMeter(Func<double?> azurite, Func<double?> app)
{
    private readonly double? _azurite = azurite();
    private readonly double? _app = app();
    private readonly double _bench = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    public CpuUse Stop(TimeSpan wall) => new(
        wall.TotalSeconds, azurite() - _azurite, app() - _app, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - _bench);
}

/// <summary>Wall-clock seconds and CPU seconds by process; on 2 cores, 2 CPU-seconds per wall second is the machine.</summary>
public sealed record CpuUse(double WallSeconds, double? AzuriteSeconds, double? AppSeconds, double BenchSeconds);
