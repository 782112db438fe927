using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace UsageFunctions.Tests.Dashboard;

/// <summary>The dashboard in headless chromium against the real app: what it shows equals what the public APIs answer.</summary>
public sealed class DashboardTests(Chromium chromium, DashboardWorld world) : IClassFixture<Chromium>, IClassFixture<DashboardWorld>
{
    [Fact]
    public async Task PeriodTableShowsTheBillingApisNumbersAndTheFreshness()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, world.App);
        await dashboard.ShowUsageAsync(world.Account.ReadKey);
        using var client = world.ReadClient();
        var billing = (await client.GetFromJsonAsync<JsonElement>("/billing/api/billing/usage")).GetProperty("data");

        foreach (var metric in billing.GetProperty("metrics").EnumerateObject())
            foreach (var field in new[] { "used", "included", "overage", "percentage" })
                Assert.Equal(metric.Value.GetProperty(field).GetDecimal(),
                    await dashboard.CellAsync($"#period-table tr[data-metric='{metric.Name}'] [data-field='{field}']"));
        Assert.Equal(20_500m, await dashboard.CellAsync("#period-table tr[data-metric='apiCalls'] [data-field='overage']"));
        var cost = billing.GetProperty("estimatedCost");
        Assert.Equal(cost.GetProperty("total").GetDecimal(), await dashboard.CellAsync("#cost-table [data-field='total']"));
        Assert.Equal(cost.GetProperty("overage").GetDecimal(), await dashboard.CellAsync("#cost-table [data-field='overage']"));

        var period = await client.GetFromJsonAsync<JsonElement>("/api/usage/period");
        foreach (var meter in period.GetProperty("meters").EnumerateObject())
            Assert.Equal(meter.Value.GetDecimal(), await dashboard.CellAsync($"#meters-table tr[data-meter='{meter.Name}'] [data-field='value']"));
        var asOf = await dashboard.Page.Locator("#as-of time").GetAttributeAsync("datetime");
        Assert.Equal(period.GetProperty("asOf").GetDateTimeOffset(), DateTimeOffset.Parse(asOf!, System.Globalization.CultureInfo.InvariantCulture));
        await dashboard.Page.Locator("#period details summary").ClickAsync();
        await dashboard.ScreenshotAsync("period");
    }

    [Theory]
    [InlineData("call_seconds", "day", "7d", "Asia/Kolkata", 7)]
    [InlineData("calls", "day", "30d", "", 30)]
    [InlineData("calls", "month", "12m", "UTC", 365)]
    public async Task ChartBarsAreTheSeriesOfTheChosenMeterGrainRangeAndZone(string meter, string grain, string range, string zone, int days)
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, world.App);
        await dashboard.ShowUsageAsync(world.Account.ReadKey);
        await dashboard.Page.GetByLabel("Meter").SelectOptionAsync(meter);
        await dashboard.Page.GetByLabel("Grain").SelectOptionAsync(grain);
        await dashboard.Page.GetByLabel("Range").SelectOptionAsync(range);
        await dashboard.Page.GetByLabel("Time zone").SelectOptionAsync(zone);
        // Each change reloads; the caption names what the chart shows once the last reload has drawn it.
        var rangeName = await dashboard.Page.Locator("#range option:checked").TextContentAsync();
        await Expect(dashboard.Page.Locator("#chart-caption")).ToContainTextAsync(
            $"per {grain} over the {rangeName!.ToLowerInvariant()}, {(zone == "" ? "the account's zone" : zone)}:");

        var to = world.App.Clock.GetUtcNow();
        var from = range.EndsWith('m') ? to.AddMonths(-int.Parse(range[..^1], System.Globalization.CultureInfo.InvariantCulture)) : to.AddDays(-days);
        using var client = world.ReadClient();
        var series = (await client.GetFromJsonAsync<JsonElement>(
            $"/api/usage?meter={meter}&grain={grain}&tz={zone}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}"))
            .GetProperty("series").EnumerateArray().Select(p => (p.GetProperty("start").GetDateTimeOffset(), p.GetProperty("value").GetDecimal())).ToList();
        var bars = await dashboard.Page.Locator("#chart rect.bar").EvaluateAllAsync<string[][]>(
            "bars => bars.map(b => [b.dataset.start, b.dataset.value])");

        Assert.NotEmpty(series);
        Assert.Contains(series, p => p.Item2 > 0);
        Assert.Equal(series, bars.Select(b => (DateTimeOffset.Parse(b[0], System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(b[1], System.Globalization.CultureInfo.InvariantCulture))));
        var rows = await dashboard.RowsAsync("series-table");
        Assert.Equal(series.Select(p => p.Item2), rows.Skip(1).Select(r => DashboardPage.Number(r[1])));
        // Each point is labelled with its local day or month in the chosen zone (the account's is New York).
        var local = TimeZoneInfo.FindSystemTimeZoneById(zone == "" ? "America/New_York" : zone);
        Assert.Equal(series.Select(p => TimeZoneInfo.ConvertTime(p.Item1, local).ToString(grain == "month" ? "yyyy-MM" : "yyyy-MM-dd",
            System.Globalization.CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[0]));
        await dashboard.ScreenshotAsync($"chart-{meter}-{grain}-{range}");
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("voice")]
    [InlineData("endReason")]
    [InlineData("phoneNumber")]
    public async Task BreakdownTablesEqualTheApisGroupedTotals(string dimension)
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, world.App);
        await dashboard.ShowUsageAsync(world.Account.ReadKey);
        using var client = world.ReadClient();
        var to = world.App.Clock.GetUtcNow();
        var usage = await client.GetFromJsonAsync<JsonElement>(
            $"/api/usage?meter=calls&groupBy={dimension}&from={Uri.EscapeDataString(to.AddDays(-30).ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");
        var expected = usage.GetProperty("byDimension").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal());

        var rows = await dashboard.RowsAsync($"by-{dimension}");
        var shown = rows.Skip(1).SkipLast(1).ToDictionary(r => r[0], r => DashboardPage.Number(r[1]));
        Assert.Equal(expected.OrderBy(p => p.Key), shown.OrderBy(p => p.Key));
        Assert.Equal(5m, DashboardPage.Number(rows[^1][1]));
    }

    [Fact]
    public async Task AnAgentFilterNarrowsTheCallsTableToThatAgentsCalls()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, world.App);
        await dashboard.ShowUsageAsync(world.Account.ReadKey);
        var all = await dashboard.RowsAsync("calls-table");
        Assert.Equal(5m, DashboardPage.Number(all[^1][1]));

        await dashboard.Page.GetByLabel("Agent ids (comma separated)").FillAsync("agent_b");
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(dashboard.Page.Locator("#calls-table tr")).ToHaveCountAsync(3);

        using var client = world.App.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", world.Account.ReadKey);
        var api = await client.GetFromJsonAsync<JsonElement>("/ultravox/api/accounts/me/usage/calls?agentIds=agent_b");
        var day = Assert.Single(api.GetProperty("daily").EnumerateArray(), d => d.GetProperty("totalCount").GetInt32() > 0);
        var rows = await dashboard.RowsAsync("calls-table");
        Assert.Equal([day.GetProperty("date").GetString()!, "1", "1", "1", day.GetProperty("duration").GetString()!, "0"], rows[1]);
        await dashboard.ScreenshotAsync("calls-filtered");

        await dashboard.Page.GetByLabel("Minimum duration").FillAsync("ten seconds");
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(dashboard.Page.Locator("#calls-message")).ToContainTextAsync("These filters were refused: durationMin:");
    }

    [Fact]
    public async Task CsvDownloadHoldsExactlyTheRowsOnScreen()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, world.App);
        await dashboard.ShowUsageAsync(world.Account.ReadKey);
        var download = await dashboard.Page.RunAndWaitForDownloadAsync(() =>
            dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Download plan metrics (CSV)" }).ClickAsync());
        var path = await download.PathAsync();
        var lines = (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).ToList();

        var rows = await dashboard.RowsAsync("period-table");
        Assert.Equal("period-table.csv", download.SuggestedFilename);
        Assert.Equal(rows.Select(r => string.Join(',', r.Select(c => c.Contains(',', StringComparison.Ordinal) ? $"\"{c}\"" : c))), lines);
        Assert.Contains(lines, l => l.StartsWith("API Calls,\"120,500\",\"100,000\",\"20,500\"", StringComparison.Ordinal));
    }
}
