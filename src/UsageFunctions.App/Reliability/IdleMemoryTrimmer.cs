using Microsoft.Extensions.Options;

namespace UsageFunctions.App.Reliability;

/// <summary>
/// The GC keeps the memory a burst of requests grew the heap into until allocation makes it collect again, which an
/// idle instance never does, so it would sit at its peak (and be billed for it) until the next burst. Once the worker has
/// been busy and then allocates almost nothing for one check, one blocking, compacting, aggressive collection returns
/// the free memory to the OS. It runs once per quiet stretch, never under load.
/// </summary>
public sealed class IdleMemoryTrimmer(IOptions<MemoryOptions> options, ILogger<IdleMemoryTrimmer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.IdleTrimSeconds == 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.IdleTrimSeconds));
        var allocated = GC.GetTotalAllocatedBytes();
        var trimmed = true;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = GC.GetTotalAllocatedBytes();
                var busy = now - allocated > settings.IdleAllocationMegabytes * 1024L * 1024;
                allocated = now;
                if (busy) trimmed = false;
                if (busy || trimmed) continue;
                var before = Environment.WorkingSet;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                trimmed = true;
                logger.LogInformation("Idle: memory trimmed from {Before} to {After} bytes", before, Environment.WorkingSet);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The worker is stopping.
        }
    }
}
