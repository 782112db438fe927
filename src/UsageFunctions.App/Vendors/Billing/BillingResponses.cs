namespace UsageFunctions.App.Vendors.Billing;

public sealed record BillingUsageResponse(bool Success, BillingUsageData Data);

public sealed record BillingUsageData(
    BillingPeriodDto Period,
    IReadOnlyDictionary<string, BillingMetricDto> Metrics,
    BillingCostDto EstimatedCost,
    IReadOnlyDictionary<string, BillingProjectionDto> ProjectedUsage);

/// <summary>Start and end as ISO 8601 UTC seconds; <c>end</c> is the last second of the period (inclusive).</summary>
public sealed record BillingPeriodDto(string Start, string End);

public sealed record BillingMetricDto(string Name, string Unit, decimal Included, decimal Used, decimal Overage, decimal Percentage);

public sealed record BillingCostDto(decimal Base, decimal Overage, decimal Total, string Currency);

public sealed record BillingProjectionDto(decimal Projected, decimal Percentage);

public sealed record BillingErrorResponse(bool Success, BillingError Error)
{
    public static BillingErrorResponse Of(string code, string message) => new(false, new BillingError(code, message));
}

public sealed record BillingError(string Code, string Message);
