using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Realtime;

public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder site)
    {
        site.MapGet("/events", (Guid siteId, long? after, int? limit, EventQueries events, CancellationToken ct) =>
                events.AfterAsync(siteId, after ?? 0, limit ?? EventQueries.DefaultLimit, ct))
            .WithName("GetEvents")
            .WithSummary("Events after a sequence number, in order, for catching up.")
            .Produces<EventPage>();
        return site;
    }
}
