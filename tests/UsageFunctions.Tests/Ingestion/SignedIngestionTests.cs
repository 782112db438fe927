using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Domain.Webhooks;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Ingestion;

public sealed class SignedIngestionTests : AppTest
{
    private DateTimeOffset Now => App.Clock.GetUtcNow();

    [Fact]
    public async Task ValidSignatureIsAccepted()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var response = await client.SendAsync(account.SignedPost(TestEvents.Batch(TestEvents.Message(Now)), Now));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task ExpiredSignatureIsRefused()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var response = await client.SendAsync(account.SignedPost(TestEvents.Batch(TestEvents.Message(Now)), Now.AddMinutes(-6)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Signature expired", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task TamperedBodyIsRefused()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var request = account.SignedPost(TestEvents.Batch(TestEvents.Message(Now, "a")), Now);
        request.Content = new StringContent(TestEvents.Batch(TestEvents.Message(Now, "b")), System.Text.Encoding.UTF8, "application/cloudevents-batch+json");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task SignatureForAnotherAccountIsRefused()
    {
        var first = await TestAccount.CreateAsync(App);
        var second = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var signedWithFirst = (second with { Secret = first.Secret }).SignedPost(TestEvents.Batch(TestEvents.Message(Now)), Now);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(signedWithFirst)).StatusCode);
    }

    [Fact]
    public async Task RotationKeepsTheOldSecretValidForItsGraceAndThenNot()
    {
        var account = await TestAccount.CreateAsync(App);
        using var admin = App.CreateAdminClient();
        var rotated = await admin.PostAsync($"/api/manage/accounts/{account.Id}/webhook-secrets?graceHours=1", null);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        Assert.StartsWith(StandardWebhookSignature.SecretPrefix, newSecret);

        using var client = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.SignedPost(TestEvents.Batch(TestEvents.Message(Now)), Now))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.SignedPost(TestEvents.Batch(TestEvents.Message(Now)), Now, newSecret))).StatusCode);

        App.Clock.Advance(TimeSpan.FromMinutes(61));
        var later = App.Clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(account.SignedPost(TestEvents.Batch(TestEvents.Message(later)), later))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.SignedPost(TestEvents.Batch(TestEvents.Message(later)), later, newSecret))).StatusCode);
    }

    [Fact]
    public async Task UnsignedRequestWithoutKeyIsRefused()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var request = account.KeyedPost(TestEvents.Batch(TestEvents.Message(Now)));
        request.Headers.Authorization = null;
        request.RequestUri = new Uri($"/api/accounts/{account.Id}/events", UriKind.Relative);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task KeyOfAnotherAccountCannotPostForThisOne()
    {
        var first = await TestAccount.CreateAsync(App);
        var second = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var request = first.KeyedPost(TestEvents.Batch(TestEvents.Message(Now)));
        request.RequestUri = new Uri($"/api/accounts/{second.Id}/events", UriKind.Relative);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
    }
}
