using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;

namespace UsageFunctions.Tests.Hardening;

/// <summary>The run command stops Azurite, the host and the worker on SIGTERM and SIGHUP as on SIGINT, and frees their ports.</summary>
public sealed partial class RunCommandSignalTests
{
    private static readonly string RunCommand = Path.Combine(typeof(RunCommandSignalTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LocalRunBuildOutput").Value!, "UsageFunctions.Local.dll");

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    [InlineData("HUP")]
    public async Task ASignalStopsEveryChildAndFreesTheirPorts(string signal)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RunCommand);
        using var run = Process.Start(start)!;
        var ports = new List<int>();
        try
        {
            await ReadUntilReadyAsync(run, ports);
            var children = Descendants(run.Id);
            Assert.NotEmpty(children);
            using (var kill = Process.Start("kill", ["-" + signal, run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();

            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await run.WaitForExitAsync(exited.Token);
            foreach (var child in children) Assert.False(IsAlive(child), $"Process {child} outlived the run command after SIG{signal}.");
            foreach (var port in ports) Assert.True(IsFree(port), $"Port {port} is still held after SIG{signal}.");
        }
        finally
        {
            if (!run.HasExited) run.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Reads the run command's output until it prints its instructions, collecting the ports it announces.</summary>
    private static async Task ReadUntilReadyAsync(Process run, List<int> ports)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        while (await run.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            foreach (Match match in Port().Matches(line)) ports.Add(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            if (line.TrimStart().StartsWith("export ", StringComparison.Ordinal)) return;
        }
        throw new InvalidOperationException("The run command ended before it was ready: " + await run.StandardError.ReadToEndAsync());
    }

    /// <summary>Every process below <paramref name="root"/>, from the parent ids in /proc.</summary>
    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }
        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
        foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
        {
            found.Add(child);
            frontier.Enqueue(child);
        }
        return found;
    }

    private static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"127\.0\.0\.1:(\d+)")]
    private static partial Regex Port();
}
