using System.Security.Cryptography;
using System.Text;

namespace UsageFunctions.App.Auth;

/// <summary>The admin key guarding the management API (app setting <c>Admin__Key</c>); unset, the API refuses everyone.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public string? Key { get; set; }

    public bool Accepts(string? presented)
    {
        if (string.IsNullOrEmpty(Key) || string.IsNullOrEmpty(presented)) return false;
        // Hashing first makes the comparison constant-time whatever the lengths.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(Key)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
    }
}
