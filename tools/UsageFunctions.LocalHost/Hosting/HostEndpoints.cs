using System.Net;
using System.Net.Sockets;

namespace UsageFunctions.LocalHost.Hosting;

/// <summary>The host's two loopback ports: HTTP for clients, HTTP/2 cleartext for the worker's gRPC stream.</summary>
public sealed class HostEndpoints(int httpPort)
{
    public int HttpPort { get; } = httpPort == 0 ? FreePort() : httpPort;

    public int GrpcPort { get; } = FreePort();

    public Uri HttpUri => new($"http://127.0.0.1:{HttpPort}");

    public Uri GrpcUri => new($"http://127.0.0.1:{GrpcPort}/");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
