using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Storage.Accounts;

namespace UsageFunctions.App.Admin;

/// <summary>The resources usage is broken down by: phone numbers, agents and voices.</summary>
public static class AdminResources
{
    public static async Task<Results<Ok<PhoneNumberResponse>, ValidationProblem, ProblemHttpResult>> PutPhoneNumberAsync(
        string accountId, string id, PhoneNumberRequest request, IAccountStore accounts, CancellationToken cancellationToken)
    {
        var errors = AdminValidation.PhoneNumber(id, request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (!await AdminApi.ExistsAsync(accounts, accountId, cancellationToken)) return AdminApi.AccountNotFound(accountId);
        var number = new PhoneNumber(id, request.Number!, request.Country!, request.Status ?? "active", request.AgentId);
        await accounts.SavePhoneNumberAsync(accountId, number, cancellationToken);
        return TypedResults.Ok(new PhoneNumberResponse(number.Id, number.Number, number.Country, number.Status, number.AgentId));
    }

    public static Task<Results<Ok<NamedResourceResponse>, ValidationProblem, ProblemHttpResult>> PutAgentAsync(
        string accountId, string id, NamedResourceRequest request, IAccountStore accounts, CancellationToken cancellationToken) =>
        PutNamedAsync(accountId, id, request, accounts, (a, name) => a.SaveAgentAsync(accountId, new Agent(id, name), cancellationToken), cancellationToken);

    public static Task<Results<Ok<NamedResourceResponse>, ValidationProblem, ProblemHttpResult>> PutVoiceAsync(
        string accountId, string id, NamedResourceRequest request, IAccountStore accounts, CancellationToken cancellationToken) =>
        PutNamedAsync(accountId, id, request, accounts, (a, name) => a.SaveVoiceAsync(accountId, new Voice(id, name), cancellationToken), cancellationToken);

    public static async Task<Results<Ok<ResourcesResponse>, ProblemHttpResult>> GetAsync(
        string accountId, IAccountStore accounts, CancellationToken cancellationToken)
    {
        if (!await AdminApi.ExistsAsync(accounts, accountId, cancellationToken)) return AdminApi.AccountNotFound(accountId);
        var resources = await accounts.GetResourcesAsync(accountId, cancellationToken);
        return TypedResults.Ok(new ResourcesResponse(
            [.. resources.PhoneNumbers.Select(n => new PhoneNumberResponse(n.Id, n.Number, n.Country, n.Status, n.AgentId))],
            [.. resources.Agents.Select(a => new NamedResourceResponse(a.Id, a.Name))],
            [.. resources.Voices.Select(v => new NamedResourceResponse(v.Id, v.Name))]));
    }

    private static async Task<Results<Ok<NamedResourceResponse>, ValidationProblem, ProblemHttpResult>> PutNamedAsync(
        string accountId, string id, NamedResourceRequest request, IAccountStore accounts,
        Func<IAccountStore, string, Task> save, CancellationToken cancellationToken)
    {
        var errors = AdminValidation.Named(id, request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (!await AdminApi.ExistsAsync(accounts, accountId, cancellationToken)) return AdminApi.AccountNotFound(accountId);
        await save(accounts, request.Name!.Trim());
        return TypedResults.Ok(new NamedResourceResponse(id, request.Name.Trim()));
    }
}
