namespace UsageFunctions.App.OpenApi;

/// <summary>
/// For people and tools: the OpenAPI documents (<c>/openapi</c> lists them, <c>/openapi/{name}.json</c> serves one) and
/// the API reference page (<c>/reference</c>), which renders them in the browser with no other site involved.
/// </summary>
public sealed class OpenApiFunctions
{
    public const string DocumentContentType = "application/json; charset=utf-8";

    [Function("OpenApiIndex")]
    public IResult Index([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "openapi")] HttpRequest req) =>
        TypedResults.Ok(new ApiDocumentList([.. ApiDocuments.All.Select(d => new ApiDocumentLink(d.Name, d.Title, d.BasePath, $"/openapi/{d.Name}.json"))]));

    [Function("OpenApiDocument")]
    public IResult Document([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "openapi/{document}")] HttpRequest req, string document) =>
        ApiDocuments.Document(document) is { } content ? TypedResults.Bytes(content, DocumentContentType) : NotFound();

    [Function("ApiReference")]
    public IResult Reference([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "reference")] HttpRequest req) =>
        Page("index.html");

    [Function("ApiReferenceAsset")]
    public IResult Asset([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "reference/{file}")] HttpRequest req, string file) =>
        Page(file);

    private static IResult Page(string file) =>
        ApiDocuments.Page(file) is { } page ? TypedResults.Bytes(page.Content, page.ContentType) : NotFound();

    private static IResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Not found", detail: "GET /openapi lists the documents; /reference is the reference page.");
}

public sealed record ApiDocumentList(IReadOnlyList<ApiDocumentLink> Documents);

public sealed record ApiDocumentLink(string Name, string Title, string BasePath, string Url);
