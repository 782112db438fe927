using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;
using UsageFunctions.App.OpenApi;
using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Infrastructure.OpenApi;

namespace UsageFunctions.Tests.OpenApi;

/// <summary>
/// The OpenAPI documents are true: a real reader loads them without a diagnostic, they describe exactly the app's HTTP
/// functions, and the app serves them and their reference page. (Every response the suite receives is checked against
/// them by <see cref="OpenApiResponseValidator"/>.)
/// </summary>
public sealed partial class OpenApiDocumentTests : AppTest
{
    /// <summary>Functions that are pages for people and tools, not API operations.</summary>
    public static readonly IReadOnlySet<string> NotApiOperations = new HashSet<string>
    {
        "OpenApiIndex", "OpenApiDocument", "ApiReference", "ApiReferenceAsset", "Dashboard", "DashboardAsset",
    };

    public static TheoryData<string> Documents => [.. ApiContract.DocumentNames];

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task DocumentLoadsAsOpenApi31WithoutErrorsOrWarnings(string name)
    {
        var settings = new OpenApiReaderSettings();
        settings.TryAddReader(OpenApiConstants.Yaml, new OpenApiYamlReader());
        await using var file = File.OpenRead(Path.Combine(ApiContract.Folder, name + ".json"));

        var (document, diagnostic) = await OpenApiDocument.LoadAsync(file, OpenApiConstants.Yaml, settings);

        Assert.NotNull(document);
        Assert.NotNull(diagnostic);
        Assert.True(diagnostic.Errors.Count == 0, string.Join("\n", diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.True(diagnostic.Warnings.Count == 0, string.Join("\n", diagnostic.Warnings.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.NotEmpty(document.Paths);
        Assert.All(document.Paths.Values.SelectMany(p => p.Operations!.Values), op => Assert.NotEmpty(op.Responses!));
    }

    [Fact]
    public void EveryHttpFunctionHasAnOperationAndEveryOperationAFunction()
    {
        var functions = FunctionsMetadata.Http.Where(f => !NotApiOperations.Contains(f.Name))
            .Select(f => $"{f.Name}: {f.Methods.Single(m => m != "HEAD")} /{Parameters().Replace(f.Route!, "{}")}").Order().ToList();
        var operations = ApiContract.Current.Operations
            .Select(o => $"{o.OperationId}: {o.Method} {Parameters().Replace(o.Path, "{}")}").Order().ToList();

        Assert.Equal(functions, operations);
        Assert.All(NotApiOperations, name => Assert.Contains(FunctionsMetadata.Http, f => f.Name == name));
    }

    [Fact]
    public async Task TheAppListsAndServesEachDocumentWithItsBasePath()
    {
        using var client = App.CreateClient();

        var index = JsonDocument.Parse(await client.GetStringAsync("/openapi")).RootElement.GetProperty("documents").EnumerateArray().ToList();

        Assert.Equal(ApiContract.DocumentNames, index.Select(d => d.GetProperty("name").GetString()));
        foreach (var entry in index)
        {
            var response = await client.GetAsync(entry.GetProperty("url").GetString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var served = await response.Content.ReadAsStringAsync();
            Assert.Equal(File.ReadAllText(Path.Combine(ApiContract.Folder, entry.GetProperty("name").GetString() + ".json")), served);
            var server = JsonDocument.Parse(served).RootElement.GetProperty("servers")[0].GetProperty("url").GetString();
            Assert.Equal(entry.GetProperty("basePath").GetString(), server);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/openapi/..%2Fhost.json")).StatusCode);
    }

    [Fact]
    public async Task TheReferencePageAndEverythingItLoadsComeFromTheApp()
    {
        using var client = App.CreateClient();

        var page = await client.GetAsync("/reference");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var assets = Asset().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["/reference/reference.css", "/reference/reference.js"], assets.Order());
        var texts = new List<string> { html };
        foreach (var asset in assets)
        {
            var response = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            texts.Add(await response.Content.ReadAsStringAsync());
        }
        // Works with no internet: nothing is fetched from another site.
        Assert.All(texts, text => Assert.DoesNotMatch("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/", text));
        Assert.Contains("fetch('/openapi')", texts[^1]);
    }

    [Fact]
    public void TheValidatorNamesAnUndocumentedStatusContentTypeAndField()
    {
        var vocode = Assert.Single(ApiContract.Current.Operations, o => o.OperationId == "VocodeUsage");
        var usage = """{"user_id":"acct_1","plan_type":"free","monthly_usage_minutes":1,"monthly_usage_limit_minutes":2}"""u8.ToArray();
        var extra = """{"user_id":"acct_1","plan_type":"free","monthly_usage_minutes":1,"monthly_usage_limit_minutes":2,"spare":true}"""u8.ToArray();

        Assert.Empty(vocode.Problems(200, "application/json", usage));
        Assert.Contains("status 418 is not documented", string.Join("\n", vocode.Problems(418, "application/json", usage)));
        Assert.Contains("content type 'text/plain' is not documented", string.Join("\n", vocode.Problems(200, "text/plain", usage)));
        Assert.Contains("spare", string.Join("\n", vocode.Problems(200, "application/json", extra)));
        Assert.NotEmpty(vocode.Problems(200, "application/json", Encoding.UTF8.GetBytes("""{"detail":"x"}""")));
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameters();

    [GeneratedRegex("(?:src|href)=\"([^\"#]+)\"")]
    private static partial Regex Asset();
}
