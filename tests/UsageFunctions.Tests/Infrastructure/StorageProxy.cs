using System.Net;
using System.Net.Sockets;

namespace UsageFunctions.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of Azurite that a test can cut, so the app meets a real storage outage
/// (connections reset) rather than a mock, or stall: connections are still accepted, but no byte goes either way until
/// the relay resumes, as with a frozen storage process.
/// </summary>
public sealed class StorageProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private volatile bool _cut;
    private TaskCompletionSource? _stalled;

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

    /// <summary>Holds every byte, on open and new connections alike, until <see cref="Resume"/>.</summary>
    public void Stall() => Interlocked.CompareExchange(ref _stalled, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);

    public void Resume() => Interlocked.Exchange(ref _stalled, null)?.TrySetResult();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        Resume();
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
            await Task.WhenAny(PumpAsync(a, b), PumpAsync(b, a));
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The relay ends when either side, or a cut, closes it.
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task PumpAsync(Stream from, Stream to)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            if (Volatile.Read(ref _stalled) is { } stalled) await stalled.Task;
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }
}
