using System.Security.Cryptography;
using System.Text;

namespace UsageFunctions.Domain.Accounts;

/// <summary>An issued API key as stored: never the key itself, only its SHA-256.</summary>
public sealed record ApiKey(
    string KeyId,
    string AccountId,
    string Name,
    IReadOnlySet<string> Scopes,
    byte[] Hash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt)
{
    public const string Prefix = "ufk_";

    public bool Allows(string scope) => RevokedAt is null && Scopes.Contains(scope);

    /// <summary>Keys read <c>ufk_{keyId}_{secret}</c>; the key id lets a lookup be one point read.</summary>
    public static string Compose(string keyId, string secret) => $"{Prefix}{keyId}_{secret}";

    public static string? KeyIdOf(string presented)
    {
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var end = presented.IndexOf('_', Prefix.Length);
        var keyId = end < 0 ? null : presented[Prefix.Length..end];
        return AccountIds.IsValidId(keyId) ? keyId : null;
    }

    /// <summary>Keys carry 190+ bits of randomness, so one unsalted SHA-256 is as strong as a slow hash.</summary>
    public static byte[] HashOf(string presented) => SHA256.HashData(Encoding.UTF8.GetBytes(presented));

    public bool Matches(string presented) => CryptographicOperations.FixedTimeEquals(Hash, HashOf(presented));
}
