using System.Globalization;
using UsageFunctions.Domain.Alerts;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Plans;
using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Alerts;
using UsageFunctions.Storage.Telemetry;
using UsageFunctions.Storage.Events;

namespace UsageFunctions.App.Alerts;

/// <summary>
/// Runs after a roll-up over the accounts it touched: for every enabled rule, the window containing now and every window
/// a changed hour falls in (late events), reads the figure from the aggregates and fires when it has reached the
/// threshold and the (rule, window) has not fired yet. Firing is one outbox transaction guarded by an insert-once
/// marker, so concurrent roll-ups and instances fire a crossing once.
/// </summary>
public sealed class AlertEvaluator(TableAlertStore store, TableAlertOutbox outbox, AlertFigures figures, IAccountStore accounts,
    PlanCatalog plans, MeterCatalog meters, TimeProvider clock, UsageMetrics metrics, ILogger<AlertEvaluator> logger)
{
    public async Task<int> EvaluateAsync(IEnumerable<ChangedHour> changed, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var fired = 0;
        foreach (var account in changed.GroupBy(c => c.AccountId, StringComparer.Ordinal))
            fired += await EvaluateAccountAsync(account.Key, [.. account.Select(c => c.Hour).Distinct()], asOf, cancellationToken);
        return fired;
    }

    public async Task<int> EvaluateAccountAsync(string accountId, IReadOnlyCollection<DateTimeOffset> hours, DateTimeOffset asOf,
        CancellationToken cancellationToken)
    {
        var rules = (await store.ListRulesAsync(accountId, cancellationToken)).Where(r => r.Enabled && meters.Find(r.Meter) is not null).ToList();
        if (rules.Count == 0 || await accounts.FindAsync(accountId, cancellationToken) is not { } account) return 0;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone);
        var plan = plans.Find(account.Plan);
        var now = clock.GetUtcNow();
        var instants = hours.SelectMany(h => new[] { h, h.AddHours(1).AddTicks(-1) }).Append(now).ToList();
        var checks = rules.SelectMany(rule => instants
            .Select(instant => AlertWindows.Containing(rule.Window, instant, account.BillingAnchorDay, zone)).Distinct()
            .Select(window => (Rule: rule, Window: window)));
        var fired = 0;
        var endpoints = new Lazy<Task<List<AlertEndpoint>>>(() => store.ListEndpointsAsync(accountId, cancellationToken));
        foreach (var window in checks.GroupBy(c => c.Window))
        {
            var cells = await figures.ReadAsync(accountId, window.Key.Start, window.Key.End, window.Select(c => c.Rule.Meter), cancellationToken);
            foreach (var (rule, _) in window)
            {
                if (await FireIfCrossedAsync(accountId, rule, plan, cells, window.Key, endpoints, asOf, cancellationToken)) fired++;
            }
        }
        return fired;
    }

    private async Task<bool> FireIfCrossedAsync(string accountId, AlertRule rule, Plan? plan, CellSet cells,
        (DateTimeOffset Start, DateTimeOffset End) window, Lazy<Task<List<AlertEndpoint>>> endpoints, DateTimeOffset asOf,
        CancellationToken cancellationToken)
    {
        var meter = meters.Find(rule.Meter)!;
        if (rule.ThresholdFor(plan is null ? null : IncludedAmounts.For(plan, meter.Key)) is not { } threshold) return false;
        var filter = rule.FilterValue is null ? null : new HashSet<string>(StringComparer.Ordinal) { rule.FilterValue };
        var figure = MeterReading.Read(cells, meter, null, rule.FilterDimension, filter).Total;
        if (figure < threshold || await outbox.HasFiredAsync(accountId, rule.Id, window.Start, cancellationToken)) return false;
        var now = clock.GetUtcNow();
        var id = AlertMessage.IdFor(accountId, rule.Id, window.Start);
        var body = AlertMessage.Triggered(id, accountId, rule, threshold, figure, window.Start, window.End, asOf, now);
        var existing = await endpoints.Value;
        var targets = rule.EndpointIds.Where(e => existing.Any(x => x.Id == e)).ToList();
        var message = new OutboxMessage(id, AlertMessage.TriggeredType, body, targets);
        if (!await outbox.FireAsync(accountId, rule.Id, window.Start, figure.ToString(CultureInfo.InvariantCulture), message, now, cancellationToken))
            return false;
        metrics.AlertFired();
        logger.LogInformation("Alert rule {Rule} of {Account} fired at {Figure} (threshold {Threshold}) for the window from {Start}",
            rule.Id, accountId, figure, threshold, window.Start);
        return true;
    }
}
