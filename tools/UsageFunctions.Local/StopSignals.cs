using System.Runtime.InteropServices;

namespace UsageFunctions.Local;

/// <summary>
/// SIGINT, SIGTERM and SIGHUP all request the same orderly stop: the signal's default (ending the process at once,
/// children left running) is cancelled and <paramref name="stop"/> is cancelled instead, so the run stops the host, its
/// worker and Azurite whether the signal comes from Ctrl+C, an IDE's stop button or a process manager.
/// </summary>
public sealed class StopSignals(IReadOnlyList<PosixSignalRegistration> registrations) : IDisposable
{
    public static StopSignals Register(CancellationTokenSource stop)
    {
        void Handle(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        return new([.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(s => PosixSignalRegistration.Create(s, Handle))]);
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
    }
}
