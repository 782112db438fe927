using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using UsageFunctions.LocalHost.Functions;
using UsageFunctions.LocalHost.Rpc;

namespace UsageFunctions.LocalHost.Hosting;

/// <summary>Sends invocation requests and keeps what became of them, per function, for the status page.</summary>
public sealed class FunctionInvoker(WorkerChannel channel, ILogger<FunctionInvoker> logger)
{
    private readonly ConcurrentDictionary<string, FunctionStats> _stats = new(StringComparer.OrdinalIgnoreCase);

    public async Task<InvocationOutcome> InvokeAsync(LoadedFunction function, InvocationRequest request, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        string status;
        string? error = null;
        try
        {
            var answer = await channel.RequestAsync(new StreamingMessage { InvocationRequest = request }, cancellationToken);
            var result = answer.InvocationResponse.Result;
            status = result.Status.ToString();
            if (result.Status != StatusResult.Types.Status.Success) error = result.Exception?.Message;
        }
        catch (IOException ex)
        {
            (status, error) = ("Failure", ex.Message);
        }
        var outcome = new InvocationOutcome(function.Name, request.InvocationId, status, error, at, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _stats.AddOrUpdate(function.Name, _ => FunctionStats.First(outcome), (_, stats) => stats.With(outcome));
        if (outcome.Succeeded)
            logger.LogInformation("Executed '{Function}' (Succeeded, Id={InvocationId}, Duration={Duration:0}ms)", function.Name, outcome.InvocationId, outcome.DurationMs);
        else
            logger.LogError("Executed '{Function}' ({Status}, Id={InvocationId}, Duration={Duration:0}ms): {Error}",
                function.Name, outcome.Status, outcome.InvocationId, outcome.DurationMs, outcome.Error);
        return outcome;
    }

    public FunctionStats? StatsOf(string function) => _stats.GetValueOrDefault(function);
}

/// <summary>How one invocation ended: <c>Success</c>, <c>Failure</c> or <c>Cancelled</c>, with the worker's error.</summary>
public sealed record InvocationOutcome(string Function, string InvocationId, string Status, string? Error, DateTimeOffset StartedAt, double DurationMs)
{
    public bool Succeeded => Status == nameof(StatusResult.Types.Status.Success);
}

/// <summary>A function's invocations so far and the last of them.</summary>
public sealed record FunctionStats(long Invocations, long Failures, InvocationOutcome Last)
{
    public static FunctionStats First(InvocationOutcome outcome) => new(1, outcome.Succeeded ? 0 : 1, outcome);

    public FunctionStats With(InvocationOutcome outcome) => new(Invocations + 1, Failures + (outcome.Succeeded ? 0 : 1), outcome);
}
