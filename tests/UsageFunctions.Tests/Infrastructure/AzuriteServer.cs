using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace UsageFunctions.Tests.Infrastructure;

/// <summary>
/// One in-memory Azurite table service for the whole test run, on a free loopback port, stopped when the run ends.
/// Set USAGE_TEST_STORAGE to a connection string to use another storage account instead.
/// </summary>
public static class AzuriteServer
{
    private static readonly Lazy<string> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static Process? _process;

    public static string ConnectionString => Shared.Value;

    public static string ConnectionStringFor(int port) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("USAGE_TEST_STORAGE") is { Length: > 0 } external) return external;
        var port = FreePort();
        var script = System.IO.Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script)) throw new InvalidOperationException($"Azurite is not installed: run 'npm ci' in {RepositoryRoot.Path}.");
        // A shell watchdog stops Azurite when the test process dies without running its exit handlers.
        var watchdog = $"node \"$0\" \"$@\" & child=$!; " +
            $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done; kill $child 2>/dev/null";
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", watchdog, script, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(), "--inMemoryPersistence",
                "--skipApiVersionCheck", "--disableTelemetry", "--silent" },
            WorkingDirectory = Directory.CreateTempSubdirectory("azurite").FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        WaitForPort(port, TimeSpan.FromSeconds(30));
        return ConnectionStringFor(port);
    }

    private static void Stop()
    {
        try
        {
            if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WaitForPort(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}.");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new TimeoutException($"Azurite did not listen on port {port} within {timeout}.");
    }
}
