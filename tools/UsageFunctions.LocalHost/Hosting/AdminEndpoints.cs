using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using UsageFunctions.LocalHost.Functions;

namespace UsageFunctions.LocalHost.Hosting;

/// <summary>
/// The host's admin API, as far as a local run needs it: <c>GET /admin/host/status</c> (readiness, the worker, every
/// function with its trigger and invocations) and <c>POST /admin/functions/{name}</c>, which fires a non-HTTP function
/// now and answers 202 as the Functions host does. <c>?wait=true</c> (local host only) answers when the run has ended:
/// 200 with its outcome, or 500 with the worker's error.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapHostAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/host/status", Status);
        app.MapPost("/admin/functions/{name}", FireAsync);
        return app;
    }

    private static IResult Status(FunctionTable table, FunctionInvoker invoker, WorkerSupervisor supervisor)
    {
        var functions = table.Loaded.IsCompletedSuccessfully ? table.Loaded.Result.Functions : [];
        var body = new
        {
            state = table.State,
            error = table.Error,
            worker = new { processId = supervisor.Worker?.ProcessId, startedAt = supervisor.Worker?.StartedAt },
            functions = functions.Select(f => new
            {
                name = f.Name,
                trigger = f.TriggerType,
                route = f.Http?.Route,
                methods = f.Http?.Methods,
                schedule = f.Timer?.Schedule.Expression,
                stats = invoker.StatsOf(f.Name),
            }),
        };
        return Results.Json(body, statusCode: table.State == "Running" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> FireAsync(string name, HttpRequest request, LocalHostOptions options, FunctionTable table,
        TimerScheduler timers)
    {
        if (!Accepts(options.AdminKey, request))
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required",
                detail: "Send the admin key (app setting Admin__Key) as 'Authorization: Bearer <key>' or 'X-Admin-Key'.");
        if (table.Find(name) is not { } function)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such function", detail: $"No function '{name}' is loaded.");
        if (function.Timer is null)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a timer",
                detail: "Only timer functions can be fired through the admin API; call an HTTP function at its route.");
        var run = timers.FireAsync(function, isPastDue: false, last: null, CancellationToken.None);
        if (request.Query["wait"] != "true") return Results.Accepted();
        var outcome = await run;
        return Results.Json(outcome, statusCode: outcome.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status500InternalServerError);
    }

    private static bool Accepts(string? adminKey, HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : request.Headers["X-Admin-Key"].ToString();
        if (string.IsNullOrEmpty(adminKey) || presented.Length == 0) return false;
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(adminKey)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
    }
}
