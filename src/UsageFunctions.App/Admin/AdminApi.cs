using Microsoft.AspNetCore.Http.HttpResults;
using UsageFunctions.App.Auth;
using UsageFunctions.App.Functions;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Domain.Plans;
using UsageFunctions.Storage.Accounts;

namespace UsageFunctions.App.Admin;

/// <summary>
/// The management API (admin key): accounts, their API keys, webhook signing secrets and resources. It lives under
/// <c>/api/manage</c> because the Functions host reserves paths that start with <c>admin</c>.
/// </summary>
public static class AdminApi
{
    public const string Root = "api/manage/accounts";

    public static IEnumerable<FunctionDefinition> Functions =>
    [
        Admin("CreateAccount", Root, "POST", (a, p, m) => a.MapMethods(p, m, CreateAccountAsync)),
        Admin("GetAccount", Root + "/{accountId}", "GET", (a, p, m) => a.MapMethods(p, m, GetAccountAsync)),
        Admin("CreateApiKey", Root + "/{accountId}/keys", "POST", (a, p, m) => a.MapMethods(p, m, AdminKeys.CreateAsync)),
        Admin("ListApiKeys", Root + "/{accountId}/keys", "GET", (a, p, m) => a.MapMethods(p, m, AdminKeys.ListAsync)),
        Admin("RevokeApiKey", Root + "/{accountId}/keys/{keyId}", "DELETE", (a, p, m) => a.MapMethods(p, m, AdminKeys.RevokeAsync)),
        Admin("RotateWebhookSecret", Root + "/{accountId}/webhook-secrets", "POST", (a, p, m) => a.MapMethods(p, m, AdminKeys.RotateSecretAsync)),
        Admin("PutPhoneNumber", Root + "/{accountId}/phone-numbers/{id}", "PUT", (a, p, m) => a.MapMethods(p, m, AdminResources.PutPhoneNumberAsync)),
        Admin("PutAgent", Root + "/{accountId}/agents/{id}", "PUT", (a, p, m) => a.MapMethods(p, m, AdminResources.PutAgentAsync)),
        Admin("PutVoice", Root + "/{accountId}/voices/{id}", "PUT", (a, p, m) => a.MapMethods(p, m, AdminResources.PutVoiceAsync)),
        Admin("GetResources", Root + "/{accountId}/resources", "GET", (a, p, m) => a.MapMethods(p, m, AdminResources.GetAsync)),
    ];

    public static async Task<Results<Created<AccountResponse>, ValidationProblem>> CreateAccountAsync(
        CreateAccountRequest request, IAccountStore accounts, PlanCatalog plans, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = AdminValidation.Account(request, plans);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var account = new Account(AccountIds.NewAccountId(), request.Name!.Trim(), request.Plan!,
            request.BillingAnchorDay ?? 1, request.TimeZone ?? "UTC", clock.GetUtcNow());
        await accounts.CreateAsync(account, cancellationToken);
        return TypedResults.Created($"/{Root}/{account.Id}", ToResponse(account));
    }

    public static async Task<Results<Ok<AccountResponse>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>>> GetAccountAsync(
        string accountId, IAccountStore accounts, CancellationToken cancellationToken)
    {
        var account = AccountIds.IsValidId(accountId) ? await accounts.FindAsync(accountId, cancellationToken) : null;
        return account is null ? AccountNotFound(accountId) : TypedResults.Ok(ToResponse(account));
    }

    internal static NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails> AccountNotFound(string accountId) =>
        TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status404NotFound, Title = "Account not found", Detail = $"No account '{accountId}'.",
        });

    internal static async Task<bool> ExistsAsync(IAccountStore accounts, string accountId, CancellationToken cancellationToken) =>
        AccountIds.IsValidId(accountId) && await accounts.FindAsync(accountId, cancellationToken) is not null;

    private static AccountResponse ToResponse(Account a) => new(a.Id, a.Name, a.Plan, a.BillingAnchorDay, a.TimeZone, a.CreatedAt);

    internal static HttpFunction Admin(string name, string route, string method, HandlerMapping map) =>
        new(name, route, [method], map) { Configure = endpoint => endpoint.AddEndpointFilter<AdminAuthFilter>() };
}
