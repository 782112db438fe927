using System.Reflection;
using Microsoft.Extensions.Logging;
using UsageFunctions.Local;
using UsageFunctions.LocalHost;

// Starts in-memory Azurite and the local Functions host with the app's worker, creates a demo account and prints its
// keys and curl examples. Ctrl+C (SIGINT), SIGTERM (what IDE stop buttons and process managers send) and SIGHUP stop the
// host, which terminates the worker, and then Azurite, at whatever point of starting they arrive.
var root = LocalProcesses.FindRepositoryRoot();
var app = typeof(LocalProcesses).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AppBuildOutput").Value!;
var adminKey = "local-admin-" + Guid.NewGuid().ToString("N")[..16];
using var processes = new LocalProcesses(root);
AppDomain.CurrentDomain.ProcessExit += (_, _) => processes.Dispose();
using var stop = new CancellationTokenSource();
using var signals = StopSignals.Register(stop);

try
{
    var storage = await processes.StartAzuriteAsync(stop.Token);
    await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
    {
        ScriptRoot = app,
        HttpPort = LocalProcesses.FreePort(7071),
        Settings = AppSettings.For(app, new Dictionary<string, string> { ["Storage__ConnectionString"] = storage, ["Admin__Key"] = adminKey }),
    }, logging => logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("Yarp", LogLevel.Warning).AddFilter("Grpc", LogLevel.Warning),
        stop.Token);
    await host.Loaded.WaitAsync(stop.Token);
    var baseUrl = host.BaseAddress.AbsoluteUri.TrimEnd('/');
    Console.WriteLine($"UsageFunctions on {baseUrl}: the worker (process {host.WorkerProcessId}) under the local Functions host");
    var demo = await DemoAccount.CreateAsync(baseUrl, adminKey).WaitAsync(stop.Token);
    Console.WriteLine(Instructions.For(baseUrl, adminKey, demo));
    await host.WaitForShutdownAsync(stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    // Stopped while starting: the host (if it started) is disposed above, Azurite below.
}
Console.WriteLine("Stopping.");
