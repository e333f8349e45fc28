using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Reception.Dashboard.Features.Accounts;

namespace Reception.Dashboard.Realtime;

/// <summary>
/// The open hub connections of each user, so that a role change, a disabled account or a revoked
/// token closes them at once; the client then reconnects with what it may still do.
/// </summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> _byUser = new();

    public void Add(HubCallerContext context)
    {
        if (context.User?.UserId() is { } userId)
        {
            _byUser.GetOrAdd(userId, _ => new()).TryAdd(context.ConnectionId, context);
        }
    }

    public void Remove(HubCallerContext context)
    {
        if (context.User?.UserId() is { } userId && _byUser.TryGetValue(userId, out var connections))
        {
            connections.TryRemove(context.ConnectionId, out _);
        }
    }

    public void AbortAll(Guid userId)
    {
        if (_byUser.TryRemove(userId, out var connections))
        {
            foreach (var connection in connections.Values)
            {
                connection.Abort();
            }
        }
    }
}
