using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Vendors;

public sealed class VocodeUsageApiTests : AppTest
{
    [Theory]
    [InlineData("/vocode/v1/usage/")]
    [InlineData("/vocode/v1/usage")]
    public async Task MinutesAreThisPeriodsCallsEachRoundedUp(string path)
    {
        var account = await TestAccount.CreateAsync(App, plan: "pro");
        var other = await TestAccount.CreateAsync(App, plan: "pro");
        using var client = App.CreateClient();
        var now = App.Clock.GetUtcNow();
        // 61 s → 2, 30 s → 1, 120 s → 2; the call of October is outside the current period (November).
        await Post(client, account, TestEvents.Call(now.AddHours(-1), 61), TestEvents.Call(now.AddDays(-2), 30),
            TestEvents.Call(now.AddDays(-3), 120), TestEvents.Call(now.AddDays(-25), 600));
        await Post(client, other, TestEvents.Call(now.AddHours(-1), 3000));
        (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();

        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        var body = await client.GetFromJsonAsync<JsonElement>(path);
        VendorSchemas.Vocode.AssertValid(body);
        Assert.Equal(account.Id, body.GetProperty("user_id").GetString());
        Assert.Equal("developer", body.GetProperty("plan_type").GetString());
        Assert.Equal(5, body.GetProperty("monthly_usage_minutes").GetInt32());
        Assert.Equal(500, body.GetProperty("monthly_usage_limit_minutes").GetInt32());
    }

    [Fact]
    public async Task PlanTypeFollowsThePlan()
    {
        var account = await TestAccount.CreateAsync(App, plan: "enterprise");
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        var body = await client.GetFromJsonAsync<JsonElement>("/vocode/v1/usage/");
        Assert.Equal("enterprise", body.GetProperty("plan_type").GetString());
        Assert.Equal(0, body.GetProperty("monthly_usage_minutes").GetInt32());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Forbidden, "Not authenticated")]
    [InlineData("ufk_nosuchkey_abc", HttpStatusCode.Unauthorized, "Invalid authentication credentials")]
    [InlineData("write", HttpStatusCode.Unauthorized, "Invalid authentication credentials")]
    public async Task AuthenticationFailuresAnswerFastApiDetails(string? key, HttpStatusCode status, string detail)
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", key == "write" ? account.WriteKey : key);
        var response = await client.GetAsync("/vocode/v1/usage/");
        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        VendorSchemas.VocodeError.AssertValid(body);
        Assert.Equal(detail, body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz", "Invalid authentication credentials")]
    [InlineData("Token ufk_nosuchkey_abc", "Invalid authentication credentials")]
    [InlineData("Basic", "Not authenticated")]
    [InlineData("Bearer", "Not authenticated")]
    public async Task AnAuthorizationHeaderThatIsNotABearerTokenIsForbiddenAsFastApiSays(string header, string detail)
    {
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        var response = await client.GetAsync("/vocode/v1/usage/");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        VendorSchemas.VocodeError.AssertValid(body);
        Assert.Equal(detail, body.GetProperty("detail").GetString());
    }

    private static async Task Post(HttpClient client, TestAccount account, params System.Text.Json.Nodes.JsonNode[] events) =>
        (await client.SendAsync(account.KeyedPost(TestEvents.Batch(events)))).EnsureSuccessStatusCode();
}
