namespace UsageFunctions.Bench;

/// <summary>What the mixed load reads: every vendor read the read scenario measures, and our own API's reads.</summary>
public static class MixedEndpoints
{
    public static IReadOnlyList<UsageEndpoint> Reads { get; } =
    [
        .. UsageEndpoint.All,
        new("/api/usage?meter=calls&groupBy=agent", false),
        new("/api/usage?meter=messages&grain=day", false),
        new("/api/usage/period", false),
    ];

    /// <summary>The name a request is reported under: its path without the query.</summary>
    public static string NameOf(string path) => path.Split('?')[0];
}
