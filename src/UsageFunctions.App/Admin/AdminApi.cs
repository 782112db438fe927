using Microsoft.AspNetCore.Http.HttpResults;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Domain.Plans;
using UsageFunctions.Storage.Accounts;

namespace UsageFunctions.App.Admin;

/// <summary>Accounts: created and read through the management API.</summary>
public static class AdminApi
{
    public const string Root = "api/manage/accounts";

    public static async Task<Results<Created<AccountResponse>, ValidationProblem>> CreateAccountAsync(
        CreateAccountRequest request, IAccountStore accounts, PlanCatalog plans, Ingestion.SignatureAuthenticator signatures, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = AdminValidation.Account(request, plans);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var account = new Account(AccountIds.NewAccountId(), request.Name!.Trim(), request.Plan!,
            request.BillingAnchorDay ?? 1, request.TimeZone ?? "UTC", clock.GetUtcNow());
        await accounts.CreateAsync(account, cancellationToken);
        signatures.Created(account.Id);
        return TypedResults.Created($"/{Root}/{account.Id}", ToResponse(account));
    }

    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> GetAccountAsync(
        string accountId, IAccountStore accounts, CancellationToken cancellationToken)
    {
        var account = AccountIds.IsValidId(accountId) ? await accounts.FindAsync(accountId, cancellationToken) : null;
        return account is null ? AccountNotFound(accountId) : TypedResults.Ok(ToResponse(account));
    }

    internal static ProblemHttpResult AccountNotFound(string accountId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Account not found", detail: $"No account '{accountId}'.");

    internal static async Task<bool> ExistsAsync(IAccountStore accounts, string accountId, CancellationToken cancellationToken) =>
        AccountIds.IsValidId(accountId) && await accounts.FindAsync(accountId, cancellationToken) is not null;

    private static AccountResponse ToResponse(Account a) => new(a.Id, a.Name, a.Plan, a.BillingAnchorDay, a.TimeZone, a.CreatedAt);
}
