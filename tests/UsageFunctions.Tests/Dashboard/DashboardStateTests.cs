using System.Net;
using Microsoft.Playwright;
using UsageFunctions.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace UsageFunctions.Tests.Dashboard;

/// <summary>What the dashboard says when there is nothing to show or it cannot show anything, and how it lays out and is driven.</summary>
public sealed class DashboardStateTests(Chromium chromium, DashboardWorld world) : IClassFixture<Chromium>, IClassFixture<DashboardWorld>
{
    [Fact]
    public async Task PageAndScriptsAreServedWithoutAKeyAndWithAStrictContentSecurityPolicy()
    {
        using var client = world.App.CreateClient();
        var page = await client.GetAsync("/dashboard");
        var script = await client.GetAsync("/dashboard/main.js");
        var missing = await client.GetAsync("/dashboard/secrets.json");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task ABadKeyShowsThatTheKeyWasRefusedAndNoFigures()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, world.App);
        await dashboard.ShowUsageAsync("uf_not_a_real_key", "This key was not accepted (401");

        await Expect(dashboard.Page.Locator("#report")).ToBeHiddenAsync();
        await Expect(dashboard.Page.Locator("#status")).ToHaveAttributeAsync("data-error", "auth");
        await dashboard.ScreenshotAsync("bad-key");
    }

    [Fact]
    public async Task AKeyWithoutUsageReadIsRefusedToo()
    {
        using var admin = world.App.CreateAdminClient();
        var writeOnly = await TestAccount.IssueKeyAsync(admin, world.Account.Id, "events:write");
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, world.App);
        await dashboard.ShowUsageAsync(writeOnly, "This key was not accepted");
        await Expect(dashboard.Page.Locator("#report")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task StorageOutageShowsThatStorageIsUnavailable()
    {
        using var proxy = new StorageProxy(AzuriteServer.ConnectionString);
        using var app = new UsageAppFactory(proxy.ConnectionString);
        var account = await TestAccount.CreateAsync(app);
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, app);
        proxy.Cut();

        await dashboard.ShowUsageAsync(account.ReadKey, "Usage storage is unavailable right now");
        await Expect(dashboard.Page.Locator("#status")).ToHaveAttributeAsync("data-error", "storage");
        await Expect(dashboard.Page.Locator("#status")).ToContainTextAsync("Try again in 5 s.");
        await dashboard.ScreenshotAsync("storage-unavailable");
    }

    [Fact]
    public async Task AnAccountWithoutUsageSaysSoInEachSection()
    {
        var empty = await TestAccount.CreateAsync(world.App);
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, world.App);
        await dashboard.ShowUsageAsync(empty.ReadKey);

        await Expect(dashboard.Page.Locator("#period-message")).ToHaveTextAsync("No usage recorded in this billing period yet.");
        await Expect(dashboard.Page.Locator("#usage-message")).ToHaveTextAsync("No calls over the last 30 days.");
        await Expect(dashboard.Page.Locator("#by-agent-message")).ToHaveTextAsync("No calls in this range.");
        await Expect(dashboard.Page.Locator("#calls-message")).ToContainTextAsync("No calls match these filters");
        await dashboard.ScreenshotAsync("empty");
    }

    [Fact]
    public async Task WhileTheApisAnswerThePageSaysItIsLoading()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, world.App);
        var release = new TaskCompletionSource();
        await dashboard.Page.RouteAsync("**/billing/api/billing/usage", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await dashboard.Page.GetByLabel("usage:read key").FillAsync(world.Account.ReadKey);
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Show usage" }).ClickAsync();

        await dashboard.StatusIsAsync("Loading usage…");
        await Expect(dashboard.Page.Locator("#period")).ToHaveAttributeAsync("aria-busy", "true");
        release.SetResult();
        await dashboard.StatusIsAsync("Usage loaded.");
        await Expect(dashboard.Page.Locator("#period")).Not.ToHaveAttributeAsync("aria-busy", "true");
    }

    [Fact]
    public async Task At375PixelsWideNothingOverflowsSideways()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, world.App, width: 375, height: 812);
        await dashboard.ShowUsageAsync(world.Account.ReadKey);

        var overflow = await dashboard.Page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow} px wider than the 375 px viewport.");
        await dashboard.ScreenshotAsync("mobile");
    }

    [Fact]
    public async Task TheKeyIsEnteredByKeyboardKeptInSessionStorageAndNeverPutInTheUrl()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, world.App);
        var page = dashboard.Page;
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("usage:read key")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(world.Account.ReadKey);
        await page.Keyboard.PressAsync("Enter");
        await dashboard.StatusIsAsync("Usage loaded.");

        Assert.DoesNotContain(world.Account.ReadKey, page.Url, StringComparison.Ordinal);
        Assert.Equal(world.Account.ReadKey, await page.EvaluateAsync<string>("sessionStorage.getItem('usageFunctions.readKey')"));
        Assert.Equal("", await page.GetByLabel("usage:read key").InputValueAsync());
        var unlabelled = await page.EvaluateAsync<int>("[...document.querySelectorAll('input, select')].filter(e => e.labels.length === 0).length");
        Assert.Equal(0, unlabelled);

        await page.ReloadAsync();
        await dashboard.StatusIsAsync("Usage loaded.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Forget key" }).ClickAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('usageFunctions.readKey')"));
        await Expect(page.Locator("#report")).ToBeHiddenAsync();
    }
}
