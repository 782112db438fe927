using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Alerts;

/// <summary>A message to store: its id, CloudEvent type and body, and the endpoints it goes to.</summary>
public sealed record OutboxMessage(string Id, string Type, string Body, IReadOnlyList<string> EndpointIds);

/// <summary>
/// The outbox: fired alerts and their deliveries, one partition per account. Every delivery has a due marker in
/// <c>AlertDue</c>, written before the delivery row, so a crash in between leaves a marker to a missing row (found stale
/// and dropped) and never a pending delivery nobody looks at.
/// </summary>
public sealed class TableAlertOutbox(TableClients tables)
{
    public async Task<bool> HasFiredAsync(string accountId, string ruleId, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.AlertOutbox, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<AlertFiredEntity>(StorageKeys.Escape(accountId),
            AlertDueKeys.FiredRow(ruleId, windowStart), select: [nameof(AlertFiredEntity.MessageId)], cancellationToken);
        return found.HasValue;
    }

    /// <summary>
    /// Stores a crossing's marker and its deliveries in one transaction; false when the (rule, window) had fired already,
    /// which is how concurrent evaluations and instances agree on a single message.
    /// </summary>
    public async Task<bool> FireAsync(string accountId, string ruleId, DateTimeOffset windowStart, string figure, OutboxMessage message,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hints = await AddHintsAsync(accountId, message, now, cancellationToken);
        var marker = new AlertFiredEntity
        {
            PartitionKey = StorageKeys.Escape(accountId), RowKey = AlertDueKeys.FiredRow(ruleId, windowStart),
            MessageId = message.Id, Figure = figure, FiredAt = now,
        };
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, marker) };
        actions.AddRange(Deliveries(accountId, message, hints, now).Select(d => new TableTransactionAction(TableTransactionActionType.Add, d)));
        var table = await tables.GetAsync(TableNames.AlertOutbox, cancellationToken);
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.ErrorCode == TableErrorCode.EntityAlreadyExists)
        {
            return false;
        }
    }

    /// <summary>Stores a message that no rule fired (a test event): its deliveries only.</summary>
    public async Task EnqueueAsync(string accountId, OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hints = await AddHintsAsync(accountId, message, now, cancellationToken);
        var table = await tables.GetAsync(TableNames.AlertOutbox, cancellationToken);
        await BatchWriter.SubmitAsync(table, Deliveries(accountId, message, hints, now)
            .Select(d => new TableTransactionAction(TableTransactionActionType.Add, d)), cancellationToken);
    }

    /// <summary>
    /// Deletes an account's fired markers fired before <paramref name="cutoff"/> and its finished deliveries (delivered or
    /// failed) created before it: one query of the account's partition, keys only. Pending deliveries stay whatever their
    /// age. A cutoff older than the longest alert window (a billing period) keeps every marker that still stops a second
    /// message for a window that can be evaluated again.
    /// </summary>
    public async Task<int> PurgeBeforeAsync(string accountId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.AlertOutbox, cancellationToken);
        var fired = AlertFiredEntity.Prefix + StorageKeys.Separator;
        var delivery = AlertDeliveryEntity.Prefix + StorageKeys.Separator;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {StorageKeys.Escape(accountId)} and ((RowKey gt {fired} and RowKey lt {StorageKeys.PrefixEnd(AlertFiredEntity.Prefix)} and FiredAt lt {cutoff}) or (RowKey gt {delivery} and RowKey lt {StorageKeys.PrefixEnd(AlertDeliveryEntity.Prefix)} and Status ne {DeliveryStatus.Pending} and CreatedAt lt {cutoff}))");
        var deletes = new List<TableTransactionAction>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            deletes.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
        await BatchWriter.SubmitAsync(table, deletes, cancellationToken);
        return deletes.Count;
    }

    public async Task<List<AlertDeliveryEntity>> ListDeliveriesAsync(string accountId, string endpointId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.AlertOutbox, cancellationToken);
        var prefix = StorageKeys.Join(AlertDeliveryEntity.Prefix, endpointId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {StorageKeys.Escape(accountId)} and RowKey gt {prefix + StorageKeys.Separator} and RowKey lt {StorageKeys.PrefixEnd(prefix)}");
        var rows = new List<AlertDeliveryEntity>();
        await foreach (var row in table.QueryAsync<AlertDeliveryEntity>(filter, cancellationToken: cancellationToken)) rows.Add(row);
        return rows;
    }

    public async Task<AlertDeliveryEntity?> FindDeliveryAsync(string accountId, string row, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.AlertOutbox, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<AlertDeliveryEntity>(StorageKeys.Escape(accountId), row, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Writes a delivery over the version it was read at; false when someone else changed it first.</summary>
    public async Task<bool> TryReplaceAsync(AlertDeliveryEntity delivery, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.AlertOutbox, cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(delivery, delivery.ETag, TableUpdateMode.Replace, cancellationToken);
            delivery.ETag = response.Headers.ETag ?? delivery.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Due markers up to the current minute, oldest first.</summary>
    public async Task<List<AlertDueEntity>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.AlertDue, cancellationToken);
        var due = new List<AlertDueEntity>();
        await foreach (var row in table.QueryAsync<AlertDueEntity>(TableClient.CreateQueryFilter($"PartitionKey lt {AlertDueKeys.UpTo(now)}"),
                           cancellationToken: cancellationToken))
        {
            due.Add(row);
            if (due.Count >= limit) break;
        }
        return due;
    }

    /// <summary>Adds a due marker for one delivery at <paramref name="at"/> and answers its partition.</summary>
    public async Task<string> AddHintAsync(string accountId, string endpointId, string messageId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.AlertDue, cancellationToken);
        var hint = Hint(accountId, endpointId, messageId, at);
        await table.UpsertEntityAsync(hint, TableUpdateMode.Replace, cancellationToken);
        return hint.PartitionKey;
    }

    public async Task DeleteHintAsync(AlertDueEntity hint, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.AlertDue, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(hint.PartitionKey, hint.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Another instance dropped it first.
        }
    }

    private async Task<string> AddHintsAsync(string accountId, OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.AlertDue, cancellationToken);
        var hints = message.EndpointIds.Select(e => Hint(accountId, e, message.Id, now)).ToList();
        await BatchWriter.SubmitAsync(table, hints.Select(h => new TableTransactionAction(TableTransactionActionType.UpsertReplace, h)),
            cancellationToken);
        return AlertDueKeys.Partition(accountId, now);
    }

    private static AlertDueEntity Hint(string accountId, string endpointId, string messageId, DateTimeOffset at) => new()
    {
        PartitionKey = AlertDueKeys.Partition(accountId, at),
        RowKey = StorageKeys.Join(StorageKeys.Escape(accountId), endpointId, messageId),
        AccountId = accountId, DeliveryRow = AlertDueKeys.DeliveryRow(endpointId, messageId),
    };

    private static IEnumerable<AlertDeliveryEntity> Deliveries(string accountId, OutboxMessage message, string hint, DateTimeOffset now) =>
        message.EndpointIds.Select(endpointId => new AlertDeliveryEntity
        {
            PartitionKey = StorageKeys.Escape(accountId), RowKey = AlertDueKeys.DeliveryRow(endpointId, message.Id),
            EndpointId = endpointId, MessageId = message.Id, Type = message.Type, Body = message.Body,
            Status = DeliveryStatus.Pending, ScheduleStart = now, NextAttempt = now, CreatedAt = now, Hint = hint,
        });
}
