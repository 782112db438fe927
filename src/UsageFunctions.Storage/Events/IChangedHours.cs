namespace UsageFunctions.Storage.Events;

/// <summary>
/// Which (account, UTC hour) pairs received events, recorded per arrival minute so a roll-up reads only the minutes
/// since its last run instead of scanning raw events.
/// </summary>
public interface IChangedHours
{
    Task MarkAsync(string accountId, IEnumerable<DateTimeOffset> hours, CancellationToken cancellationToken);

    /// <summary>The hours marked in arrival minutes from <paramref name="fromMinute"/> up to, not including, <paramref name="toMinute"/>.</summary>
    Task<IReadOnlyList<ChangedHour>> ReadAsync(DateTimeOffset fromMinute, DateTimeOffset toMinute, CancellationToken cancellationToken);

    /// <summary>The hours of one account marked in arrival minutes from <paramref name="fromMinute"/> up to, not including, <paramref name="toMinute"/>.</summary>
    Task<IReadOnlyList<DateTimeOffset>> ReadAccountAsync(string accountId, DateTimeOffset fromMinute, DateTimeOffset toMinute,
        CancellationToken cancellationToken);

    /// <summary>Forgets arrival minutes before <paramref name="cutoff"/>.</summary>
    Task<int> PurgeBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

public sealed record ChangedHour(string AccountId, DateTimeOffset Hour);
