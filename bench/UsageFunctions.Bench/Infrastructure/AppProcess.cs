using System.Diagnostics;
using System.Globalization;

namespace UsageFunctions.Bench;

/// <summary>
/// The app's executable started as the Functions host starts a custom handler: <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>,
/// then requests forwarded to that port. It runs from the build output next to the bench (<c>dotnet exec UsageFunctions.dll</c>).
/// </summary>
public sealed class AppProcess : IDisposable
{
    public const string AdminKey = "bench-admin-key-0123456789";
    private readonly ChildProcess _process;

    private AppProcess(ChildProcess process, int port, long startedAt)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        StartedAt = startedAt;
        Http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            // A roll-up of a million-event history takes minutes, as a timer invocation may (Flex Consumption allows 30).
            BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(30),
        };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> just before the process was started.</summary>
    public long StartedAt { get; }

    public long? PeakResidentBytes() => _process.PeakResidentBytes();

    public double? CpuSeconds() => _process.CpuSeconds();

    public static AppProcess Start(string storage, string tablePrefix) => Start(AppLaunch.BuildOutput(), storage, tablePrefix);

    public static AppProcess Start(AppLaunch launch, string storage, string tablePrefix)
    {
        var port = ChildProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["Storage__ConnectionString"] = storage,
            ["Storage__TablePrefix"] = tablePrefix,
            ["Admin__Key"] = AdminKey,
        };
        var startedAt = Stopwatch.GetTimestamp();
        return new AppProcess(ChildProcess.Start(launch.File, launch.Directory, environment, [.. launch.Arguments]), port, startedAt);
    }

    /// <summary>Polls <paramref name="request"/> until it answers 200; returns the time since process start.</summary>
    public async Task<TimeSpan> FirstOkAsync(Func<HttpRequestMessage> request, TimeSpan timeout, TimeSpan pollEvery)
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited:\n{_process.Tail()}");
            try
            {
                using var response = await probe.SendAsync(request());
                if (response.IsSuccessStatusCode) return Stopwatch.GetElapsedTime(StartedAt);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(pollEvery);
        }
        throw new TimeoutException($"The app never answered 200:\n{_process.Tail()}");
    }

    public Task<TimeSpan> WaitReadyAsync() =>
        FirstOkAsync(() => new HttpRequestMessage(HttpMethod.Get, "/"), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50));

    public HttpRequestMessage Admin(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", AdminKey);
        return request;
    }

    public void Dispose()
    {
        Http.Dispose();
        _process.Dispose();
    }
}
