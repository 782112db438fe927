using System.Net;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Cors;

/// <summary>
/// CORS as the local host applies it from <c>Cors__AllowedOrigins</c> and <c>Cors__AllowCredentials</c> (in Azure the
/// platform does, from the Bicep template's <c>siteConfig.cors</c>): preflights are the host's, actual responses carry
/// the headers, and only for the origins allowed.
/// </summary>
public sealed class HostCorsTests : AppTest
{
    private const string Allowed = "https://app.example.com";
    private const string Other = "https://elsewhere.example.org";

    [Fact]
    public async Task PreflightFromAnAllowedOriginIsAnsweredByTheHostWithTheHeaders()
    {
        using var app = App.WithSettings(Origins($"{Allowed}, https://second.example.com"));
        using var client = app.CreateClient();

        var response = await client.SendAsync(Preflight("/api/usage", Allowed));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Allowed, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("GET", Header(response, "Access-Control-Allow-Methods"));
        Assert.Contains("authorization", Header(response, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
        Assert.Equal(0, await InvocationsAsync(client, "GetUsage"));
    }

    [Fact]
    public async Task CrossOriginGetFromAnAllowedOriginCarriesTheHeaders()
    {
        using var app = App.WithSettings(Origins(Allowed));
        var account = await TestAccount.CreateAsync(app);
        using var client = app.CreateClient();

        var response = await client.SendAsync(Get("/api/usage/period", Allowed, account.ReadKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Allowed, Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task AnotherOriginGetsNoCorsHeaders()
    {
        using var app = App.WithSettings(Origins(Allowed));
        var account = await TestAccount.CreateAsync(app);
        using var client = app.CreateClient();

        var preflight = await client.SendAsync(Preflight("/api/usage", Other));
        var get = await client.SendAsync(Get("/api/usage/period", Other, account.ReadKey));

        Assert.Null(Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Null(Header(preflight, "Access-Control-Allow-Methods"));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Null(Header(get, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ByDefaultNoOriginIsAllowed()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();

        var preflight = await client.SendAsync(Preflight("/api/usage", Allowed));
        var get = await client.SendAsync(Get("/api/usage/period", Allowed, account.ReadKey));

        Assert.Null(Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Null(Header(get, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task CredentialsAreAllowedOnlyWhenConfigured()
    {
        using var app = App.WithSettings(new Dictionary<string, string> { ["Cors__AllowedOrigins"] = Allowed, ["Cors__AllowCredentials"] = "true" });
        using var client = app.CreateClient();

        var response = await client.SendAsync(Preflight("/vocode/v1/usage", Allowed));

        Assert.Equal(Allowed, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
    }

    private static Dictionary<string, string> Origins(string origins) => new() { ["Cors__AllowedOrigins"] = origins };

    private static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");
        return request;
    }

    private static HttpRequestMessage Get(string path, string origin, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Authorization = new("Bearer", key);
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private static async Task<long> InvocationsAsync(HttpClient client, string function)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/host/status");
        request.Headers.Authorization = new("Bearer", UsageAppFactory.AdminKey);
        var status = JsonDocument.Parse(await (await client.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;
        var stats = status.GetProperty("functions").EnumerateArray().Single(f => f.GetProperty("name").GetString() == function).GetProperty("stats");
        // A function never invoked has no stats yet.
        return stats.ValueKind == JsonValueKind.Null ? 0 : stats.GetProperty("invocations").GetInt64();
    }
}
