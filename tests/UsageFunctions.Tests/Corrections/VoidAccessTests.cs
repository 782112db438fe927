using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;
using static UsageFunctions.Tests.Corrections.VoidRequests;

namespace UsageFunctions.Tests.Corrections;

/// <summary>Who may void: the account's events:write key, the admin key, or the account's webhook signature; no one else.</summary>
public sealed class VoidAccessTests : AppTest
{
    private DateTimeOffset Now => App.Clock.GetUtcNow();

    [Fact]
    public async Task AnotherTenantsKeyFindsNothingToVoidAndReadKeysMayNotVoid()
    {
        var account = await TestAccount.CreateAsync(App);
        var other = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(Now.AddMinutes(-5), "m-1"))));
        var item = new { source = "/tests", id = "m-1", reason = "not mine" };

        Assert.Equal(["not_found"], await StatusesAsync(await client.SendAsync(Keyed(other.WriteKey, item))));
        Assert.Equal(HttpStatusCode.Forbidden,
            (await client.SendAsync(Keyed(other.WriteKey, item, $"/api/accounts/{account.Id}/events/void"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Keyed(account.ReadKey, item))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Keyed("ufk_nope_nope", item))).StatusCode);
        Assert.Single(await ListedAsync(App, account, "includeVoided=false"));
    }

    [Fact]
    public async Task SignedAndAdminVoidsNameWhoVoided()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(Now.AddMinutes(-5), "m-1"), TestEvents.Message(Now.AddMinutes(-5), "m-2"))));

        var signed = account.SignedPost("{\"source\":\"/tests\",\"id\":\"m-1\",\"reason\":\"signed\"}", Now, contentType: "application/json", webhookId: "msg_v1");
        signed.RequestUri = new Uri($"/api/accounts/{account.Id}/events/void", UriKind.Relative);
        var bySignature = await (await client.SendAsync(signed)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("webhook:msg_v1", bySignature.GetProperty("results")[0].GetProperty("voidedBy").GetString());

        var forged = account.SignedPost("{\"source\":\"/tests\",\"id\":\"m-2\",\"reason\":\"forged\"}", Now, secret: "whsec_" + Convert.ToBase64String(new byte[24]),
            contentType: "application/json");
        forged.RequestUri = new Uri($"/api/accounts/{account.Id}/events/void", UriKind.Relative);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(forged)).StatusCode);

        using var admin = App.CreateAdminClient();
        var byAdmin = await admin.PostAsJsonAsync($"/api/accounts/{account.Id}/events/void", new { source = "/tests", id = "m-2", reason = "support ticket" });
        Assert.Equal("admin", (await byAdmin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("voidedBy").GetString());
        Assert.Empty(await ListedAsync(App, account, "includeVoided=false"));
    }
}
