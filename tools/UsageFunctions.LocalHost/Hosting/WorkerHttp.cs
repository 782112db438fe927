using System.Net;
using System.Net.Sockets;

namespace UsageFunctions.LocalHost.Hosting;

/// <summary>The worker's own HTTP endpoint (its <c>HttpUri</c> capability).</summary>
public static class WorkerHttp
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Waits until the worker's Kestrel accepts connections. The worker answers the init request from its gRPC client,
    /// which can start before its Kestrel listens; a request forwarded in between would be refused while its invocation
    /// waited in the worker for a request that never comes. <c>localhost</c> becomes 127.0.0.1, where Kestrel always
    /// listens, so forwarding never waits on a name lookup or an IPv6 loopback that is not there.
    /// </summary>
    public static async Task<Uri> WaitUntilListeningAsync(Uri uri, CancellationToken cancellationToken)
    {
        if (uri.IsLoopback && uri.HostNameType == UriHostNameType.Dns) uri = new UriBuilder(uri) { Host = IPAddress.Loopback.ToString() }.Uri;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(uri.Host, uri.Port, deadline.Token);
                return uri;
            }
            catch (SocketException)
            {
                await Task.Delay(20, deadline.Token);
            }
        }
    }
}
