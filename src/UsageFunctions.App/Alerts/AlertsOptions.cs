using System.ComponentModel.DataAnnotations;

namespace UsageFunctions.App.Alerts;

/// <summary>The <c>Alerts</c> section: how deliveries are made.</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>
    /// Lets endpoints use <c>http</c> and reach loopback, private and link-local addresses. For local runs and tests
    /// only: in production it would let any account make the app call into its own network.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>How long one delivery attempt may take, connecting included.</summary>
    [Range(0.1, 120)]
    public double AttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>Deliveries one timer run takes on, and how many it sends at once.</summary>
    [Range(1, 10_000)]
    public int DeliveriesPerRun { get; set; } = 500;

    [Range(1, 64)]
    public int Parallelism { get; set; } = 16;
}
