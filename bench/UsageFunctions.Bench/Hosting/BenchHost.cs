using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using UsageFunctions.LocalHost;
using UsageFunctions.LocalHost.Rpc;

namespace UsageFunctions.Bench;

/// <summary>
/// The bench's own executable as the local Functions host (<c>--host APPDIR --port N</c>): a process of its own, so the
/// host's memory and CPU are measured apart from the load the bench generates. Timers run only when fired through the
/// admin API. It prints one <see cref="HostReady"/> line once the worker has loaded its functions; the app settings
/// come from its environment.
/// </summary>
public static class BenchHost
{
    public const string Flag = "--host";
    public const string ReadyPrefix = "bench-host-ready ";

    public static async Task RunAsync(string appDirectory, int port)
    {
        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            ScriptRoot = appDirectory,
            HttpPort = port,
            Settings = AppSettings.For(appDirectory),
            RunTimersOnSchedule = false,
        }, logging => logging.ClearProviders()
            .AddSimpleConsole(console => console.SingleLine = true)
            .SetMinimumLevel(LogLevel.Warning)
            // What the worker logs comes through here: the bench reads the roll-up's summary from it.
            .AddFilter(typeof(WorkerChannel).FullName, LogLevel.Information));
        await host.Loaded;
        var ready = new HostReady(host.WorkerProcessId ?? 0, host.WorkerStartedAt!.Value, DateTimeOffset.UtcNow);
        Console.WriteLine(ReadyPrefix + JsonSerializer.Serialize(ready));
        await host.WaitForShutdownAsync();
    }

    public static Task RunAsync(string[] args)
    {
        string Value(string name) => args[Array.IndexOf(args, name) + 1];
        return RunAsync(Value(Flag), int.Parse(Value("--port"), CultureInfo.InvariantCulture));
    }
}

/// <summary>What the host reports once the worker's functions are loaded: the worker process and the two times.</summary>
public sealed record HostReady(int WorkerProcessId, DateTimeOffset WorkerStartedAt, DateTimeOffset LoadedAt);
