using UsageFunctions.Tests.Infrastructure;
using static UsageFunctions.Tests.Vendors.VendorTestKit;

namespace UsageFunctions.Tests.Vendors;

public sealed class UltravoxRequestRulesTests : AppTest
{
    private const string CallsUrl = "/ultravox/api/accounts/me/usage/calls";
    private const string AgentsUrl = "/ultravox/api/agents/usage";
    private static Action<HttpRequestMessage> ApiKey(string key) => r => r.Headers.Add("X-API-Key", key);

    [Theory]
    [InlineData("durationMin=5", "durationMin")]
    [InlineData("durationMin=-5s", "durationMin")]
    [InlineData("durationMax=1m", "durationMax")]
    [InlineData("durationMin=100s&durationMax=10s", "durationMax")]
    [InlineData("fromDate=yesterday", "fromDate")]
    [InlineData("toDate=2026-02-30", "toDate")]
    [InlineData("fromDate=2026-11-19&toDate=2026-11-18", "toDate")]
    [InlineData("timeOfDayStart=25:00:00", "timeOfDayStart")]
    [InlineData("timeOfDayEnd=noon", "timeOfDayEnd")]
    [InlineData("search=%20", "search")]
    [InlineData("agentIds=", "agentIds")]
    [InlineData("voiceId=%20%20", "voiceId")]
    [InlineData("metadata.=x", "metadata")]
    [InlineData("fromDate=2025-06-01&durationMin=1s", "fromDate")]
    [InlineData("fromDate=2024-06-01", "fromDate")]
    public async Task BadFiltersAnswerFieldErrors(string query, string field)
    {
        var account = await TestAccount.CreateAsync(App);
        foreach (var url in new[] { CallsUrl, AgentsUrl })
        {
            var (status, body) = await GetAsync(App, url + "?" + query, ApiKey(account.ReadKey));
            Assert.Equal(400, status);
            VendorSchemas.For("drf-field-errors.json").AssertValid(body);
            Assert.True(body.TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0, body.GetRawText());
        }
    }

    [Fact]
    public async Task AnEmptyOptionalFilterMeansNotGivenAsDjangoRestReadsAQueryString()
    {
        var account = await TestAccount.CreateAsync(App);
        const string empty = "voiceId=&search=&durationMin=&durationMax=&fromDate=&toDate=&timeOfDayStart=&timeOfDayEnd=";
        foreach (var url in new[] { CallsUrl, AgentsUrl })
        {
            var (status, body) = await GetAsync(App, url + "?" + empty, ApiKey(account.ReadKey));
            var (_, unfiltered) = await GetAsync(App, url, ApiKey(account.ReadKey));
            Assert.Equal(200, status);
            Assert.Equal(unfiltered.GetRawText(), body.GetRawText());
        }
    }

    [Fact]
    public async Task MissingInvalidRevokedAndWrongScopeKeysAreForbiddenWithDjangoDetails()
    {
        var account = await TestAccount.CreateAsync(App);
        var revoked = await RevokedReadKeyAsync(App, account);
        (Action<HttpRequestMessage>? Auth, string Detail)[] attempts =
        [
            (null, "Authentication credentials were not provided."),
            (r => r.Headers.Authorization = new("Bearer", account.ReadKey), "Authentication credentials were not provided."),
            (ApiKey("ufk_bad_key"), "Incorrect authentication credentials."),
            (ApiKey(revoked), "Incorrect authentication credentials."),
            (ApiKey(account.WriteKey), "You do not have permission to perform this action."),
        ];
        foreach (var url in new[] { CallsUrl, AgentsUrl })
        {
            foreach (var (auth, detail) in attempts)
            {
                var (status, body) = await GetAsync(App, url, auth);
                Assert.Equal(403, status);
                VendorSchemas.For("drf-detail.json").AssertValid(body);
                Assert.Equal(detail, body.GetProperty("detail").GetString());
            }
        }
    }
}
