using UsageFunctions.Domain.Alerts;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Plans;

namespace UsageFunctions.App.Alerts;

/// <summary>Checks a rule request against the meters, the account's plan and its endpoints; the errors are per field.</summary>
public static class AlertRuleValidation
{
    public const int MaxFilterValueLength = 256;

    public static Dictionary<string, string[]> Check(AlertRuleRequest request, MeterCatalog meters, Plan? plan,
        IReadOnlyCollection<string> endpointIds)
    {
        var errors = new Dictionary<string, string[]>();
        var meter = request.Meter is { } key ? meters.Find(key) : null;
        if (meter is null) errors["meter"] = ["One of: " + string.Join(", ", meters.All.Select(m => m.Key)) + "."];
        if ((request.Value is null) == (request.PercentOfIncluded is null))
            errors["value"] = ["Give exactly one of 'value' and 'percentOfIncluded'."];
        else if (request.Value is <= 0 or > 1_000_000_000_000m) errors["value"] = ["A number above 0 and at most 10^12."];
        else if (request.PercentOfIncluded is <= 0 or > 100_000m) errors["percentOfIncluded"] = ["A percentage above 0 and at most 100000."];
        else if (request.PercentOfIncluded is not null && meter is not null && (plan is null || IncludedAmounts.For(plan, meter.Key) is not > 0))
            errors["percentOfIncluded"] = [$"The account's plan includes no amount of '{meter.Key}'; use 'value'."];
        if (AlertWindows.Parse(request.Window) is null) errors["window"] = ["One of: billingPeriod, calendarMonth, calendarDay."];
        if (request.Filter is { } filter && meter is not null)
        {
            if (filter.Dimension is null || !meter.Dimensions.ContainsKey(filter.Dimension))
                errors["filter.dimension"] = [meter.Dimensions.Count == 0
                    ? $"The meter '{meter.Key}' has no dimensions."
                    : "One of: " + string.Join(", ", meter.Dimensions.Keys) + "."];
            if (string.IsNullOrEmpty(filter.Value) || filter.Value.Length > MaxFilterValueLength)
                errors["filter.value"] = [$"The dimension value to watch, 1 to {MaxFilterValueLength} characters."];
        }
        var endpoints = request.Endpoints ?? [];
        if (endpoints.Count > AlertRule.MaxEndpoints || endpoints.Distinct(StringComparer.Ordinal).Count() != endpoints.Count)
            errors["endpoints"] = [$"At most {AlertRule.MaxEndpoints} distinct endpoint ids."];
        else if (endpoints.FirstOrDefault(e => !endpointIds.Contains(e)) is { } unknown)
            errors["endpoints"] = [$"No endpoint '{unknown}' on this account."];
        return errors;
    }

    public static AlertRule ToRule(string id, AlertRuleRequest request, DateTimeOffset createdAt) => new(
        id, request.Meter!, request.Value, request.PercentOfIncluded, AlertWindows.Parse(request.Window)!.Value,
        request.Filter?.Dimension, request.Filter?.Value, request.Endpoints ?? [], request.Enabled ?? true, createdAt);

    public static AlertRuleResponse ToResponse(AlertRule rule, Plan? plan) => new(
        rule.Id, rule.Meter, rule.Value, rule.PercentOfIncluded, rule.ThresholdFor(plan is null ? null : IncludedAmounts.For(plan, rule.Meter)),
        AlertWindows.Name(rule.Window), rule.FilterDimension is null ? null : new AlertFilterBody(rule.FilterDimension, rule.FilterValue),
        rule.EndpointIds, rule.Enabled, rule.CreatedAt);
}
