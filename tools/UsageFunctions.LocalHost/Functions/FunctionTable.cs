namespace UsageFunctions.LocalHost.Functions;

/// <summary>The functions the worker loaded, once it has: requests and timers wait for them.</summary>
public sealed class FunctionTable
{
    private readonly TaskCompletionSource<LoadedApp> _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<LoadedApp> Loaded => _loaded.Task;

    /// <summary><c>Initializing</c>, <c>Running</c> or <c>Error</c>, as the host's status says.</summary>
    public string State => _loaded.Task.Status switch
    {
        TaskStatus.RanToCompletion => "Running",
        TaskStatus.Faulted or TaskStatus.Canceled => "Error",
        _ => "Initializing",
    };

    public string? Error => _loaded.Task.Exception?.InnerException?.Message;

    public void Load(LoadedApp app) => _loaded.TrySetResult(app);

    public void Fail(Exception error) => _loaded.TrySetException(error);

    public LoadedFunction? Find(string name) =>
        _loaded.Task.IsCompletedSuccessfully ? _loaded.Task.Result.Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) : null;
}

/// <summary>The loaded functions, where the worker's Kestrel listens (the <c>HttpUri</c> capability), and the HTTP routes.</summary>
public sealed record LoadedApp(IReadOnlyList<LoadedFunction> Functions, Uri HttpUri, HttpRouter Router);
