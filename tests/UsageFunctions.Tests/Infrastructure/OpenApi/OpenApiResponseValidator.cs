namespace UsageFunctions.Tests.Infrastructure.OpenApi;

/// <summary>
/// Checks every response the suite receives from the app against the OpenAPI documents: the test clients
/// (<see cref="UsageAppFactory.CreateClient"/>) send through this handler. A request that reaches an operation of a
/// document must get a documented status, a documented content type and a body that validates against that status's
/// schema (JSON Schema 2020-12, formats checked); anything else fails the request with <see cref="ApiContractViolation"/>,
/// whose message says which operation, status, content type or field is undocumented.
/// <para>
/// How strict, per surface: every response object the app builds is closed (<c>additionalProperties: false</c>), so an
/// extra field fails; maps keyed by data (meters, dimensions, metrics, field errors, counts by table) are open by
/// design, as are an event's <c>data</c> and CloudEvent request bodies (their types are checked by the app, not here).
/// Problem details are closed to the fields the app writes (type, title, status, detail, instance, traceId,
/// correlationId; errors for validation problems; code and results for a rejected event).
/// </para>
/// <para>
/// Requests outside the documents are passed through unchecked: the host's own API (<c>/admin/...</c>), paths no function
/// serves (the host's 404), and the pages that are not APIs (<c>/openapi</c>, <c>/reference</c>). HEAD is checked as the
/// GET it mirrors, without a body.
/// </para>
/// </summary>
public sealed class OpenApiResponseValidator(ApiContract contract) : DelegatingHandler
{
    /// <summary>An HTTP client whose every response is checked; what every client of the app in the tests is made from.</summary>
    public static HttpClient CheckedClient() => new(new OpenApiResponseValidator(ApiContract.Current) { InnerHandler = new SocketsHttpHandler() });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var isHead = request.Method == HttpMethod.Head;
        var operation = contract.Find(isHead ? "GET" : request.Method.Method, request.RequestUri!.AbsolutePath);
        if (operation is null) return response;

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = isHead ? [] : await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var problems = operation.Problems((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body).ToList();
        if (isHead) problems.RemoveAll(p => p.Contains("documents a body", StringComparison.Ordinal));
        if (problems.Count == 0) return response;
        var excerpt = System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 2000)));
        throw new ApiContractViolation(
            $"{request.Method} {request.RequestUri.PathAndQuery} → {operation} answered what its document does not say:\n  - "
            + string.Join("\n  - ", problems) + $"\nBody: {excerpt}\nFix the handler, or document it in src/UsageFunctions.App/OpenApi/{operation.Document}.json.");
    }
}

/// <summary>A response the OpenAPI documents do not describe.</summary>
public sealed class ApiContractViolation(string message) : Exception(message);
