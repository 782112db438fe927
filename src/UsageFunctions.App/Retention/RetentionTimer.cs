using Microsoft.Extensions.Options;
using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Alerts;
using UsageFunctions.Storage.Calls;
using UsageFunctions.Storage.Events;

namespace UsageFunctions.App.Retention;

/// <summary>
/// Deletes raw events past retention, account by account, and the call digests of the same days (they answer what the
/// raw events answer); fired alert markers and finished deliveries past theirs; change markers. Aggregates are never
/// touched.
/// </summary>
public sealed class RetentionTimer(
    IOptions<RetentionOptions> options, TimeProvider clock, IEventStore events, CallDigestPurge digests, IAccountStore accounts,
    IChangedHours changes, TableAlertOutbox alerts, ILogger<RetentionTimer> logger)
{
    [Function("RetentionTimer")]
    public async Task Run([TimerTrigger("%Timers__Retention%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - TimeSpan.FromDays(options.Value.RawEventDays);
        var purged = 0;
        var all = await accounts.ListAsync(cancellationToken);
        var markerCutoff = now - TimeSpan.FromDays(options.Value.ChangeMarkerDays);
        var alertCutoff = now - TimeSpan.FromDays(options.Value.AlertDays);
        var markers = 0;
        var alertRows = 0;
        foreach (var account in all)
        {
            purged += await events.PurgeBeforeAsync(account.Id, cutoff, cancellationToken);
            await digests.PurgeBeforeAsync(account.Id, cutoff, cancellationToken);
            markers += await changes.PurgeAccountBeforeAsync(account.Id, markerCutoff, cancellationToken);
            alertRows += await alerts.PurgeBeforeAsync(account.Id, alertCutoff, cancellationToken);
        }
        markers += await changes.PurgeBeforeAsync(markerCutoff, cancellationToken);
        logger.LogInformation("Purged {Events} raw events before {Cutoff} across {Accounts} accounts, {Markers} change markers and {Alerts} alert rows",
            purged, cutoff, all.Count, markers, alertRows);
    }
}
