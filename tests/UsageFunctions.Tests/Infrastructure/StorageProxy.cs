using System.Net;
using System.Net.Sockets;

namespace UsageFunctions.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of Azurite that a test can cut, so the app meets a real storage outage
/// (connections reset) rather than a mock.
/// </summary>
public sealed class StorageProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private volatile bool _cut;

    public StorageProxy(string azuriteConnectionString)
    {
        var endpoint = azuriteConnectionString.Split(';').First(p => p.StartsWith("TableEndpoint=", StringComparison.Ordinal));
        _target = new Uri(endpoint["TableEndpoint=".Length..]).Port;
        _listener.Start();
        _ = AcceptAsync();
    }

    public string ConnectionString => AzuriteServer.ConnectionStringFor(((IPEndPoint)_listener.LocalEndpoint).Port);

    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    public void Restore() => _cut = false;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        Cut();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            if (_cut) { client.Dispose(); continue; }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _target);
            lock (_open) { _open.Add(client); _open.Add(upstream); }
            using var a = client.GetStream();
            using var b = upstream.GetStream();
            await Task.WhenAny(a.CopyToAsync(b), b.CopyToAsync(a));
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The relay ends when either side, or a cut, closes it.
        }
        finally
        {
            client.Dispose();
        }
    }
}
