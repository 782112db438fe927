using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace UsageFunctions.Bench;

/// <summary>
/// One function app running as it runs in Azure: a Functions host (<see cref="BenchHost"/>, in a process of its own)
/// that starts the worker process the app folder's worker.config.json describes. Clients call the host, which forwards
/// to the worker; the worker's and the host's memory and CPU are read apart.
/// </summary>
public sealed class AppProcess : IDisposable
{
    public const string AdminKey = "bench-admin-key-0123456789";
    private readonly ChildProcess _host;
    private readonly TaskCompletionSource<HostReady> _ready;
    private readonly LineWaiters _lines;

    private AppProcess(ChildProcess host, TaskCompletionSource<HostReady> ready, LineWaiters lines, int port, DateTimeOffset startedAt)
    {
        (_host, _ready, _lines, StartedAt) = (host, ready, lines, startedAt);
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            // A roll-up of a million-event history takes minutes, as a timer invocation may (Flex Consumption allows 30).
            BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(30),
        };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <summary>When the host process was started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The worker process and when it started and loaded; completes once the host has loaded the functions.</summary>
    public Task<HostReady> Ready => _ready.Task;

    public long? WorkerPeakResidentBytes() => Worker(ProcFs.PeakResidentBytes);

    public double? WorkerCpuSeconds() => Worker(ProcFs.CpuSeconds);

    public long? HostPeakResidentBytes() => _host.PeakResidentBytes();

    public double? HostCpuSeconds() => _host.CpuSeconds();

    public static AppProcess Start(string storage, string tablePrefix) => Start(AppLaunch.BuildOutput(), storage, tablePrefix);

    public static AppProcess Start(AppLaunch launch, string storage, string tablePrefix)
    {
        var port = ChildProcess.FreePort();
        var ready = new TaskCompletionSource<HostReady>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new LineWaiters();
        var startedAt = DateTimeOffset.UtcNow;
        var host = ChildProcess.Start(DotnetPublish.Dotnet, launch.Directory, Settings(storage, tablePrefix), line =>
            {
                if (line.StartsWith(BenchHost.ReadyPrefix, StringComparison.Ordinal))
                    ready.TrySetResult(JsonSerializer.Deserialize<HostReady>(line[BenchHost.ReadyPrefix.Length..])!);
                lines.Offer(line);
            },
            "exec", typeof(BenchHost).Assembly.Location, BenchHost.Flag, launch.Directory, "--port", port.ToString(CultureInfo.InvariantCulture));
        return new AppProcess(host, ready, lines, port, startedAt);
    }

    /// <summary>Polls <paramref name="request"/> until it answers 200; returns when the answer came.</summary>
    public async Task<DateTimeOffset> FirstOkAsync(Func<HttpRequestMessage> request, TimeSpan timeout, TimeSpan pollEvery)
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            ThrowIfExited();
            try
            {
                // The host holds a request until the worker has loaded, so once it listens one request finds the first 200.
                using var response = await probe.SendAsync(request());
                if (response.IsSuccessStatusCode) return DateTimeOffset.UtcNow;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The host is not listening yet.
            }
            await Task.Delay(pollEvery);
        }
        throw new TimeoutException($"The app never answered 200:\n{_host.Tail()}");
    }

    public async Task<HostReady> WaitReadyAsync()
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (!_ready.Task.IsCompleted)
        {
            ThrowIfExited();
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"The worker did not load within 60 s:\n{_host.Tail()}");
            await Task.WhenAny(_ready.Task, Task.Delay(50));
        }
        return await _ready.Task;
    }

    /// <summary>The next line the host prints (the worker's logs among them) that <paramref name="match"/> accepts.</summary>
    public Task<string> NextLineAsync(Func<string, bool> match) => _lines.Next(match);

    public HttpRequestMessage Admin(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", AdminKey);
        return request;
    }

    public void Dispose()
    {
        Http.Dispose();
        // Ends the host and the worker with it (the whole process tree).
        _host.Dispose();
    }

    private T? Worker<T>(Func<int, T?> read) where T : struct =>
        _ready.Task.IsCompletedSuccessfully ? read(_ready.Task.Result.WorkerProcessId) : null;

    private void ThrowIfExited()
    {
        if (_host.HasExited) throw new InvalidOperationException($"The host exited:\n{_host.Tail()}");
    }

    /// <summary>
    /// The app settings, as the host's environment (the worker inherits it). The timer schedules are set here because
    /// local.settings.json is a developer's file; they never fire by themselves in the bench.
    /// </summary>
    private static Dictionary<string, string> Settings(string storage, string tablePrefix) => new()
    {
        ["Storage__ConnectionString"] = storage,
        ["Storage__TablePrefix"] = tablePrefix,
        ["Admin__Key"] = AdminKey,
        ["Timers__Rollup"] = "*/30 * * * * *",
        ["Timers__Periods"] = "0 */5 * * * *",
        ["Timers__Retention"] = "0 17 3 * * *",
        ["Timers__AlertDelivery"] = "*/10 * * * * *",
        // The bench drives one key as fast as the app answers; a per-key budget would measure the limit, not the app.
        ["RateLimits__PermitsPerMinute"] = "0",
        // The least grace the roll-up allows, so a read bench waits as little as possible for its fill to be behind the watermark.
        ["Rollup__GraceMinutes"] = "1",
    };
}
