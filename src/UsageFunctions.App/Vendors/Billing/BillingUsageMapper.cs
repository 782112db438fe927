using System.Globalization;
using UsageFunctions.Domain.Plans;

namespace UsageFunctions.App.Vendors.Billing;

/// <summary>Turns metric amounts and a plan into the billing API's response: overage, percentages, cost and projection.</summary>
public static class BillingUsageMapper
{
    /// <param name="used">The amount of every metric of the plan: the bill covers them all.</param>
    /// <param name="shown">The metrics the client asked to see in <c>metrics</c> and <c>projectedUsage</c>.</param>
    public static BillingUsageResponse ToResponse(DateTimeOffset from, DateTimeOffset to, decimal elapsed,
        IReadOnlyDictionary<BillingMetric, decimal> used, IReadOnlyList<BillingMetric> shown, Plan plan)
    {
        var lines = used.ToDictionary(u => u.Key, u => Line.Of(u.Key, u.Value, plan));
        var metrics = new Dictionary<string, BillingMetricDto>();
        var projections = new Dictionary<string, BillingProjectionDto>();
        foreach (var metric in shown)
        {
            var line = lines[metric];
            metrics[metric.Id] = new BillingMetricDto(metric.Name, metric.Unit, line.Allowance.Included, line.Used, line.Overage,
                Percent(line.Used, line.Allowance.Included));
            var projected = BillingRounding.Amount(metric.IsLevel || elapsed == 0m ? used[metric] : used[metric] / elapsed);
            projections[metric.Id] = new BillingProjectionDto(projected, Percent(projected, line.Allowance.Included));
        }
        // Asking to see fewer metrics does not change the bill: the cost sums every metric read, shown or not.
        var baseCost = BillingRounding.Money(plan.BasePrice);
        var overageTotal = BillingRounding.Money(lines.Values.Sum(l => l.Overage * l.Allowance.OveragePrice));
        return new BillingUsageResponse(true, new BillingUsageData(
            new BillingPeriodDto(Timestamp(from), Timestamp(to.AddSeconds(-1))),
            metrics,
            new BillingCostDto(baseCost, overageTotal, baseCost + overageTotal, plan.Currency),
            projections));
    }

    /// <summary>One metric against its allowance; overage is computed from the rounded used amount so a client can recount it.</summary>
    private sealed record Line(Allowance Allowance, decimal Used, decimal Overage)
    {
        public static Line Of(BillingMetric metric, decimal amount, Plan plan)
        {
            var allowance = plan.Allowances.GetValueOrDefault(metric.Id) ?? new Allowance();
            var used = BillingRounding.Amount(amount);
            return new Line(allowance, used, Math.Max(0m, used - allowance.Included));
        }
    }

    /// <summary>Used as a percentage of included, not capped. Nothing included: 0 while unused, else 100 (all of it is overage).</summary>
    private static decimal Percent(decimal amount, decimal included) =>
        included > 0m ? BillingRounding.Percentage(amount / included * 100m) : amount > 0m ? 100m : 0m;

    private static string Timestamp(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
