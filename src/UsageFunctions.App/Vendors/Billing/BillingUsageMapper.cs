using System.Globalization;
using UsageFunctions.Domain.Plans;

namespace UsageFunctions.App.Vendors.Billing;

/// <summary>Turns metric amounts and a plan into the billing API's response: overage, percentages, cost and projection.</summary>
public static class BillingUsageMapper
{
    public static BillingUsageResponse ToResponse(DateTimeOffset from, DateTimeOffset to, decimal elapsed,
        IReadOnlyDictionary<BillingMetric, decimal> used, Plan plan)
    {
        var metrics = new Dictionary<string, BillingMetricDto>();
        var projections = new Dictionary<string, BillingProjectionDto>();
        var overageCost = 0m;
        foreach (var (metric, amount) in used)
        {
            var allowance = plan.Allowances.GetValueOrDefault(metric.Id) ?? new Allowance();
            var usedAmount = BillingRounding.Amount(amount);
            var overage = Math.Max(0m, usedAmount - allowance.Included);
            overageCost += overage * allowance.OveragePrice;
            metrics[metric.Id] = new BillingMetricDto(metric.Name, metric.Unit, allowance.Included, usedAmount, overage,
                Percent(usedAmount, allowance.Included));
            var projected = BillingRounding.Amount(metric.IsLevel || elapsed == 0m ? amount : amount / elapsed);
            projections[metric.Id] = new BillingProjectionDto(projected, Percent(projected, allowance.Included));
        }
        var baseCost = BillingRounding.Money(plan.BasePrice);
        var overageTotal = BillingRounding.Money(overageCost);
        return new BillingUsageResponse(true, new BillingUsageData(
            new BillingPeriodDto(Timestamp(from), Timestamp(to.AddSeconds(-1))),
            metrics,
            new BillingCostDto(baseCost, overageTotal, baseCost + overageTotal, plan.Currency),
            projections));
    }

    /// <summary>Used as a percentage of included, not capped. Nothing included: 0 while unused, else 100 (all of it is overage).</summary>
    private static decimal Percent(decimal amount, decimal included) =>
        included > 0m ? BillingRounding.Percentage(amount / included * 100m) : amount > 0m ? 100m : 0m;

    private static string Timestamp(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
