using Microsoft.Extensions.Options;
using UsageFunctions.App.Functions;
using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Events;

namespace UsageFunctions.App.Retention;

/// <summary>Deletes raw events past retention, account by account. Aggregates live in other tables and are never touched.</summary>
public static class RetentionTimer
{
    public static TimerFunction Function { get; } = new("RetentionTimer", "Timers__Retention", "0 17 3 * * *", RunAsync);

    public static async Task<string> RunAsync(IServiceProvider services, TimerInfo timer, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<RetentionOptions>>().Value;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var events = services.GetRequiredService<IEventStore>();
        var cutoff = now - TimeSpan.FromDays(options.RawEventDays);
        var purged = 0;
        var accounts = await services.GetRequiredService<IAccountStore>().ListAsync(cancellationToken);
        foreach (var account in accounts)
            purged += await events.PurgeBeforeAsync(account.Id, cutoff, cancellationToken);
        var markers = await services.GetRequiredService<IChangedHours>()
            .PurgeBeforeAsync(now - TimeSpan.FromDays(options.ChangeMarkerDays), cancellationToken);
        return $"Purged {purged} raw events before {cutoff:O} across {accounts.Count} accounts and {markers} change markers.";
    }
}
