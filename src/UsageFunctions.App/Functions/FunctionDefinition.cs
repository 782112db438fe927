namespace UsageFunctions.App.Functions;

/// <summary>One Azure Function of this app: its name (the folder of its function.json) and its trigger.</summary>
public abstract record FunctionDefinition(string Name);

/// <summary>An HTTP-triggered function. The host forwards the request unchanged, so <see cref="Route"/> is the client's path.</summary>
public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, Delegate Handler) : FunctionDefinition(Name)
{
    /// <summary>The host's own key check; our APIs authenticate themselves, so the host lets every request through.</summary>
    public string AuthLevel { get; init; } = "anonymous";

    public Action<RouteHandlerBuilder>? Configure { get; init; }
}

/// <summary>
/// A timer-triggered function. Its NCRONTAB schedule (six fields, with seconds) is read from the app setting
/// <see cref="ScheduleSetting"/>, falling back to <see cref="DefaultSchedule"/>.
/// </summary>
public sealed record TimerFunction(string Name, string ScheduleSetting, string DefaultSchedule, TimerHandler Run) : FunctionDefinition(Name)
{
    /// <summary>The configuration key of the schedule (<c>Timers:Rollup</c> is the app setting <c>Timers__Rollup</c>).</summary>
    public string ConfigurationKey => ScheduleSetting.Replace("__", ":", StringComparison.Ordinal);

    public string ScheduleFrom(IConfiguration configuration) => configuration[ConfigurationKey] is { Length: > 0 } s ? s : DefaultSchedule;
}

/// <summary>Runs one timer invocation and says what it did, for the host's invocation log.</summary>
public delegate Task<string> TimerHandler(IServiceProvider services, TimerInfo timer, CancellationToken cancellationToken);

/// <summary>What the host tells a timer function about its schedule.</summary>
public sealed record TimerInfo(bool IsPastDue, DateTimeOffset? Last, DateTimeOffset? Next, DateTimeOffset? LastUpdated);
