namespace UsageFunctions.App.Hosting;

/// <summary>
/// The correlation id a request's problem answers carry and its logs name: its invocation id, which the Functions host
/// sends with the forwarded request (<c>x-ms-invocation-id</c>), as <see cref="FailureMiddleware"/> answers it.
/// </summary>
public static class Correlation
{
    public const string InvocationHeader = "x-ms-invocation-id";

    public static string Of(HttpContext context) =>
        context.Request.Headers[InvocationHeader].ToString() is { Length: > 0 } id ? id : context.TraceIdentifier;
}
