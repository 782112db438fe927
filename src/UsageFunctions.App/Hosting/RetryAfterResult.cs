namespace UsageFunctions.App.Hosting;

/// <summary>Adds <c>Retry-After</c> (seconds) to another result.</summary>
public sealed class RetryAfterResult(IResult inner, int seconds) : IResult
{
    public IResult Inner => inner;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return inner.ExecuteAsync(httpContext);
    }
}
