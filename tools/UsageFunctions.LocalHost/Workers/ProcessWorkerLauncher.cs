using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace UsageFunctions.LocalHost.Workers;

/// <summary>Starts the worker process that <c>worker.config.json</c> describes, from the app folder, as Azure does.</summary>
public sealed class ProcessWorkerLauncher(ILogger? logger = null) : IWorkerLauncher
{
    public Task<RunningWorker> StartAsync(WorkerStart start, CancellationToken cancellationToken)
    {
        var config = WorkerConfig.Read(start.ScriptRoot);
        var info = new ProcessStartInfo(config.Executable)
        {
            WorkingDirectory = start.ScriptRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in config.ExecutableArguments) info.ArgumentList.Add(argument);
        if (config.WorkerPath.Length > 0) info.ArgumentList.Add(config.WorkerPath);
        foreach (var argument in start.Arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in start.Environment) info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{config.Executable} did not start.");
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Output(e.Data, logger, LogLevel.Information);
        process.ErrorDataReceived += (_, e) => worker.Output(e.Data, logger, LogLevel.Warning);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return Task.FromResult<RunningWorker>(worker);
    }

    private sealed class WorkerProcess(Process process) : RunningWorker
    {
        private readonly Queue<string> _tail = new();

        public override int? ProcessId { get; } = process.Id;

        public override Task Exited { get; } = process.WaitForExitAsync();

        public void Output(string? line, ILogger? logger, LogLevel level)
        {
            if (line is null) return;
            lock (_tail)
            {
                _tail.Enqueue(line);
                if (_tail.Count > 50) _tail.Dequeue();
            }
            logger?.Log(level, "worker: {Line}", line);
        }

        public override string ToString()
        {
            lock (_tail) return string.Join('\n', _tail);
        }

        public override async ValueTask DisposeAsync()
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (InvalidOperationException)
            {
                // It had already exited.
            }
            process.Dispose();
        }
    }
}
