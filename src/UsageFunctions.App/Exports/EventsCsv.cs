using UsageFunctions.Storage.Events;

namespace UsageFunctions.App.Exports;

/// <summary>The CSV of <c>GET /api/events</c>: one record per stored event, <c>data</c> as its JSON text.</summary>
public static class EventsCsv
{
    public static readonly string Header = Csv.Record(
        "id", "source", "type", "time", "occurredAt", "receivedAt", "subject", "data", "voidedAt", "voidedBy", "voidReason");

    public static async IAsyncEnumerable<string> Rows(IAsyncEnumerable<StoredEvent> events)
    {
        yield return Header;
        await foreach (var stored in events)
        {
            var e = stored.Event;
            yield return Csv.Record(Csv.Field(e.Id), Csv.Field(e.Source), Csv.Field(e.Type), Csv.Field(e.Time), Csv.Field(e.OccurredAt),
                Csv.Field(stored.ReceivedAt), Csv.Field(e.Subject), Csv.Field(e.DataJson), Csv.Field(stored.Void?.VoidedAt),
                Csv.Field(stored.Void?.VoidedBy), Csv.Field(stored.Void?.Reason));
        }
    }
}
