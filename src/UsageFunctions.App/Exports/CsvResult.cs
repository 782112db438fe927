using UsageFunctions.App.Hosting;
using System.Text;
using Microsoft.Extensions.Options;
using UsageFunctions.App.Reliability;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.App.Exports;

/// <summary>
/// A CSV answer written as it is produced: <paramref name="rows"/> yields records (header first) and the writer flushes
/// every <see cref="FlushEvery"/> records, so a month of events never sits in memory. A failure before anything was
/// sent answers a problem (503 for storage, with Retry-After); a failure after the first bytes aborts the response, so
/// the chunked body ends without its terminator and no client takes a cut-off export for a whole one. Either is logged
/// once, with the correlation id (the invocation id).
/// </summary>
public sealed class CsvResult(IAsyncEnumerable<string> rows, string fileName, string? continuation = null) : IResult
{
    public const int FlushEvery = 500;
    public const string ContinuationHeader = "Continuation-Token";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = Csv.MediaType + "; charset=utf-8; header=present";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        if (continuation is not null) response.Headers[ContinuationHeader] = continuation;
        var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        var written = 0;
        try
        {
            await foreach (var row in rows.WithCancellation(httpContext.RequestAborted))
            {
                await writer.WriteAsync(row);
                if (++written % FlushEvery == 0) await writer.FlushAsync(httpContext.RequestAborted);
            }
            await writer.FlushAsync(httpContext.RequestAborted);
        }
        catch (Exception exception) when (!httpContext.RequestAborted.IsCancellationRequested)
        {
            // The writer is dropped unflushed: what it holds must not reach the client after a problem or an abort.
            await FailAsync(httpContext, exception, written);
            return;
        }
        await writer.DisposeAsync();
    }

    private static async Task FailAsync(HttpContext httpContext, Exception exception, int written)
    {
        var correlationId = Correlation.Of(httpContext);
        var logger = httpContext.RequestServices.GetRequiredService<ILogger<CsvResult>>();
        logger.LogError(exception, "CSV export {CorrelationId} failed after {Records} records; the response is {Outcome}",
            correlationId, written, httpContext.Response.HasStarted ? "aborted" : "a problem");
        if (httpContext.Response.HasStarted)
        {
            httpContext.Abort();
            return;
        }
        httpContext.Response.Clear();
        var storage = StorageFailures.IsStorageFailure(exception);
        if (storage)
        {
            var retryAfter = httpContext.RequestServices.GetRequiredService<IOptions<DeadlineOptions>>().Value.RetryAfterSeconds;
            httpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        await TypedResults.Problem(statusCode: storage ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
            title: storage ? "Storage unavailable" : "Unexpected error",
            extensions: new Dictionary<string, object?> { ["correlationId"] = correlationId }).ExecuteAsync(httpContext);
    }
}
