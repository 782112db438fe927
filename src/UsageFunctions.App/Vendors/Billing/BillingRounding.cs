namespace UsageFunctions.App.Vendors.Billing;

/// <summary>The billing API's rounding rules, one per kind of number a client sees; all round half away from zero.</summary>
public static class BillingRounding
{
    /// <summary>Money (base, overage, total): cents.</summary>
    public static decimal Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>Amounts of a metric (used, included, overage, projected): 4 decimals, enough for gigabytes to show kilobytes.</summary>
    public static decimal Amount(decimal amount) => Math.Round(amount, 4, MidpointRounding.AwayFromZero);

    /// <summary>Percentages of the included amount: 2 decimals (45.23).</summary>
    public static decimal Percentage(decimal percent) => Math.Round(percent, 2, MidpointRounding.AwayFromZero);
}
