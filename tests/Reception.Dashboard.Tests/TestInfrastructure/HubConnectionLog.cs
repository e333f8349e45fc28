using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Reception.Dashboard.Features.Accounts;

namespace Reception.Dashboard.Tests.TestInfrastructure;

/// <summary>
/// A hub filter that notes each hub connection as it opens, so a test can act on a client's
/// connection from the server's side. (A client that skips negotiation, as the SDK does, never
/// learns its own connection id.) Add it with <c>services.Configure&lt;HubOptions&gt;(o =&gt; o.AddFilter(log))</c>.
/// </summary>
public sealed class HubConnectionLog : IHubFilter
{
    private readonly ConcurrentQueue<(string ConnectionId, bool WithToken)> _opened = new();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        _opened.Enqueue((context.Context.ConnectionId, context.Context.User?.TokenIdOf() is not null));
    }

    /// <summary>The server's id of the connection last opened with an access token.</summary>
    public string LastTokenConnection() =>
        _opened.LastOrDefault(c => c.WithToken).ConnectionId ?? throw new InvalidOperationException("No hub connection was opened with an access token.");
}
