using UsageFunctions.Storage.Tables;

namespace UsageFunctions.App.Hosting;

/// <summary>
/// Creates the tables while Kestrel starts, so a cold instance's first request finds the storage client, its connection
/// and every table ready. The same calls would otherwise run one after another inside that request; no request is added.
/// </summary>
public sealed class TableWarmUp(TableClients tables, ILogger<TableWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await tables.WarmUpAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not fatal: a table that could not be created now is created by the first request that needs it.
            logger.LogWarning(ex, "Table warm-up failed; tables are created on first use");
        }
    }
}
