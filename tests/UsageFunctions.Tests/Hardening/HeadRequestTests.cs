using System.Net;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Hardening;

/// <summary>HEAD on every GET endpoint answers as GET does, without a body.</summary>
public sealed class HeadRequestTests(SharedApp shared) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task EveryGetEndpointAnswersHeadLikeGetWithoutABody()
    {
        var account = await TestAccount.CreateAsync(shared.App);
        using var client = shared.App.CreateClient();
        var gets = FunctionsMetadata.Http.Where(f => f.Methods.Contains("GET")).ToList();
        Assert.NotEmpty(gets);
        foreach (var function in gets)
        {
            var path = FunctionsMetadata.SamplePath(function.Route!, account.Id) + function.Name switch { "GetUsage" => "?meter=calls", "AgentPhoneUsageByAgent" => "?period=month", _ => "" };
            var credential = function.Route!.StartsWith("api/manage", StringComparison.Ordinal) ? UsageAppFactory.AdminKey : account.ReadKey;
            using var get = await client.SendAsync(Request(HttpMethod.Get, path, credential));
            using var head = await client.SendAsync(Request(HttpMethod.Head, path, credential));
            // A route that names something other than the account (an alert rule, an endpoint or its deliveries) finds nothing: 404 for both.
            var expected = function.Route!.Contains("{endpointId}", StringComparison.Ordinal) || function.Route.Contains("{ruleId}", StringComparison.Ordinal)
                ? HttpStatusCode.NotFound : HttpStatusCode.OK;
            Assert.True(get.StatusCode == expected, $"GET {path} answered {(int)get.StatusCode}");
            Assert.True(head.StatusCode == get.StatusCode, $"HEAD {path} answered {(int)head.StatusCode}");
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string credential)
    {
        var request = new HttpRequestMessage(method, path) { Headers = { Authorization = new("Bearer", credential) } };
        request.Headers.TryAddWithoutValidation("X-API-Key", credential);
        return request;
    }

}
