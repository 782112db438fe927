using System.Globalization;
using Microsoft.Playwright;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Dashboard;

/// <summary>The dashboard open in a browser tab whose clock is the app's, with helpers that read what it shows.</summary>
public sealed class DashboardPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page => page;

    public static async Task<DashboardPage> OpenAsync(IBrowser browser, UsageAppFactory app, int width = 1280, int height = 900)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = app.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height }, AcceptDownloads = true,
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        // The page computes its ranges from the browser's clock; the app runs on the test's clock.
        await page.Clock.SetFixedTimeAsync(app.Clock.GetUtcNow().UtcDateTime);
        await page.GotoAsync("/dashboard");
        return new DashboardPage(context, page);
    }

    public async Task ShowUsageAsync(string key, string expectedStatus = "Usage loaded.")
    {
        await page.GetByLabel("usage:read key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show usage" }).ClickAsync();
        await StatusIsAsync(expectedStatus);
    }

    public async Task StatusIsAsync(string text) =>
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync(text, new() { Timeout = 60_000 });

    // Text content, not inner text: a table in a closed <details> is on the page (and in its CSV) but not rendered.
    /// <summary>A number as the page writes it ("120,000", "12.5 %", "$2.00"), read back.</summary>
    public static decimal Number(string text) =>
        decimal.Parse(text.Replace("%", "", StringComparison.Ordinal).Replace("$", "", StringComparison.Ordinal).Trim(),
            NumberStyles.Number, CultureInfo.InvariantCulture);

    public async Task<decimal> CellAsync(string selector) => Number(await page.Locator(selector).TextContentAsync() ?? "");

    public async Task<IReadOnlyList<string[]>> RowsAsync(string tableId) =>
        (await page.Locator($"#{tableId} tr").AllAsync()) is var rows
            ? await Task.WhenAll(rows.Select(async r => (await r.Locator("th, td").AllTextContentsAsync()).Select(t => t.Trim()).ToArray()))
            : [];

    /// <summary>A full-page screenshot under the test output's <c>artifacts/dashboard</c> folder.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
