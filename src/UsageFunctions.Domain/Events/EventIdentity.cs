using System.Security.Cryptography;
using System.Text;

namespace UsageFunctions.Domain.Events;

/// <summary>The stable hash of an event's (source, id) identity, safe for storage keys.</summary>
public static class EventIdentity
{
    /// <summary>
    /// Ingestion rejects control characters, so an accepted source and id never hold NUL and are joined by one NUL, as
    /// they always were (stored identities keep their hashes). A pair that does hold NUL is length-prefixed instead; such a
    /// text holds at least three NULs, so it never equals a plain joined pair, and the prefix keeps those pairs apart too.
    /// </summary>
    public static string Hash(string source, string id)
    {
        var joined = source.Contains('\0') || id.Contains('\0')
            ? $"{source.Length}\u0000{source}\u0000{id}"
            : $"{source}\u0000{id}";
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(joined));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 16));
    }
}
