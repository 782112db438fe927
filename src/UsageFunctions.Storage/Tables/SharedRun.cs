namespace UsageFunctions.Storage.Tables;

/// <summary>
/// Work an instance does once for all its callers: started by the first, shared by the others, started again by the
/// next caller if it failed or was cancelled. It runs outside the first caller's flow, so one request's storage deadline
/// cannot cut what the whole instance shares; each caller waits with its own cancellation.
/// </summary>
public sealed class SharedRun<T>(Func<Task<T>> run)
{
    private readonly Lock _gate = new();
    private Task<T>? _task;

    /// <summary>True once a run has succeeded.</summary>
    public bool IsComplete => Volatile.Read(ref _task) is { IsCompletedSuccessfully: true };

    public Task<T> EnsureAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_task is null || _task.IsFaulted || _task.IsCanceled)
            {
                using (ExecutionContext.SuppressFlow()) _task = Task.Run(run);
            }
            return _task.WaitAsync(cancellationToken);
        }
    }
}
