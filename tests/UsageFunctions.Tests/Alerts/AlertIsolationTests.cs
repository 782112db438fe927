using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace UsageFunctions.Tests.Alerts;

public sealed class AlertIsolationTests : AlertTest
{
    [Fact]
    public async Task RulesEndpointsAndLogsOfOneAccountAreInvisibleToAnother()
    {
        var (_, myKey) = await CreateAccountAsync();
        var (other, theirKey) = await CreateAccountAsync();
        using var receiver = new WebhookReceiver();
        using var mine = Client(myKey);
        using var theirs = Client(theirKey);
        {
            var endpoint = await (await theirs.PostAsJsonAsync("/api/alerts/endpoints", new { url = receiver.Url }))
                .Content.ReadFromJsonAsync<JsonElement>();
            var endpointId = endpoint.GetProperty("id").GetString();
            var rule = await (await theirs.PostAsJsonAsync("/api/alerts/rules", new { meter = "calls", value = 5, endpoints = new[] { endpointId } }))
                .Content.ReadFromJsonAsync<JsonElement>();
            var ruleId = rule.GetProperty("id").GetString();

            Assert.Empty((await mine.GetFromJsonAsync<JsonElement>("/api/alerts/rules")).EnumerateArray());
            Assert.Empty((await mine.GetFromJsonAsync<JsonElement>("/api/alerts/endpoints")).EnumerateArray());
            Assert.Equal(HttpStatusCode.NotFound, (await mine.GetAsync($"/api/alerts/rules/{ruleId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await mine.GetAsync($"/api/alerts/endpoints/{endpointId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await mine.GetAsync($"/api/alerts/endpoints/{endpointId}/deliveries")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await mine.PostAsync($"/api/alerts/endpoints/{endpointId}/test", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await mine.PostAsync($"/api/alerts/endpoints/{endpointId}/secret", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await mine.DeleteAsync($"/api/alerts/rules/{ruleId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await mine.DeleteAsync($"/api/alerts/endpoints/{endpointId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await mine.PutAsJsonAsync($"/api/alerts/rules/{ruleId}", new { meter = "calls", value = 1 })).StatusCode);
            // Naming another account's endpoint in a rule is a validation error, not a link.
            var linked = await mine.PostAsJsonAsync("/api/alerts/rules", new { meter = "calls", value = 5, endpoints = new[] { endpointId } });
            Assert.Equal(HttpStatusCode.BadRequest, linked.StatusCode);

            Assert.Single((await theirs.GetFromJsonAsync<JsonElement>("/api/alerts/rules")).EnumerateArray());
            Assert.Equal(HttpStatusCode.Accepted, (await theirs.PostAsync($"/api/alerts/endpoints/{endpointId}/test", null)).StatusCode);
            Assert.Single((await theirs.GetFromJsonAsync<JsonElement>($"/api/alerts/endpoints/{endpointId}/deliveries")).EnumerateArray());
            var id = (await DeliveriesAsync(theirKey, endpointId!))[0].GetProperty("id").GetString();
            Assert.Equal(HttpStatusCode.NotFound, (await mine.PostAsync($"/api/alerts/endpoints/{endpointId}/deliveries/{id}/retry", null)).StatusCode);
            using var admin = App.CreateAdminClient();
            var managed = await admin.GetFromJsonAsync<JsonElement>($"/api/manage/accounts/{other.Id}/alerts/rules");
            Assert.Equal(ruleId, Assert.Single(managed.EnumerateArray()).GetProperty("id").GetString());

            // One rule or endpoint reads as the list shows it, to its owner and to the management API; never the secret.
            var listedRule = Assert.Single((await theirs.GetFromJsonAsync<JsonElement>("/api/alerts/rules")).EnumerateArray()).GetRawText();
            var listedEndpoint = Assert.Single((await theirs.GetFromJsonAsync<JsonElement>("/api/alerts/endpoints")).EnumerateArray()).GetRawText();
            Assert.Equal(listedRule, (await theirs.GetFromJsonAsync<JsonElement>($"/api/alerts/rules/{ruleId}")).GetRawText());
            Assert.Equal(listedRule, (await admin.GetFromJsonAsync<JsonElement>($"/api/manage/accounts/{other.Id}/alerts/rules/{ruleId}")).GetRawText());
            var single = await theirs.GetFromJsonAsync<JsonElement>($"/api/alerts/endpoints/{endpointId}");
            Assert.Equal(listedEndpoint, single.GetRawText());
            Assert.Equal(listedEndpoint, (await admin.GetFromJsonAsync<JsonElement>($"/api/manage/accounts/{other.Id}/alerts/endpoints/{endpointId}")).GetRawText());
            Assert.True(!single.TryGetProperty("secret", out var secret) || secret.ValueKind == JsonValueKind.Null, single.GetRawText());
            Assert.Equal(HttpStatusCode.NotFound, (await theirs.GetAsync("/api/alerts/rules/ar_missing")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/manage/accounts/{other.Id}/alerts/endpoints/ep_missing")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/manage/accounts/acct_missing/alerts/rules/{ruleId}")).StatusCode);
        }
    }
}
