using UsageFunctions.Storage.Accounts;

namespace UsageFunctions.App.Admin;

/// <summary>
/// Starts the index backfill while the instance starts, so the first listing or unknown-credential check finds it done
/// (they await the same run). With this deployment's marker present it costs one point read.
/// </summary>
public sealed class IndexBackfillOnStart(IndexBackfill backfill, ILogger<IndexBackfillOnStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var result = await backfill.EnsureAsync(stoppingToken);
            if (result.Scanned)
                logger.LogInformation("Index backfill for deployment {Deployment} wrote {AccountRows} account rows and {KeyRows} key rows",
                    IndexBackfill.Deployment, result.AccountRows, result.KeyRows);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not fatal: the first reader of an index runs it again.
            logger.LogWarning(ex, "Index backfill failed at start; the first listing retries it");
        }
    }
}
