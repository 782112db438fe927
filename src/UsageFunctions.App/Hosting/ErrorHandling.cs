using Microsoft.AspNetCore.Diagnostics;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.App.Hosting;

/// <summary>
/// The last line: malformed requests answer 400, storage outages 503 with Retry-After, anything else 500 with only a
/// correlation id (the details go to the log under that id).
/// </summary>
public sealed class ErrorHandling(ILogger<ErrorHandling> logger, IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var correlationId = context.TraceIdentifier;
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "Client closed request"),
            _ when StorageFailures.IsStorageFailure(exception) => (StatusCodes.Status503ServiceUnavailable, "Storage unavailable"),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error"),
        };
        if (status >= 500) logger.LogError(exception, "Request {CorrelationId} failed", correlationId);
        if (status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = "5";
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = status == StatusCodes.Status400BadRequest ? exception.Message : null,
                Extensions = { ["correlationId"] = correlationId },
            },
        });
    }
}
