namespace UsageFunctions.Domain.Plans;

/// <summary>Realistic defaults; "pro" matches the AgentPhone documentation's example limits.</summary>
internal static class DefaultPlans
{
    public static IReadOnlyList<Plan> All =>
    [
        Make("free", "free", minutes: 60, numbers: 1, messages: 500, maxCall: 10, concurrent: 1, price: 0m,
            api: (10_000, 0m), storage: (1, 0m), seats: (1, 0m), bandwidth: (10, 0m), emails: (1_000, 0m), webhooks: (1_000, 0m)),
        Make("developer", "developer", minutes: 250, numbers: 3, messages: 2_500, maxCall: 20, concurrent: 2, price: 9m,
            api: (50_000, 0.0002m), storage: (25, 0.25m), seats: (3, 8m), bandwidth: (250, 0.09m), emails: (10_000, 0.001m), webhooks: (10_000, 0.0001m)),
        Make("pro", "developer", minutes: 500, numbers: 10, messages: 10_000, maxCall: 30, concurrent: 5, price: 29m,
            api: (100_000, 0.0001m), storage: (100, 0.20m), seats: (10, 7m), bandwidth: (1_000, 0.08m), emails: (50_000, 0.0008m), webhooks: (100_000, 0.00005m)),
        Make("enterprise", "enterprise", minutes: 10_000, numbers: 100, messages: 250_000, maxCall: 120, concurrent: 50, price: 499m,
            api: (5_000_000, 0.00005m), storage: (2_000, 0.15m), seats: (100, 5m), bandwidth: (20_000, 0.05m), emails: (1_000_000, 0.0005m), webhooks: (5_000_000, 0.00002m)),
    ];

    private static Plan Make(string name, string planType, int minutes, int numbers, int messages, int maxCall, int concurrent, decimal price,
        (decimal, decimal) api, (decimal, decimal) storage, (decimal, decimal) seats, (decimal, decimal) bandwidth,
        (decimal, decimal) emails, (decimal, decimal) webhooks) => new()
    {
        Name = name, PlanType = planType, VoiceMinutesPerMonth = minutes, PhoneNumbers = numbers, MessagesPerMonth = messages,
        MaxCallDurationMinutes = maxCall, ConcurrentCalls = concurrent, BasePrice = price,
        Allowances = new()
        {
            ["apiCalls"] = Of(api), ["storage"] = Of(storage), ["seats"] = Of(seats),
            ["bandwidth"] = Of(bandwidth), ["emails"] = Of(emails), ["webhooks"] = Of(webhooks),
        },
    };

    private static Allowance Of((decimal Included, decimal Price) a) => new() { Included = a.Included, OveragePrice = a.Price };
}
