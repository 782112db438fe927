namespace UsageFunctions.Bench;

/// <summary>
/// The mixed load (<c>--scenario mixed --mode quick|full</c>): clients on loopback, a share of them ingesting and the rest
/// reading every read endpoint, the roll-up and period timers firing on their schedules, then an idle stretch.
/// </summary>
public sealed record MixedLoadOptions(string Mode, int Clients, TimeSpan Load, TimeSpan Idle, double IngestShare, int HistoryEvents, string OutputDirectory)
{
    public static MixedLoadOptions Quick(string output) => new("quick", 16, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(25), 0.4, 2_000, output);

    public static MixedLoadOptions Full(string output) => new("full", 16, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30), 0.4, 20_000, output);

    public static bool Requested(string[] args) => Value(args, "--scenario", "") == "mixed";

    public static MixedLoadOptions Parse(string[] args, string repositoryRoot)
    {
        var output = Path.GetFullPath(Value(args, "--out", Path.Combine(repositoryRoot, "bench", "results")));
        return Value(args, "--mode", "full") switch
        {
            "quick" => Quick(output),
            "full" => Full(output),
            var other => throw new ArgumentException($"Unknown mode '{other}': use --mode quick or --mode full."),
        };
    }

    private static string Value(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
