using System.Diagnostics;

namespace UsageFunctions.Bench;

/// <summary>Reads the worker's resident set (VmRSS) once a second while the load runs and after it.</summary>
public sealed class ResidentSampler(int workerProcessId) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly List<ResidentSample> _samples = [];
    private Task? _loop;

    public IReadOnlyList<ResidentSample> Samples
    {
        get { lock (_samples) return [.. _samples]; }
    }

    public void Start() => _loop = LoopAsync();

    public void Mark(string phase)
    {
        lock (_samples) _samples.Add(new ResidentSample(Seconds(), ProcFs.ResidentBytes(workerProcessId) ?? 0, phase));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Mark("");
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private double Seconds() => Stopwatch.GetElapsedTime(_started).TotalSeconds;
}

/// <summary>The worker's resident bytes at a second of the run; a phase name where one began.</summary>
public sealed record ResidentSample(double Second, long ResidentBytes, string Phase);
