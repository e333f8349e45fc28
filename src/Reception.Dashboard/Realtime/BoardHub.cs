using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Reception.Dashboard.Client;

namespace Reception.Dashboard.Realtime;

/// <summary>
/// The live board. A client joins a site's group, buffers what is pushed, loads the snapshot at
/// sequence S and drops pushed events up to S; after a drop it asks for the events it missed.
/// The hub never broadcasts by itself: only <see cref="EventPublisher"/> and the heartbeat send.
/// </summary>
[Authorize]
public sealed class BoardHub(EventQueries events, HubConnections connections, PrincipalCheck access) : Hub<IBoardClient>
{
    public const string Path = "/hubs/board";

    public override async Task OnConnectedAsync()
    {
        connections.Add(Context);
        // A change that landed between this connection's sign-in check and its registration above
        // would not have closed it; look once more now that it is registered.
        if (!await access.StillValidAsync(Context.User!, Context.ConnectionAborted))
        {
            Context.Abort();
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Joins the site's group, then answers the last committed sequence number: everything after
    /// it will be pushed to this connection, so pushes at or below it can be dropped.
    /// </summary>
    public async Task<StreamPosition> JoinSite(Guid siteId)
    {
        try
        {
            return await events.PositionAsync(Call(siteId), () => Groups.AddToGroupAsync(Context.ConnectionId, EventPublisher.GroupName(siteId)));
        }
        catch (NotFoundException)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, EventPublisher.GroupName(siteId));
            throw;
        }
    }

    public Task LeaveSite(Guid siteId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, EventPublisher.GroupName(siteId));

    public Task<EventPage> GetEventsAfter(Guid siteId, long after, int limit) =>
        events.AfterAsync(Call(siteId), after, limit);

    /// <summary>A hub method's call context: the connection's user, until the connection ends. The hub takes no idempotency keys: it only reads.</summary>
    private SiteCall Call(Guid siteId) => new(Context.User!, siteId, null, Context.ConnectionAborted);
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
