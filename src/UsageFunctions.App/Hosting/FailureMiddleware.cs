using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Options;
using UsageFunctions.App.Reliability;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.App.Hosting;

/// <summary>
/// The last line for HTTP functions: a malformed request answers 400, a storage outage or stall 503 with Retry-After (in
/// the called API's error shape), anything
/// else 500 with only a correlation id (the invocation id; the details go to the log under it). A timer's failure is
/// logged and left to fail the invocation, so the host records it and fires the timer again on schedule.
/// </summary>
public sealed class FailureMiddleware(ILogger<FailureMiddleware> logger, IOptions<DeadlineOptions> deadlines) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { } http)
        {
            context.GetInvocationResult().Value = Answer(context, http, exception);
        }
        catch (Exception exception) when (StorageFailures.IsStorageFailure(exception))
        {
            logger.LogWarning(exception, "{Function} could not reach storage (invocation {InvocationId})",
                context.FunctionDefinition.Name, context.InvocationId);
            throw;
        }
    }

    private IResult Answer(FunctionContext context, HttpContext http, Exception exception)
    {
        var correlationId = context.InvocationId;
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => (499, "Client closed request"),
            _ when StorageFailures.IsStorageFailure(exception) => (StatusCodes.Status503ServiceUnavailable, "Storage unavailable"),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error"),
        };
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "Request {CorrelationId} could not reach storage", correlationId);
            return new RetryAfterResult(UnavailableAnswers.ForVendor(context.FunctionDefinition.EntryPoint)
                ?? Problem(status, title, correlationId, null), deadlines.Value.RetryAfterSeconds);
        }
        if (status >= 500) logger.LogError(exception, "Request {CorrelationId} failed", correlationId);
        return Problem(status, title, correlationId, status == StatusCodes.Status400BadRequest ? exception.Message : null);
    }

    private static IResult Problem(int status, string title, string correlationId, string? detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["correlationId"] = correlationId });
}
