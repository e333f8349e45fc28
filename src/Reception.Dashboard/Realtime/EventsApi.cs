using System.Security.Claims;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Accounts;

namespace Reception.Dashboard.Realtime;

public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder site)
    {
        site.MapGet("/events", (ClaimsPrincipal user, Guid siteId, long? after, int? limit, EventQueries events, CancellationToken ct) =>
                events.AfterAsync(user, siteId, after ?? 0, limit ?? EventQueries.DefaultLimit, ct))
            .WithName("GetEvents")
            .WithSummary("Events after a sequence number, in order, for catching up.")
            .Produces<EventPage>()
            .RequireSitePermission(Permission.ViewBoard);
        return site;
    }
}
