namespace Reception.Dashboard.Realtime;

public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder site)
    {
        site.MapGet("/events", ([AsParameters] SiteCall call, long? after, int? limit, EventQueries events) =>
                events.AfterAsync(call, after ?? 0, limit ?? EventQueries.DefaultLimit))
            .WithName("GetEvents")
            .WithSummary("Events after a sequence number, in order, for catching up.")
            .Produces<EventPage>()
            .RequireSitePermission(Permission.ViewBoard);
        return site;
    }
}
