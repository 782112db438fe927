using Microsoft.AspNetCore.Http.HttpResults;

namespace UsageFunctions.App.Functions;

public static class FunctionEndpoints
{
    /// <summary>Maps every catalog function, plus <c>GET /</c>, which the host polls to know the handler is up.</summary>
    public static IEndpointRouteBuilder MapFunctionCatalog(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Ready).ExcludeFromDescription();
        foreach (var function in FunctionCatalog.Http)
        {
            var endpoint = function.Map(app, "/" + function.Route, function.Methods).WithName(function.Name);
            function.Configure?.Invoke(endpoint);
        }
        foreach (var timer in FunctionCatalog.Timers)
        {
            app.MapPost("/" + timer.Name, (HttpContext context, CancellationToken ct) => TimerInvocation.HandleAsync(timer, context, ct))
                .AddEndpointFilter<TimerAccessFilter>()
                .ExcludeFromDescription();
        }
        return app;
    }

    public static Ok<Readiness> Ready() => TypedResults.Ok(Readiness.Ready);
}

/// <summary>The readiness answer, <c>{"status":"ready"}</c>.</summary>
public sealed record Readiness(string Status)
{
    public static readonly Readiness Ready = new("ready");
}
