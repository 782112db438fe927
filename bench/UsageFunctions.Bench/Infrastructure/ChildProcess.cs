using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace UsageFunctions.Bench;

/// <summary>A process the bench started and stops: its output is drained (and kept for error messages), never shown.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Action<string>? _onLine;

    private ChildProcess(Process process, Action<string>? onLine)
    {
        _process = process;
        _onLine = onLine;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string file, string directory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Start(file, directory, environment, null, arguments);

    /// <summary>Starts a process whose every output line is also handed to <paramref name="onLine"/>, from the first one.</summary>
    public static ChildProcess Start(
        string file, string directory, IReadOnlyDictionary<string, string> environment, Action<string>? onLine, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var child = new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start."), onLine);
        child._process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The exit code once the process ends; killed and a <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{_process.StartInfo.FileName} did not finish within {timeout}:\n{Tail()}");
        }
    }

    public string Tail()
    {
        lock (_tail) return string.Join('\n', _tail);
    }

    public long? PeakResidentBytes() => ProcFs.PeakResidentBytes(Id);

    public double? CpuSeconds() => ProcFs.CpuSeconds(Id);

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _onLine?.Invoke(line);
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 40) _tail.Dequeue();
        }
    }
}
