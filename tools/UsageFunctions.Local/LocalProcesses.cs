using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace UsageFunctions.Local;

/// <summary>The child process of a local run: Azurite's table service, in memory. It stops with this object.</summary>
public sealed class LocalProcesses(string root) : IDisposable
{
    private readonly List<Process> _children = [];

    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UsageFunctions.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Run this from inside the repository.");
    }

    public async Task<string> StartAzuriteAsync(CancellationToken cancellationToken)
    {
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script)) throw new InvalidOperationException("Azurite is missing: run 'npm ci' first.");
        var port = FreePort(10002);
        var work = Directory.CreateTempSubdirectory("azurite");
        Start("node", work.FullName, [], script, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(),
            "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent");
        await WaitForAsync(() => PortOpen(port), "Azurite", cancellationToken);
        Console.WriteLine($"Azurite (tables, in memory) on 127.0.0.1:{port}");
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }



    public void Dispose()
    {
        foreach (var child in _children.Where(c => !c.HasExited))
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    private void Start(string file, string directory, Dictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        _children.Add(Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start."));
    }

    private async Task WaitForAsync(Func<Task<bool>> ready, string what, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (_children.Any(c => c.HasExited)) throw new InvalidOperationException($"{what} exited while starting.");
            try
            {
                if (await ready()) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException)
            {
                // Not up yet.
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"{what} did not start within 30 seconds.");
    }

    private static Task<bool> PortOpen(int port)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        return Task.FromResult(true);
    }

    public static int FreePort(int preferred)
    {
        foreach (var candidate in new[] { preferred, 0 })
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, candidate);
                listener.Start();
                return ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            catch (SocketException)
            {
                // Taken: fall back to any free port.
            }
        }
        throw new InvalidOperationException("No free port.");
    }
}
