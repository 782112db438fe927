using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker.Middleware;
using UsageFunctions.App.Hosting;
using UsageFunctions.Storage.Telemetry;

namespace UsageFunctions.App.Observability;

/// <summary>
/// Outermost, so it sees every HTTP answer as the client gets it: records read latency by surface, marks the
/// invocation's span failed on a 5xx, and logs the correlation id (the invocation id) of every 5xx once. Answers made
/// by <see cref="FailureMiddleware"/> carry their correlation id and were logged there, with the exception.
/// </summary>
public sealed class InvocationTelemetryMiddleware(UsageMetrics metrics, ILogger<InvocationTelemetryMiddleware> logger)
    : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        await next(context);
        if (context.GetHttpContext() is not { } http) return;
        var result = context.GetInvocationResult().Value;
        var status = StatusOf(result);
        if (HttpMethods.IsGet(http.Request.Method) && ReadSurfaces.Of(context.FunctionDefinition.EntryPoint) is { } surface)
            metrics.Read(surface, status, Stopwatch.GetElapsedTime(started));
        if (status < StatusCodes.Status500InternalServerError) return;
        Activity.Current?.SetStatus(ActivityStatusCode.Error, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!CarriesCorrelationId(result))
            logger.LogError("Request {CorrelationId} to {Function} answered {Status}", context.InvocationId, context.FunctionDefinition.Name, status);
    }

    private static int StatusOf(object? result) => result switch
    {
        RetryAfterResult retry => StatusOf(retry.Inner),
        IStatusCodeHttpResult { StatusCode: { } code } => code,
        _ => StatusCodes.Status200OK,
    };

    private static bool CarriesCorrelationId(object? result) => result switch
    {
        RetryAfterResult retry => CarriesCorrelationId(retry.Inner),
        ProblemHttpResult problem => problem.ProblemDetails.Extensions.ContainsKey("correlationId"),
        _ => false,
    };
}
