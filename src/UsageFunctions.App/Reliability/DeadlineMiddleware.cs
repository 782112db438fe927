using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Options;
using UsageFunctions.App.Functions;
using UsageFunctions.App.Ingestion;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.App.Reliability;

/// <summary>
/// Gives every HTTP invocation one deadline (<see cref="DeadlineOptions"/>): every table call made for it is bounded by
/// what is left (<see cref="DeadlinePolicy"/>), and a cancellation once the deadline has passed is a storage failure,
/// which <c>FailureMiddleware</c> answers 503 with Retry-After. Timers run without one: their storage calls are bounded
/// by the network timeout, and the roll-up by its lease.
/// </summary>
public sealed class DeadlineMiddleware(IOptions<DeadlineOptions> options) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }
        using var deadline = StorageDeadline.Start(TimeSpan.FromSeconds(BudgetOf(context.FunctionDefinition.EntryPoint, http.Request)));
        try
        {
            await next(context);
        }
        catch (OperationCanceledException ex) when (deadline.Expired && !http.RequestAborted.IsCancellationRequested)
        {
            throw deadline.Exceeded(ex);
        }
    }

    private int BudgetOf(string entryPoint, HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && FunctionClasses.Of(entryPoint) == typeof(IngestionFunctions)
            ? options.Value.IngestSeconds
            : options.Value.ReadSeconds;
}
