using UsageFunctions.Tests.Infrastructure;
using static UsageFunctions.Tests.Vendors.VendorTestKit;

namespace UsageFunctions.Tests.Vendors;

public sealed class BillingPeriodTests : AppTest
{
    private const string Url = "/billing/api/billing/usage";
    [Fact]
    public async Task CurrentPeriodFollowsTheAnchorDayInTheAccountsTimeZone()
    {
        var account = await TestAccount.CreateAsync(App, "developer", "America/New_York", anchorDay: 15);
        var now = App.Clock.GetUtcNow();
        await PostAndRollUpAsync(App, account,
            Quantity("usage.api.request", new DateTimeOffset(2026, 11, 15, 4, 30, 0, TimeSpan.Zero), "count", 7),
            Quantity("usage.api.request", new DateTimeOffset(2026, 11, 15, 5, 30, 0, TimeSpan.Zero), "count", 11),
            Quantity("usage.api.request", now.AddHours(-1), "count", 13));

        var (status, body) = await GetAsync(App, Url + "?metrics=apiCalls", r => r.Headers.Authorization = new("Bearer", account.ReadKey));

        Assert.Equal(200, status);
        VendorSchemas.For("billing-usage.json").AssertValid(body);
        var data = body.GetProperty("data");
        // Local midnight of Nov 15 in New York is 05:00Z; the 04:30Z requests belong to the previous period.
        Assert.Equal("2026-11-15T05:00:00Z", data.GetProperty("period").GetProperty("start").GetString());
        Assert.Equal("2026-12-15T04:59:59Z", data.GetProperty("period").GetProperty("end").GetString());
        Assert.Equal(24m, data.GetProperty("metrics").GetProperty("apiCalls").GetProperty("used").GetDecimal());
        Assert.Equal(0.05m, data.GetProperty("metrics").GetProperty("apiCalls").GetProperty("percentage").GetDecimal());
        Assert.Equal(9m, data.GetProperty("estimatedCost").GetProperty("total").GetDecimal());
    }
}
