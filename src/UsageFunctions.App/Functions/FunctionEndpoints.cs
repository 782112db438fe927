using UsageFunctions.App.Hosting;

namespace UsageFunctions.App.Functions;

public static class FunctionEndpoints
{
    /// <summary>Maps every catalog function, plus <c>GET /</c>, which the host polls to know the handler is up.</summary>
    public static IEndpointRouteBuilder MapFunctionCatalog(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => TypedResults.Ok(new { status = "ready" })).ExcludeFromDescription();
        foreach (var function in FunctionCatalog.Http)
        {
            var endpoint = app.MapMethods("/" + function.Route, function.Methods, function.Handler).WithName(function.Name);
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
}
