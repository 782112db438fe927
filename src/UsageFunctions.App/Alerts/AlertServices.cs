using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Plans;
using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Alerts;

namespace UsageFunctions.App.Alerts;

/// <summary>What the alert API handlers share.</summary>
public sealed class AlertServices(TableAlertStore store, TableAlertOutbox outbox, IAccountStore accounts, PlanCatalog plans,
    MeterCatalog meters, TargetGuard guard, TimeProvider clock)
{
    public const int MaxRulesPerAccount = 100;
    public const int MaxEndpointsPerAccount = 20;

    public TableAlertStore Store => store;
    public TableAlertOutbox Outbox => outbox;
    public IAccountStore Accounts => accounts;
    public PlanCatalog Plans => plans;
    public MeterCatalog Meters => meters;
    public TargetGuard Guard => guard;
    public TimeProvider Clock => clock;
}
