using UsageFunctions.Domain.Accounts;
using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Vendors;

namespace UsageFunctions.Tests.RateLimits;

public sealed class RateLimitTests : AppTest
{
    private UsageAppFactory Limited(int permitsPerMinute, int burst) => App.WithSettings(new Dictionary<string, string>
    {
        ["RateLimits__PermitsPerMinute"] = permitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits__Burst"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [Fact]
    public async Task EverySurfaceAnswersASpentKey429InItsOwnShapeWithRetryAfter()
    {
        using var app = Limited(permitsPerMinute: 1, burst: 1);
        var account = await TestAccount.CreateAsync(app);
        // A key's budget is one for every surface: one call spends it.
        Assert.Equal(200, (await RateLimitedCall.Vocode.SendAsync(app, account.ReadKey)).Status);
        Assert.Equal(200, (await RateLimitedCall.Ingestion.SendAsync(app, account.WriteKey)).Status);

        var vocode = await Throttled(app, RateLimitedCall.Vocode, account.ReadKey);
        VendorSchemas.VocodeError.AssertValid(vocode.Body);
        Assert.Equal("Too Many Requests", vocode.Body.GetProperty("detail").GetString());

        var agentPhone = await Throttled(app, RateLimitedCall.AgentPhone, account.ReadKey);
        VendorSchemas.AgentPhoneError.AssertValid(agentPhone.Body);
        Assert.Equal("RATE_LIMIT_EXCEEDED", agentPhone.Body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("rate_limit_error", agentPhone.Body.GetProperty("error").GetProperty("type").GetString());

        var ultravox = await Throttled(app, RateLimitedCall.Ultravox, account.ReadKey);
        VendorSchemas.For("drf-detail.json").AssertValid(ultravox.Body);
        Assert.Equal($"Request was throttled. Expected available in {ultravox.RetryAfter} seconds.", ultravox.Body.GetProperty("detail").GetString());

        var billing = await Throttled(app, RateLimitedCall.Billing, account.ReadKey);
        VendorSchemas.For("billing-error.json").AssertValid(billing.Body);
        Assert.Equal("RATE_LIMITED", billing.Body.GetProperty("error").GetProperty("code").GetString());

        foreach (var (call, key) in new[] { (RateLimitedCall.UsageApi, account.ReadKey), (RateLimitedCall.Ingestion, account.WriteKey) })
        {
            var problem = await Throttled(app, call, key);
            Assert.Equal("application/problem+json", problem.MediaType);
            Assert.Equal(429, problem.Body.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task AnotherKeyOfTheSameAccountKeepsItsOwnBudget()
    {
        using var app = Limited(permitsPerMinute: 1, burst: 2);
        var account = await TestAccount.CreateAsync(app);
        using var admin = app.CreateAdminClient();
        var second = await TestAccount.IssueKeyAsync(admin, account.Id, "usage:read");
        await SpendAsync(app, RateLimitedCall.AgentPhone, account.ReadKey);

        Assert.Equal(429, (await RateLimitedCall.AgentPhone.SendAsync(app, account.ReadKey)).Status);
        Assert.Equal(200, (await RateLimitedCall.AgentPhone.SendAsync(app, second)).Status);
    }

    [Fact]
    public async Task ASpentBudgetRefillsByTheTimeRetryAfterSays()
    {
        using var app = Limited(permitsPerMinute: 60, burst: 1);
        var account = await TestAccount.CreateAsync(app);
        var throttled = await SpendAsync(app, RateLimitedCall.Billing, account.ReadKey);
        Assert.Equal(1, throttled.RetryAfter);

        // The buckets are refilled in steps of a tenth of a second, so a client that waits as told may be that late.
        await Task.Delay(TimeSpan.FromSeconds(throttled.RetryAfter) + TimeSpan.FromMilliseconds(200));
        Assert.Equal(200, (await RateLimitedCall.Billing.SendAsync(app, account.ReadKey)).Status);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public async Task ZeroTurnsRateLimitsOff(int permitsPerMinute, int burst)
    {
        using var app = Limited(permitsPerMinute, burst);
        var account = await TestAccount.CreateAsync(app);
        for (var i = 0; i < 5; i++) Assert.Equal(200, (await RateLimitedCall.UsageApi.SendAsync(app, account.ReadKey)).Status);
    }

    [Fact]
    public async Task KeysThatAreNotGenuineCannotSpendAGenuineKeysBudget()
    {
        using var app = Limited(permitsPerMinute: 1, burst: 1);
        var account = await TestAccount.CreateAsync(app);
        var forged = ApiKey.Compose(ApiKey.KeyIdOf(account.ReadKey)!, "not-the-secret");
        var revoked = await VendorTestKit.RevokedReadKeyAsync(app, account);
        foreach (var key in new[] { forged, forged, revoked, revoked, "ufk_nosuchkey_abc", "garbage" })
            Assert.Equal(401, (await RateLimitedCall.AgentPhone.SendAsync(app, key)).Status);

        Assert.Equal(200, (await RateLimitedCall.AgentPhone.SendAsync(app, account.ReadKey)).Status);
    }

    /// <summary>Calls until the key is throttled, and returns the 429.</summary>
    private static async Task<RateLimitedCall.Answer> SpendAsync(UsageAppFactory app, RateLimitedCall call, string key)
    {
        for (var i = 0; i < 10; i++)
            if (await call.SendAsync(app, key) is { Status: 429 } answer) return answer;
        throw new Xunit.Sdk.XunitException($"{call.Surface} never throttled the key");
    }

    private static async Task<RateLimitedCall.Answer> Throttled(UsageAppFactory app, RateLimitedCall call, string key)
    {
        var answer = await call.SendAsync(app, key);
        Assert.True(answer.Status == 429, $"{call.Surface} answered {answer.Status}");
        Assert.InRange(answer.RetryAfter, 1, 60);
        return answer;
    }
}
