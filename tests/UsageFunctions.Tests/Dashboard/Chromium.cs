using Microsoft.Playwright;

namespace UsageFunctions.Tests.Dashboard;

/// <summary>
/// Debian's chromium (<c>/usr/bin/chromium</c>, or <c>CHROMIUM_PATH</c>) driven by Playwright's bundled driver: one
/// headless browser per test class, a fresh context per page.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        // A loaded machine (two cores, the app and Azurite in the same run) can take longer than Playwright's 5 s default.
        Assertions.SetDefaultExpectTimeout(60_000);
        _playwright = await Playwright.CreateAsync();
        // Root in a container has no user namespaces for chromium's sandbox; the page under test is our own.
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
