using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Options;
using UsageFunctions.App.Functions;

namespace UsageFunctions.App.Auth;

/// <summary>Marks a function class whose every function answers only to the admin key (the management API).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresAdminKeyAttribute : Attribute;

/// <summary>
/// Lets an invocation of a <see cref="RequiresAdminKeyAttribute"/> function through only with the configured admin key
/// (<c>Authorization: Bearer</c> or <c>X-Admin-Key</c>); any other caller gets a 401 problem and the function never runs.
/// </summary>
public sealed class AdminKeyMiddleware(IOptions<AdminOptions> options) : IFunctionsWorkerMiddleware
{
    public const string Header = "X-Admin-Key";

    private static readonly ConcurrentDictionary<string, bool> Guarded = new();

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (!Guards(context.FunctionDefinition.EntryPoint) || context.GetHttpContext() is not { } http
            || options.Value.Accepts(Presented(http.Request)))
        {
            await next(context);
            return;
        }
        context.GetInvocationResult().Value = TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Admin key required",
            detail: string.IsNullOrEmpty(options.Value.Key)
                ? "The management API is disabled until Admin__Key is configured."
                : "Send the admin key as 'Authorization: Bearer <key>' or 'X-Admin-Key'.");
    }

    public static string? Presented(HttpRequest request) => PresentedCredentials.Bearer(request) ?? request.Headers[Header].ToString();

    /// <summary>Whether the function belongs to the management API: its class carries <see cref="RequiresAdminKeyAttribute"/>.</summary>
    public static bool Guards(string entryPoint) =>
        Guarded.GetOrAdd(entryPoint, e => FunctionClasses.Of(e)?.GetCustomAttribute<RequiresAdminKeyAttribute>() is not null);
}
