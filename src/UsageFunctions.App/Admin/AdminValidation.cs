using System.Text.RegularExpressions;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Domain.Events;
using UsageFunctions.Domain.Plans;
using UsageFunctions.Domain.Text;
using UsageFunctions.Domain.Time;

namespace UsageFunctions.App.Admin;

/// <summary>Checks management requests; each method returns field errors in the shape of RFC 9457 validation problems.</summary>
public static partial class AdminValidation
{
    public static readonly IReadOnlySet<string> NumberStatuses = new HashSet<string> { "active", "inactive", "released" };

    public static Dictionary<string, string[]> Account(CreateAccountRequest request, PlanCatalog plans)
    {
        var errors = new Dictionary<string, string[]>();
        CheckName(errors, request.Name, required: true);
        if (request.Plan is null || !PlanPattern().IsMatch(request.Plan) || plans.Find(request.Plan) is null)
            errors["plan"] = ["Required, one of: " + string.Join(", ", plans.Names.Order(StringComparer.Ordinal)) + "."];
        if (request.BillingAnchorDay is < 1 or > 31) errors["billingAnchorDay"] = ["Must be a day of the month from 1 to 31."];
        if (request.TimeZone is not null && ZoneNames.Problem(request.TimeZone) is { } zoneProblem) errors["timeZone"] = [zoneProblem];
        return errors;
    }

    public static Dictionary<string, string[]> Key(CreateKeyRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Scopes is not { Count: > 0 } || request.Scopes.Any(s => !ApiKeyScopes.All.Contains(s)))
            errors["scopes"] = ["One or more of: " + string.Join(", ", ApiKeyScopes.All) + "."];
        CheckName(errors, request.Name, required: false);
        return errors;
    }

    public static Dictionary<string, string[]> PhoneNumber(string id, PhoneNumberRequest request)
    {
        var errors = Id(id);
        if (request.Number is null || !E164.IsValid(request.Number)) errors["number"] = ["Required: an E.164 number such as +14155550100."];
        if (request.Country is null || !CountryPattern().IsMatch(request.Country)) errors["country"] = ["Required: an ISO 3166 alpha-2 code such as US."];
        if (request.Status is not null && !NumberStatuses.Contains(request.Status)) errors["status"] = ["One of active, inactive, released."];
        if (request.AgentId is not null && !AccountIds.IsValidId(request.AgentId)) errors["agentId"] = ["Not a valid id."];
        return errors;
    }

    public static Dictionary<string, string[]> Named(string id, NamedResourceRequest request)
    {
        var errors = Id(id);
        CheckName(errors, request.Name, required: true);
        return errors;
    }

    private static void CheckName(Dictionary<string, string[]> errors, string? name, bool required)
    {
        if ((required && string.IsNullOrWhiteSpace(name)) || name is { Length: > 200 })
            errors["name"] = [required ? "Required, at most 200 characters." : "At most 200 characters."];
        else if (name is not null && !PlainText.IsPlain(name)) errors["name"] = [$"Must be {PlainText.Expectation}."];
    }

    private static Dictionary<string, string[]> Id(string id) =>
        AccountIds.IsValidId(id) ? [] : new() { ["id"] = ["Ids are 1-64 letters, digits, '.', '_' or '-'."] };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex PlanPattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();
}
