using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Storage.Usage;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Rollups;

/// <summary>
/// Hours are answered from the parts of their day's rows (the day partition) instead of the hour partitions, and days
/// rolled up before rows had parts are still answered exactly, from their hour partitions.
/// </summary>
public sealed class DayRowPartsTests : AppTest
{
    [Fact]
    public async Task AnHourlySeriesIsReadFromTheDayPartitionAndEqualsTheHoursCalls()
    {
        var policy = new StorageRequestPolicy();
        using var counted = StorageRequestPolicy.Instance(App, policy);
        var (account, expected, from, to) = await RolledUpHistoryAsync();

        var before = policy.Sent.Count;
        var series = await counted.Services.GetRequiredService<IUsageQuery>()
            .SeriesAsync(account.Id, "calls", SeriesGrain.Hour, TimeZoneInfo.Utc, from, to, CancellationToken.None);

        Assert.Equal(expected, series.Select(p => p.Value));
        var sent = policy.Sent.Skip(before).ToList();
        Assert.Contains(sent, r => r.Contains("~d~", StringComparison.Ordinal));
        Assert.DoesNotContain(sent, r => r.Contains("~h~", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DaysRolledUpBeforeRowsHadPartsAreAnsweredFromTheirHourPartitions()
    {
        var (account, expected, from, to) = await RolledUpHistoryAsync();
        var table = new TableServiceClient(App.ConnectionString).GetTableClient(App.TablePrefix + "Aggregates");
        var stripped = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
                           $"PartitionKey ge {account.Id + "~d~"} and PartitionKey lt {account.Id + "~d~~"} and RowKey lt {"~"}")))
        {
            Assert.True(row.Remove("Parts"), "Every day row has parts.");
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
            stripped++;
        }
        Assert.True(stripped > 0);

        var series = await App.Services.GetRequiredService<IUsageQuery>()
            .SeriesAsync(account.Id, "calls", SeriesGrain.Hour, TimeZoneInfo.Utc, from, to, CancellationToken.None);

        Assert.Equal(expected, series.Select(p => p.Value));
    }

    /// <summary>Calls in some hours of yesterday and today, rolled up: the account, the calls per hour, the window.</summary>
    private async Task<(TestAccount Account, double[] PerHour, DateTimeOffset From, DateTimeOffset To)> RolledUpHistoryAsync()
    {
        var account = await TestAccount.CreateAsync(App);
        var now = App.Clock.GetUtcNow();
        var from = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero).AddDays(-1);
        var to = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var hours = (int)(to - from).TotalHours;
        var perHour = Enumerable.Range(0, hours).Select(h => (double)(h % 3 == 0 ? 0 : h % 5 + 1)).ToArray();
        var calls = perHour.SelectMany((count, h) => Enumerable.Range(0, (int)count)
            .Select(i => TestEvents.Call(from.AddHours(h).AddMinutes(5 + i * 7), 30 + i))).ToArray();
        using var client = App.CreateClient();
        foreach (var chunk in calls.Chunk(100)) (await client.SendAsync(account.KeyedPost(TestEvents.Batch(chunk)))).EnsureSuccessStatusCode();
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
        return (account, perHour, from, to);
    }
}
