using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using UsageFunctions.LocalHost.Functions;
using UsageFunctions.LocalHost.Rpc;
using Yarp.ReverseProxy.Forwarder;

namespace UsageFunctions.LocalHost.Hosting;

/// <summary>
/// Serves a client's request to an HTTP function as the host does with a worker that serves HTTP itself: the request
/// goes unchanged to the worker's Kestrel with <c>x-ms-invocation-id</c>, while the matching invocation request goes
/// over gRPC; the worker pairs the two and answers the forwarded request. Requests wait until the functions are loaded.
/// </summary>
public sealed class HttpFunctionProxy(
    FunctionTable table, FunctionInvoker invoker, WorkerChannel channel, IHttpForwarder forwarder, ILogger<HttpFunctionProxy> logger)
    : IDisposable
{
    public const string InvocationIdHeader = "x-ms-invocation-id";
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None, UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(15), ActivityHeadersPropagator = null,
    });

    public async Task HandleAsync(HttpContext context)
    {
        LoadedApp app;
        try
        {
            app = await table.Loaded.WaitAsync(LoadTimeout, context.RequestAborted);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        if (app.Router.Match(context.Request.Method, context.Request.Path.Value ?? "/") is not { } match)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var (function, route) = match;
        var invocationId = Guid.NewGuid().ToString();
        var invocation = invoker.InvokeAsync(function, InvocationRequests.Http(function, invocationId, context.Request, route), CancellationToken.None);
        var error = await forwarder.SendAsync(context, app.HttpUri.AbsoluteUri, _client, ForwarderRequestConfig.Empty, new InvocationTransformer(invocationId));
        if (error != ForwarderError.None)
        {
            logger.LogWarning("Forwarding {Method} {Path} to the worker failed: {Error}", context.Request.Method, context.Request.Path, error);
            // The invocation would otherwise wait in the worker for a request that never arrived.
            await channel.SendAsync(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = invocationId } }, CancellationToken.None);
        }
        var outcome = await invocation;
        if (!outcome.Succeeded && !context.Response.HasStarted) context.Response.StatusCode = StatusCodes.Status500InternalServerError;
    }

    public void Dispose() => _client.Dispose();

    /// <summary>The default transform (headers copied, the path and query kept) plus the invocation id.</summary>
    private sealed class InvocationTransformer(string invocationId) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix,
            CancellationToken cancellationToken)
        {
            await Default.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        }
    }
}
