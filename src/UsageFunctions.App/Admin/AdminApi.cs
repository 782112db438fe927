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
}
