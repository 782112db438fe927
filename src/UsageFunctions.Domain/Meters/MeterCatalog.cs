using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace UsageFunctions.Domain.Meters;

/// <summary>Every meter the roll-up keeps: the built-ins plus those from configuration (a configured key replaces a built-in).</summary>
public sealed class MeterCatalog
{
    private readonly Dictionary<string, MeterDefinition> _meters;

    /// <param name="meters">The meters; a later one replaces an earlier one of the same key.</param>
    /// <param name="configuration">What configured the meters beyond their keys (the custom meters' settings), for <see cref="Fingerprint"/>.</param>
    public MeterCatalog(IEnumerable<MeterDefinition> meters, string? configuration = null)
    {
        _meters = new Dictionary<string, MeterDefinition>(StringComparer.Ordinal);
        foreach (var meter in meters) _meters[meter.Key] = meter;
        All = [.. _meters.Values];
        var identity = $"{typeof(MeterCatalog).Assembly.ManifestModule.ModuleVersionId}/{string.Join(",", _meters.Keys)}/{configuration}";
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
    }

    public static MeterCatalog BuiltIn { get; } = new(BuiltInMeters.All);

    public static MeterCatalog With(IEnumerable<CustomMeter> custom)
    {
        var meters = custom.ToList();
        return new(BuiltInMeters.All.Concat(meters.Select(c => c.ToDefinition())), meters.Count == 0 ? null : JsonSerializer.Serialize(meters));
    }

    /// <summary>
    /// Names what this catalog computes from an event: this build of the meter code and the configured meters. Figures
    /// stored with a fingerprint are only combined with figures of the same fingerprint.
    /// </summary>
    public string Fingerprint { get; }

    public IReadOnlyList<MeterDefinition> All { get; }

    public MeterDefinition? Find(string key) => _meters.GetValueOrDefault(key);
}
