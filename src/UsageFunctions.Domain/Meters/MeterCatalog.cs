namespace UsageFunctions.Domain.Meters;

/// <summary>Every meter the roll-up keeps: the built-ins plus those from configuration (a configured key replaces a built-in).</summary>
public sealed class MeterCatalog
{
    private readonly Dictionary<string, MeterDefinition> _meters;

    public MeterCatalog(IEnumerable<MeterDefinition> meters)
    {
        _meters = new Dictionary<string, MeterDefinition>(StringComparer.Ordinal);
        foreach (var meter in meters) _meters[meter.Key] = meter;
        All = [.. _meters.Values];
    }

    public static MeterCatalog BuiltIn { get; } = new(BuiltInMeters.All);

    public static MeterCatalog With(IEnumerable<CustomMeter> custom) =>
        new(BuiltInMeters.All.Concat(custom.Select(c => c.ToDefinition())));

    public IReadOnlyList<MeterDefinition> All { get; }

    public MeterDefinition? Find(string key) => _meters.GetValueOrDefault(key);
}
