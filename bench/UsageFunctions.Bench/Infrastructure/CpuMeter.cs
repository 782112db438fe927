using System.Diagnostics;

namespace UsageFunctions.Bench;

/// <summary>CPU seconds spent by Azurite, the app's worker and host, and the bench itself (the load generator) over one workload.</summary>
public sealed class CpuMeter(Func<double?> azurite, Func<double?> worker, Func<double?> host)
{
    private readonly double? _azurite = azurite();
    private readonly double? _worker = worker();
    private readonly double? _host = host();
    private readonly double _bench = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>Bare storage work: no app runs.</summary>
    public static CpuMeter StorageOnly(Azurite azurite) => new(azurite.CpuSeconds, () => null, () => null);

    public static CpuMeter Of(Azurite azurite, AppProcess app) => new(azurite.CpuSeconds, app.WorkerCpuSeconds, app.HostCpuSeconds);

    public CpuUse Stop(TimeSpan wall) => new(wall.TotalSeconds, azurite() - _azurite, worker() - _worker, host() - _host,
        Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - _bench);
}

/// <summary>Wall-clock seconds and CPU seconds by process; on 2 cores, 2 CPU-seconds per wall second is the machine.</summary>
public sealed record CpuUse(double WallSeconds, double? AzuriteSeconds, double? WorkerSeconds, double? HostSeconds, double BenchSeconds);
