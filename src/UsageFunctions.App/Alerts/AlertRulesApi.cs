using UsageFunctions.Domain.Accounts;

namespace UsageFunctions.App.Alerts;

/// <summary>Alert rules of one account (the caller has already been allowed to act for it).</summary>
public static class AlertRulesApi
{
    public static async Task<IResult> ListAsync(string accountId, AlertServices s, CancellationToken cancellationToken)
    {
        var account = await s.Accounts.FindAsync(accountId, cancellationToken);
        if (account is null) return AlertProblems.NotFound("Account", accountId);
        var plan = s.Plans.Find(account.Plan);
        var (rules, _) = await s.Store.ReadAllAsync(accountId, cancellationToken);
        return TypedResults.Ok(rules.Select(r => AlertRuleValidation.ToResponse(r, plan)).ToList());
    }

    public static async Task<IResult> GetAsync(string accountId, string ruleId, AlertServices s, CancellationToken cancellationToken)
    {
        var account = await s.Accounts.FindAsync(accountId, cancellationToken);
        if (account is null) return AlertProblems.NotFound("Account", accountId);
        var rule = AccountIds.IsValidId(ruleId) ? await s.Store.FindRuleAsync(accountId, ruleId, cancellationToken) : null;
        return rule is null ? AlertProblems.NotFound("Rule", ruleId) : TypedResults.Ok(AlertRuleValidation.ToResponse(rule, s.Plans.Find(account.Plan)));
    }

    public static Task<IResult> CreateAsync(string accountId, AlertRuleRequest request, AlertServices s, CancellationToken cancellationToken) =>
        SaveAsync(accountId, null, request, s, cancellationToken);

    public static Task<IResult> ReplaceAsync(string accountId, string ruleId, AlertRuleRequest request, AlertServices s,
        CancellationToken cancellationToken) => SaveAsync(accountId, ruleId, request, s, cancellationToken);

    public static async Task<IResult> DeleteAsync(string accountId, string ruleId, AlertServices s, CancellationToken cancellationToken) =>
        AccountIds.IsValidId(ruleId) && await s.Store.DeleteRuleAsync(accountId, ruleId, cancellationToken)
            ? TypedResults.NoContent()
            : AlertProblems.NotFound("Rule", ruleId);

    private static async Task<IResult> SaveAsync(string accountId, string? ruleId, AlertRuleRequest request, AlertServices s,
        CancellationToken cancellationToken)
    {
        var account = await s.Accounts.FindAsync(accountId, cancellationToken);
        if (account is null) return AlertProblems.NotFound("Account", accountId);
        var (rules, endpoints) = await s.Store.ReadAllAsync(accountId, cancellationToken);
        var existing = ruleId is null ? null : rules.FirstOrDefault(r => r.Id == ruleId);
        if (ruleId is not null && existing is null) return AlertProblems.NotFound("Rule", ruleId);
        if (existing is null && rules.Count >= AlertServices.MaxRulesPerAccount)
            return AlertProblems.Conflict("Too many rules", $"An account has at most {AlertServices.MaxRulesPerAccount} alert rules.");
        var plan = s.Plans.Find(account.Plan);
        var errors = AlertRuleValidation.Check(request, s.Meters, plan, [.. endpoints.Select(e => e.Id)]);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var rule = AlertRuleValidation.ToRule(existing?.Id ?? "ar_" + AccountIds.RandomToken(16), request,
            existing?.CreatedAt ?? s.Clock.GetUtcNow());
        await s.Store.SaveRuleAsync(accountId, rule, cancellationToken);
        var response = AlertRuleValidation.ToResponse(rule, plan);
        return existing is null ? TypedResults.Created($"rules/{rule.Id}", response) : TypedResults.Ok(response);
    }
}
