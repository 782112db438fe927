using Microsoft.Azure.Functions.Worker.Middleware;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.App.Hosting;

/// <summary>
/// The last line for HTTP functions: a malformed request answers 400, a storage outage 503 with Retry-After, anything
/// else 500 with only a correlation id (the invocation id; the details go to the log under it). A timer's failure is
/// logged and left to fail the invocation, so the host records it and fires the timer again on schedule.
/// </summary>
public sealed class FailureMiddleware(ILogger<FailureMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { } http)
        {
            context.GetInvocationResult().Value = Answer(context.InvocationId, http, exception);
        }
        catch (Exception exception) when (StorageFailures.IsStorageFailure(exception))
        {
            logger.LogWarning(exception, "{Function} could not reach storage (invocation {InvocationId})",
                context.FunctionDefinition.Name, context.InvocationId);
            throw;
        }
    }

    private IResult Answer(string correlationId, HttpContext http, Exception exception)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => (499, "Client closed request"),
            _ when StorageFailures.IsStorageFailure(exception) => (StatusCodes.Status503ServiceUnavailable, "Storage unavailable"),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error"),
        };
        if (status >= 500) logger.LogError(exception, "Request {CorrelationId} failed", correlationId);
        var problem = TypedResults.Problem(statusCode: status, title: title,
            detail: status == StatusCodes.Status400BadRequest ? exception.Message : null,
            extensions: new Dictionary<string, object?> { ["correlationId"] = correlationId });
        return status == StatusCodes.Status503ServiceUnavailable ? new RetryAfterResult(problem, 5) : problem;
    }
}
