using System.Security.Cryptography;
using System.Text;

namespace UsageFunctions.Domain.Webhooks;

/// <summary>
/// Standard Webhooks signatures: <c>v1,base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}"))</c>, where the key is
/// the base64 part of a <c>whsec_</c> secret.
/// </summary>
public static class StandardWebhookSignature
{
    public const string SecretPrefix = "whsec_";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string webhookId, long timestamp, ReadOnlySpan<byte> body) =>
        "v1," + Convert.ToBase64String(Compute(KeyOf(secret), webhookId, timestamp, body));

    public static SignatureCheck Verify(
        IEnumerable<string> secrets, string? webhookId, string? timestampHeader, string? signatureHeader,
        ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
            return SignatureCheck.Missing;
        if (!long.TryParse(timestampHeader, out var timestamp)) return SignatureCheck.BadTimestamp;
        var sent = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, 0, 253402300799));
        if ((now - sent).Duration() > Tolerance) return SignatureCheck.Expired;

        var presented = Presented(signatureHeader);
        foreach (var secret in secrets)
        {
            var key = KeyOf(secret);
            var expected = Compute(key, webhookId, timestamp, body);
            foreach (var candidate in presented)
            {
                if (CryptographicOperations.FixedTimeEquals(expected, candidate)) return SignatureCheck.Valid;
            }
        }
        return SignatureCheck.Mismatch;
    }

    private static List<byte[]> Presented(string header)
    {
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = part.IndexOf(',');
            if (comma <= 0 || part[..comma] != "v1") continue;
            var buffer = new byte[32];
            if (Convert.TryFromBase64String(part[(comma + 1)..], buffer, out var written) && written == 32)
                signatures.Add(buffer);
        }
        return signatures;
    }

    private static byte[] KeyOf(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);

    private static byte[] Compute(byte[] key, string webhookId, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}

public enum SignatureCheck
{
    Valid,
    Missing,
    BadTimestamp,
    Expired,
    Mismatch,
}
