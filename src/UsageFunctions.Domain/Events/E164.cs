using System.Text.RegularExpressions;

namespace UsageFunctions.Domain.Events;

public static partial class E164
{
    public static bool IsValid(string number) => Pattern().IsMatch(number);

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex Pattern();
}
