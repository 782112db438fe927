using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace UsageFunctions.Domain.Accounts;

/// <summary>Identifiers the product issues and accepts; all are safe inside storage keys.</summary>
public static partial class AccountIds
{
    public static string NewAccountId() => "acct_" + RandomToken(10);

    public static string NewKeyId() => RandomToken(12);

    /// <summary>Lower-case letters, digits, '-', '_' and '.'; no characters storage keys forbid.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static string RandomToken(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")]
    private static partial Regex IdPattern();
}
