using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Alerts;

public sealed class AlertApiTests : AppTest
{
    private async Task<(TestAccount Account, HttpClient Alerts)> AccountAsync()
    {
        var account = await TestAccount.CreateAsync(App);
        using var admin = App.CreateAdminClient();
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await TestAccount.IssueKeyAsync(admin, account.Id, "alerts:write"));
        return (account, client);
    }

    [Theory]
    [InlineData("http://example.com/hooks")]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://[::1]/hooks")]
    [InlineData("https://10.1.2.3/hooks")]
    [InlineData("https://192.168.0.10/hooks")]
    [InlineData("https://172.20.0.1/hooks")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::ffff:169.254.169.254]/")]
    [InlineData("https://[fd00::1]/hooks")]
    [InlineData("https://localhost/hooks")]
    [InlineData("https://user:pass@example.com/hooks")]
    [InlineData("ftp://example.com/hooks")]
    [InlineData("not a url")]
    public async Task PrivateMetadataAndPlainHttpTargetsAreRefused(string url)
    {
        var (_, client) = await AccountAsync();
        using (client)
        {
            var response = await client.PostAsJsonAsync("/api/alerts/endpoints", new { url });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), problem.ToString());
            Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/alerts/endpoints")).EnumerateArray());
        }
    }

    [Fact]
    public async Task ReadKeyListsRulesButCannotChangeThem()
    {
        var account = await TestAccount.CreateAsync(App);
        using var reader = App.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/alerts/rules")).StatusCode);
        var refused = await reader.PostAsJsonAsync("/api/alerts/rules", new { meter = "calls", value = 5 });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var anonymous = App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/alerts/rules")).StatusCode);
    }

    [Theory]
    [InlineData("""{"meter":"nope","value":5}""", "meter")]
    [InlineData("""{"meter":"calls"}""", "value")]
    [InlineData("""{"meter":"calls","value":5,"percentOfIncluded":50}""", "value")]
    [InlineData("""{"meter":"calls","value":-1}""", "value")]
    [InlineData("""{"meter":"calls","percentOfIncluded":80}""", "percentOfIncluded")]
    [InlineData("""{"meter":"calls","value":5,"window":"fortnight"}""", "window")]
    [InlineData("""{"meter":"calls","value":5,"filter":{"dimension":"colour","value":"x"}}""", "filter.dimension")]
    [InlineData("""{"meter":"calls","value":5,"endpoints":["ep_missing"]}""", "endpoints")]
    public async Task InvalidRuleIsRefusedAndStoresNothing(string body, string field)
    {
        var (_, client) = await AccountAsync();
        using (client)
        {
            var response = await client.PostAsync("/api/alerts/rules", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
            Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/alerts/rules")).EnumerateArray());
        }
    }
}
