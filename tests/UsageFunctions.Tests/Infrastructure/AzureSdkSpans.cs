using System.Runtime.CompilerServices;

namespace UsageFunctions.Tests.Infrastructure;

internal static class AzureSdkSpans
{
    /// <summary>
    /// The app turns the Azure SDK's spans on before it creates its first client; the SDK reads the switch once per
    /// process. Here the app starts many times in one process, after tests that used clients of their own, so the
    /// process turns it on before anything else runs.
    /// </summary>
#pragma warning disable CA2255 // A test assembly is the entry point's peer, not a library: this is the process's first act.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void TurnOn() => AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
}
