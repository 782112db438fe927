using Microsoft.Extensions.Options;
using UsageFunctions.Domain.Alerts;
using UsageFunctions.Storage.Alerts;
using UsageFunctions.Storage.Telemetry;

namespace UsageFunctions.App.Alerts;

/// <summary>
/// Delivers what is due: for each due marker, claims its delivery (an ETag-guarded write pushing its next attempt past the
/// attempt timeout, so two instances never send the same attempt), sends it, and records the outcome. A crash after the
/// claim leaves the marker in place, and the delivery is tried again once the claim runs out.
/// </summary>
public sealed class AlertDispatcher(TableAlertOutbox outbox, TableAlertStore store, AlertSender sender, TimeProvider clock,
    IOptions<AlertsOptions> options, UsageMetrics metrics, ILogger<AlertDispatcher> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var due = await outbox.DueAsync(clock.GetUtcNow(), settings.DeliveriesPerRun, cancellationToken);
        var attempted = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken },
            async (hint, token) =>
            {
                if (await ProcessAsync(hint, token)) Interlocked.Increment(ref attempted);
            });
        return attempted;
    }

    private async Task<bool> ProcessAsync(AlertDueEntity hint, CancellationToken cancellationToken)
    {
        var delivery = await outbox.FindDeliveryAsync(hint.AccountId, hint.DeliveryRow, cancellationToken);
        if (delivery is null || delivery.Status != DeliveryStatus.Pending || delivery.Hint != hint.PartitionKey)
        {
            await outbox.DeleteHintAsync(hint, cancellationToken);
            return false;
        }
        var now = clock.GetUtcNow();
        if (delivery.NextAttempt > now) return false;
        delivery.NextAttempt = now + TimeSpan.FromSeconds(options.Value.AttemptTimeoutSeconds) + TimeSpan.FromMinutes(1);
        if (!await outbox.TryReplaceAsync(delivery, cancellationToken)) return false;

        var endpoint = await store.FindEndpointAsync(hint.AccountId, delivery.EndpointId, cancellationToken);
        var outcome = endpoint is null ? new AttemptOutcome(false, false, null, "The endpoint was deleted.")
            : !endpoint.Enabled ? new AttemptOutcome(false, false, null, "The endpoint is disabled: " + endpoint.DisabledReason)
            : await sender.SendAsync(endpoint, delivery.MessageId, delivery.Body, cancellationToken);
        now = clock.GetUtcNow();
        if (endpoint is { Enabled: true }) delivery.Attempts++;
        delivery.LastAttempt = now;
        delivery.LastStatusCode = outcome.StatusCode;
        delivery.LastError = outcome.Error;
        var next = outcome.Delivered || outcome.Gone || endpoint is not { Enabled: true } ? null
            : RetrySchedule.Next(++delivery.FailuresInSchedule, delivery.ScheduleStart, now, Random.Shared.NextDouble());
        delivery.Status = outcome.Delivered ? DeliveryStatus.Delivered : next is null ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        delivery.DeliveredAt = outcome.Delivered ? now : null;
        delivery.NextAttempt = next;
        if (next is { } at) delivery.Hint = await outbox.AddHintAsync(hint.AccountId, delivery.EndpointId, delivery.MessageId, at, cancellationToken);
        if (outcome.Gone && endpoint is not null)
        {
            await store.SaveEndpointAsync(hint.AccountId, endpoint with { Enabled = false, DisabledReason = $"Answered 410 Gone at {now:O}." },
                cancellationToken);
            logger.LogWarning("Alert endpoint {Endpoint} of {Account} answered 410 Gone; disabled", endpoint.Id, hint.AccountId);
        }
        if (await outbox.TryReplaceAsync(delivery, cancellationToken) && (next is null || delivery.Hint != hint.PartitionKey))
            await outbox.DeleteHintAsync(hint, cancellationToken);
        metrics.AlertDelivery(outcome.Delivered ? "delivered" : next is null ? "abandoned" : "failed");
        logger.LogInformation("Alert {Message} to {Endpoint} of {Account}: {Status} after {Attempts} attempts ({Error})",
            delivery.MessageId, delivery.EndpointId, hint.AccountId, delivery.Status, delivery.Attempts, outcome.Error);
        return true;
    }
}
