using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Storage.Tables;
using UsageFunctions.Tests.Infrastructure;
using static UsageFunctions.Tests.Vendors.VendorTestKit;

namespace UsageFunctions.Tests.Vendors;

public sealed class BillingUsageApiTests : AppTest
{
    private const string Url = "/billing/api/billing/usage";
    private static Action<HttpRequestMessage> Bearer(string key) => r => r.Headers.Authorization = new("Bearer", key);

    private async Task<TestAccount> AccountWithUsageAsync()
    {
        var account = await TestAccount.CreateAsync(App, "pro");
        var now = App.Clock.GetUtcNow();
        await PostAndRollUpAsync(App, account,
            Quantity("usage.api.request", now.AddDays(-3), "count", 70_000),
            Quantity("usage.api.request", now.AddHours(-2), "count", 50_000),
            Quantity("usage.api.request", new DateTimeOffset(2026, 10, 25, 8, 0, 0, TimeSpan.Zero), "count", 999),
            Quantity("usage.bandwidth.used", now.AddDays(-1), "bytes", 1_500_000_000),
            Quantity("usage.storage.level", now.AddDays(-5), "gigabytes", 40),
            Quantity("usage.storage.level", now.AddDays(-1), "gigabytes", 67.5),
            Quantity("usage.seats.level", now.AddDays(-5), "seats", 7),
            Quantity("usage.seats.level", now.AddDays(-1), "seats", 12),
            Quantity("usage.email.sent", now.AddDays(-1), "count", 3),
            Quantity("usage.webhook.event.processed", now.AddDays(-1), "count", 5));
        return account;
    }

    [Fact]
    public async Task CurrentPeriodReportsUsageOverageCostAndProjectionAgainstThePlan()
    {
        var account = await AccountWithUsageAsync();
        var (status, body) = await GetAsync(App, Url, Bearer(account.ReadKey));

        Assert.Equal(200, status);
        VendorSchemas.For("billing-usage.json").AssertValid(body);
        var data = body.GetProperty("data");
        Assert.Equal("2026-11-01T00:00:00Z", data.GetProperty("period").GetProperty("start").GetString());
        Assert.Equal("2026-11-30T23:59:59Z", data.GetProperty("period").GetProperty("end").GetString());
        var api = data.GetProperty("metrics").GetProperty("apiCalls");
        Assert.Equal((100_000m, 120_000m, 20_000m, 120m), (api.GetProperty("included").GetDecimal(), api.GetProperty("used").GetDecimal(),
            api.GetProperty("overage").GetDecimal(), api.GetProperty("percentage").GetDecimal()));
        var metrics = data.GetProperty("metrics");
        Assert.Equal(1.5m, metrics.GetProperty("bandwidth").GetProperty("used").GetDecimal());
        Assert.Equal(67.5m, metrics.GetProperty("storage").GetProperty("used").GetDecimal());
        Assert.Equal(67.5m, metrics.GetProperty("storage").GetProperty("percentage").GetDecimal());
        Assert.Equal(2m, metrics.GetProperty("seats").GetProperty("overage").GetDecimal());
        Assert.Equal(3m, metrics.GetProperty("emails").GetProperty("used").GetDecimal());
        Assert.Equal(5m, metrics.GetProperty("webhooks").GetProperty("used").GetDecimal());
        // 20,000 requests × $0.0001 + 2 seats × $7 on top of the $29 base.
        var cost = data.GetProperty("estimatedCost");
        Assert.Equal((29m, 16m, 45m, "usd"), (cost.GetProperty("base").GetDecimal(), cost.GetProperty("overage").GetDecimal(),
            cost.GetProperty("total").GetDecimal(), cost.GetProperty("currency").GetString()));
        // 19.5 of 30 days have passed: flow metrics grow by 30/19.5, levels stay.
        var projected = data.GetProperty("projectedUsage");
        Assert.Equal(184_615.3846m, projected.GetProperty("apiCalls").GetProperty("projected").GetDecimal());
        Assert.Equal(184.62m, projected.GetProperty("apiCalls").GetProperty("percentage").GetDecimal());
        Assert.Equal(2.3077m, projected.GetProperty("bandwidth").GetProperty("projected").GetDecimal());
        Assert.Equal(12m, projected.GetProperty("seats").GetProperty("projected").GetDecimal());
    }

