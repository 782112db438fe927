using System.Net;
using System.Net.Sockets;

namespace UsageFunctions.Bench;

/// <summary>A fresh in-memory Azurite table service for one bench run.</summary>
public sealed class Azurite : IDisposable
{
    private readonly ChildProcess _process;

    private Azurite(ChildProcess process, int port)
    {
        _process = process;
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public double? CpuSeconds() => _process.CpuSeconds();

    public static async Task<Azurite> StartAsync(string repositoryRoot)
    {
        var script = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script)) throw new InvalidOperationException($"Azurite is not installed: run 'npm ci' in {repositoryRoot}.");
        var port = ChildProcess.FreePort();
        var work = Directory.CreateTempSubdirectory("azurite-bench").FullName;
        // A million-event history holds more than Node's default heap.
        var process = ChildProcess.Start("node", work, new Dictionary<string, string>(), "--max-old-space-size=8192", script, "--tableHost", "127.0.0.1",
            "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence",
            "--skipApiVersionCheck", "--disableTelemetry", "--silent");
        var azurite = new Azurite(process, port);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (process.HasExited) throw new InvalidOperationException($"Azurite exited:\n{process.Tail()}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return azurite;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        azurite.Dispose();
        throw new TimeoutException("Azurite did not listen within 30 seconds.");
    }

    public void Dispose() => _process.Dispose();
}
