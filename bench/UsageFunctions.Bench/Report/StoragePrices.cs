namespace UsageFunctions.Bench;

/// <summary>
/// Azure Table Storage list price for transactions (Standard, LRS; a batch of up to 100 operations is one
/// transaction). Taken from memory of the public pricing page, not fetched: check
/// https://azure.microsoft.com/pricing/details/storage/tables/ before quoting.
/// </summary>
public sealed record StoragePrices(double UsdPer10kTransactions, string Tier, string Source, string TakenOn)
{
    public static StoragePrices ListPrices { get; } = new(0.00036, "Standard LRS, per 10,000 transactions",
        "azure.microsoft.com/pricing/details/storage/tables (from memory; not re-checked online)", "2026-11-22");

    public double UsdPerMillion(double transactionsPerOperation) => transactionsPerOperation * 1_000_000 / 10_000 * UsdPer10kTransactions;
}
