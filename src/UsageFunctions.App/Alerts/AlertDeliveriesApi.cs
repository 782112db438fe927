using UsageFunctions.Domain.Accounts;
using UsageFunctions.Domain.Alerts;
using UsageFunctions.Storage.Alerts;

namespace UsageFunctions.App.Alerts;

/// <summary>An endpoint's delivery log, a manual retry of a failed message, and a test event.</summary>
public static class AlertDeliveriesApi
{
    public const int MaxListed = 100;

    /// <summary>The newest deliveries first, at most <see cref="MaxListed"/>; <c>status</c> narrows them.</summary>
    public static async Task<IResult> ListAsync(string accountId, string endpointId, string status, AlertServices s, CancellationToken cancellationToken)
    {
        if (status.Length > 0 && status is not (DeliveryStatus.Pending or DeliveryStatus.Delivered or DeliveryStatus.Failed))
            return AlertProblems.Invalid("status", "One of: pending, delivered, failed.");
        if (await AlertEndpointsApi.FindAsync(accountId, endpointId, s, cancellationToken) is null) return AlertProblems.NotFound("Endpoint", endpointId);
        var rows = await s.Outbox.ListDeliveriesAsync(accountId, endpointId, cancellationToken);
        return TypedResults.Ok(rows.Where(r => status.Length == 0 || r.Status == status)
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.MessageId, StringComparer.Ordinal).Take(MaxListed).Select(ToResponse).ToList());
    }

    /// <summary>Puts a failed delivery back on a fresh schedule, starting now.</summary>
    public static async Task<IResult> RetryAsync(string accountId, string endpointId, string messageId, AlertServices s,
        CancellationToken cancellationToken)
    {
        var delivery = AccountIds.IsValidId(endpointId) && AccountIds.IsValidId(messageId)
            ? await s.Outbox.FindDeliveryAsync(accountId, AlertDueKeys.DeliveryRow(endpointId, messageId), cancellationToken)
            : null;
        if (delivery is null) return AlertProblems.NotFound("Delivery", messageId);
        if (delivery.Status != DeliveryStatus.Failed)
            return AlertProblems.Conflict("Delivery not failed", $"Only a failed delivery can be retried; this one is {delivery.Status}.");
        var now = s.Clock.GetUtcNow();
        delivery.Hint = await s.Outbox.AddHintAsync(accountId, endpointId, messageId, now, cancellationToken);
        delivery.Status = DeliveryStatus.Pending;
        delivery.ScheduleStart = now;
        delivery.NextAttempt = now;
        delivery.FailuresInSchedule = 0;
        if (!await s.Outbox.TryReplaceAsync(delivery, cancellationToken))
            return AlertProblems.Conflict("Delivery changed", "The delivery changed while it was being retried; read it again.");
        return TypedResults.Accepted($"deliveries/{messageId}", ToResponse(delivery));
    }

    /// <summary>Queues a <c>usage.alert.test</c> event to the endpoint, delivered like any alert.</summary>
    public static async Task<IResult> SendTestAsync(string accountId, string endpointId, AlertServices s, CancellationToken cancellationToken)
    {
        if (await AlertEndpointsApi.FindAsync(accountId, endpointId, s, cancellationToken) is null) return AlertProblems.NotFound("Endpoint", endpointId);
        var now = s.Clock.GetUtcNow();
        var id = "test_" + AccountIds.RandomToken(20);
        await s.Outbox.EnqueueAsync(accountId, new OutboxMessage(id, AlertMessage.TestType, AlertMessage.Test(id, accountId, endpointId, now), [endpointId]),
            now, cancellationToken);
        var delivery = await s.Outbox.FindDeliveryAsync(accountId, AlertDueKeys.DeliveryRow(endpointId, id), cancellationToken);
        return TypedResults.Accepted($"deliveries/{id}", ToResponse(delivery!));
    }

    public static AlertDeliveryResponse ToResponse(AlertDeliveryEntity d) => new(
        d.MessageId, d.Type, d.Status, d.Attempts, d.CreatedAt, d.LastAttempt, d.LastStatusCode, d.LastError,
        d.Status == DeliveryStatus.Pending ? d.NextAttempt : null, d.DeliveredAt);
}
