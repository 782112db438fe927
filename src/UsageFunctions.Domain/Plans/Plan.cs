namespace UsageFunctions.Domain.Plans;

/// <summary>
/// What an account's plan includes and costs, in the terms each vendor API reports. Settable so configuration
/// (<c>Plans__{name}__…</c>) can override or add plans.
/// </summary>
public sealed class Plan
{
    public string Name { get; set; } = "";

    /// <summary>Vocode's <c>plan_type</c>: free, developer or enterprise.</summary>
    public string PlanType { get; set; } = "developer";

    public int VoiceMinutesPerMonth { get; set; }
    public int PhoneNumbers { get; set; }
    public int MessagesPerMonth { get; set; }
    public int MaxCallDurationMinutes { get; set; }
    public int ConcurrentCalls { get; set; }

    /// <summary>Base price per billing period, in <see cref="Currency"/>.</summary>
    public decimal BasePrice { get; set; }

    public string Currency { get; set; } = "usd";

    /// <summary>Billing metric id (apiCalls, storage, seats, bandwidth, emails, webhooks) → included amount and overage price.</summary>
    public Dictionary<string, Allowance> Allowances { get; set; } = [];
}

/// <summary>An amount included per period, and the price of each unit beyond it.</summary>
public sealed class Allowance
{
    public decimal Included { get; set; }
    public decimal OveragePrice { get; set; }
}
