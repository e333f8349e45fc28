using Microsoft.AspNetCore.SignalR;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Infrastructure;

namespace Reception.Dashboard.Realtime;

/// <summary>
/// The live board. A client joins a site's group, buffers what is pushed, loads the snapshot at
/// sequence S and drops pushed events up to S; after a drop it asks for the events it missed.
/// The hub never broadcasts by itself: only <see cref="EventPublisher"/> and the heartbeat send.
/// </summary>
public sealed class BoardHub(EventQueries events, EventPublisher publisher) : Hub<IBoardClient>
{
    public const string Path = "/hubs/board";

    public async Task<StreamPosition> JoinSite(Guid siteId)
    {
        var position = publisher.Position(siteId) ?? await events.PositionAsync(siteId, Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, EventPublisher.GroupName(siteId));
        return position;
    }

    public Task LeaveSite(Guid siteId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, EventPublisher.GroupName(siteId));

    public Task<EventPage> GetEventsAfter(Guid siteId, long after, int limit) =>
        events.AfterAsync(siteId, after, limit, Context.ConnectionAborted);
}

/// <summary>Hub callers get the same clear refusal an API caller gets, not "an unexpected error occurred".</summary>
public sealed class DomainErrorHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (DomainException ex)
        {
            var details = ex is RuleViolationException rule
                ? " " + string.Join(" ", rule.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))
                : "";
            throw new HubException(ex.Message + details);
        }
    }
}
