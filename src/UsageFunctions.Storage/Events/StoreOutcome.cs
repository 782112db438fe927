namespace UsageFunctions.Storage.Events;

public enum StoreOutcome
{
    Accepted,
    Duplicate,
}