    [Fact]
    public async Task CustomRangeEchoesItsBoundsAndCountsOnlyItsEvents()
    {
        var account = await AccountWithUsageAsync();
        var (status, body) = await GetAsync(App, Url + "?startDate=2026-10-01&endDate=2026-10-31", Bearer(account.ReadKey));

        Assert.Equal(200, status);
        VendorSchemas.For("billing-usage.json").AssertValid(body);
        var data = body.GetProperty("data");
        Assert.Equal("2026-10-01T00:00:00Z", data.GetProperty("period").GetProperty("start").GetString());
        Assert.Equal("2026-10-31T23:59:59Z", data.GetProperty("period").GetProperty("end").GetString());
        Assert.Equal(999m, data.GetProperty("metrics").GetProperty("apiCalls").GetProperty("used").GetDecimal());
        Assert.Equal(999m, data.GetProperty("projectedUsage").GetProperty("apiCalls").GetProperty("projected").GetDecimal());
        Assert.Equal(29m, data.GetProperty("estimatedCost").GetProperty("total").GetDecimal());
    }

    [Theory]
    [InlineData("api_calls,storage")]
    [InlineData("apiCalls, storage")]
    public async Task MetricsParameterKeepsOnlyTheNamedMetrics(string metrics)
    {
        var account = await AccountWithUsageAsync();
        var (_, body) = await GetAsync(App, Url + "?metrics=" + metrics, Bearer(account.ReadKey));

        VendorSchemas.For("billing-usage.json").AssertValid(body);
        var data = body.GetProperty("data");
        Assert.Equal(["apiCalls", "storage"], data.GetProperty("metrics").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["apiCalls", "storage"], data.GetProperty("projectedUsage").EnumerateObject().Select(p => p.Name));
        // The seats' overage is billed although seats are not shown.
        Assert.Equal(16m, data.GetProperty("estimatedCost").GetProperty("overage").GetDecimal());
    }

    [Fact]
    public async Task AskingForFewerMetricsLeavesTheEstimatedCostAndTheStorageRequestsAsTheyAre()
    {
        var account = await AccountWithUsageAsync();
        var counter = App.Services.GetRequiredService<StorageRequestCounter>();
        await GetAsync(App, Url, Bearer(account.ReadKey));

        var before = counter.Snapshot().Requests;
        var (_, all) = await GetAsync(App, Url, Bearer(account.ReadKey));
        var between = counter.Snapshot().Requests;
        var (_, one) = await GetAsync(App, Url + "?metrics=api_calls", Bearer(account.ReadKey));
        var after = counter.Snapshot().Requests;

        Assert.Equal(all.GetProperty("data").GetProperty("estimatedCost").ToString(),
            one.GetProperty("data").GetProperty("estimatedCost").ToString());
        Assert.Equal(["apiCalls"], one.GetProperty("data").GetProperty("metrics").EnumerateObject().Select(p => p.Name));
        Assert.Equal(between - before, after - between);
    }

    [Theory]
    [InlineData("?startDate=2026-11-10&endDate=2026-11-01")]
    [InlineData("?startDate=2026-11-10T00:00:00Z&endDate=2026-11-09T23:59:59Z")]
    [InlineData("?startDate=yesterday")]
    [InlineData("?endDate=2026-02-30")]
    [InlineData("?startDate=2024-01-01&endDate=2024-01-31")]
    [InlineData("?startDate=2026-01-01&endDate=2099-01-01")]
    [InlineData("?metrics=apiCalls,minutes")]
    public async Task InvalidRangesDatesAndMetricsAreBadRequests(string query)
    {
        var account = await TestAccount.CreateAsync(App);
        var (status, body) = await GetAsync(App, Url + query, Bearer(account.ReadKey));

        Assert.Equal(400, status);
        VendorSchemas.For("billing-error.json").AssertValid(body);
        Assert.Equal("BAD_REQUEST", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ReversedRangeSaysStartDateMustBeBeforeEndDate()
    {
        var account = await TestAccount.CreateAsync(App);
        var (_, body) = await GetAsync(App, Url + "?startDate=2026-11-10&endDate=2026-11-01", Bearer(account.ReadKey));

        Assert.Equal("Invalid date range: startDate must be before endDate", body.GetProperty("error").GetProperty("message").GetString());
    }
}
