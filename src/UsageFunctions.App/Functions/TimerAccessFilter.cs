using Microsoft.Extensions.Options;
using UsageFunctions.App.Auth;
using UsageFunctions.App.Hosting;

namespace UsageFunctions.App.Functions;

/// <summary>
/// Under the Functions host only the host can reach the loopback port, so timer invocations need no key.
/// Standalone, the port may be reachable by others: a manual timer run then needs the admin key.
/// </summary>
public sealed class TimerAccessFilter(IConfiguration configuration, IOptions<AdminOptions> admin) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (CustomHandlerOptions.PortFrom(configuration) is not null) return next(context);
        var request = context.HttpContext.Request;
        var presented = PresentedCredentials.Bearer(request) ?? request.Headers[AdminAuthFilter.Header].ToString();
        return admin.Value.Accepts(presented)
            ? next(context)
            : ValueTask.FromResult<object?>(TypedResults.Json(TimerInvocation.ResponseOf("Admin key required to run a timer by hand."),
                statusCode: StatusCodes.Status401Unauthorized));
    }
}
