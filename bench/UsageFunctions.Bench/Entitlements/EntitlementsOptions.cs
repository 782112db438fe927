using System.Globalization;

namespace UsageFunctions.Bench;

/// <summary>
/// The entitlement-check bench (<c>--scenario entitlements --mode quick|full [--histories 10000,100000] [--out DIR]</c>):
/// one account's billing period holding each history size in turn. Quick mode stops at 100k events; full mode adds 1M.
/// </summary>
public sealed record EntitlementsOptions(string Mode, IReadOnlyList<int> Histories, int ChecksPerRound, int LoadWriters, string OutputDirectory)
{
    public const string Scenario = "entitlements";

    public static EntitlementsOptions Quick(string output) => new("quick", [10_000, 100_000], 10, 8, output);

    public static EntitlementsOptions Full(string output) => new("full", [10_000, 100_000, 1_000_000], 20, 8, output);

    public static bool Requested(string[] args) => Value(args, "--scenario", "") == Scenario;

    public static EntitlementsOptions Parse(string[] args, string repositoryRoot)
    {
        var output = Path.GetFullPath(Value(args, "--out", Path.Combine(repositoryRoot, "bench", "results")));
        var options = Value(args, "--mode", "full") switch
        {
            "quick" => Quick(output),
            "full" => Full(output),
            var other => throw new ArgumentException($"Unknown mode '{other}': use --mode quick or --mode full."),
        };
        return Value(args, "--histories", "") is { Length: > 0 } sizes
            ? options with { Histories = [.. sizes.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] }
            : options;
    }

    private static string Value(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
