using System.Diagnostics;
using UsageFunctions.Storage.Accounts;

namespace UsageFunctions.App.Auth;

/// <summary>
/// The ids that exist (API keys, accounts), so a credential naming an id that does not exist is refused without a
/// storage read: a flood of well-formed random ids costs at most one listing per <see cref="RefreshAfter"/>, and memory
/// holds only the ids that were issued, never what callers send. An id missing from the snapshot is re-listed once the
/// snapshot is that old, so an id created elsewhere is usable within it; one created here is added at once. Each listing
/// is one query of an index partition (<c>keys~index</c> of ApiKeys, <c>accounts~index</c> of Accounts), never a table scan.
/// </summary>
public abstract class KnownIds(IndexBackfill backfill)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Snapshot? _snapshot;

    /// <summary>False only when the id is certainly absent: not in a snapshot younger than <see cref="RefreshAfter"/>.</summary>
    public async Task<bool> MayExistAsync(string id, CancellationToken cancellationToken)
    {
        if (_snapshot is { } known && (known.Contains(id) || !known.IsStale)) return known.Contains(id);
        // Until this instance's index backfill has finished, the index may lack ids stored before it existed: the point
        // read decides, rather than a genuine credential being refused or waiting for the scan.
        if (!backfill.IsComplete) return true;
        return (await ListUnlessAsync(snapshot => snapshot is { IsStale: false }, cancellationToken)).Contains(id);
    }

    /// <summary>
    /// Takes the first snapshot now, unless a request already has, so that request does not list. The listing awaits the
    /// instance's index backfill, as every listing does, so the snapshot misses no id that exists.
    /// </summary>
    public Task WarmUpAsync(CancellationToken cancellationToken) =>
        _snapshot is null ? ListUnlessAsync(snapshot => snapshot is not null, cancellationToken) : Task.CompletedTask;

    private async Task<Snapshot> ListUnlessAsync(Func<Snapshot?, bool> current, CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken);
        try
        {
            if (!current(_snapshot)) _snapshot = new Snapshot(await ListAsync(cancellationToken), Stopwatch.GetTimestamp());
            return _snapshot!;
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>Records an id created by this instance, usable from now on.</summary>
    public void Add(string id) => _snapshot?.Add(id);

    protected abstract Task<IEnumerable<string>> ListAsync(CancellationToken cancellationToken);

    private sealed class Snapshot(IEnumerable<string> ids, long takenAt)
    {
        private readonly HashSet<string> _ids = new(ids, StringComparer.Ordinal);

        public bool IsStale => Stopwatch.GetElapsedTime(takenAt) >= RefreshAfter;

        public bool Contains(string id)
        {
            lock (_ids) return _ids.Contains(id);
        }

        public void Add(string id)
        {
            lock (_ids) _ids.Add(id);
        }
    }
}

/// <summary>The issued API key ids.</summary>
public sealed class KnownKeyIds(IApiKeyStore keys, IndexBackfill backfill) : KnownIds(backfill)
{
    protected override async Task<IEnumerable<string>> ListAsync(CancellationToken cancellationToken) =>
        await keys.ListIdsAsync(cancellationToken);
}

/// <summary>The account ids.</summary>
public sealed class KnownAccountIds(IAccountStore accounts, IndexBackfill backfill) : KnownIds(backfill)
{
    protected override async Task<IEnumerable<string>> ListAsync(CancellationToken cancellationToken) =>
        await accounts.ListIdsAsync(cancellationToken);
}
