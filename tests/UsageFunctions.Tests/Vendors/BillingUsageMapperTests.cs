using UsageFunctions.App.Vendors.Billing;
using UsageFunctions.Domain.Plans;

namespace UsageFunctions.Tests.Vendors;

public sealed class BillingUsageMapperTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static BillingUsageData Map(decimal used, decimal included, decimal price, decimal elapsed = 1m) =>
        BillingUsageMapper.ToResponse(Start, Start.AddDays(30), elapsed,
            new Dictionary<BillingMetric, decimal> { [BillingMetric.All[0]] = used }, [BillingMetric.All[0]],
            new Plan { BasePrice = 10.005m, Allowances = new() { ["apiCalls"] = new Allowance { Included = included, OveragePrice = price } } }).Data;

    [Fact]
    public void NothingIncludedReportsZeroPercentUntilUsedThenOneHundred()
    {
        Assert.Equal(0m, Map(0, 0, 1).Metrics["apiCalls"].Percentage);
        Assert.Equal(100m, Map(5, 0, 1).Metrics["apiCalls"].Percentage);
        Assert.Equal(5m, Map(5, 0, 1).Metrics["apiCalls"].Overage);
    }

    [Fact]
    public void MoneyRoundsHalfAwayFromZeroToCents()
    {
        var cost = Map(used: 101, included: 100, price: 0.005m).EstimatedCost;
        Assert.Equal((10.01m, 0.01m, 10.02m), (cost.Base, cost.Overage, cost.Total));
    }

    [Fact]
    public void MetricsNotShownStillCountInTheEstimatedCost()
    {
        var seats = BillingMetric.Find("seats")!;
        var plan = new Plan { BasePrice = 9m, Allowances = new() { ["seats"] = new Allowance { Included = 10, OveragePrice = 8m } } };
        var data = BillingUsageMapper.ToResponse(Start, Start.AddDays(30), 1m,
            new Dictionary<BillingMetric, decimal> { [BillingMetric.All[0]] = 5, [seats] = 12 }, [BillingMetric.All[0]], plan).Data;

        Assert.Equal(["apiCalls"], data.Metrics.Keys);
        Assert.Equal(["apiCalls"], data.ProjectedUsage.Keys);
        Assert.Equal((16m, 25m), (data.EstimatedCost.Overage, data.EstimatedCost.Total));
    }

    [Fact]
    public void PercentageIsNotCappedAtOneHundred()
    {
        Assert.Equal(250m, Map(250, 100, 0).Metrics["apiCalls"].Percentage);
    }

    [Fact]
    public void NothingElapsedProjectsTheCurrentAmount()
    {
        Assert.Equal(7m, Map(7, 100, 0, elapsed: 0m).ProjectedUsage["apiCalls"].Projected);
        Assert.Equal(28m, Map(7, 100, 0, elapsed: 0.25m).ProjectedUsage["apiCalls"].Projected);
    }
}
