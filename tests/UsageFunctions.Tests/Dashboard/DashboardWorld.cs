using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Vendors;
using static UsageFunctions.Tests.Vendors.VendorTestKit;

namespace UsageFunctions.Tests.Dashboard;

/// <summary>
/// One app with one account in New York whose history the dashboard tests only read: the five Ultravox test calls (two
/// agents, two voices, four end reasons, over six days), API requests past the pro plan's 100,000 and some emails.
/// </summary>
public sealed class DashboardWorld : IAsyncLifetime
{
    public UsageAppFactory App { get; } = new();

    public TestAccount Account { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Account = await TestAccount.CreateAsync(App, timeZone: "America/New_York");
        await RegisterAgentAsync(App, Account, "agent_a", "Support Bot");
        var now = App.Clock.GetUtcNow();
        await PostAndRollUpAsync(App, Account, [.. UltravoxCalls.All(),
            Quantity("usage.api.request", now.AddDays(-3), "count", 70_000),
            Quantity("usage.api.request", now.AddHours(-2), "count", 50_500),
            Quantity("usage.email.sent", now.AddDays(-10), "count", 1_234)]);
    }

    public HttpClient ReadClient(string? bearer = null)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", bearer ?? Account.ReadKey);
        return client;
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}
