namespace UsageFunctions.App.Health;

/// <summary>
/// <c>GET /api/health/ready</c>, anonymous: 200 <c>{"status":"ready"}</c> when storage answers, else 503 problem
/// details with Retry-After. For load balancers, the local host and the bench; it names no table, account or setting.
/// </summary>
public sealed class ReadinessFunctions(ReadinessProbe probe)
{
    [Function("Readiness")]
    public async Task<IResult> Ready([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/health/ready")] HttpRequest req) =>
        await probe.IsReadyAsync()
            ? TypedResults.Ok(new ReadinessAnswer("ready"))
            : new Hosting.RetryAfterResult(TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Storage unavailable", detail: "Storage did not answer; the instance cannot serve requests now."), 5);
}

public sealed record ReadinessAnswer(string Status);
