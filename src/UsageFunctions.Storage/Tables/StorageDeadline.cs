using System.Diagnostics;

namespace UsageFunctions.Storage.Tables;

/// <summary>
/// The deadline of the work in progress (one HTTP request), carried with its async flow so that every table call made
/// on its behalf is bounded by it, whatever token the caller passed down. Wall time, not the app's clock: a deadline is
/// about how long a client waits.
/// </summary>
public sealed class StorageDeadline : IDisposable
{
    private static readonly AsyncLocal<StorageDeadline?> Ambient = new();
    private readonly StorageDeadline? _outer;
    private readonly long _started = Stopwatch.GetTimestamp();

    private StorageDeadline(TimeSpan budget)
    {
        Budget = budget;
        _outer = Ambient.Value;
        Ambient.Value = this;
    }

    /// <summary>The deadline of the current flow, if one was started.</summary>
    public static StorageDeadline? Current => Ambient.Value;

    public TimeSpan Budget { get; }

    public TimeSpan Remaining => Budget - Stopwatch.GetElapsedTime(_started);

    public bool Expired => Remaining <= TimeSpan.Zero;

    /// <summary>Starts a deadline for the calling flow; disposing it ends it.</summary>
    public static StorageDeadline Start(TimeSpan budget) => new(budget);

    public StorageUnavailableException Exceeded(Exception? inner = null) =>
        new($"Storage did not answer within the deadline of {Budget.TotalSeconds:0.#} s.", inner ?? new TimeoutException());

    public void Dispose() => Ambient.Value = _outer;
}
