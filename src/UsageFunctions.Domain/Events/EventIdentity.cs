using System.Security.Cryptography;
using System.Text;

namespace UsageFunctions.Domain.Events;

/// <summary>The stable hash of an event's (source, id) identity, safe for storage keys.</summary>
public static class EventIdentity
{
    public static string Hash(string source, string id)
    {
        // A separator that cannot occur in either part keeps ("a","bc") and ("ab","c") apart.
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{source}\u0000{id}"));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 16));
    }
}
