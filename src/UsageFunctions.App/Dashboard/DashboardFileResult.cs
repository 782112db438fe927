namespace UsageFunctions.App.Dashboard;

/// <summary>
/// A dashboard file with the headers a page that handles an API key needs: scripts only from this origin, no framing,
/// no sniffing, no referrer, and revalidation on every load so a deployment is picked up at once.
/// </summary>
public sealed class DashboardFileResult(byte[] bytes, string contentType) : IResult
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var headers = httpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        httpContext.Response.ContentType = contentType;
        httpContext.Response.ContentLength = bytes.Length;
        return httpContext.Response.Body.WriteAsync(bytes).AsTask();
    }
}
