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

    /// <summary>Forgets arrival minutes before <paramref name="cutoff"/>.</summary>
    Task<int> PurgeBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>
    /// The hours of one account that received events in arrival minutes from <paramref name="fromMinute"/> on (null: all
    /// kept), each with its arrival minute: one query of the account's own partition.
    /// </summary>
    Task<IReadOnlyList<AccountArrival>> ReadAccountAsync(string accountId, DateTimeOffset? fromMinute, CancellationToken cancellationToken);

    /// <summary>Forgets one account's arrival minutes before <paramref name="cutoff"/>.</summary>
    Task<int> PurgeAccountBeforeAsync(string accountId, DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>Events counting in <see cref="Hour"/> arrived in the minute starting at <see cref="Minute"/>.</summary>
public sealed record AccountArrival(DateTimeOffset Minute, DateTimeOffset Hour);

public sealed record ChangedHour(string AccountId, DateTimeOffset Hour);
