using UsageFunctions.App.Auth;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.App.Hosting;

/// <summary>
/// While the host loads the functions and Kestrel starts, does what a cold instance's first requests would otherwise do
/// inside the request: creates the tables (the storage client and its connection with them), then takes the snapshots
/// of existing key and account ids that every credential check consults, and reads (or records) the hour from which
/// raw events carry batch summaries, which ingestion and usage reads need. The calls are the ones those requests would
/// make, once; no request waits for the warm-up, and one that arrives while a snapshot is being taken waits for that
/// listing instead of making its own.
/// </summary>
public sealed class StartupWarmUp(
    TableClients tables, KnownKeyIds keyIds, KnownAccountIds accountIds, BatchSummaryCoverage summaries, ILogger<StartupWarmUp> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await tables.WarmUpAsync(stoppingToken);
            await Task.WhenAll(keyIds.WarmUpAsync(stoppingToken), accountIds.WarmUpAsync(stoppingToken), summaries.SinceAsync(stoppingToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not fatal: a table or snapshot not ready now is made by the first request that needs it.
            logger.LogWarning(ex, "Start-up warm-up failed; tables and id snapshots are made on first use");
        }
    }
}
