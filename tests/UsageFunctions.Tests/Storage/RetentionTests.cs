using System.Net;
using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Domain.Events;
using UsageFunctions.Storage.Events;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Storage;

public sealed class RetentionTests : IDisposable
{
    private readonly UsageAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task RetentionTimerPurgesOnlyRawEventsPastRetention()
    {
        var account = await TestAccount.CreateAsync(_app);
        var store = _app.Services.GetRequiredService<IEventStore>();
        var now = _app.Clock.GetUtcNow();
        var old = now.AddDays(-400);
        var kept = now.AddDays(-390);
        await store.AppendAsync(account.Id, [Message(old, "old-1"), Message(old.AddHours(5), "old-2"), Message(kept, "kept")], CancellationToken.None);

        var response = await _app.RunTimerAsync("RetentionTimer");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var left = new List<string>();
        await foreach (var e in store.ReadRangeAsync(account.Id, now.AddDays(-500), now, CancellationToken.None)) left.Add(e.Event.Id);
        Assert.Equal(["kept"], left);
    }

    private static UsageEvent Message(DateTimeOffset time, string id) =>
        CloudEventReader.Read(TestEvents.Element(TestEvents.Message(time, id)), time).Event!;
}
