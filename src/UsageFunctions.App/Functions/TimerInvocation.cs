using Microsoft.AspNetCore.Http.HttpResults;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.App.Functions;

/// <summary>
/// Answers the host's <c>POST /{FunctionName}</c> for a timer with the custom-handler invocation response
/// <c>{"Outputs":{},"Logs":[...],"ReturnValue":null}</c>; a failed run answers non-2xx so the host records a failure.
/// </summary>
public static class TimerInvocation
{
    public static async Task<IResult> HandleAsync(TimerFunction timer, HttpContext context, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        var info = TimerPayload.Read(buffer.ToArray());
        if (info is null) return Respond(StatusCodes.Status400BadRequest, "The timer payload is not a JSON object.");
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TimerInvocation));
        try
        {
            var log = await timer.Run(context.RequestServices, info, cancellationToken);
            logger.LogInformation("Timer {Function} ran: {Result}", timer.Name, log);
            return Respond(StatusCodes.Status200OK, log);
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex))
        {
            logger.LogWarning(ex, "Timer {Function} could not reach storage", timer.Name);
            return Respond(StatusCodes.Status503ServiceUnavailable, $"{timer.Name} failed: storage unavailable.");
        }
    }

    public static InvocationResponse ResponseOf(params string[] logs) => new(new Dictionary<string, object?>(), logs, null);

    private static JsonHttpResult<InvocationResponse> Respond(int status, string log) =>
        TypedResults.Json(ResponseOf(log), statusCode: status);
}

/// <summary>The custom-handler invocation response; names are PascalCase as the host expects.</summary>
public sealed record InvocationResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("Outputs")] IDictionary<string, object?> Outputs,
    [property: System.Text.Json.Serialization.JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: System.Text.Json.Serialization.JsonPropertyName("ReturnValue")] object? ReturnValue);
