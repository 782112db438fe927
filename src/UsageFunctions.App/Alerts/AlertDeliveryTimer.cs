namespace UsageFunctions.App.Alerts;

/// <summary>Delivers due alert messages from the outbox: every 10 seconds by default, so the first retry (5 s) is on time.</summary>
public sealed class AlertDeliveryTimer(AlertDispatcher dispatcher, ILogger<AlertDeliveryTimer> logger)
{
    [Function("AlertDeliveryTimer")]
    public async Task Run([TimerTrigger("%Timers__AlertDelivery%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var attempted = await dispatcher.RunAsync(cancellationToken);
        if (attempted > 0) logger.LogInformation("Attempted {Deliveries} alert deliveries (past due: {PastDue})", attempted, timer.IsPastDue);
    }
}
