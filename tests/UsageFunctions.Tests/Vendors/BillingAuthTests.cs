using UsageFunctions.Tests.Infrastructure;
using static UsageFunctions.Tests.Vendors.VendorTestKit;

namespace UsageFunctions.Tests.Vendors;

public sealed class BillingAuthTests : AppTest
{
    private const string Url = "/billing/api/billing/usage";
    private static Action<HttpRequestMessage> Bearer(string key) => r => r.Headers.Authorization = new("Bearer", key);

    [Fact]
    public async Task MissingInvalidRevokedAndApiKeyHeaderCredentialsAreUnauthorized()
    {
        var account = await TestAccount.CreateAsync(App);
        var revoked = await RevokedReadKeyAsync(App, account);
        Action<HttpRequestMessage>?[] attempts =
        [
            null, Bearer("ufk_bad_key"), Bearer(revoked), Bearer(account.ReadKey[..^2] + "xx"),
            r => r.Headers.Add("X-API-Key", account.ReadKey),
        ];
        foreach (var attempt in attempts)
        {
            var (status, body) = await GetAsync(App, Url, attempt);
            Assert.Equal(401, status);
            VendorSchemas.For("billing-error.json").AssertValid(body);
            Assert.Equal("Authentication required", body.GetProperty("error").GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task KeyWithoutUsageReadScopeIsUnauthorizedAndSaysWhy()
    {
        var account = await TestAccount.CreateAsync(App);
        var (status, body) = await GetAsync(App, Url, Bearer(account.WriteKey));

        Assert.Equal(401, status);
        VendorSchemas.For("billing-error.json").AssertValid(body);
        Assert.Equal("UNAUTHORIZED", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("usage:read", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherAccountsUsageNeverShows()
    {
        var busy = await TestAccount.CreateAsync(App);
        await PostAndRollUpAsync(App, busy, Quantity("usage.api.request", App.Clock.GetUtcNow().AddHours(-1), "count", 500_000),
            Quantity("usage.seats.level", App.Clock.GetUtcNow().AddHours(-1), "seats", 50));
        var quiet = await TestAccount.CreateAsync(App);
        var (_, body) = await GetAsync(App, Url, Bearer(quiet.ReadKey));

        var metrics = body.GetProperty("data").GetProperty("metrics");
        Assert.All(metrics.EnumerateObject(), m => Assert.Equal(0m, m.Value.GetProperty("used").GetDecimal()));
        Assert.Equal(29m, body.GetProperty("data").GetProperty("estimatedCost").GetProperty("total").GetDecimal());
    }
}
