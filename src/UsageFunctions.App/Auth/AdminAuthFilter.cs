using Microsoft.Extensions.Options;

namespace UsageFunctions.App.Auth;

/// <summary>Lets a request through only with the configured admin key (<c>Authorization: Bearer</c> or <c>X-Admin-Key</c>).</summary>
public sealed class AdminAuthFilter(IOptions<AdminOptions> options) : IEndpointFilter
{
    public const string Header = "X-Admin-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var presented = PresentedCredentials.Bearer(request) ?? request.Headers[Header].ToString();
        if (options.Value.Accepts(presented)) return next(context);
        return ValueTask.FromResult<object?>(TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Admin key required",
            detail: string.IsNullOrEmpty(options.Value.Key)
                ? "The management API is disabled until Admin__Key is configured."
                : "Send the admin key as 'Authorization: Bearer <key>' or 'X-Admin-Key'."));
    }
}
