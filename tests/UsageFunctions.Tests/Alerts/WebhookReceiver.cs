using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace UsageFunctions.Tests.Alerts;

/// <summary>A request the receiver got: the Standard Webhooks headers and the raw body.</summary>
public sealed record ReceivedWebhook(string? Id, string? Timestamp, string? Signature, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A real HTTP receiver on a free loopback port. <see cref="Answer"/> decides each answer by the request's index: a
/// status code, or <see cref="Hang"/> to answer only after the sender has given up. Not started until
/// <see cref="Start"/>, so its URL first refuses connections.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    public const int Hang = -1;
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly CancellationTokenSource _stop = new();

    public WebhookReceiver(bool start = true)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        if (start) Start();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hooks";

    public Func<int, int> Answer { get; set; } = _ => 200;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public void Start()
    {
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        var index = 0;
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var request = context.Request;
            _received.Enqueue(new ReceivedWebhook(request.Headers["webhook-id"], request.Headers["webhook-timestamp"],
                request.Headers["webhook-signature"], body.ToArray()));
            var status = Answer(index++);
            _ = RespondAsync(context, status);
        }
    }

    private async Task RespondAsync(HttpListenerContext context, int status)
    {
        if (status == Hang)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            status = 200;
        }
        try
        {
            context.Response.StatusCode = status;
            context.Response.Close();
        }
        catch (HttpListenerException)
        {
            // The sender gave up and closed the connection: that is what a hang is for.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_listener.IsListening) _listener.Stop();
        _listener.Close();
        _stop.Dispose();
    }
}
